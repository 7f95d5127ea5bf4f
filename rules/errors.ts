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
