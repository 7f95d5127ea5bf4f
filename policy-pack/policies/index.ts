/** Every policy of the pack, in the order `pulumi preview` lists them: the trust rules of the registry, then the role, permissions and provider checks. */
import type { Policies } from "@pulumi/policy";
import { TRUST_RULES } from "../../rules/registry";
import { oidcProviderClientId } from "./oidc-provider-client-id";
import { permissionsPolicies } from "./role-bedrock-permissions-only";
import { roleMaxSessionDuration } from "./role-max-session-duration";
import { trustPolicyUnknown } from "./trust-policy-unknown";
import { trustRulePolicy } from "./trust-rule-policy";

export const policies: Policies = [
    ...TRUST_RULES.map(trustRulePolicy),
    trustPolicyUnknown,
    roleMaxSessionDuration,
    ...permissionsPolicies,
    oidcProviderClientId,
];
