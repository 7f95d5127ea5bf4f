/**
 * The rules about a Warp-trusted role's other settings, its permissions and its OIDC provider: their
 * metadata. Their checks live beside the documents they judge (session-duration.ts,
 * ../oidc-provider-rules.ts); the permissions rules are folders of ../permissions-rules/.
 */
import { DEFAULT_SESSION_SECONDS } from "../constants";
import type { RuleInfo } from "../findings";

export const trustPolicyUnknown: RuleInfo = {
    name: "warp-trust-policy-unknown",
    tier: "resource",
    level: "advisory",
    description: "Says when a role's trust policy is not known during preview, so the Warp trust checks could not run yet.",
    remediation: "Nothing to fix now: the trust policy is checked again during `pulumi up`, once its value is known.",
};

export const roleMaxSessionDuration: RuleInfo = {
    name: "warp-role-max-session-duration",
    tier: "resource",
    level: "advisory",
    description: `A Warp-trusted role's maxSessionDuration is at most the configured ceiling (${DEFAULT_SESSION_SECONDS} seconds by default).`,
    remediation:
        "Lower maxSessionDuration to the ceiling (Warp refreshes credentials itself), or raise maxSessionDurationCeiling in this policy's config.",
};

export const oidcProviderClientId: RuleInfo = {
    name: "warp-oidc-provider-client-id",
    tier: "resource",
    level: "mandatory",
    description: "An IAM OIDC provider for a Warp issuer lists exactly sts.amazonaws.com as its client ID (audience).",
    remediation: 'Set clientIdLists: ["sts.amazonaws.com"] on the provider.',
};

export const RESOURCE_RULES: readonly RuleInfo[] = [trustPolicyUnknown, roleMaxSessionDuration, oidcProviderClientId];
