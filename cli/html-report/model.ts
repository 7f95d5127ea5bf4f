/**
 * The data an HTML audit report shows, built from the audit's own report model (account/audit.ts,
 * account/organization.ts) and the snapshots it judged (for the documents one click away). Nothing here
 * re-derives a verdict: who may assume a role is the trust engine's description, each finding is the
 * rule's, as `audit` reports them. The viewer (viewer/) renders this as data, never as markup.
 */
import type { AuditReport, RoleAudit } from "../../account/audit";
import type { OrganizationReport } from "../../account/organization";
import type { AccountSnapshot, RoleRecord } from "../../account/snapshot";
import { RULES } from "../../rules/registry";
import type { ReportData, ReportRole, ReportRule } from "./data";

type Finding = RoleAudit["findings"][number];

/** One account as the report shows it: its audit (null when it could not be read) and the snapshot audited. */
export interface AccountInput {
    accountId: string | null;
    name: string;
    reason: string | null;
    report: AuditReport | null;
    snapshot: AccountSnapshot | undefined;
}

/** `Allow bedrock:InvokeModel on arn:...`: each statement of a permissions document, as written. */
function statementLines(doc: unknown): string[] {
    const statements = (doc as { Statement?: unknown } | null)?.Statement;
    const list = Array.isArray(statements) ? statements : statements === undefined ? [] : [statements];
    const text = (v: unknown) => (Array.isArray(v) ? v.map(String).join(", ") : String(v));
    return list.map((s: Record<string, unknown>) => {
        const action = s.Action !== undefined ? text(s.Action) : `every action except ${text(s.NotAction)}`;
        const resource = s.Resource !== undefined ? text(s.Resource) : `every resource except ${text(s.NotResource)}`;
        return `${String(s.Effect)} ${action} on ${resource}${s.Condition !== undefined ? " (with conditions)" : ""}`;
    });
}

function documentsOf(record: RoleRecord | undefined, snapshot: AccountSnapshot | undefined, r: RoleAudit): ReportRole["documents"] {
    const docs: ReportRole["documents"] = [];
    if (record !== undefined) {
        docs.push({ title: "trust policy", document: record.trustPolicy });
    }
    for (const p of r.permissions.policies) {
        const document =
            p.source === "inline" ? record?.inline.find((i) => i.name === p.name)?.document : snapshot?.policies.get(p.arn ?? "")?.document;
        const title = p.source === "inline" ? `inline policy ${p.name}` : `${p.source} policy ${p.arn ?? p.name}`;
        docs.push({ title, document: document ?? null });
    }
    const boundary = r.permissions.permissionsBoundaryArn;
    if (boundary !== null) {
        docs.push({ title: `permissions boundary ${boundary}`, document: snapshot?.policies.get(boundary)?.document ?? null });
    }
    return docs;
}

function roleOf(r: RoleAudit, account: AccountInput): ReportRole {
    const record = account.snapshot?.roles.find((x) => x.arn === r.arn);
    const documents = documentsOf(record, account.snapshot, r);
    return {
        account: account.accountId ?? "",
        accountName: account.name,
        arn: r.arn,
        name: r.name,
        status: r.status,
        team: r.whoCanAssume.team,
        admitted: r.whoCanAssume.admitted,
        exposures: r.whoCanAssume.exposures.map((e) => ({ way: e.way, witness: e.witness.description, request: e.witness.request })),
        assumptions: r.whoCanAssume.assumptions,
        bedrockOnly: r.permissions.bedrockOnly,
        policies: r.permissions.policies.map((p) => ({
            title: p.source === "inline" ? `inline policy ${p.name}` : `${p.source} policy ${p.arn ?? p.name}`,
            bedrockOnly: p.bedrockOnly,
            documentKnown: p.documentKnown,
        })),
        mayDo: {
            invoke: r.permissions.mayDo.invoke.map((i) => i.text),
            beyond: r.permissions.mayDo.beyond,
            unseen: r.permissions.mayDo.unseen,
            assumptions: r.permissions.mayDo.assumptions,
        },
        statements: documents
            .slice(1)
            .flatMap((d) => (d.document === null ? [] : statementLines(d.document).map((l) => `${d.title}: ${l}`))),
        boundary: r.permissions.permissionsBoundaryArn,
        maxSessionDuration: r.maxSessionDuration,
        providers: r.oidcProviders.map((p) => ({ issuer: p.issuer, status: p.status, arn: p.arn, message: p.message })),
        findings: r.findings.map((f) => findingOf(f)),
        description: record?.description ?? null,
        tags: record?.tags ?? {},
        documents,
    };
}

