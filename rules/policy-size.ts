/**
 * IAM's size quotas for policies (IAM User Guide, "IAM and AWS STS quotas", "IAM and STS character
 * limits"): a role trust policy may hold 2,048 characters by default, raisable to 8,192 by quota; a
 * managed policy 6,144; a role's inline policies 10,240 in all. "IAM doesn't count white space when
 * calculating the size of a policy against these quotas."
 */
export const DEFAULT_TRUST_POLICY_LIMIT = 2048;
export const MAX_TRUST_POLICY_LIMIT = 8192;
export const MANAGED_POLICY_LIMIT = 6144;
export const INLINE_POLICY_LIMIT = 10240;

export function iamPolicyLength(doc: unknown): number {
    const text = typeof doc === "string" ? doc : JSON.stringify(doc);
    return text.replace(/\s/g, "").length;
}

/** Why a trust-policy length quota is not one IAM can have, or undefined when it is one. */
export function trustPolicyQuotaProblem(value: unknown): string | undefined {
    return Number.isInteger(value) && (value as number) >= DEFAULT_TRUST_POLICY_LIMIT && (value as number) <= MAX_TRUST_POLICY_LIMIT
        ? undefined
        : `must be IAM's role trust policy length quota for the account: a whole number from ${DEFAULT_TRUST_POLICY_LIMIT} (the default) to ${MAX_TRUST_POLICY_LIMIT}, got ${JSON.stringify(value)}`;
}

/** The finding's words for a policy over a size quota. */
export function overQuota(what: string, length: number, limit: number, quota: string, verb = "is"): string {
    return `${what} ${verb} ${length} characters without white space, over IAM's ${quota} of ${limit} ("IAM and AWS STS quotas"; IAM doesn't count white space), so IAM refuses it`;
}
