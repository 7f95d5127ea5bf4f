/**
 * Which keys of a stack's config the stack program does not read, and which of those are near misses
 * of a key it does read (`namedAgent` for `namedAgents`, `my-infra:teamUid` for this project's
 * `teamUid`). A near miss is an error in `synth` and in the stack program: left as a warning it gives a
 * plan that quietly grants less (or more) than the admin wrote. The key `ignoredKeys` lists keys the
 * admin wants left alone (read by another tool, say): those are neither errors nor warnings.
 * Pure, so `synth` and the stack program share it.
 */
import { closest, distance } from "fastest-levenshtein";
import { PROJECT_NAME as PROJECT } from "../rules/constants";
import { ValidationError, quoteValue } from "../rules/errors";
import { STACK_CONFIG_KEYS } from "./stack-config";

/** The opt-out: a list of keys (`name` of this project, or `namespace:name`) the program leaves alone. */
export const IGNORED_KEYS_KEY: (typeof STACK_CONFIG_KEYS)[number] = "ignoredKeys";

const KNOWN: ReadonlySet<string> = new Set<string>(STACK_CONFIG_KEYS);

/** Namespaces whose keys belong to others and are never checked (the AWS provider's, Pulumi's own). */
const FOREIGN_NAMESPACES: ReadonlySet<string> = new Set(["aws", "pulumi"]);

export interface KeyProblems {
    /** Near misses of a setting: exit 2 in synth, an error in the stack program. */
    errors: ValidationError[];
    /** Keys that resemble no setting: printed, then ignored. */
    warnings: string[];
}

/** The setting a misspelt key most likely meant: same letters in another case, or one or two edits away. */
function nearestSetting(name: string): string | undefined {
    const lower = name.toLowerCase();
    const settings = [...KNOWN];
    const sameLetters = settings.find((k) => k.toLowerCase() === lower);
    if (sameLetters) {
        return sameLetters;
    }
    const candidate = closest(
        lower,
        settings.map((k) => k.toLowerCase()),
    );
    const limit = name.length <= 4 ? 1 : 2;
    return distance(lower, candidate) <= limit ? settings.find((k) => k.toLowerCase() === candidate) : undefined;
}

const OPT_OUT = `or, to keep the key for something else, list it under ${PROJECT}:${IGNORED_KEYS_KEY}`;

function nearMiss(key: string, namespace: string, meant: string): ValidationError {
    const required = meant === "teamUid" ? " (a required setting of a team stack)" : "";
    const problem =
        namespace === PROJECT
            ? `is not a setting of this stack program, and resembles ${PROJECT}:${meant}${required}`
            : `is under project ${namespace}, but this stack program is ${PROJECT} and reads ${PROJECT}:${meant}${required}`;
    return new ValidationError(key, problem, `Rename the key to ${PROJECT}:${meant} (or ${meant}), ${OPT_OUT}`);
}

/** The keys of `ignoredKeys` in `namespace:name` form; a value that is not a list of names is refused. */
export function ignoredKeysFrom(value: unknown): Set<string> {
    if (value === undefined || value === null || value === "") {
        return new Set();
    }
    if (!Array.isArray(value) || value.some((k) => typeof k !== "string" || k === "")) {
        throw new ValidationError(
            IGNORED_KEYS_KEY,
            `${quoteValue(value)} is not a list of key names`,
            "Write a YAML list such as [namedAgent]",
        );
    }
    return new Set(value.map((k: string) => (k.includes(":") ? k : `${PROJECT}:${k}`)));
}

/** Sorts every config key (`namespace:name`) the program does not read into errors and warnings. */
export function configKeyProblems(keys: Iterable<string>, ignored: ReadonlySet<string>): KeyProblems {
    const problems: KeyProblems = { errors: [], warnings: [] };
    for (const key of keys) {
        const colon = key.indexOf(":");
        const [namespace, name] = colon < 0 ? [PROJECT, key] : [key.slice(0, colon), key.slice(colon + 1)];
        const full = `${namespace}:${name}`;
        if (FOREIGN_NAMESPACES.has(namespace) || ignored.has(full) || (namespace === PROJECT && KNOWN.has(name))) {
            continue;
        }
        const meant = KNOWN.has(name) ? name : nearestSetting(name);
        if (meant !== undefined) {
            problems.errors.push(nearMiss(full, namespace, meant));
        } else {
            problems.warnings.push(
                namespace === PROJECT
                    ? `${full} is not a setting of this stack program; it is ignored (settings: ${[...KNOWN].join(", ")})`
                    : `${full} is neither a ${PROJECT} nor an aws setting; it is ignored`,
            );
        }
    }
    return problems;
}
