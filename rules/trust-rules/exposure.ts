/** The shape every exposure rule shares: one finding per way out, each with its witness. */
import { Finding, RuleInfo, finding } from "../findings";
import type { Exposure, ExposureWay, TrustAnswer } from "../trust/engine";
import { TrustConfigKey, TrustRule, Vocabulary, where } from "./rule";

export interface ExposureRuleSpec extends Omit<RuleInfo, "tier" | "level"> {
    readonly ways: readonly ExposureWay[];
    readonly configKeys: readonly TrustConfigKey[];
    /** What is wrong, before the witness. */
    problem(e: Exposure, answer: TrustAnswer): string;
    fix(e: Exposure, answer: TrustAnswer, words: Vocabulary): string;
}

function exposureFinding(rule: TrustRule, spec: ExposureRuleSpec, e: Exposure, answer: TrustAnswer, words: Vocabulary): Finding {
    const first = answer.doc?.statements[e.statements[0]];
    const f = finding(
        rule,
        `${spec.problem(e, answer)}: ${e.witness.description} gets in`,
        spec.fix(e, answer, words),
        first && where(first),
    );
    f.witness = e.witness;
    f.statements = [...e.statements];
    return f;
}

export function exposureRule(spec: ExposureRuleSpec): TrustRule {
    const rule: TrustRule = {
        name: spec.name,
        tier: "exposure",
        level: "mandatory",
        description: spec.description,
        remediation: spec.remediation,
        configKeys: spec.configKeys,
        check: (answer, words) =>
            answer.exposures.filter((e) => spec.ways.includes(e.way)).map((e) => exposureFinding(rule, spec, e, answer, words)),
    };
    return rule;
}
