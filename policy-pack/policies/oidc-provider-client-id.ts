/** Stack-wide: an IAM OIDC provider for a Warp issuer accepts only the sts.amazonaws.com audience. */
import type { StackValidationPolicy } from "@pulumi/policy";
import { oidcProviderClientId as INFO, isWarpProviderUrl } from "../../rules/resource-rules/oidc-provider-client-id";
import { trustConfig } from "../../rules/trust/config";
import { RESOURCE_TYPES } from "../../rules/constants";
import { report, unknownInPreview } from "./report";
import { readKnown } from "./resource-values";
import { schema, stringListSetting } from "./settings";
import { StackResource } from "./stack-graph";

const RULE = INFO.name;
const LEVEL = INFO.level;

type Report = Parameters<StackValidationPolicy["validateStack"]>[1];

function validateOidcProviders(resources: readonly StackResource[], rawConfig: Record<string, unknown>, reportViolation: Report): void {
    const warpIssuers = trustConfig({ warpIssuers: stringListSetting(RULE, rawConfig, "warpIssuers") }).warpIssuers;
    for (const r of resources) {
        if (r.type !== RESOURCE_TYPES.oidcProvider) {
            continue;
        }
        const url = readKnown(r.props, "url");
        if (!url.known || !isWarpProviderUrl(url.value, warpIssuers)) {
            continue;
        }
        const subject = `OIDC provider ${r.name}`;
        const clientIds = readKnown(r.props, "clientIdLists");
        if (!clientIds.known) {
            report(reportViolation, LEVEL, unknownInPreview(INFO, "clientIdLists"), { subject, urn: r.urn });
            continue;
        }
        for (const f of INFO.check(url.value, clientIds.value)) {
            report(reportViolation, LEVEL, f, { subject, urn: r.urn });
        }
    }
}

export const oidcProviderClientId: StackValidationPolicy = {
    name: RULE,
    description: INFO.description,
    enforcementLevel: LEVEL,
    remediationSteps: INFO.remediation,
    configSchema: schema(),
    validateStack: (args, reportViolation) =>
        validateOidcProviders(args.resources, args.getConfig<Record<string, unknown>>(), reportViolation),
};
