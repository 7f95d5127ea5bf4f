// Written by `npm run docs` (scripts/docs/rule-index.ts) from the rule folders: do not edit.
/** Each rule's good and bad examples, from its folder, by rule name: the docs and the tests read them. */
import type { ResourceRuleExamples } from "./example-support";
import { examples as trustPolicyUnknown } from "./trust-policy-unknown/examples";
import { examples as maxSessionDuration } from "./max-session-duration/examples";
import { examples as oidcProviderClientId } from "./oidc-provider-client-id/examples";

export const RESOURCE_EXAMPLES: Readonly<Record<string, ResourceRuleExamples>> = {
    "warp-trust-policy-unknown": trustPolicyUnknown,
    "warp-role-max-session-duration": maxSessionDuration,
    "warp-oidc-provider-client-id": oidcProviderClientId,
};
