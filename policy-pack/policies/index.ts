/** Every policy of the pack, in the order `pulumi preview` lists them. */
import type { Policies } from "@pulumi/policy";
import { oidcProviderClientId } from "./oidc-provider-client-id";
import { roleBedrockPermissionsOnly } from "./role-bedrock-permissions-only";
import { roleMaxSessionDuration } from "./role-max-session-duration";
import { trustAudience } from "./trust-audience";
import { trustIssuerAllowlist } from "./trust-issuer-allowlist";
import { trustPolicyUnknown } from "./trust-policy-unknown";
import { trustStatementShape } from "./trust-statement-shape";
import { trustSubject } from "./trust-subject";
import { trustTeamAllowlist } from "./trust-team-allowlist";

export const policies: Policies = [
    trustAudience,
    trustSubject,
    trustTeamAllowlist,
    trustIssuerAllowlist,
    trustStatementShape,
    trustPolicyUnknown,
    roleMaxSessionDuration,
    roleBedrockPermissionsOnly,
    oidcProviderClientId,
];
