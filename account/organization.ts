/**
 * `warp-bedrock audit --organization`: every account of an AWS Organization audited with the same
 * engine as one account. The accounts come from organizations:ListAccounts (the SDK's paginator follows
 * NextToken); the tool assumes one role by name in each through STS and reads the account as `audit`
 * does. Accounts are read a few at a time (bounded concurrency), each client with the SDK's adaptive
 * retry. An account that cannot be read (AssumeRole refused, suspended, throttled past the retries) is
 * listed with its reason and counted, and the organization is never reported clean while one was skipped.
 */
import { OrganizationsClient, paginateListAccounts } from "@aws-sdk/client-organizations";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { AuditOptions, AuditReport, auditAccount } from "./audit";
import { AwsReadError, LiveOptions, clientConfig, describeAwsError, iamClient, loadSnapshotLive } from "./load-live";
import type { AccountSnapshot } from "./snapshot";

export interface OrgAccount {
    id: string;
    name: string;
    /** ACTIVE, SUSPENDED, PENDING_CLOSURE, as Organizations reports it. */
    status: string;
    partition: string;
}

interface AccountResult {
    accountId: string;
    name: string;
    status: "audited" | "unreadable";
    /** Why the account could not be read; null when it was audited. */
    reason: string | null;
    report: AuditReport | null;
}

export interface OrganizationReport {
    schemaVersion: 1;
    kind: "organization";
    roleName: string;
    /** 0: every account read, no mandatory finding; 1: a mandatory finding or an account not read. */
    exitCode: 0 | 1;
    summary: {
        accounts: number;
        audited: number;
        unreadable: number;
        warpRoles: number;
        brokenRoles: number;
        mandatory: number;
        advisory: number;
    };
    accounts: AccountResult[];
}

/** One account done, for progress and timing: how long reading and judging took. */
export interface AccountProgress {
    done: number;
    total: number;
    account: OrgAccount;
    result: AccountResult;
    readMs: number;
    auditMs: number;
}

const ARN_PARTITION = /^arn:([^:]+):/;

/** Every account of the organization, every page; fails (exit 2) when the caller cannot list them. */
export async function listOrganizationAccounts(client: OrganizationsClient): Promise<OrgAccount[]> {
    const out: OrgAccount[] = [];
    try {
        for await (const page of paginateListAccounts({ client }, {})) {
            for (const a of page.Accounts ?? []) {
                out.push({
                    id: a.Id ?? "",
                    name: a.Name ?? "",
                    status: String(a.State ?? a.Status ?? "ACTIVE"),
                    partition: ARN_PARTITION.exec(a.Arn ?? "")?.[1] ?? "aws",
                });
            }
        }
    } catch (e) {
        throw new AwsReadError(describeAwsError(e, "organizations:ListAccounts"), (e as { name?: string })?.name ?? "Error");
    }
    return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function organizationsClient(opts: LiveOptions): OrganizationsClient {
    return new OrganizationsClient(clientConfig(opts));
}

/** Reads one account: AssumeRole into ROLE_NAME there, then the account as `audit` reads it live. */
export type AccountReader = (account: OrgAccount) => Promise<AccountSnapshot>;

export function assumeRoleReader(opts: LiveOptions, roleName: string): AccountReader {
    const sts = new STSClient(clientConfig(opts));
    return async (account) => {
        const roleArn = `arn:${account.partition}:iam::${account.id}:role/${roleName}`;
        let assumed;
        try {
            assumed = await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "warp-bedrock-audit" }));
        } catch (e) {
            throw new AwsReadError(describeAwsError(e, `sts:AssumeRole into ${roleArn}`), (e as { name?: string })?.name ?? "Error");
        }
        const c = assumed.Credentials;
        if (!c?.AccessKeyId || !c.SecretAccessKey) {
            throw new AwsReadError(`sts:AssumeRole into ${roleArn} returned no credentials`, "NoCredentials");
        }
        const credentials = {
            accessKeyId: c.AccessKeyId,
            secretAccessKey: c.SecretAccessKey,
            ...(c.SessionToken ? { sessionToken: c.SessionToken } : {}),
            ...(c.Expiration ? { expiration: c.Expiration } : {}),
        };
        return loadSnapshotLive(iamClient({ ...opts, profile: undefined, credentials }));
    };
}

async function auditOne(account: OrgAccount, read: AccountReader, options: Partial<AuditOptions>) {
    const started = performance.now();
    if (account.status !== "ACTIVE") {
        const reason = `the account is ${account.status.toLowerCase().replace(/_/g, " ")}, so no role in it can be assumed`;
        return { result: unreadable(account, reason), readMs: 0, auditMs: 0 };
    }
    let snapshot: AccountSnapshot;
    try {
        snapshot = await read(account);
    } catch (e) {
        return { result: unreadable(account, e instanceof Error ? e.message : String(e)), readMs: performance.now() - started, auditMs: 0 };
    }
    const readMs = performance.now() - started;
    const report = auditAccount(snapshot, options);
    const auditMs = performance.now() - started - readMs;
    const result: AccountResult = { accountId: account.id, name: account.name, status: "audited", reason: null, report };
    return { result, readMs, auditMs };
}

function unreadable(account: OrgAccount, reason: string): AccountResult {
    return { accountId: account.id, name: account.name, status: "unreadable", reason, report: null };
}

/** Runs `work` on every item with at most `limit` at a time; results in the items' order. */
async function mapBounded<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
    const out = new Array<R>(items.length);
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const i = next++;
            out[i] = await work(items[i]);
        }
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
    return out;
}

export async function auditOrganization(
    accounts: readonly OrgAccount[],
    roleName: string,
    read: AccountReader,
    options: Partial<AuditOptions> & { concurrency: number; onProgress?: (p: AccountProgress) => void },
): Promise<OrganizationReport> {
    let done = 0;
    const results = await mapBounded(accounts, options.concurrency, async (account) => {
        const r = await auditOne(account, read, options);
        done++;
        options.onProgress?.({ done, total: accounts.length, account, ...r });
        return r.result;
    });
    const reports = results.flatMap((r) => (r.report ? [r.report] : []));
    const sum = (f: (s: AuditReport["summary"]) => number) => reports.reduce((n, r) => n + f(r.summary), 0);
    const unreadableCount = results.filter((r) => r.status === "unreadable").length;
    const mandatory = sum((s) => s.mandatory);
    return {
        schemaVersion: 1,
        kind: "organization",
        roleName,
        exitCode: mandatory > 0 || unreadableCount > 0 ? 1 : 0,
        summary: {
            accounts: results.length,
            audited: reports.length,
            unreadable: unreadableCount,
            warpRoles: sum((s) => s.warpRoles),
            brokenRoles: sum((s) => s.brokenRoles),
            mandatory,
            advisory: sum((s) => s.advisory),
        },
        accounts: results,
    };
}
