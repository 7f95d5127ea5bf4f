/**
 * `warp-bedrock audit --organization --role-name NAME`: the organization's accounts, one report.
 * Progress goes to standard error (a bar on a terminal, one plain line per account otherwise);
 * standard output carries the report alone, in text, JSON or SARIF.
 */
import { SingleBar } from "cli-progress";
import type { CliIO, ParsedArgs } from "./command";
import { UsageError, all, one } from "./command";
import { endpointOf } from "./account-source";
import type { AuditOptions } from "../account/audit";
import {
    AccountProgress,
    OrganizationReport,
    assumeRoleReader,
    auditOrganization,
    listOrganizationAccounts,
    organizationsClient,
} from "../account/organization";
import { renderSarif, SarifFinding } from "./sarif";
import { auditSarifFindings, formatAuditText } from "./audit";
import type { AccountSnapshot } from "../account/snapshot";
import { emitHtmlReport, organizationInputs } from "./html-report";

const DEFAULT_CONCURRENCY = 8;
const MAX_CONCURRENCY = 64;
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const ACCOUNT_ID = /^\d{12}$/;

export const ORGANIZATION_USAGE = `organization (from the management or a delegated administrator account):
  --organization              audit every account of the AWS Organization
                              (organizations:ListAccounts), through a role assumed in each
  --role-name NAME            the role to assume in each account (sts:AssumeRole)
  --accounts ID,...           only these accounts of the organization
  --concurrency N             accounts read at once (default ${DEFAULT_CONCURRENCY}, at most ${MAX_CONCURRENCY})`;

interface OrgArgs {
    roleName: string;
    accounts: string[] | undefined;
    concurrency: number;
}

/** The organization options, checked; undefined when --organization is not given. */
export function organizationArgs(args: ParsedArgs): OrgArgs | undefined {
    const org = args.flags.has("--organization");
    if (!org) {
        for (const name of ["--role-name", "--accounts", "--concurrency"]) {
            if (one(args, name) !== undefined) {
                throw new UsageError(`${name} goes with --organization`);
            }
        }
        return undefined;
    }
    for (const name of ["--authorization-details", "--oidc-provider"]) {
        if (all(args, name).length > 0) {
            throw new UsageError(`--organization reads the accounts live; it cannot be combined with ${name}`);
        }
    }
    const roleName = one(args, "--role-name");
    if (roleName === undefined) {
        throw new UsageError("--organization needs --role-name NAME, the role to assume in each account");
    }
    if (!ROLE_NAME.test(roleName)) {
        throw new UsageError(`--role-name: ${JSON.stringify(roleName)} is not an IAM role name (1-64 letters, digits and +=,.@_-)`);
    }
    const list = one(args, "--accounts");
    const accounts = list === undefined ? undefined : list.split(",").map((s) => s.trim());
    const bad = accounts?.find((a) => !ACCOUNT_ID.test(a));
    if (bad !== undefined) {
        throw new UsageError(`--accounts: ${JSON.stringify(bad)} is not a 12-digit AWS account ID`);
    }
    const c = one(args, "--concurrency");
    const concurrency = c === undefined ? DEFAULT_CONCURRENCY : Number(c);
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_CONCURRENCY) {
        throw new UsageError(`--concurrency needs a whole number from 1 to ${MAX_CONCURRENCY}; got ${JSON.stringify(c)}`);
    }
    return { roleName, accounts, concurrency };
}

function progressReporter(io: CliIO, total: number): { tick: (p: AccountProgress) => void; stop: () => void } {
    if (io.errTty) {
        const bar = new SingleBar({
            stream: io.errTty,
            format: "auditing accounts [{bar}] {value}/{total} {account}",
            hideCursor: true,
            clearOnComplete: true,
        });
        bar.start(total, 0, { account: "" });
        return { tick: (p) => bar.update(p.done, { account: p.account.id }), stop: () => bar.stop() };
    }
    return {
        tick: (p) => {
            const r = p.result;
            const what =
                r.report === null
                    ? `not read: ${r.reason}`
                    : `${r.report.summary.warpRoles} Warp role(s), ${r.report.summary.mandatory} mandatory finding(s)`;
            io.err(`[${p.done}/${p.total}] account ${p.account.id}${p.account.name ? ` (${p.account.name})` : ""}: ${what}\n`);
        },
        stop: () => undefined,
    };
}

