/**
 * An input problem the admin can fix. `field` is the argument or config key at fault, so the
 * message can point the admin at the exact line of their program or stack file.
 */
export class ValidationError extends Error {
    constructor(
        public readonly field: string,
        public readonly problem: string,
        public readonly fix: string,
    ) {
        super(`${field}: ${problem}. ${fix}`);
        this.name = "ValidationError";
    }
}

/** An optional argument left out: undefined, null, or the empty string a config file or another language may pass. */
export function isUnset(value: unknown): boolean {
    return value === undefined || value === null || value === "";
}

/** Quote a user-supplied value for an error message without letting it forge extra lines. */
export function quoteValue(value: unknown): string {
    if (value === undefined) {
        return "undefined";
    }
    const text = typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
    return JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text);
}

/** What a parsed JSON or YAML value is, in words: "an array", "the string \"x\"", "nothing (an empty document)". */
export function describeValue(value: unknown): string {
    if (value === undefined || value === null) {
        return "nothing (an empty document or null)";
    }
    if (Array.isArray(value)) {
        return `an array (of ${value.length} item${value.length === 1 ? "" : "s"})`;
    }
    if (typeof value === "object") {
        const keys = Object.keys(value);
        return keys.length === 0 ? "an empty map" : `a map with keys ${keys.slice(0, 5).join(", ")}${keys.length > 5 ? ", ..." : ""}`;
    }
    return typeof value === "string" ? `the string ${quoteValue(value)}` : `the ${typeof value} ${String(value)}`;
}
