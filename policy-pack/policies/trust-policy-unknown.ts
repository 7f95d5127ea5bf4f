/**
 * During preview a trust policy built from values of resources not created yet (a new provider's ARN,
 * say) is unknown. The trust rules cannot judge it then; this says so instead of passing silently.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { trustPolicyUnknown as INFO } from "../../rules/resource-rules/trust-policy-unknown";
import { RESOURCE_TYPES } from "../../rules/constants";
import { report } from "./report";
import { NEEDS_COPY, NOT_KNOWN, readKnown, readRaw } from "./resource-values";
import { roleLabel, trustConfigFrom } from "./role-trust";
import { schema } from "./settings";

const RULE = INFO.name;

export const trustPolicyUnknown: ResourceValidationPolicy = {
    name: RULE,
    description: INFO.description,
    enforcementLevel: INFO.level,
    remediationSteps: INFO.remediation,
    configSchema: schema(),
    validateResource: (args, reportViolation) => {
        if (args.type !== RESOURCE_TYPES.role) {
            return;
        }
        // Validates the config like every policy, though only knowing whether the document is known matters here.
        trustConfigFrom(RULE, args.getConfig<Record<string, unknown>>());
        const raw = readRaw(args.props, "assumeRolePolicy");
        if (raw !== NOT_KNOWN && raw !== NEEDS_COPY) {
            return;
        }
        const trust = raw === NOT_KNOWN ? { known: false as const, path: ".assumeRolePolicy" } : readKnown(args.props, "assumeRolePolicy");
        for (const f of INFO.check(trust)) {
            report(reportViolation, INFO.level, f, { subject: roleLabel(args.name, args.props) });
        }
    },
};