export async function runOrganizationAudit(
    args: ParsedArgs,
    org: OrgArgs,
    options: AuditOptions,
    format: "text" | "json" | "sarif" | "html",
    io: CliIO,
): Promise<number> {
    const live = { profile: one(args, "--profile"), region: one(args, "--region"), endpoint: endpointOf(args) };
    let accounts = await listOrganizationAccounts(organizationsClient(live));
    if (org.accounts !== undefined) {
        const known = new Set(accounts.map((a) => a.id));
        const missing = org.accounts.filter((a) => !known.has(a));
        if (missing.length > 0) {
            throw new UsageError(`--accounts: ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} not in the organization`);
        }
        accounts = accounts.filter((a) => org.accounts!.includes(a.id));
    }
    const progress = progressReporter(io, accounts.length);
    let report: OrganizationReport;
    // The HTML report shows each role's documents: keep the snapshots it was judged from.
    const snapshots = new Map<string, AccountSnapshot>();
    const reader = assumeRoleReader(live, org.roleName);
    const read = async (a: (typeof accounts)[number]) => {
        const s = await reader(a);
        if (format === "html") {
            snapshots.set(a.id, s);
        }
        return s;
    };
    try {
        report = await auditOrganization(accounts, org.roleName, read, {
            ...options,
            concurrency: org.concurrency,
            onProgress: progress.tick,
        });
    } finally {
        progress.stop();
    }
    if (format === "json") {
        io.out(`${JSON.stringify(report, null, 2)}\n`);
    } else if (format === "html") {
        emitHtmlReport(
            args,
            organizationInputs(report, snapshots),
            "organization",
            `organization, role ${org.roleName} assumed in each account`,
            io,
        );
    } else if (format === "sarif") {
        io.out(organizationSarif(report));
    } else {
        io.out(formatOrganizationText(report));
    }
    return report.exitCode;
}

function formatOrganizationText(report: OrganizationReport): string {
    const out = [`warp-bedrock audit: organization, role ${report.roleName} assumed in ${report.summary.accounts} account(s)`, ""];
    for (const a of report.accounts) {
        out.push(`== account ${a.accountId}${a.name ? ` (${a.name})` : ""}: ${a.report ? "audited" : `NOT READ: ${a.reason}`}`);
        if (a.report) {
            out.push(...formatAuditText(a.report).trimEnd().split("\n").slice(2));
        }
        out.push("");
    }
    const s = report.summary;
    out.push(
        `${s.accounts} account(s): ${s.audited} audited, ${s.unreadable} not read; ${s.warpRoles} Warp role(s), ${s.brokenRoles} broken; ${s.mandatory} mandatory finding(s), ${s.advisory} advisory`,
    );
    if (s.unreadable > 0) {
        out.push(`not clean: ${s.unreadable} account(s) could not be read, so their roles were not audited:`);
        report.accounts.filter((a) => a.reason !== null).forEach((a) => out.push(`  - ${a.accountId}: ${a.reason}`));
    }
    return `${out.join("\n")}\n`;
}

/** One SARIF run: each result names its account in its location (`account/<id>/<role ARN>/...`) and properties. */
function organizationSarif(report: OrganizationReport): string {
    const findings: SarifFinding[] = [];
    for (const a of report.accounts) {
        if (a.report === null) {
            findings.push({
                ruleId: "warp-account-unreadable",
                level: "mandatory",
                message: `account ${a.accountId}${a.name ? ` (${a.name})` : ""} was not audited: ${a.reason}`,
                remediation: `Deploy the audit role ${report.roleName} into the account (docs/organization.md), or run again when AWS stops throttling`,
                logicalLocation: `account/${a.accountId}`,
                properties: { accountId: a.accountId },
            });
            continue;
        }
        for (const f of auditSarifFindings(a.report)) {
            findings.push({
                ...f,
                logicalLocation: `account/${a.accountId}/${f.logicalLocation ?? ""}`,
                properties: { ...(f.properties ?? {}), accountId: a.accountId },
            });
        }
    }
    return renderSarif(findings, { successful: report.summary.unreadable === 0 });
}
