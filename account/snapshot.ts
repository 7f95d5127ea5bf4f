/**
 * One account's IAM state as the account tools read it, whatever it came from: the JSON that
 * `aws iam get-account-authorization-details` prints (documents decoded, pages concatenated or
 * merged), or the live API through the AWS SDK (documents URL-encoded, pages linked by Marker). Both
 * are turned into this shape by `snapshotFromDetails`, so everything after loading is one code path.
 */

export interface InlinePolicy {
    readonly name: string;
    readonly document: unknown;
}

interface AttachedPolicy {
    readonly name: string;
    readonly arn: string;
}

export interface RoleRecord {
    readonly name: string;
    readonly arn: string;
    readonly path: string;
    readonly trustPolicy: unknown;
    readonly maxSessionDuration?: number;
    readonly description?: string;
    readonly permissionsBoundaryArn?: string;
    readonly tags: Readonly<Record<string, string>>;
    readonly inline: readonly InlinePolicy[];
    readonly attached: readonly AttachedPolicy[];
}

interface ManagedPolicy {
    readonly arn: string;
    readonly name: string;
    /** The default version's document, when the input holds it. */
    readonly document?: unknown;
}

export interface OidcProviderRecord {
    readonly arn: string;
    /** Host and path, as IAM keys the provider (`app.warp.dev`). */
    readonly url: string;
    readonly clientIds: readonly string[];
    readonly thumbprints?: readonly string[];
    readonly tags?: Readonly<Record<string, string>>;
}

export interface AccountSnapshot {
    readonly source: "file" | "live";
    readonly accountId?: string;
    readonly partition?: string;
    readonly roles: readonly RoleRecord[];
    readonly policies: ReadonlyMap<string, ManagedPolicy>;
    /** Undefined when the input does not list providers (an authorization-details file alone). */
    readonly oidcProviders?: readonly OidcProviderRecord[];
}

/** Bad input: exit code 2, nothing on standard output. */
export class InputError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "InputError";
    }
}

/** A policy document as IAM's API returns it (URL-encoded JSON text) or as the AWS CLI prints it (an object). */
function decodeDocument(value: unknown): unknown {
    if (typeof value !== "string") {
        return value;
    }
    let text = value.trim();
    if (/^%7b/i.test(text)) {
        try {
            text = decodeURIComponent(text);
        } catch {
            return value;
        }
    }
    try {
        return JSON.parse(text);
    } catch {
        return value;
    }
}

export function tagsOf(list: unknown): Record<string, string> {
    const out: Record<string, string> = {};
    if (Array.isArray(list)) {
        for (const t of list) {
            if (t && typeof t.Key === "string" && typeof t.Value === "string") {
                out[t.Key] = t.Value;
            }
        }
    }
    return out;
}

function roleOf(r: any): RoleRecord {
    const boundary = r.PermissionsBoundary?.PermissionsBoundaryArn;
    return {
        name: String(r.RoleName),
        arn: String(r.Arn),
        path: typeof r.Path === "string" ? r.Path : "/",
        trustPolicy: decodeDocument(r.AssumeRolePolicyDocument),
        ...(typeof r.MaxSessionDuration === "number" ? { maxSessionDuration: r.MaxSessionDuration } : {}),
        ...(typeof r.Description === "string" ? { description: r.Description } : {}),
        ...(typeof boundary === "string" ? { permissionsBoundaryArn: boundary } : {}),
        tags: tagsOf(r.Tags),
        inline: (Array.isArray(r.RolePolicyList) ? r.RolePolicyList : []).map((p: any) => ({
            name: String(p.PolicyName),
            document: decodeDocument(p.PolicyDocument),
        })),
        attached: (Array.isArray(r.AttachedManagedPolicies) ? r.AttachedManagedPolicies : []).map((p: any) => ({
            name: String(p.PolicyName),
            arn: String(p.PolicyArn),
        })),
    };
}

function policyOf(p: any): ManagedPolicy {
    const versions: any[] = Array.isArray(p.PolicyVersionList) ? p.PolicyVersionList : [];
    const current = versions.find((v) => v && v.IsDefaultVersion === true) ?? versions.find((v) => v && v.VersionId === p.DefaultVersionId);
    const base = { arn: String(p.Arn), name: String(p.PolicyName) };
    return current && current.Document !== undefined ? { ...base, document: decodeDocument(current.Document) } : base;
}

const ARN_ACCOUNT = /^arn:([^:]+):iam::(\d{12}):/;

/**
 * One snapshot from the pages of GetAccountAuthorizationDetails (each a parsed JSON object), plus the
 * account's OIDC providers when the caller could list them.
 */
export function snapshotFromDetails(
    pages: readonly Record<string, any>[],
    source: "file" | "live",
    oidcProviders?: readonly OidcProviderRecord[],
): AccountSnapshot {
    const roles = new Map<string, RoleRecord>();
    const policies = new Map<string, ManagedPolicy>();
    for (const page of pages) {
        for (const r of Array.isArray(page.RoleDetailList) ? page.RoleDetailList : []) {
            if (r && typeof r.RoleName === "string") {
                roles.set(String(r.Arn ?? r.RoleName), roleOf(r));
            }
        }
        for (const p of Array.isArray(page.Policies) ? page.Policies : []) {
            if (p && typeof p.Arn === "string") {
                policies.set(p.Arn, policyOf(p));
            }
        }
    }
    const list = [...roles.values()].sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0));
    const m = list.map((r) => ARN_ACCOUNT.exec(r.arn)).find((x) => x !== null);
    return {
        source,
        ...(m ? { partition: m[1], accountId: m[2] } : {}),
        roles: list,
        policies,
        ...(oidcProviders !== undefined ? { oidcProviders } : {}),
    };
}

/** A role by name or ARN. */
export function findRole(snapshot: AccountSnapshot, nameOrArn: string): RoleRecord | undefined {
    return snapshot.roles.find((r) => r.arn === nameOrArn || r.name === nameOrArn);
}

/** The provider IAM keys by this host, if the snapshot lists providers and has one. */
export function providerFor(snapshot: AccountSnapshot, host: string): OidcProviderRecord | undefined {
    return snapshot.oidcProviders?.find((p) => p.url.toLowerCase() === host.toLowerCase());
}
