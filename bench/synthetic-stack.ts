/**
 * A synthetic stack shaped like a large organisation's: Warp-trusted roles (mostly correct, some not),
 * their inline policies and attachments, roles for other principals, managed policies, and unrelated
 * resources. Every document is distinct (its own team, role and model), so no cache flatters the pack.
 */
import { AnalyzedResource } from "../policy-pack/in-process";
import { BEDROCK_INVOKE_ACTIONS, DEFAULT_SESSION_SECONDS, RESOURCE_TYPES } from "../rules/constants";

const ACCOUNT = "123456789012";
const PROVIDER = `arn:aws:iam::${ACCOUNT}:oidc-provider/app.warp.dev`;

const urn = (type: string, name: string) => `urn:pulumi:bench::warp::${type}::${name}`;

/** Teams are shared by several roles, as in an organisation with a few dozen teams. */
export const TEAMS = 50;
export const teamOf = (i: number) => `TEAM${i % TEAMS}`;

function warpTrust(i: number): string {
    const team = teamOf(i);
    // One role in ten has a mistake the pack must report: a wildcard team or a missing aud.
    const sub = i % 10 === 3 ? "scoped_principal:*/user:*" : `scoped_principal:${team}/user:*`;
    const condition: Record<string, unknown> = { StringLike: { "app.warp.dev:sub": sub } };
    if (i % 10 !== 7) {
        condition.StringEquals = { "app.warp.dev:aud": "sts.amazonaws.com" };
    }
    const statements: unknown[] = [
        {
            Sid: `WarpTeamPeople${i}`,
            Effect: "Allow",
            Principal: { Federated: PROVIDER },
            Action: "sts:AssumeRoleWithWebIdentity",
            Condition: condition,
        },
    ];
    if (i % 2 === 0) {
        statements.push({
            Sid: "WarpTeamNamedAgents",
            Effect: "Allow",
            Principal: { Federated: PROVIDER },
            Action: "sts:AssumeRoleWithWebIdentity",
            Condition: {
                StringEquals: {
                    "app.warp.dev:aud": "sts.amazonaws.com",
                    "app.warp.dev:sub": [
                        `scoped_principal:${team}/service_account:sa${i}a`,
                        `scoped_principal:${team}/service_account:sa${i}b`,
                    ],
                },
            },
        });
    }
    return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

function bedrockPolicy(i: number): string {
    const actions = i % 25 === 11 ? ["bedrock:*"] : [...BEDROCK_INVOKE_ACTIONS];
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "InvokeFoundationModels",
                Effect: "Allow",
                Action: actions,
                Resource: [`arn:aws:bedrock:us-east-1::foundation-model/model-${i}*`],
            },
            {
                Sid: "InvokeInferenceProfiles",
                Effect: "Allow",
                Action: actions,
                Resource: [`arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/*.model-${i}*`],
            },
        ],
    });
}

function serviceTrust(i: number): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            { Effect: "Allow", Principal: { Service: i % 2 ? "lambda.amazonaws.com" : "ec2.amazonaws.com" }, Action: "sts:AssumeRole" },
        ],
    });
}

function s3Policy(i: number): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: [`arn:aws:s3:::bucket-${i}/*`] }],
    });
}

/** `total` resources: 20% Warp roles, 20% their RolePolicies, 10% other roles, 5% Policies, 5% attachments, 40% unrelated. */
export function syntheticStack(total = 10_000): AnalyzedResource[] {
    const out: AnalyzedResource[] = [];
    const add = (type: string, name: string, props: Record<string, unknown>, extra: Partial<AnalyzedResource> = {}) => {
        out.push({ type, name, urn: urn(type, name), props, ...extra });
    };
    const warpRoles = Math.floor(total * 0.2);
    const otherRoles = Math.floor(total * 0.1);
    const policies = Math.floor(total * 0.05);
    for (let i = 0; i < warpRoles; i++) {
        add(RESOURCE_TYPES.role, `warp-${i}`, {
            name: `warp-${i}`,
            arn: `arn:aws:iam::${ACCOUNT}:role/warp-${i}`,
            assumeRolePolicy: warpTrust(i),
            maxSessionDuration: DEFAULT_SESSION_SECONDS,
            tags: { team: teamOf(i) },
        });
        add(
            RESOURCE_TYPES.rolePolicy,
            `warp-${i}-bedrock`,
            { role: `warp-${i}`, name: "warp-bedrock-invoke", policy: bedrockPolicy(i) },
            { dependencies: [urn(RESOURCE_TYPES.role, `warp-${i}`)] },
        );
    }
    for (let i = 0; i < otherRoles; i++) {
        add(RESOURCE_TYPES.role, `svc-${i}`, {
            name: `svc-${i}`,
            arn: `arn:aws:iam::${ACCOUNT}:role/svc-${i}`,
            assumeRolePolicy: serviceTrust(i),
        });
    }
    for (let i = 0; i < policies; i++) {
        const arn = `arn:aws:iam::${ACCOUNT}:policy/p-${i}`;
        const forWarp = i % 2 === 0;
        add(RESOURCE_TYPES.policy, `p-${i}`, { name: `p-${i}`, arn, policy: forWarp ? bedrockPolicy(i + 100_000) : s3Policy(i) });
        add(RESOURCE_TYPES.rolePolicyAttachment, `att-${i}`, {
            role: forWarp ? `warp-${i % warpRoles}` : `svc-${i % otherRoles}`,
            policyArn: arn,
        });
    }
    for (let i = 0; out.length < total; i++) {
        if (i % 500 === 0) {
            add(RESOURCE_TYPES.oidcProvider, `oidc-${i}`, {
                url: i === 0 ? "https://app.warp.dev" : `https://idp-${i}.example.com`,
                clientIdLists: ["sts.amazonaws.com"],
            });
        } else {
            add("aws:s3/bucket:Bucket", `bucket-${i}`, {
                bucket: `bucket-${i}`,
                tags: { owner: "platform", index: String(i) },
                versioning: { enabled: true },
            });
        }
    }
    return out;
}

/** The policy documents of a stack: what a parse-only floor reads. */
export function documentsOf(resources: readonly AnalyzedResource[]): string[] {
    const docs: string[] = [];
    for (const r of resources) {
        for (const key of ["assumeRolePolicy", "policy"]) {
            const v = r.props[key];
            if (typeof v === "string") {
                docs.push(v);
            }
        }
    }
    return docs;
}
