// Written by `npm run docs` (scripts/docs/rule-index.ts) from the rule folders: do not edit.
/** Every rule about a role's other settings or its OIDC provider, one folder each, in the order reports list them: exposure, validity, convention. */
import type { ResourceRule } from "./rule";
import { trustPolicyUnknown as trustPolicyUnknown } from "./trust-policy-unknown";
import { roleMaxSessionDuration as maxSessionDuration } from "./max-session-duration";
import { oidcProviderClientId as oidcProviderClientId } from "./oidc-provider-client-id";

export const RESOURCE_RULES: readonly ResourceRule<any>[] = [trustPolicyUnknown, maxSessionDuration, oidcProviderClientId];
