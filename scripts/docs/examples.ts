/**
 * One small example per policy of the pack, each a change of one field from the trust policy the
 * component writes. The docs show what the rules really report on them.
 */
import type { TrustRuleConfig } from "../../rules/trust/config";

/** The engine's placeholder for a string not known during preview, as @pulumi/policy names it. */
const UNKNOWN: string = require("@pulumi/policy/proxy").unknownStringValue;

export const TEAM = "TeamAuid0000000000001";
export const ACCOUNT = "111122223333";
const PROVIDER = `arn:aws:iam::${ACCOUNT}:oidc-provider/app.warp.dev`;

type Json = Record<string, unknown>;

/** The component's trust statement for the team's people. */
function people(
    condition: Json = {
        StringEquals: { "app.warp.dev:aud": "sts.amazonaws.com" },
        StringLike: { "app.warp.dev:sub": `scoped_principal:${TEAM}/user:*` },
    },
    extra: Json = {},
): Json {
    return {
        Sid: "WarpTeamPeople",
        Effect: "Allow",
        Principal: { Federated: PROVIDER },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: condition,
        ...extra,
    };
}

function doc(...statements: Json[]): Json {
    return { Version: "2012-10-17", Statement: statements };
}

const AUD = { "app.warp.dev:aud": "sts.amazonaws.com" };

export interface TrustExample {
    /** What was changed from the component's policy. */
    change: string;
    policy: Json;
    config: Partial<TrustRuleConfig>;
}

const TEAM_CONFIG: Partial<TrustRuleConfig> = { allowedTeamUids: [TEAM] };

export const TRUST_EXAMPLES: Readonly<Record<string, TrustExample>> = {
    "warp-trust-audience": {
        change: "no `aud` condition",
        policy: doc(people({ StringLike: { "app.warp.dev:sub": `scoped_principal:${TEAM}/user:*` } })),
        config: TEAM_CONFIG,
    },
    "warp-trust-subject": {
        change: "`StringLikeIfExists` on `sub`, which passes a token without `sub`",
        policy: doc(people({ StringEquals: AUD, StringLikeIfExists: { "app.warp.dev:sub": `scoped_principal:${TEAM}/user:*` } })),
        config: TEAM_CONFIG,
    },
    "warp-trust-team-allowlist": {
        change: "a wildcard in the team position",
        policy: doc(people({ StringEquals: AUD, StringLike: { "app.warp.dev:sub": "scoped_principal:*/user:*" } })),
        config: TEAM_CONFIG,
    },
    "warp-trust-issuer-allowlist": {
        change: "the staging issuer's provider and keys, on a stack that allows only `app.warp.dev`",
        policy: doc(
            people(
                {
                    StringEquals: { "staging.warp.dev:aud": "sts.amazonaws.com" },
                    StringLike: { "staging.warp.dev:sub": `scoped_principal:${TEAM}/user:*` },
                },
                { Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/staging.warp.dev` } },
            ),
        ),
        config: TEAM_CONFIG,
    },
    "warp-trust-other-principals": {
        change: "a second statement that lets another account assume the role with an external ID",
        policy: doc(people(), {
            Sid: "Vendor",
            Effect: "Allow",
            Principal: { AWS: "arn:aws:iam::444455556666:root" },
            Action: "sts:AssumeRole",
            Condition: { StringEquals: { "sts:ExternalId": "vendor-secret" } },
        }),
        config: TEAM_CONFIG,
    },
    "warp-trust-iam-valid": {
        change: "a Deny statement written with `NotPrincipal`",
        policy: doc(people(), { Sid: "DenyOthers", Effect: "Deny", NotPrincipal: { Federated: PROVIDER }, Action: "sts:*" }),
        config: TEAM_CONFIG,
    },
    "warp-trust-principal-form": {
        change: '`Principal: "*"`, relying on the Warp conditions alone',
        policy: doc(people(undefined, { Principal: "*" })),
        config: TEAM_CONFIG,
    },
    "warp-trust-action-form": {
        change: "a wildcard action",
        policy: doc(people(undefined, { Action: "sts:AssumeRole*" })),
        config: TEAM_CONFIG,
    },
    "warp-trust-subject-form": {
        change: "the old whole-team pattern `scoped_principal:<team>/*`",
        policy: doc(people({ StringEquals: AUD, StringLike: { "app.warp.dev:sub": `scoped_principal:${TEAM}/*` } })),
        config: TEAM_CONFIG,
    },
    "warp-trust-policy-version": {
        change: 'Version `"2008-10-17"`',
        policy: { ...doc(people()), Version: "2008-10-17" },
        config: TEAM_CONFIG,
    },
    "warp-trust-broken-role": {
        change: "the condition keys of `staging.warp.dev` under the `app.warp.dev` provider",
        policy: doc(
            people({
                StringEquals: { "staging.warp.dev:aud": "sts.amazonaws.com" },
                StringLike: { "staging.warp.dev:sub": `scoped_principal:${TEAM}/user:*` },
            }),
        ),
        config: TEAM_CONFIG,
    },
};

/** The component's own trust policy, used by the resource examples. */
export const COMPONENT_TRUST = doc(people());

export interface ResourceExample {
    change: string;
    resources: Array<{ type: string; name: string; props: Json }>;
}

const ROLE = "aws:iam/role:Role";

export const RESOURCE_EXAMPLES: Readonly<Record<string, ResourceExample>> = {
    "warp-trust-policy-unknown": {
        change: "a role whose trust policy is built from a value the preview does not know yet",
        resources: [{ type: ROLE, name: "team-a", props: { name: "team-a", assumeRolePolicy: UNKNOWN } }],
    },
    "warp-role-max-session-duration": {
        change: "a Warp-trusted role with 12-hour sessions",
        resources: [
            {
                type: ROLE,
                name: "team-a",
                props: { name: "team-a", assumeRolePolicy: JSON.stringify(COMPONENT_TRUST), maxSessionDuration: 43200 },
            },
        ],
    },
    "warp-role-bedrock-permissions-only": {
        change: "an inline policy that allows `bedrock:*` on every resource",
        resources: [
            { type: ROLE, name: "team-a", props: { name: "team-a", assumeRolePolicy: JSON.stringify(COMPONENT_TRUST) } },
            {
                type: "aws:iam/rolePolicy:RolePolicy",
                name: "team-a-bedrock",
                props: {
                    role: "team-a",
                    name: "bedrock",
                    policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "bedrock:*", Resource: "*" }] }),
                },
            },
        ],
    },
    "warp-oidc-provider-client-id": {
        change: "a provider for `app.warp.dev` with a second client ID",
        resources: [
            {
                type: "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
                name: "warp-oidc",
                props: { url: "https://app.warp.dev", clientIdLists: ["sts.amazonaws.com", "my-app"] },
            },
        ],
    },
};
