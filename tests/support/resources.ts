/** Resources as the engine hands them to the pack, for tests that run the policies in-process. */
import { AnalyzedResource } from "../../policy-pack/in-process";
import { RESOURCE_TYPES } from "../../rules/constants";

const ACCOUNT = "123456789012";
export const PROD_PROVIDER = `arn:aws:iam::${ACCOUNT}:oidc-provider/app.warp.dev`;

export const urnOf = (type: string, name: string) => `urn:pulumi:test::warp::${type}::${name}`;

export function trustPolicy(
    sub: unknown = "scoped_principal:TEAM_A/user:*",
    overrides: Record<string, unknown> = {},
    host = "app.warp.dev",
): Record<string, unknown> {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "WarpTeamPeople",
                Effect: "Allow",
                Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/${host}` },
                Action: "sts:AssumeRoleWithWebIdentity",
                Condition: { StringEquals: { [`${host}:aud`]: "sts.amazonaws.com" }, StringLike: { [`${host}:sub`]: sub } },
                ...overrides,
            },
        ],
    };
}

export const BEDROCK_POLICY = {
    Version: "2012-10-17",
    Statement: [
        {
            Sid: "InvokeFoundationModels",
            Effect: "Allow",
            Action: ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"],
            Resource: ["arn:aws:bedrock:*::foundation-model/*", `arn:aws:bedrock:*:${ACCOUNT}:inference-profile/*`],
        },
    ],
};

export function role(name: string, assumeRolePolicy: unknown, props: Record<string, unknown> = {}): AnalyzedResource {
    const type = RESOURCE_TYPES.role;
    return {
        type,
        name,
        urn: urnOf(type, name),
        props: {
            name,
            arn: `arn:aws:iam::${ACCOUNT}:role/${name}`,
            assumeRolePolicy: typeof assumeRolePolicy === "string" ? assumeRolePolicy : JSON.stringify(assumeRolePolicy),
            ...props,
        },
    };
}

export function rolePolicy(name: string, roleRef: unknown, policy: unknown, extra: Partial<AnalyzedResource> = {}): AnalyzedResource {
    const type = RESOURCE_TYPES.rolePolicy;
    return {
        type,
        name,
        urn: urnOf(type, name),
        props: { role: roleRef, name, policy: typeof policy === "string" ? policy : JSON.stringify(policy) },
        ...extra,
    };
}

export function managedPolicy(name: string, policy: unknown, arn: unknown = `arn:aws:iam::${ACCOUNT}:policy/${name}`): AnalyzedResource {
    const type = RESOURCE_TYPES.policy;
    return {
        type,
        name,
        urn: urnOf(type, name),
        props: { name, arn, policy: typeof policy === "string" ? policy : JSON.stringify(policy) },
    };
}

export function attachment(name: string, roleRef: unknown, policyArn: unknown, extra: Partial<AnalyzedResource> = {}): AnalyzedResource {
    const type = RESOURCE_TYPES.rolePolicyAttachment;
    return { type, name, urn: urnOf(type, name), props: { role: roleRef, policyArn }, ...extra };
}

export function oidcProvider(name: string, url: string, clientIdLists: unknown): AnalyzedResource {
    const type = RESOURCE_TYPES.oidcProvider;
    return {
        type,
        name,
        urn: urnOf(type, name),
        props: { url, clientIdLists, arn: `arn:aws:iam::${ACCOUNT}:oidc-provider/${url.replace(/^https:\/\//, "")}` },
    };
}
