/** The shape every per-role trust policy shares: judge Warp-trusted roles with one rule of the engine. */
import type { PolicyConfigSchema, ResourceValidationPolicy } from "@pulumi/policy";
import { RULES, RuleName } from "../../rules/findings";
import { ROLE_TYPE, report } from "./report";
import { roleLabel, roleTrustFindings, trustConfigFrom, useRuleConfig } from "./role-trust";

export function trustRulePolicy(rule: RuleName, configSchema: PolicyConfigSchema): ResourceValidationPolicy {
    const info = RULES[rule];
    return {
        name: rule,
        description: info.description,
        enforcementLevel: info.level,
        remediationSteps: info.remediation,
        configSchema,
        validateResource: (args, reportViolation) => {
            if (args.type !== ROLE_TYPE) {
                return;
            }
            const config = trustConfigFrom(rule, args.getConfig<Record<string, unknown>>());
            // Before the lookup, so a document seen first by this policy is judged for this rule in the same parse.
            useRuleConfig(rule, config);
            // An unknown trust policy is reported once, by warp-trust-policy-unknown, not by every rule.
            const findings = roleTrustFindings(args.props, rule, config);
            if (findings.length === 0) {
                return;
            }
            const subject = roleLabel(args.name, args.props);
            for (const f of findings) {
                report(reportViolation, info.level, f, { subject });
            }
        },
    };
}
