/**
 * The account tools' questions about a trust policy, all answered by the semantic trust engine
 * (rules/trust): the verdict with findings, whether one concrete Warp token gets in (the engine's
 * admitsToken), and whether two policies admit exactly the same requests. Who gets in, in words, is the
 * engine's one description (rules/trust/describe.ts).
 */
import { analyzeTrustPolicy } from "../rules/registry";
import { MAX_TRUST_POLICY_LIMIT } from "../rules/policy-size";
import { CLI_WORDS } from "../rules/trust-rules/rule";
import type { Finding } from "../rules/findings";
import { findPoint, intersectBoxes } from "../rules/trust/boxes";
import { TrustRuleConfig, trustConfig } from "../rules/trust/config";
import { TrustAnswer, TrustEngine } from "../rules/trust/engine";
import { Evaluation, evaluate } from "../rules/trust/evaluate";
import { parsePolicyDocument } from "../rules/iam/document";
import { Request } from "../rules/trust/requests";
import { enumerateRequests } from "../rules/trust/universe";
import { Witness, witnessOf } from "../rules/trust/witness";

export interface TrustVerdict {
    answer: TrustAnswer;
    findings: Finding[];
    /** A Warp token gets in, or the policy names a Warp host and none reaches it: the account tools report it. */
    inScope: boolean;
}

/**
 * The one entry point for a trust policy's verdict: the registry's trust rules over the engine's answer.
 * A trust policy read from an account is one IAM accepted, so the account's length quota is at least its
 * length: unless the caller says otherwise it is judged against IAM's largest quota.
 */
export function trustVerdict(doc: unknown, config: Partial<TrustRuleConfig>, engine: TrustEngine): TrustVerdict {
    const quota = { trustPolicyLengthQuota: config.trustPolicyLengthQuota ?? MAX_TRUST_POLICY_LIMIT };
    const { answer, findings } = analyzeTrustPolicy(doc, { ...config, ...quota }, engine, CLI_WORDS);
    return { answer, findings, inScope: answer.warpTrusted || (answer.mentionsWarp && answer.broken) };
}

export { admitsToken } from "../rules/trust/engine";

export interface TrustDifference {
    /** Which policy lets the request in. */
    admittedBy: "before" | "after";
    witness: Witness;
    /** Allow statements of that policy through which it gets in. */
    statements: readonly number[];
}

function requestKey(r: Request): string {
    return JSON.stringify({ ...r, fresh: undefined });
}

/** A request `a` lets in and `b` does not, if there is one. */
function oneWayDifference(engine: TrustEngine, a: Evaluation, b: Evaluation): { witness: Witness; statements: number[] } | undefined {
    for (const clause of a.allows) {
        // Inside a's clause, outside a's denies and outside every b allow...
        const point = findPoint(engine.cache, a.space, clause.box, [...a.denies, ...b.allows.map((x) => x.box)]);
        if (point !== undefined) {
            return { witness: witnessOf(a.request, point, clause.assumed), statements: [clause.index] };
        }
        // ...or inside one of b's denies.
        for (const d of b.denies) {
            const inDeny = findPoint(engine.cache, a.space, intersectBoxes(clause.box, d), a.denies);
            if (inDeny !== undefined) {
                return { witness: witnessOf(a.request, inDeny, clause.assumed), statements: [clause.index] };
            }
        }
    }
    return undefined;
}

/**
 * Whether two trust policies let in exactly the same requests, as the engine reads them; each
 * difference comes with a request that gets in through one and not the other. Both are evaluated over
 * the union of their request universes, so a principal only one of them names is still compared.
 */
export function trustDifferences(
    before: unknown,
    after: unknown,
    partial: Partial<TrustRuleConfig>,
    engine: TrustEngine,
): TrustDifference[] {
    const config = trustConfig(partial);
    const a = parsePolicyDocument(before);
    const b = parsePolicyDocument(after);
    if (!a.ok || !b.ok) {
        throw new Error(
            `cannot compare trust policies: the ${a.ok ? "new" : "existing"} one ${a.ok ? (b as { problem: string }).problem : a.problem}`,
        );
    }
    const requests = new Map<string, Request>();
    for (const r of [...enumerateRequests(a.doc, config), ...enumerateRequests(b.doc, config)]) {
        if (!requests.has(requestKey(r))) {
            requests.set(requestKey(r), r);
        }
    }
    const out: TrustDifference[] = [];
    for (const r of requests.values()) {
        const ea = evaluate(a.doc, r, config.warpIssuers, a.doc.version !== "2012-10-17");
        const eb = evaluate(b.doc, r, config.warpIssuers, b.doc.version !== "2012-10-17");
        const lost = oneWayDifference(engine, ea, eb);
        if (lost) {
            out.push({ admittedBy: "before", ...lost });
        }
        const gained = oneWayDifference(engine, eb, ea);
        if (gained) {
            out.push({ admittedBy: "after", ...gained });
        }
    }
    return out;
}
