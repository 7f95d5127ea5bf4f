/**
 * During preview a trust policy built from values of resources not created yet (a new provider's ARN,
 * say) is unknown. The trust rules cannot judge it then; this says so instead of passing silently.
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { trustPolicyUnknown as INFO } from "../../rules/resource-rules";
import { RESOURCE_TYPES } from "../../rules/constants";
import { report, unknownInPreview } from "./report";
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
        if (trust.known) {
            return;
        }
        report(
            reportViolation,
            INFO.level,
            unknownInPreview(INFO, `the trust policy (assumeRolePolicy${trust.path === ".assumeRolePolicy" ? "" : `, at ${trust.path}`})`, {
                then: ", so the trust engine could not judge who can assume the role yet; they check it during `pulumi up`, before the role is created or changed",
                fix: "To have it checked in preview too, build the trust policy from values known before the update, such as the OIDC provider ARN built from the partition, account ID and issuer host.",
            }),
            { subject: roleLabel(args.name, args.props) },
        );
    },
};
