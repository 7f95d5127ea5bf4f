/**
 * `synth --policy-pack-config FILE`: the pack's config as `pulumi preview --policy-pack-config FILE` takes
 * it (each policy's name to its enforcement level, or to an object of the level and the policy's keys), so
 * synth's verdicts are the ones preview gives with the same file.
 */
import { INPUT_LIMITS, readInputFile, refuseDeepNesting } from "../cli/input-file";
import { policies } from "../policy-pack/policies";
import type { PackConfig } from "../policy-pack/in-process";
import { describeValue, quoteValue } from "../rules/errors";
import { StackFileError } from "./stack-file";

const LEVELS = ["advisory", "mandatory", "remediate", "disabled"];

function bad(file: string, what: string): StackFileError {
    return new StackFileError(`--policy-pack-config: ${file} ${what}`);
}

function entryOf(file: string, name: string, value: unknown): PackConfig[string] {
    if (typeof value === "string") {
        if (!LEVELS.includes(value)) {
            throw bad(file, `sets ${name} to ${quoteValue(value)}; an enforcement level is ${LEVELS.join(", ")}`);
        }
        return { enforcementLevel: value as PackConfig[string]["enforcementLevel"] };
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
        throw bad(file, `sets ${name} to ${describeValue(value)}; write an enforcement level or an object of the policy's keys`);
    }
    const level = (value as { enforcementLevel?: unknown }).enforcementLevel;
    if (level !== undefined && (typeof level !== "string" || !LEVELS.includes(level))) {
        throw bad(file, `sets ${name}.enforcementLevel to ${quoteValue(level)}; it is one of ${LEVELS.join(", ")}`);
    }
    return value as PackConfig[string];
}

/** The file's config, every policy named in it checked against the pack; exit 2 naming the file and key otherwise. */
export function readPackConfig(file: string): PackConfig {
    const text = readInputFile(file, INPUT_LIMITS.document, (why) => bad(file, `cannot be read: ${why}`));
    let value: unknown;
    try {
        value = JSON.parse(text);
    } catch (e) {
        throw bad(file, `is not valid JSON (${(e as Error).message})`);
    }
    refuseDeepNesting(value, (why) => bad(file, `cannot be used: ${why}`));
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
        throw bad(file, `holds ${describeValue(value)}, not a map of policy names (see policy-pack/example-config.json)`);
    }
    const names = new Set(policies.map((p) => p.name));
    const config: PackConfig = {};
    for (const [name, entry] of Object.entries(value)) {
        if (!names.has(name)) {
            throw bad(file, `names ${quoteValue(name)}, which is not a policy of the pack (see policy-pack/example-config.json)`);
        }
        config[name] = entryOf(file, name, entry);
    }
    return config;
}
