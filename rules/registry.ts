/**
 * Every rule, in one list the policy pack, `warp-bedrock lint` and synth iterate, and the one entry
 * point for judging a trust policy: the engine's answer turned into findings by the trust rules.
 */
import { Finding, RuleInfo, RuleName } from "./findings";
import { parsePolicyDocument } from "./iam/document";
import type { LanguageCache } from "./iam/languages";
import { DEFAULT_PERMISSIONS_SETTINGS, PermissionsSettings, RoleJudgement, judgeRole } from "./permissions/role";
import { PERMISSIONS_RULES } from "./permissions-rules";
import type { PermissionsFinding, PermissionsRule } from "./permissions-rules/rule";
import { RESOURCE_RULES } from "./resource-rules";
import { TRUST_RULES } from "./trust-rules";
import { PACK_WORDS, TrustRule, Vocabulary } from "./trust-rules/rule";
import type { TrustRuleConfig } from "./trust/config";
import { TrustAnswer, TrustEngine, analyzeTrust } from "./trust/engine";

export const ALL_RULES: readonly RuleInfo[] = [...TRUST_RULES, ...PERMISSIONS_RULES, ...RESOURCE_RULES];

/** Every rule's name, from the rule folders and the resource rules. */
export const RULE_NAMES: readonly RuleName[] = ALL_RULES.map((r) => r.name);

export const RULES = Object.fromEntries(ALL_RULES.map((r) => [r.name, r])) as Readonly<Record<RuleName, RuleInfo>>;

/** Every permissions rule's findings (or the ones given) on the judgement of one role. */
export function permissionsFindings<R>(
    j: RoleJudgement<R>,
    rules: readonly PermissionsRule[] = PERMISSIONS_RULES,
): PermissionsFinding<R>[] {
    return rules.flatMap((r) => r.check(j));
}

/** The findings of the trust rules (all, or the ones given) on one engine answer. */
export function trustFindings(answer: TrustAnswer, words: Vocabulary = PACK_WORDS, rules: readonly TrustRule[] = TRUST_RULES): Finding[] {
    if (!answer.judged) {
        return [];
    }
    return rules.flatMap((r) => r.check(answer, words));
}

export interface TrustAnalysis {
    answer: TrustAnswer;
    findings: Finding[];
}

/** Every trust rule over one document. `config` fields left out take their defaults. */
export function analyzeTrustPolicy(
    input: unknown,
    config: Partial<TrustRuleConfig> = {},
    engine = new TrustEngine(),
    words: Vocabulary = PACK_WORDS,
): TrustAnalysis {
    const answer = analyzeTrust(input, config, engine);
    return { answer, findings: trustFindings(answer, words) };
}

export interface PermissionsAnalysis {
    judgement: RoleJudgement<number>;
    findings: PermissionsFinding<number>[];
}

/**
 * Every permissions rule over the documents reaching one role (JSON text, objects or parsed models),
 * as `lint` and the component's self-check judge them. `settings` fields left out take their defaults.
 */
export function analyzePermissionsPolicy(
    input: unknown,
    settings: Partial<PermissionsSettings> = {},
    cache?: LanguageCache,
    label = "the permissions policy",
): PermissionsAnalysis {
    const judgement = judgeRole(
        { routes: [{ kind: "document", label, parsed: parsePolicyDocument(input), ref: 0 }] },
        { ...DEFAULT_PERMISSIONS_SETTINGS, ...settings },
        cache,
    );
    return { judgement, findings: permissionsFindings(judgement) };
}

export { PERMISSIONS_RULES, TRUST_RULES };
