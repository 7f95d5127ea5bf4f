/**
 * An AWS Organization inside moto: the management account (moto's default, 123456789012) creates the
 * organization and member accounts; each member gets the audit role and whatever Warp roles a test
 * asks for, made through the SDK with credentials of an assumed role in that account.
 */
import {
    CreateAccessKeyCommand,
    CreateOpenIDConnectProviderCommand,
    CreateRoleCommand,
    CreateUserCommand,
    IAMClient,
    PutRolePolicyCommand,
    PutUserPolicyCommand,
} from "@aws-sdk/client-iam";
import { CreateAccountCommand, CreateOrganizationCommand, OrganizationsClient } from "@aws-sdk/client-organizations";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { FAKE_CREDENTIALS, Moto } from "./moto";

export const AUDIT_ROLE = "WarpAudit";

const READ_ONLY = JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: ["iam:Get*", "iam:List*"], Resource: "*" }],
});

/** A Warp trust policy for `sub` in `account` (its own provider for app.warp.dev). */
export function trustFor(account: string, sub: string): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Principal: { Federated: `arn:aws:iam::${account}:oidc-provider/app.warp.dev` },
                Action: "sts:AssumeRoleWithWebIdentity",
                Condition: { StringEquals: { "app.warp.dev:aud": "sts.amazonaws.com" }, StringLike: { "app.warp.dev:sub": sub } },
            },
        ],
    });
}

export const INVOKE_ONLY = JSON.stringify({
    Version: "2012-10-17",
    Statement: [
        {
            Effect: "Allow",
            Action: ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"],
            Resource: ["arn:aws:bedrock:*::foundation-model/*", "arn:aws:bedrock:*:*:inference-profile/*"],
        },
    ],
});

export async function iamIn(endpoint: string, account: string): Promise<IAMClient> {
    const sts = new STSClient({ region: "us-east-1", endpoint, credentials: FAKE_CREDENTIALS });
    const got = await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${account}:role/setup`, RoleSessionName: "setup" }));
    const c = got.Credentials!;
    return new IAMClient({
        region: "us-east-1",
        endpoint,
        credentials: { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! },
    });
}

/** Creates the organization and `count` member accounts; returns their IDs in creation order. */
export async function createOrganization(endpoint: string, count: number): Promise<string[]> {
    const org = new OrganizationsClient({ region: "us-east-1", endpoint, credentials: FAKE_CREDENTIALS });
    await org.send(new CreateOrganizationCommand({ FeatureSet: "ALL" }));
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
        const got = await org.send(new CreateAccountCommand({ AccountName: `member-${i}`, Email: `member-${i}@example.com` }));
        ids.push(got.CreateAccountStatus!.AccountId!);
    }
    return ids;
}

/** The audit role (read-only IAM) and the account's Warp OIDC provider. */
export async function prepareMember(iam: IAMClient, account: string): Promise<void> {
    const trustManagement = JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Principal: { AWS: ["arn:aws:iam::123456789012:root", "arn:aws:iam::123456789012:user/auditor"] },
                Action: "sts:AssumeRole",
            },
        ],
    });
    await iam.send(new CreateRoleCommand({ RoleName: AUDIT_ROLE, AssumeRolePolicyDocument: trustManagement }));
    await iam.send(new PutRolePolicyCommand({ RoleName: AUDIT_ROLE, PolicyName: "read-iam", PolicyDocument: READ_ONLY }));
    await iam.send(new CreateOpenIDConnectProviderCommand({ Url: "https://app.warp.dev", ClientIDList: ["sts.amazonaws.com"] }));
    void account;
}

/** A Warp role: trust for `sub`, Bedrock invoke only. */
export async function warpRole(iam: IAMClient, account: string, name: string, sub: string): Promise<void> {
    await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trustFor(account, sub), MaxSessionDuration: 3600 }));
    await iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: "invoke", PolicyDocument: INVOKE_ONLY }));
}

/**
 * The auditor: an IAM user of the management account, allowed to list accounts and assume the audit
 * role, denied it in one account. Returns the environment an audit run needs to act as that user.
 */
export async function createAuditor(moto: Moto, refused: string): Promise<Record<string, string>> {
    const iam = moto.iam();
    await iam.send(new CreateUserCommand({ UserName: "auditor" }));
    await iam.send(
        new PutUserPolicyCommand({
            UserName: "auditor",
            PolicyName: "org-audit",
            PolicyDocument: JSON.stringify({
                Version: "2012-10-17",
                Statement: [
                    { Effect: "Allow", Action: ["organizations:ListAccounts", "sts:AssumeRole"], Resource: "*" },
                    { Effect: "Deny", Action: "sts:AssumeRole", Resource: `arn:aws:iam::${refused}:role/${AUDIT_ROLE}` },
                ],
            }),
        }),
    );
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: "auditor" }))).AccessKey!;
    return moto.env({ AWS_ACCESS_KEY_ID: key.AccessKeyId!, AWS_SECRET_ACCESS_KEY: key.SecretAccessKey! });
}
