/**
 * The corrected twin of a trust policy for @cloud-copilot/iam-simulate, where the simulator departs from
 * the IAM User Guide on policy variables, so the differential test compares every policy instead of
 * setting such documents aside. Each correction rewrites only what the simulator reads otherwise than
 * IAM, and each is pinned by a case of tests/conformance/trust-variables.test.ts:
 * 1. Under Version 2008-10-17, or with no Version, IAM reads `${...}` as literal text ("IAM JSON policy
 *    elements: Version"); the simulator substitutes it. The twin writes `${` as `＄{`, which the
 *    simulator reads literally, and a witness's claims are written the same way (`twinClaim`).
 * 2. Under 2012-10-17 the special characters `${*}`, `${?}` and `${$}` stand for `*`, `?` and `$` in
 *    every string operator ("IAM policy elements: Variables and tags", special characters); the simulator
 *    substitutes them only under StringLike and StringNotLike. Under the other string operators, which
 *    compare literally, the twin writes the character itself.
 * 3. A variable of no value matches nothing, and inverted operators "do match against a null value"
 *    ("Policy variables with no value"); the simulator fails the inverted operator too. Under a negated
 *    operator the twin drops such a value (it excludes nothing), and drops the key when no value is left
 *    (the condition then holds whatever the request carries; under ForAnyValue, whenever the key is
 *    present, so the twin says so with `Null: false`). A variable has no value in the simulator's
 *    requests when it has no default and names a principal tag other than the one the differential's
 *    AWS requests carry (aws:PrincipalTag/team), a claim IAM does not document for a custom OIDC provider,
 *    or another issuer's claim: so the twin is made per requester (`Requester`).
 */
const LITERAL_DOLLAR = "\uFF04";
const VARIABLE = /\$\{([^}]*)\}/g;
const SPECIAL: Readonly<Record<string, string>> = { "*": "*", "?": "?", $: "$" };

const statementsOf = (policy: any): any[] =>
    Array.isArray(policy?.Statement) ? policy.Statement : policy?.Statement ? [policy.Statement] : [];

/** A claim value as the twin of a 2008-10-17 document reads it. */
export function twinClaim(policy: unknown, value: string): string {
    return (policy as any)?.Version === "2012-10-17" ? value : value.split("${").join(`${LITERAL_DOLLAR}{`);
}

/** Who asks: a web identity token's issuer, a SAML session, or an AWS principal or service. */
export type Requester = { readonly issuer: string } | "saml" | "aws";

/**
 * Whether a variable has no value in the simulator's requests of this requester: no default, and a
 * principal tag those requests never carry (the differential gives AWS requests aws:PrincipalTag/team,
 * and federated ones no tag at all), a claim other than sub and aud, or another issuer's claim.
 */
function hasNoValue(inner: string, requester: Requester): boolean {
    const issuer = typeof requester === "object" ? requester.issuer : undefined;
    if (inner.includes(", '")) {
        return false;
    }
    const key = inner.toLowerCase();
    const claim = /^([a-z0-9.-]+\.[a-z]+):([a-z_]+)$/.exec(key);
    if (claim !== null) {
        return !(claim[2] === "sub" || claim[2] === "aud") || claim[1] !== issuer;
    }
    return key.startsWith("aws:principaltag/") && (key !== "aws:principaltag/team" || requester !== "aws");
}

/** One operator's block, corrected; `present` are keys left with no value under ForAnyValue (which needs the key). */
function twinBlock(
    base: string,
    anyValue: boolean,
    block: Record<string, unknown>,
    requester: Requester,
): { block: Record<string, unknown>; present: string[] } {
    const noValue = (v: unknown) => typeof v === "string" && [...v.matchAll(VARIABLE)].some((m) => hasNoValue(m[1], requester));
    const out: Record<string, unknown> = {};
    const present: string[] = [];
    const like = base === "stringlike" || base === "stringnotlike";
    for (const [key, value] of Object.entries(block)) {
        let values = Array.isArray(value) ? value : [value];
        if (base.startsWith("stringnot")) {
            values = values.filter((v) => !noValue(v));
            if (values.length === 0) {
                // Every value of the request is unlike a null value; ForAnyValue still needs one value.
                if (anyValue) {
                    present.push(key);
                }
                continue;
            }
        }
        if (!like && base.startsWith("string")) {
            values = values.map((v) =>
                typeof v === "string" ? v.replace(VARIABLE, (whole, inner: string) => SPECIAL[inner] ?? whole) : v,
            );
        }
        out[key] = Array.isArray(value) ? values : values[0];
    }
    return { block: out, present };
}

/** The twin the simulator is asked instead of `policy` for one requester; the same object when nothing departs. */
export function simulatorTwin(policy: any, requester: Requester): any {
    const text = JSON.stringify(policy);
    if (!text.includes("${")) {
        return policy;
    }
    if (policy?.Version !== "2012-10-17") {
        return JSON.parse(text.split("${").join(`${LITERAL_DOLLAR}{`));
    }
    const copy = JSON.parse(text);
    for (const s of statementsOf(copy)) {
        const condition = s?.Condition;
        if (condition === null || typeof condition !== "object") {
            continue;
        }
        for (const [op, block] of Object.entries(condition)) {
            if (block !== null && typeof block === "object" && !Array.isArray(block)) {
                const base = op
                    .replace(/^for(anyvalue|allvalues):/i, "")
                    .replace(/ifexists$/i, "")
                    .toLowerCase();
                const twin = twinBlock(base, /^foranyvalue:/i.test(op), block as Record<string, unknown>, requester);
                if (Object.keys(twin.block).length === 0) {
                    delete condition[op];
                } else {
                    condition[op] = twin.block;
                }
                for (const key of twin.present) {
                    // Another spelling when Null already tests the key: the simulator evaluates both (keys ignore case).
                    const spelled = condition.Null?.[key] !== undefined ? key.toUpperCase() : key;
                    condition.Null = { ...(condition.Null ?? {}), [spelled]: "false" };
                }
            }
        }
        if (Object.keys(condition).length === 0) {
            delete s.Condition;
        }
    }
    return copy;
}
