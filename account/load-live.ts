/**
 * Reading the account live through the AWS SDK with the default credential chain (environment,
 * shared config and SSO, `--profile`): every page of GetAccountAuthorizationDetails (the SDK's
 * paginator follows Marker while IsTruncated), then the OIDC providers with their client IDs. The
 * pages are handed to the same `snapshotFromDetails` a file goes through.
 *
 * Every client retries with the SDK's adaptive strategy (token bucket and client-side rate limiting on
 * throttling), so a throttled call is retried by the SDK, never by a loop of ours. The endpoint is the
 * SDK's: `AWS_ENDPOINT_URL` / `AWS_ENDPOINT_URL_IAM` from the environment, or `--endpoint-url`.
 */
import {
    GetOpenIDConnectProviderCommand,
    GetRoleCommand,
    IAMClient,
    ListOpenIDConnectProvidersCommand,
    paginateGetAccountAuthorizationDetails,
    paginateSimulatePrincipalPolicy,
} from "@aws-sdk/client-iam";
import { KNOWN_ISSUER_HOSTS } from "../rules/issuer";
import { AccountSnapshot, InputError, OidcProviderRecord, RoleRecord, snapshotFromDetails } from "./snapshot";

/** Credentials the SDK signs with (an assumed role's). */
interface Credentials {
    accessKeyId: string;
    secretAccessKey: string;
    sessionToken?: string;
    expiration?: Date;
}

export interface LiveOptions {
    profile?: string;
    region?: string;
    /** An endpoint in place of AWS's (a private endpoint, or a local one for tests). */
    endpoint?: string;
    /** Credentials in place of the default chain (an assumed role's, in an organization audit). */
    credentials?: Credentials;
}

/** The SDK client settings every account tool shares: region, profile, endpoint, adaptive retry. */
export function clientConfig(opts: LiveOptions) {
    return {
        region: opts.region ?? "us-east-1",
        ...(opts.profile ? { profile: opts.profile } : {}),
        ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
        ...(opts.credentials ? { credentials: opts.credentials } : {}),
        // Attempts per call stay the SDK's setting (AWS_MAX_ATTEMPTS, max_attempts in the profile; 3 by default).
        retryMode: "adaptive",
    };
}

export function iamClient(opts: LiveOptions): IAMClient {
    return new IAMClient(clientConfig(opts));
}

/** What to do about the AWS errors a user meets most, by the error's name. */
const HINTS: Readonly<Record<string, string>> = {
    CredentialsProviderError:
        "no AWS credentials were found: set AWS_PROFILE or pass --profile, run aws sso login, or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY",
    ExpiredToken: "the AWS credentials have expired: refresh them (aws sso login, or a new session) and run again",
    ExpiredTokenException: "the AWS credentials have expired: refresh them (aws sso login, or a new session) and run again",
    InvalidClientTokenId: "AWS does not know these credentials' access key: check the profile or the AWS_* variables",
    SignatureDoesNotMatch: "the secret access key does not match the access key: check the profile or the AWS_* variables",
    AccessDenied: "the caller may not make this call: see the IAM permissions in docs/organization.md",
    AccessDeniedException: "the caller may not make this call: see the IAM permissions in docs/organization.md",
    Throttling: "AWS kept throttling after the SDK's retries: run again later, or lower --concurrency",
    ThrottlingException: "AWS kept throttling after the SDK's retries: run again later, or lower --concurrency",
    TooManyRequestsException: "AWS kept throttling after the SDK's retries: run again later, or lower --concurrency",
    NoSuchEntityException: "the entity was deleted or renamed while it was being read: run again",
};

/** A one-line account of an SDK failure: the call, AWS's error code and message, and what to do. */
export function describeAwsError(e: unknown, what: string): string {
    const err = e as { name?: string; message?: string; $metadata?: { attempts?: number } };
    const name = err?.name && err.name !== "Error" ? err.name : "";
    const message = (err?.message ?? String(e)).split("\n")[0];
    const attempts = (err?.$metadata?.attempts ?? 1) > 1 ? ` (after ${err.$metadata?.attempts} attempts)` : "";
    const hint = HINTS[name];
    return `${what} failed${attempts}: ${name ? `${name}: ` : ""}${message}${hint ? `. ${hint}` : ""}`;
}

/** An SDK failure while reading the account: exit 2 with the reason, nothing on standard output. */
export class AwsReadError extends InputError {
    constructor(
        message: string,
        readonly code: string,
    ) {
        super(message);
        this.name = "AwsReadError";
    }
}

function sdkError(e: unknown, what: string): AwsReadError {
    return new AwsReadError(describeAwsError(e, what), (e as { name?: string })?.name ?? "Error");
}

const PROVIDER_ARN = /^arn:[^:]+:iam::\d{12}:oidc-provider\/(.+)$/;

/** ListOpenIDConnectProviders answers in one page (the API has no Marker); then one Get per provider. */
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

async function authorizationDetails(client: IAMClient): Promise<Record<string, any>[]> {
    const pages: Record<string, any>[] = [];
    try {
        for await (const page of paginateGetAccountAuthorizationDetails(
            { client },
            { Filter: ["Role", "LocalManagedPolicy", "AWSManagedPolicy"] },
        )) {
            pages.push(page as Record<string, any>);
        }
    } catch (e) {
        throw sdkError(e, "iam:GetAccountAuthorizationDetails");
    }
    return pages;
}

export async function loadSnapshotLive(client: IAMClient): Promise<AccountSnapshot> {
    const pages = await authorizationDetails(client);
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
    try {
        for await (const page of paginateSimulatePrincipalPolicy(
            { client },
            {
                PolicySourceArn: roleArn,
                ActionNames: [...actions],
                ResourceArns: [...resources],
                ...(ContextEntries.length > 0 ? { ContextEntries } : {}),
            },
        )) {
            for (const r of page.EvaluationResults ?? []) {
                out.push({ action: r.EvalActionName ?? "", resource: r.EvalResourceName ?? "", decision: r.EvalDecision ?? "" });
            }
        }
    } catch (e) {
        throw sdkError(e, "iam:SimulatePrincipalPolicy");
    }
    return out;
}
