/**
 * IAM counts policy size without white space: a role trust policy may hold 2,048 characters by
 * default (raisable to 8,192 by quota), and a role's inline policies 10,240 in all.
 */
export const DEFAULT_TRUST_POLICY_LIMIT = 2048;
export const MAX_TRUST_POLICY_LIMIT = 8192;
export const INLINE_POLICY_LIMIT = 10240;

export function iamPolicyLength(doc: unknown): number {
    const text = typeof doc === "string" ? doc : JSON.stringify(doc);
    return text.replace(/\s/g, "").length;
}
