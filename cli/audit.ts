/**
 * `warp-bedrock audit`: every role in an AWS account that a Warp issuer can assume, judged by the
 * same engine and rules as the policy pack. Reads `aws iam get-account-authorization-details` output
 * or the live account (see account/). Exit codes as lint: 0 clean, 1 a mandatory finding, 2 bad input
 * or no credentials (the SDK's message on standard error, nothing on standard output).
 */
import type { CliIO } from "./command";
import { AuditOptions, AuditReport, RoleAudit, auditAccount } from "../account/audit";
import { UsageError, all, formatOf, one, parseOptions, runCommand } from "./command";
import { SOURCE_OPTIONS, SOURCE_USAGE, loadAccount } from "./account-source";
import { DEFAULT_ISSUER } from "../rules/issuer";
import { BEDROCK_INVOKE_ACTIONS as DEFAULT_BEDROCK_ACTIONS } from "../rules/constants";
import { DEFAULT_MAX_SESSION_DURATION } from "../rules/resource-rules/max-session-duration";
import { uidProblem } from "../rules/subject";
import { normalizeHost } from "../rules/trust/hosts";
import { splitAssumptions } from "../rules/permissions-rules/rule";
import { SarifFinding, lineOf, renderSarif, statementLine } from "./sarif";
import { ORGANIZATION_USAGE, organizationArgs, runOrganizationAudit } from "./audit-organization";
import { checkHtmlOutput, emitHtmlReport } from "./html-report";

export const AUDIT_USAGE = `usage: warp-bedrock audit [options]

Lists every IAM role a Warp issuer can assume (and roles whose trust names a Warp
host that no Warp token reaches): who can assume it, with a witness for each
exposure; the permissions reaching it and what it may do (invoke which models in
which regions, with a witness for anything beyond); its session length; its OIDC
provider.

${SOURCE_USAGE}

${ORGANIZATION_USAGE}

options:
  --team UID                  a team the account's roles may admit (repeatable)
  --issuer HOST               an allowed Warp issuer (repeatable; default ${DEFAULT_ISSUER})
  --allow-actor-spanning      accept sub patterns such as scoped_principal:<team>/*
  --action ACTION             an allowed permissions action (repeatable; default
                              ${DEFAULT_BEDROCK_ACTIONS.join(", ")})
  --max-session-duration N    ceiling for MaxSessionDuration (default ${DEFAULT_MAX_SESSION_DURATION})
  --format text|json|sarif|html
                              output format (default text); html is one self-contained
                              page to open in a browser (docs/audit-report.md)
  --out FILE                  with --format html: write the page to FILE, not standard output
  --force                     with --out: replace a file that exists
  -h, --help                  show this help

exit status: 0 no mandatory finding, 1 a mandatory finding (or, with --organization,
an account that could not be read), 2 bad input, no credentials, or the account (the
organization's account list) could not be read
`;

const OPTIONS = {
    ...SOURCE_OPTIONS,
    "--team": { value: true, repeat: true },
    "--issuer": { value: true, repeat: true },
    "--action": { value: true, repeat: true },
    "--allow-actor-spanning": {},
    "--max-session-duration": { value: true },
    "--format": { value: true },
    "--organization": {},
    "--role-name": { value: true },
    "--accounts": { value: true },
    "--concurrency": { value: true },
    "--out": { value: true },
    "--force": {},
} as const;

