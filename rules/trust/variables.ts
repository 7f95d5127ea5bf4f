/**
 * Policy variables in a condition value, resolved for one kind of request as the IAM User Guide says
 * ("IAM policy elements: Variables and tags"), under Version 2012-10-17 only (under 2008-10-17, or with
 * no Version, `${...}` is literal text):
 * - `${*}`, `${?}` and `${$}` stand for a literal `*`, `?` and `$` ("Special characters").
 * - `${key, 'default'}` uses the default when the request does not carry the key ("Specifying default
 *   values": the default in single quotes, after a comma and a space).
 * - A variable whose key the request does not carry, with no default, has no value: "condition operators
 *   like StringEquals or StringLike do not match", and "inverted condition operators like StringNotEquals
 *   or StringNotLike do match against a null value" ("Policy variables with no value"). Either way the
 *   value compares with nothing the request holds: it adds nothing to the values a key is matched against.
 * - A variable naming the condition's own key, as the whole value (`"app.warp.dev:aud": "${app.warp.dev:aud}"`),
 *   is the request's own value, which every such operator matches (a value equals itself, and a pattern
 *   matches its own text), unless it is empty: an empty value is a null one (rules/trust/conditions.ts).
 * Anything else (a key the request carries with a value the engine does not model, or one claim's value
 * inside another's pattern) is not modelled.
 */

/** What a condition key is to a request: one of its modelled claims, a key it never carries, or neither. */
export type VariableKey = { readonly var: string } | { readonly absent: string } | "unmodelled";

/** One condition value after its variables are resolved. */
export type ResolvedValue =
    /** A value with no variable left (special characters as private-use characters). */
    | { readonly kind: "text"; readonly text: string }
    /** A value with a variable of no value: it matches nothing. */
    | { readonly kind: "null" }
    /** The condition key's own value. */
    | { readonly kind: "self" };

/** Private-use stand-ins for `${*}` and `${?}`, so a pattern can tell them from its wildcards. */
export const LITERAL_STAR = "\uE000";
export const LITERAL_QUESTION = "\uE001";

const SPECIAL: Readonly<Record<string, string>> = { "*": LITERAL_STAR, "?": LITERAL_QUESTION, $: "$" };
const VARIABLE = /\$\{([^}]*)\}/g;
const DEFAULT = /^(.*), '([^']*)'$/s;

interface Variable {
    readonly keyLower: string;
    readonly fallback?: string;
}

function variableOf(inner: string): Variable {
    const m = DEFAULT.exec(inner);
    return m ? { keyLower: m[1].toLowerCase(), fallback: m[2] } : { keyLower: inner.toLowerCase() };
}

/**
 * A condition value with its policy variables resolved, or undefined when one is not modelled.
 * `keyOf` says what a variable's key is to the request; `self` is the claim the condition tests.
 */
export function resolveValue(value: string, keyOf: (keyLower: string) => VariableKey, self: string | undefined): ResolvedValue | undefined {
    let unresolved = false;
    let empty = false;
    let selfRef = false;
    const text = value.replace(VARIABLE, (whole, inner: string) => {
        const special = SPECIAL[inner];
        if (special !== undefined) {
            return special;
        }
        const v = variableOf(inner);
        const role = keyOf(v.keyLower);
        if (role !== "unmodelled" && "absent" in role) {
            empty ||= v.fallback === undefined;
            return v.fallback ?? "";
        }
        if (role !== "unmodelled" && role.var === self && whole === value) {
            selfRef = true;
            return "";
        }
        unresolved = true;
        return whole;
    });
    if (empty) {
        return { kind: "null" };
    }
    if (selfRef) {
        return { kind: "self" };
    }
    return unresolved ? undefined : { kind: "text", text };
}
