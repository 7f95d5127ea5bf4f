/**
 * Names and numbers that the component, the stack program, synth, the policy pack and the CLI all use,
 * each written once. rules/ is the layer every one of them imports (the pack bundles it), so they live here.
 */

/** The npm package, the Pulumi project of the stack program, and the component package's schema name. */
export const PROJECT_NAME = "warp-bedrock-access";

/** The CrossGuard policy pack (policy-pack/package.json names it too, as JSON cannot import). */
export const POLICY_PACK_NAME = "warp-bedrock-guard";

/** Type tokens of the components this package registers. */
export const COMPONENT_TYPES = {
    teamBedrockAccess: `${PROJECT_NAME}:index:TeamBedrockAccess`,
    warpOidcProvider: `${PROJECT_NAME}:index:WarpOidcProvider`,
} as const;

/** Type tokens of the Pulumi resources the components register and the pack judges. */
export const RESOURCE_TYPES = {
    role: "aws:iam/role:Role",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    policy: "aws:iam/policy:Policy",
    rolePolicyAttachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    policyAttachment: "aws:iam/policyAttachment:PolicyAttachment",
    rolePolicyAttachmentsExclusive: "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive",
    oidcProvider: "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
    stackReference: "pulumi:pulumi:StackReference",
} as const;

/** The Bedrock actions Warp's agents need, and all a Warp-trusted role is allowed by default. */
export const BEDROCK_INVOKE_ACTIONS = ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"] as const;

/** IAM's bounds on a role's MaxSessionDuration, in seconds: one hour to twelve. */
export const MIN_SESSION_SECONDS = 3600;
export const MAX_SESSION_SECONDS = 43200;
/** IAM's default MaxSessionDuration (also its minimum), what the component sets unless told otherwise, and the pack's default ceiling. */
export const DEFAULT_SESSION_SECONDS = 3600;
