/**
 * What a trust rule is: its metadata, the config keys it reads, and a check over the engine's answer.
 * Findings name settings in the reader's own words: the pack's config keys, or lint's flags.
 */
import type { Finding, RuleInfo } from "../findings";
export { where } from "../findings";
import type { Statement } from "../iam/document";
import type { TrustRuleConfig } from "../trust/config";
import type { TrustAnswer } from "../trust/engine";

/** The settings a user configures per rule (the role's account and lint's --team intent come from elsewhere). */
export type TrustConfigKey = Exclude<keyof TrustRuleConfig, "meantForWarp" | "account">;

/** How a finding names a setting: `allowedTeamUids in the pack's config` or `--team`. */
export type Vocabulary = Readonly<Record<TrustConfigKey, string>>;

export const PACK_WORDS: Vocabulary = {
    warpIssuers: "warpIssuers in the policy's config",
    allowedIssuers: "allowedIssuers in the policy's config",
    allowedTeamUids: "allowedTeamUids in the policy's config",
    allowedActorTypes: "allowedActorTypes in the policy's config",
    allowActorSpanningSubjects: "allowActorSpanningSubjects: true in the policy's config",
    trustPolicyLengthQuota: "trustPolicyLengthQuota in the policy's config",
};

export const CLI_WORDS: Vocabulary = {
    warpIssuers: "--issuer",
    allowedIssuers: "--issuer",
    allowedTeamUids: "--team",
    allowedActorTypes: "--actor-type",
    allowActorSpanningSubjects: "--allow-actor-spanning",
    trustPolicyLengthQuota: "--trust-policy-quota",
};

export interface TrustRule extends RuleInfo {
    /** The config keys the rule reads (besides warpIssuers, which every trust rule reads). */
    readonly configKeys: readonly TrustConfigKey[];
    check(answer: TrustAnswer, words: Vocabulary): Finding[];
}

/** The statements through which Warp tokens get in, for the convention rules. */
export function warpAllowStatements(answer: TrustAnswer): Statement[] {
    const doc = answer.doc;
    return doc === undefined ? [] : answer.warpStatements.map((i) => doc.statements[i]);
}

/** The host of the first allowed issuer, for wording fixes. */
export function firstIssuer(answer: TrustAnswer): string {
    return answer.config.allowedIssuers[0] ?? "app.warp.dev";
}

export function teamHint(answer: TrustAnswer): string {
    return answer.config.allowedTeamUids[0] ?? answer.team ?? "<team-uid>";
}
