/** The shape every per-role trust policy shares: judge Warp-trusted roles with one rule of the engine. */
import type { PolicyConfigSchema, ResourceValidationPolicy } from "@pulumi/policy";
import { RULES, RuleName } from "../../rules/findings";
import { trustFindings } from "../../rules/trust-policy-rules";
import { ROLE_TYPE, report } from "./report";
import { roleLabel, roleTrust, trustConfigFrom } from "./role-trust";

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
            const trust = roleTrust(args.props, config.warpIssuers);
            // An unknown trust policy is reported once, by warp-trust-policy-unknown, not by every rule.
            if (!trust.known || !trust.model.warpTrusted) {
                return;
            }
            const subject = roleLabel(args.name, args.props);
            for (const f of trustFindings(trust.model, config, rule)) {
                report(reportViolation, info.level, f, { subject });
            }
        },
    };
}
