/**
 * Reads a `Pulumi.<stack>.yaml` file into the config map the Pulumi CLI would hand the program:
 * `project:key` names, text values as written and structured values as JSON text.
 */
import * as fs from "fs";
import * as path from "path";
import { closest, distance } from "fastest-levenshtein";
import * as YAML from "yaml";
import { STACK_CONFIG_KEYS } from "../components/stack-config";
import { PROJECT_NAME } from "../rules/constants";

/** The project whose config keys the stack program reads. */
export const PROJECT = PROJECT_NAME;

/** A problem with the stack file itself (unreadable, not YAML, wrong shape); exit code 2. */
export class StackFileError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "StackFileError";
    }
}

export interface StackFile {
    file: string;
    /** From the file name `Pulumi.<stack>.yaml`, as the Pulumi CLI names stacks. */
    stack: string;
    config: Record<string, string>;
    /** `aws:region` from the file, when set. */
    region?: string;
    /** Keys the program will not read; printed so a typo does not pass silently. */
    warnings: string[];
}

function stackNameFromFile(file: string): string {
    const base = path.basename(file);
    const m = /^Pulumi\.(.+)\.ya?ml$/.exec(base);
    return m ? m[1] : base.replace(/\.ya?ml$/, "");
}

/** The setting a misspelt key most likely meant: same letters in another case, or one or two edits away. */
function nearestSetting(name: string, known: Set<string>): string | undefined {
    const lower = name.toLowerCase();
    const sameLetters = [...known].find((k) => k.toLowerCase() === lower);
    if (sameLetters) {
        return sameLetters;
    }
    const candidate = closest(
        lower,
        [...known].map((k) => k.toLowerCase()),
    );
    const limit = name.length <= 4 ? 1 : 2;
    return distance(lower, candidate) <= limit ? [...known].find((k) => k.toLowerCase() === candidate) : undefined;
}

/** Why the program will not read `namespace:name`, with the key it probably meant; undefined when it reads it. */
function unusedKeyWarning(namespace: string, name: string, known: Set<string>): string | undefined {
    const key = `${namespace}:${name}`;
    if (namespace === PROJECT) {
        if (known.has(name)) {
            return undefined;
        }
        const meant = nearestSetting(name, known);
        const required = meant === "teamUid" ? " (a required setting of a team stack)" : "";
        return meant
            ? `${key} is not a setting of this stack program; it is ignored. Did you mean ${PROJECT}:${meant}${required}? Rename the key`
            : `${key} is not a setting of this stack program; it is ignored (settings: ${[...known].join(", ")})`;
    }
    if (namespace === "aws") {
        return undefined;
    }
    const meant = known.has(name) ? name : nearestSetting(name, known);
    return meant
        ? `${key} is under project ${namespace}, but this stack program is ${PROJECT} and reads ${PROJECT}:${meant}; it is ignored. Write the key as ${PROJECT}:${meant} (or ${meant}), as this stack program names it`
        : `${key} is neither a ${PROJECT} nor an aws setting; it is ignored`;
}

export function readStackFile(file: string): StackFile {
    const raw = configMap(file, parseYaml(file, readText(file)));
    const known = new Set<string>(STACK_CONFIG_KEYS);
    const config: Record<string, string> = {};
    const warnings: string[] = [];
    for (const [written, value] of Object.entries(raw)) {
        // Pulumi puts a key without a namespace in the project's namespace.
        const key = written.includes(":") ? written : `${PROJECT}:${written}`;
        const [namespace, name] = [key.slice(0, key.indexOf(":")), key.slice(key.indexOf(":") + 1)];
        refuseSecret(file, key, value);
        if (value === null || value === undefined) {
            continue;
        }
        const warning = unusedKeyWarning(namespace, name, known);
        if (warning) {
            warnings.push(warning);
        }
        config[key] = typeof value === "string" ? value : JSON.stringify(value);
    }
    const region = config["aws:region"];
    return { file, stack: stackNameFromFile(file), config, ...(region !== undefined ? { region } : {}), warnings };
}

function readText(file: string): string {
    try {
        return fs.readFileSync(file, "utf8");
    } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : (e as Error).message;
        throw new StackFileError(`cannot read stack config file ${file}: ${why}`);
    }
}

function parseYaml(file: string, text: string): unknown {
    try {
        return YAML.parse(text);
    } catch (e) {
        const detail = (e as Error).message.split("\n")[0].replace(/:$/, "");
        throw new StackFileError(`${file} is not valid YAML: ${detail}`);
    }
}

/** The file's `config` map; an empty file has none. */
function configMap(file: string, parsed: unknown): Record<string, unknown> {
    const doc = parsed ?? {};
    if (typeof doc !== "object" || Array.isArray(doc)) {
        throw new StackFileError(`${file} is not a Pulumi stack config file: expected a map with a "config" key`);
    }
    const raw = (doc as Record<string, unknown>).config ?? {};
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
        throw new StackFileError(`${file}: "config" must be a map of keys such as ${PROJECT}:teamUid to values`);
    }
    return raw as Record<string, unknown>;
}

function refuseSecret(file: string, key: string, value: unknown): void {
    if (value !== null && typeof value === "object" && !Array.isArray(value) && "secure" in value) {
        throw new StackFileError(
            `${file}: ${key} is encrypted (secure:), and synth cannot decrypt Pulumi secrets. Put a plain value in a copy of the file to preview it`,
        );
    }
}