function plural(n: number, word: string): string {
    return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function roleText(r: RoleAudit): string[] {
    const out = [`${r.arn}${r.status === "broken" ? "  (broken: names a Warp host, but no Warp token can assume it)" : ""}`];
    out.push("  who can assume it:");
    if (r.whoCanAssume.admitted.length === 0 && r.whoCanAssume.exposures.length === 0) {
        out.push("    - no Warp token");
    }
    r.whoCanAssume.admitted.forEach((a) => out.push(`    - ${a}`));
    for (const e of r.whoCanAssume.exposures) {
        out.push(`    - exposure (${e.way}): ${e.witness.description} [Statement ${e.statements.join(", ")}]`);
    }
    r.whoCanAssume.assumptions.forEach((a) => out.push(`    note: ${a}`));
    out.push(`  permissions: ${r.permissions.bedrockOnly ? "Bedrock invoke only" : "MORE than Bedrock invoke"}`);
    out.push(`    may do: ${r.permissions.mayDo.text}`);
    for (const p of r.permissions.policies) {
        out.push(
            `    - ${p.source} ${p.arn ?? p.name}: ${p.bedrockOnly ? "Bedrock invoke only" : "more than Bedrock invoke"}${p.documentKnown ? "" : " (document not in the input)"}`,
        );
    }
    if (r.permissions.permissionsBoundaryArn) {
        out.push(`    permissions boundary ${r.permissions.permissionsBoundaryArn}`);
    }
    out.push(
        `  session duration: ${r.maxSessionDuration !== null ? `${r.maxSessionDuration} s` : "not in the input (get-account-authorization-details omits it; live mode reads it with iam:GetRole)"}`,
    );
    for (const p of r.oidcProviders) {
        out.push(`  OIDC provider ${p.issuer}: ${p.status === "not-run" ? "" : `${p.status}${p.arn ? ` (${p.arn})` : ""}: `}${p.message}`);
    }
    const assumed = new Map<string, Set<string>>();
    for (const f of r.findings) {
        const where =
            f.statementIndex === null
                ? f.document
                : `${f.document} Statement[${f.statementIndex}]${f.sid ? ` (Sid ${JSON.stringify(f.sid)})` : ""}`;
        const { message, assumptions } = splitAssumptions(f.message);
        assumptions.forEach((a) => assumed.set(f.document, (assumed.get(f.document) ?? new Set()).add(a)));
        out.push(
            `  ${f.level} ${f.rule}: ${where}: ${message}${assumptions.length > 0 ? " (assumed: see below)" : ""}. Fix: ${f.remediation}`,
        );
    }
    for (const [document, list] of assumed) {
        out.push(`  assumed for ${document} (not modelled; each finding above that says so relies on it):`);
        list.forEach((a) => out.push(`    - ${a}`));
    }
    return out;
}

export function formatAuditText(report: AuditReport): string {
    const out: string[] = [
        `warp-bedrock audit: ${report.source === "live" ? "live account" : "authorization-details file"}${report.accountId ? ` (account ${report.accountId})` : ""}`,
        "",
    ];
    for (const r of report.roles) {
        out.push(...roleText(r), "");
    }
    const s = report.summary;
    out.push(
        `${plural(s.rolesInAccount, "role")} read: ${plural(s.warpRoles, "Warp role")}, ${plural(s.brokenRoles, "broken Warp role")}; ${plural(s.mandatory, "mandatory finding")}, ${plural(s.advisory, "advisory finding")}${s.providerChecksNotRun > 0 ? `; ${plural(s.providerChecksNotRun, "OIDC provider check")} not run (advisory: pass --oidc-provider FILE)` : ""}`,
    );
    return `${out.join("\n")}\n`;
}

export function auditSarif(report: AuditReport, file?: string, fileText?: string): string {
    return renderSarif(auditSarifFindings(report, file, fileText), { successful: true });
}

/** Where `"key": "value"` is in a JSON text at or after `from` (any spacing), or -1. */
function keyValueAt(text: string, key: string, value: string, from = 0): number {
    const re = new RegExp(`"${key}"\\s*:\\s*${JSON.stringify(value).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`, "g");
    re.lastIndex = from;
    return re.exec(text)?.index ?? -1;
}

/**
 * The line a finding points at in an authorization-details file: the statement of the role's trust policy
 * or inline policy (the AWS CLI writes documents as JSON), a managed policy's entry, else the role's line.
 */
function findingLine(text: string, f: AuditReport["findings"][number]): number | undefined {
    const role = keyValueAt(text, "Arn", f.roleArn);
    const roleLine = role < 0 ? lineOf(text, `"${f.roleArn}"`) : text.slice(0, role).split("\n").length;
    const statement = f.statementIndex ?? 0;
    let from = -1;
    if (f.document === "trust policy" && role >= 0) {
        from = text.indexOf('"AssumeRolePolicyDocument"', role);
    } else if (f.document.startsWith("inline policy ") && role >= 0) {
        from = keyValueAt(text, "PolicyName", f.document.slice("inline policy ".length), role);
    } else if (f.document.startsWith("managed policy ")) {
        const at = keyValueAt(text, "Arn", f.document.slice("managed policy ".length));
        return at < 0 ? roleLine : text.slice(0, at).split("\n").length;
    }
    return (from >= 0 ? statementLine(text, statement, from) : undefined) ?? roleLine;
}

/** The SARIF results of one account's audit (an organization's report gathers these per account). */
export function auditSarifFindings(report: AuditReport, file?: string, fileText?: string): SarifFinding[] {
    const findings: SarifFinding[] = report.findings.map((f) => {
        const line = fileText === undefined ? undefined : findingLine(fileText, f);
        const where = f.statementIndex === null ? f.document : `${f.document}/Statement[${f.statementIndex}]`;
        return {
            ruleId: f.rule,
            level: f.level,
            message: `${f.roleArn}: ${where}: ${f.message}`,
            remediation: f.remediation,
            ...(file !== undefined ? { uri: file } : {}),
            ...(line !== undefined ? { startLine: line } : {}),
            logicalLocation: `${f.roleArn}/${where}`,
            ...(f.witness ? { properties: { witness: f.witness } } : {}),
        };
    });
    for (const r of report.roles) {
        for (const p of r.oidcProviders.filter((x) => x.status === "not-run")) {
            findings.push({
                ruleId: "warp-oidc-provider-client-id",
                level: "note",
                message: `${r.arn}: OIDC provider ${p.issuer}: ${p.message}`,
                ...(file !== undefined ? { uri: file } : {}),
                logicalLocation: r.arn,
            });
        }
    }
    return findings;
}

function auditOptions(args: ReturnType<typeof parseOptions>): AuditOptions {
    const teams = all(args, "--team");
    for (const t of teams) {
        const problem = uidProblem(t);
        if (problem !== undefined) {
            throw new UsageError(`--team: ${problem}`);
        }
    }
    const issuers = all(args, "--issuer").map(normalizeHost);
    const ceiling = one(args, "--max-session-duration");
    const n = ceiling === undefined ? DEFAULT_MAX_SESSION_DURATION : Number(ceiling);
    if (!Number.isInteger(n) || n <= 0) {
        throw new UsageError("--max-session-duration needs a whole number of seconds");
    }
    return {
        teams,
        issuers: issuers.length > 0 ? issuers : [DEFAULT_ISSUER],
        actions: all(args, "--action").length > 0 ? all(args, "--action") : DEFAULT_BEDROCK_ACTIONS,
        maxSessionDuration: n,
        allowActorSpanning: args.flags.has("--allow-actor-spanning"),
    };
}

export async function runAudit(argv: string[], io: CliIO): Promise<number> {
    return runCommand("audit", io, async () => {
        const args = parseOptions(argv, OPTIONS);
        if (args.help) {
            io.out(AUDIT_USAGE);
            return 0;
        }
        if (args.positionals.length > 0) {
            throw new UsageError(`unexpected argument ${JSON.stringify(args.positionals[0])}`);
        }
        const format = formatOf(args, ["text", "json", "sarif", "html"] as const);
        const options = auditOptions(args);
        checkHtmlOutput(args, format);
        const org = organizationArgs(args);
        if (org !== undefined) {
            return runOrganizationAudit(args, org, options, format, io);
        }
        const loaded = await loadAccount(args);
        const report = auditAccount(loaded.snapshot, options);
        if (format === "json") {
            io.out(`${JSON.stringify(report, null, 2)}\n`);
        } else if (format === "html") {
            const input = { accountId: report.accountId, name: "", reason: null, report, snapshot: loaded.snapshot };
            emitHtmlReport(args, [input], "account", loaded.file ? `authorization-details file ${loaded.file}` : "live account", io);
        } else if (format === "sarif") {
            io.out(auditSarif(report, loaded.file, loaded.fileText));
        } else {
            io.out(formatAuditText(report));
        }
        return report.exitCode;
    });
}
