/**
 * An independent judge of generated policies: AWS IAM semantics as implemented by
 * @cloud-copilot/iam-simulate, not by our own code.
 *
 * The simulator drops request context keys that IAM's service reference does not list for the action,
 * and for sts:AssumeRoleWithWebIdentity it lists only a few well-known identity providers
 * (accounts.google.com, cognito-identity.amazonaws.com, ...), so `app.warp.dev:sub` would be silently
 * ignored and every condition on it would "fail because missing". We therefore rename issuer-scoped
 * keys consistently on both sides before simulating: the token's own issuer becomes
 * `accounts.google.com`, any other issuer named in the policy becomes `cognito-identity.amazonaws.com`
 * (its keys are absent from the token, exactly as in AWS). Operators, values, wildcards, principals and
 * the decision logic stay the simulator's. `assertKeysHonoured` in the tests proves the renamed keys are
 * really evaluated.
 */
import { runSimulation } from "@cloud-copilot/iam-simulate";

export const ORACLE_ACCOUNT = "123456789012";
const TOKEN_ISSUER_ALIAS = "accounts.google.com";
const FOREIGN_ISSUER_ALIAS = "cognito-identity.amazonaws.com";

export interface WebIdentityToken {
    /** Issuer id (host and optional path), e.g. app.warp.dev. */
    issuerId: string;
    sub: string;
    aud: string;
    /** The provider the token is presented through; default this account's provider for the issuer. */
    providerArn?: string;
}

function splitIssuerKey(key: string): { issuer: string; claim: string } | undefined {
    const colon = key.lastIndexOf(":");
    const issuer = key.slice(0, colon);
    // Service keys (aws:, sts:, bedrock:) have no dot; OIDC issuer keys are host names.
    return colon > 0 && issuer.includes(".") ? { issuer: issuer.toLowerCase(), claim: key.slice(colon + 1) } : undefined;
}

function aliasConditions(policy: any, tokenIssuer: string): any {
    const doc = typeof policy === "string" ? JSON.parse(policy) : JSON.parse(JSON.stringify(policy));
    const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
    for (const statement of statements) {
        if (!statement?.Condition) {
            continue;
        }
        for (const operator of Object.keys(statement.Condition)) {
            const block = statement.Condition[operator];
            const renamed: Record<string, unknown> = {};
            for (const [key, value] of Object.entries(block)) {
                const parts = splitIssuerKey(key);
                const alias = parts ? `${parts.issuer === tokenIssuer.toLowerCase() ? TOKEN_ISSUER_ALIAS : FOREIGN_ISSUER_ALIAS}:${parts.claim}` : key;
                renamed[alias] = value;
            }
            statement.Condition[operator] = renamed;
        }
    }
    return doc;
}

/** Would AWS let this token assume a role with this trust policy? */
export async function trustAdmits(trustPolicy: unknown, token: WebIdentityToken): Promise<boolean> {
    const response: any = await runSimulation(
        {
            identityPolicies: [],
            serviceControlPolicies: [],
            resourceControlPolicies: [],
            resourcePolicy: aliasConditions(trustPolicy, token.issuerId),
            request: {
                action: "sts:AssumeRoleWithWebIdentity",
                principal: token.providerArn ?? `arn:aws:iam::${ORACLE_ACCOUNT}:oidc-provider/${token.issuerId}`,
                resource: { accountId: ORACLE_ACCOUNT, resource: `arn:aws:iam::${ORACLE_ACCOUNT}:role/warp-bedrock` },
                contextVariables: { [`${TOKEN_ISSUER_ALIAS}:sub`]: token.sub, [`${TOKEN_ISSUER_ALIAS}:aud`]: token.aud },
            },
        } as any,
        {},
    );
    if (response.resultType === "error") {
        throw new Error(`simulator rejected the request: ${JSON.stringify(response.errors)}`);
    }
    return response.overallResult === "Allowed";
}

/** Would AWS allow this action on this resource under this identity policy? */
export async function policyAllows(policy: unknown, action: string, resource: string, context: Record<string, string> = {}): Promise<boolean> {
    const response: any = await runSimulation(
        {
            identityPolicies: [{ name: "warp-bedrock-invoke", policy: typeof policy === "string" ? JSON.parse(policy) : policy }],
            serviceControlPolicies: [],
            resourceControlPolicies: [],
            request: {
                action,
                principal: `arn:aws:sts::${ORACLE_ACCOUNT}:assumed-role/warp-bedrock/session`,
                resource: { accountId: ORACLE_ACCOUNT, resource },
                contextVariables: context,
            },
        } as any,
        {},
    );
    if (response.resultType === "error") {
        throw new Error(`simulator rejected the request: ${JSON.stringify(response.errors)}`);
    }
    return response.overallResult === "Allowed";
}
