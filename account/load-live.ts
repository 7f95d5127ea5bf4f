/**
 * Reading the account live through the AWS SDK with the default credential chain (environment,
 * shared config and SSO, `--profile`): every page of GetAccountAuthorizationDetails (followed by
 * Marker while IsTruncated), then the OIDC providers with their client IDs. The pages are handed to
 * the same `snapshotFromDetails` a file goes through.
 */
import {
    GetAccountAuthorizationDetailsCommand,
    GetOpenIDConnectProviderCommand,
    GetRoleCommand,
    IAMClient,
    ListOpenIDConnectProvidersCommand,
    SimulatePrincipalPolicyCommand,
} from "@aws-sdk/client-iam";
import { KNOWN_ISSUER_HOSTS } from "../rules/issuer";
import { AccountSnapshot, InputError, OidcProviderRecord, RoleRecord, snapshotFromDetails } from "./snapshot";

export interface LiveOptions {
    profile?: string;
    region?: string;
}

export function iamClient(opts: LiveOptions): IAMClient {
    return new IAMClient({
        ...(opts.region ? { region: opts.region } : { region: "us-east-1" }),
        ...(opts.profile ? { profile: opts.profile } : {}),
    });
}

/** An SDK failure as bad input (exit 2), with the message the SDK gives. */
function sdkError(e: unknown, what: string): InputError {
    const err = e as { name?: string; message?: string };
    const name = err?.name && err.name !== "Error" ? `${err.name}: ` : "";
    return new InputError(`${what} failed: ${name}${err?.message ?? String(e)}`);
}

const PROVIDER_ARN = /^arn:[^:]+:iam::\d{12}:oidc-provider\/(.+)$/;

async function listOidcProviders(client: IAMClient): Promise<OidcProviderRecord[]> {
    let list;
    try {
        list = await client.send(new ListOpenIDConnectProvidersCommand({}));
    } catch (e) {
        throw sdkError(e, "iam:ListOpenIDConnectProviders");
    }
    const out: OidcProviderRecord[] = [];
    for (const entry of list.OpenIDConnectProviderList ?? []) {
        const arn = entry.Arn ?? "";
        let got;
        try {
            got = await client.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }));
        } catch (e) {
            throw sdkError(e, `iam:GetOpenIDConnectProvider for ${arn}`);
        }
        const url = (got.Url ?? PROVIDER_ARN.exec(arn)?.[1] ?? "").replace(/^https:\/\//i, "").replace(/\/+$/, "");
        const tags: Record<string, string> = {};
        for (const t of got.Tags ?? []) {
            if (t.Key !== undefined && t.Value !== undefined) {
                tags[t.Key] = t.Value;
            }
        }
        out.push({ arn, url, clientIds: got.ClientIDList ?? [], thumbprints: got.ThumbprintList ?? [], tags });
    }
    return out;
}

export async function loadSnapshotLive(client: IAMClient): Promise<AccountSnapshot> {
    const pages: Record<string, any>[] = [];
    let marker: string | undefined;
    do {
        let page;
        try {
            page = await client.send(
                new GetAccountAuthorizationDetailsCommand({
                    Filter: ["Role", "LocalManagedPolicy", "AWSManagedPolicy"],
                    ...(marker ? { Marker: marker } : {}),
                }),
            );
        } catch (e) {
            throw sdkError(e, "iam:GetAccountAuthorizationDetails");
        }
        pages.push(page as Record<string, any>);
        marker = page.IsTruncated ? page.Marker : undefined;
    } while (marker);
    const snapshot = snapshotFromDetails(pages, "live", await listOidcProviders(client));
    return { ...snapshot, roles: await Promise.all(snapshot.roles.map((r) => withRoleSettings(client, r))) };
}

const mentionsWarpHost = (r: RoleRecord) =>
    KNOWN_ISSUER_HOSTS.some((h) =>
        JSON.stringify(r.trustPolicy ?? "")
            .toLowerCase()
            .includes(h),
    );

/**
 * GetAccountAuthorizationDetails leaves out MaxSessionDuration and Description; GetRole has them. Asked
 * only for roles whose trust names a Warp host, the ones the tools report on.
 */
async function withRoleSettings(client: IAMClient, role: RoleRecord): Promise<RoleRecord> {
    if (!mentionsWarpHost(role)) {
        return role;
    }
    let got;
    try {
        got = await client.send(new GetRoleCommand({ RoleName: role.name }));
    } catch (e) {
        throw sdkError(e, `iam:GetRole for ${role.name}`);
    }
    const r = got.Role;
    return {
        ...role,
        ...(typeof r?.MaxSessionDuration === "number" ? { maxSessionDuration: r.MaxSessionDuration } : {}),
        ...(typeof r?.Description === "string" ? { description: r.Description } : {}),
    };
}

export interface SimulationResult {
    action: string;
    resource: string;
    decision: string;
}

/** iam:SimulatePrincipalPolicy for the role: IAM's own answer, boundaries and SCP-free. */
export async function simulate(
    client: IAMClient,
    roleArn: string,
    actions: readonly string[],
    resources: readonly string[],
    context: Readonly<Record<string, string>> = {},
): Promise<SimulationResult[]> {
    const ContextEntries = Object.entries(context).map(([ContextKeyName, value]) => ({
        ContextKeyName,
        ContextKeyType: "string" as const,
        ContextKeyValues: [value],
    }));
    const out: SimulationResult[] = [];
    let marker: string | undefined;
    do {
        let page;
        try {
            page = await client.send(
                new SimulatePrincipalPolicyCommand({
                    PolicySourceArn: roleArn,
                    ActionNames: [...actions],
                    ResourceArns: [...resources],
                    ...(ContextEntries.length > 0 ? { ContextEntries } : {}),
                    ...(marker ? { Marker: marker } : {}),
                }),
            );
        } catch (e) {
            throw sdkError(e, "iam:SimulatePrincipalPolicy");
        }
        for (const r of page.EvaluationResults ?? []) {
            out.push({ action: r.EvalActionName ?? "", resource: r.EvalResourceName ?? "", decision: r.EvalDecision ?? "" });
        }
        marker = page.IsTruncated ? page.Marker : undefined;
    } while (marker);
    return out;
}