function findingOf(f: Finding): ReportRole["findings"][number] {
    return {
        rule: f.rule,
        level: f.level,
        tier: f.tier ?? "resource",
        document: f.document,
        statementIndex: f.statementIndex,
        sid: f.sid,
        message: f.message,
        remediation: f.remediation,
        witness: f.witness?.description ?? null,
        request: f.witness?.request ?? null,
    };
}

function rulesOf(roles: readonly ReportRole[]): ReportRule[] {
    const byRule = new Map<string, ReportRule>();
    for (const role of roles) {
        for (const f of role.findings) {
            const r = byRule.get(f.rule) ?? {
                name: f.rule,
                tier: f.tier,
                description: RULES[f.rule]?.description ?? "",
                mandatory: 0,
                advisory: 0,
                roles: 0,
            };
            r[f.level]++;
            byRule.set(f.rule, r);
        }
        for (const name of new Set(role.findings.map((f) => f.rule))) {
            byRule.get(name)!.roles++;
        }
    }
    return [...byRule.values()].sort((a, b) => b.mandatory - a.mandatory || b.advisory - a.advisory || a.name.localeCompare(b.name));
}

/** The report's data for one account or an organization's accounts. */
export function reportData(
    accounts: readonly AccountInput[],
    meta: { kind: "account" | "organization"; source: string; docsBase: string; generatedAt: string },
): ReportData {
    const roles = accounts.flatMap((a) => (a.report?.roles ?? []).map((r) => roleOf(r, a)));
    const read = accounts.filter((a) => a.report !== null);
    const sum = (f: (s: AuditReport["summary"]) => number) => read.reduce((n, a) => n + f(a.report!.summary), 0);
    return {
        schemaVersion: 1,
        ...meta,
        summary: {
            accounts: accounts.length,
            audited: read.length,
            unreadable: accounts.length - read.length,
            rolesRead: sum((s) => s.rolesInAccount),
            warpRoles: sum((s) => s.warpRoles),
            brokenRoles: sum((s) => s.brokenRoles),
            mandatory: sum((s) => s.mandatory),
            advisory: sum((s) => s.advisory),
            exposedRoles: roles.filter((r) => r.findings.some((f) => f.tier === "exposure" && f.level === "mandatory")).length,
        },
        accounts: accounts.map((a) => ({
            id: a.accountId ?? "",
            name: a.name,
            reason: a.reason,
            roles: a.report?.summary.rolesInAccount ?? 0,
            warpRoles: a.report?.summary.warpRoles ?? 0,
            mandatory: a.report?.summary.mandatory ?? 0,
            advisory: a.report?.summary.advisory ?? 0,
        })),
        rules: rulesOf(roles),
        roles,
    };
}

/** The accounts of an organization's report, each with the snapshot read for it (when it was read). */
export function organizationInputs(report: OrganizationReport, snapshots: ReadonlyMap<string, AccountSnapshot>): AccountInput[] {
    return report.accounts.map((a) => ({
        accountId: a.accountId,
        name: a.name,
        reason: a.reason,
        report: a.report,
        snapshot: snapshots.get(a.accountId),
    }));
}
