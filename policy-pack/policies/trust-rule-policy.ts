/** One CrossGuard policy per trust rule of the registry: judge Warp roles with the engine's answer. */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { PACK_WORDS, TrustRule } from "../../rules/trust-rules/rule";
import { RESOURCE_TYPES } from "../../rules/constants";
import { report } from "./report";
import { roleLabel, roleTrust, trustConfigFrom } from "./role-trust";
import { trustSchema } from "./settings";

export function trustRulePolicy(rule: TrustRule): ResourceValidationPolicy {
    return {
        name: rule.name,
        description: rule.description,
        enforcementLevel: rule.level,
        remediationSteps: rule.remediation,
        configSchema: trustSchema(rule.configKeys),
        validateResource: (args, reportViolation) => {
            if (args.type !== RESOURCE_TYPES.role) {
                return;
            }
            const config = trustConfigFrom(rule.name, args.getConfig<Record<string, unknown>>());
            const trust = roleTrust(args.props, config);
            // An unknown trust policy is reported once, by warp-trust-policy-unknown, not by every rule.
            if (!trust.known || (!trust.answer.warpTrusted && !trust.answer.mentionsWarp)) {
                return;
            }
            const findings = rule.check(trust.answer, PACK_WORDS);
            const subject = findings.length > 0 ? roleLabel(args.name, args.props) : "";
            for (const f of findings) {
                report(reportViolation, rule.level, f, { subject });
            }
        },
    };
}
