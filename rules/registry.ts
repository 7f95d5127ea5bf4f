/**
 * Every rule, in one list the policy pack, `warp-bedrock lint` and synth iterate, and the one entry
 * point for judging a trust policy: the engine's answer turned into findings by the trust rules.
 */
import { Finding, RULE_NAMES, RuleInfo, RuleName } from "./findings";
import { RESOURCE_RULES } from "./resource-rules";
import { TRUST_RULES } from "./trust-rules";
import { PACK_WORDS, TrustRule, Vocabulary } from "./trust-rules/rule";
import type { TrustRuleConfig } from "./trust/config";
import { TrustAnswer, TrustEngine, analyzeTrust } from "./trust/engine";

export const ALL_RULES: readonly RuleInfo[] = [...TRUST_RULES, ...RESOURCE_RULES];

export const RULES = Object.fromEntries(ALL_RULES.map((r) => [r.name, r])) as Readonly<Record<RuleName, RuleInfo>>;

if (RULE_NAMES.some((n) => RULES[n] === undefined)) {
    throw new Error(`rules/registry.ts: a rule name has no module: ${RULE_NAMES.filter((n) => RULES[n] === undefined).join(", ")}`);
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

export { TRUST_RULES };
