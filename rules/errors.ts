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

/** A character a terminal would act on or cannot show: C0 and C1 controls, DEL, line separators, lone surrogates. */
function unprintable(code: number, keepNewlines: boolean): boolean {
    if (keepNewlines && (code === 0x0a || code === 0x09)) {
        return false;
    }
    return (
        code < 0x20 ||
        (code >= 0x7f && code <= 0x9f) ||
        code === 0x2028 ||
        code === 0x2029 ||
        code === 0xfffd ||
        (code >= 0xd800 && code <= 0xdfff)
    );
}

/**
 * Text from a file or the command line made safe to print: every control character, binary byte decoded as
 * such, and lone surrogate written as \uXXXX (newlines and tabs kept only when asked, for multi-line messages).
 */
export function escapeControls(text: string, keepNewlines = false): string {
    let out = "";
    for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        const pair = code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && /[\udc00-\udfff]/.test(text[i + 1]);
        if (pair) {
            out += text[i] + text[++i];
        } else {
            out += unprintable(code, keepNewlines) ? `\\u${code.toString(16).padStart(4, "0")}` : text[i];
        }
    }
    return out;
}

/** Quote a user-supplied value for an error message without letting it forge extra lines. */
export function quoteValue(value: unknown): string {
    if (value === undefined) {
        return "undefined";
    }
    const text = typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
    return escapeControls(JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text));
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
