/**
 * `warp-bedrock lint`: the policy pack's rules over IAM JSON files, for roles made outside Pulumi (AWS
 * CLI, console, other tools). Each file is told apart as a trust policy or a permissions policy, and
 * the output of `aws iam get-role`, `get-role-policy` and `get-policy-version` is accepted as is.
 *
 * Exit codes: 0 no mandatory finding, 1 at least one mandatory finding, 2 bad usage or a file that
 * cannot be read or is not an IAM policy document (input errors win, so a typo never reads as clean).
 */
import { CliIO, UsageError, all, formatOf, one, parseOptions, runCommand } from "./command";
import { INPUT_LIMITS, readInputFile, refuseDeepNesting } from "./input-file";
import { describeValue, escapeControls } from "../rules/errors";
import { renderSarif, statementLine } from "./sarif";
import { Finding, FindingLevel, RuleName, Tier, describeLocation } from "../rules/findings";
import { ParsedDocument, documentKind, parsePolicyDocument } from "../rules/iam/document";
import { DEFAULT_ISSUER, KNOWN_ISSUER_HOSTS } from "../rules/issuer";
import { LanguageCache } from "../rules/iam/languages";
import { plainFinding } from "../rules/permissions-rules/rule";
import { BEDROCK_INVOKE_ACTIONS as DEFAULT_BEDROCK_ACTIONS } from "../rules/constants";
import { ACTOR_TYPES, ActorType, uidProblem } from "../rules/subject";
import { analyzePermissionsPolicy, analyzeTrustPolicy } from "../rules/registry";
import { DEFAULT_MAX_SESSION_DURATION, roleMaxSessionDuration } from "../rules/resource-rules/max-session-duration";
import { CLI_WORDS } from "../rules/trust-rules/rule";
import { TrustEngine } from "../rules/trust/engine";
import { normalizeHost } from "../rules/trust/hosts";
import { trustConfigFor } from "../rules/trust/config";
import { DEFAULT_TRUST_POLICY_LIMIT, MAX_TRUST_POLICY_LIMIT, trustPolicyQuotaProblem } from "../rules/policy-size";
import type { Witness } from "../rules/trust/witness";

export const LINT_USAGE = `usage: warp-bedrock lint [options] FILE...

Checks IAM trust policy and permissions policy JSON files (also the output of
aws iam get-role, get-role-policy and get-policy-version) against Warp's rules.

options:
  --team UID                  a team UID trusted policies may admit (repeatable);
                              without it, a policy may admit at most one team; with
                              it, every trust policy is meant for Warp and judged
                              for everyone it lets in
  --account ID                the roles' 12-digit AWS account: a provider ARN of
                              another account admits no Warp token (without it, the
                              account of the policy's Warp provider ARN is assumed)
  --issuer HOST               an allowed Warp issuer (repeatable; default ${DEFAULT_ISSUER})
  --actor-type TYPE           an actor type the roles are meant for: user or
                              service_account (repeatable; default both)
  --allow-actor-spanning      accept scoped_principal:<team>/* without a convention finding
  --action ACTION             an allowed permissions action (repeatable; default
                              ${DEFAULT_BEDROCK_ACTIONS.join(", ")})
  --kind trust|permissions    read every FILE as this kind of policy (default: by
                              IAM's rule, a policy with Principal is a trust policy)
  --max-session-duration N    ceiling for MaxSessionDuration in get-role output (default ${DEFAULT_MAX_SESSION_DURATION})
  --trust-policy-quota N      the account's role trust policy length quota in characters
                              (default ${DEFAULT_TRUST_POLICY_LIMIT}, adjustable in IAM up to ${MAX_TRUST_POLICY_LIMIT})
  --format text|json|sarif    output format (default text; sarif is SARIF 2.1.0)
  -h, --help                  show this help

exit status: 0 no mandatory finding, 1 a mandatory finding, 2 bad usage or unreadable/non-JSON input
`;

export interface LintOptions {
    teams: string[];
    account?: string;
    issuers: string[];
    actorTypes: ActorType[];
    actions: string[];
    /** Read every file as this kind, whatever its statements say. */
    kind?: DocumentKind;
    allowActorSpanning: boolean;
    maxSessionDuration: number;
    /** The account's role trust policy length quota; unset: IAM's default. */
    trustPolicyLengthQuota?: number;
    format: "text" | "json" | "sarif";
    files: string[];
}

function teamOption(uid: string): string {
    const problem = uidProblem(uid);
    if (problem !== undefined) {
        throw new UsageError(`--team: ${problem}`);
    }
    return uid;
}

function accountOption(value: string | undefined): string | undefined {
    if (value !== undefined && !/^\d{12}$/.test(value)) {
        throw new UsageError(`--account: ${JSON.stringify(value)} is not a 12-digit AWS account ID such as 123456789012`);
    }
    return value;
}

function issuerOption(value: string): string {
    const host = normalizeHost(value);
    if (!/^[a-z0-9.-]+(\/[^\s]*)?$/.test(host)) {
        throw new UsageError(`--issuer: ${JSON.stringify(host)} is not an issuer host such as ${DEFAULT_ISSUER}`);
    }
    return host;
}

function actorTypeOption(value: string): ActorType {
    if (!(ACTOR_TYPES as readonly string[]).includes(value)) {
        throw new UsageError(`--actor-type must be ${ACTOR_TYPES.join(" or ")}, got ${JSON.stringify(value)}`);
    }
    return value as ActorType;
}

function trustPolicyQuotaOption(value: string | undefined): number | undefined {
    if (value === undefined) {
        return undefined;
    }
    const n = /^\d+$/.test(value) ? Number(value) : value;
    const problem = trustPolicyQuotaProblem(n);
    if (problem !== undefined) {
        throw new UsageError(`--trust-policy-quota ${problem}`);
    }
    return n as number;
}

function positiveSeconds(value: string | undefined): number {
    const n = Number(value ?? DEFAULT_MAX_SESSION_DURATION);
    if (!Number.isInteger(n) || n <= 0) {
        throw new UsageError("--max-session-duration needs a whole number of seconds");
    }
    return n;
}

const LINT_OPTIONS = {
    "--team": { value: true, repeat: true },
    "--account": { value: true },
    "--issuer": { value: true, repeat: true },
    "--actor-type": { value: true, repeat: true },
    "--action": { value: true, repeat: true },
    "--kind": { value: true },
    "--allow-actor-spanning": {},
    "--max-session-duration": { value: true },
    "--trust-policy-quota": { value: true },
    "--format": { value: true },
} as const;

export function parseLintArgs(argv: readonly string[]): LintOptions | "help" {
    const parsed = parseOptions(argv, LINT_OPTIONS);
    if (parsed.help) {
        return "help";
    }
    const format = formatOf(parsed, ["text", "json", "sarif"] as const);
    if (parsed.positionals.length === 0) {
        throw new UsageError("no FILE given");
    }
    const account = accountOption(one(parsed, "--account"));
    const quota = trustPolicyQuotaOption(one(parsed, "--trust-policy-quota"));
    return {
        teams: all(parsed, "--team").map(teamOption),
        ...(account !== undefined ? { account } : {}),
        issuers: all(parsed, "--issuer").map(issuerOption),
        actorTypes: all(parsed, "--actor-type").map(actorTypeOption),
        actions: all(parsed, "--action"),
        ...kindOption(one(parsed, "--kind")),
        allowActorSpanning: parsed.flags.has("--allow-actor-spanning"),
        maxSessionDuration: positiveSeconds(one(parsed, "--max-session-duration")),
        ...(quota !== undefined ? { trustPolicyLengthQuota: quota } : {}),
        format,
        files: parsed.positionals,
    };
}

export type DocumentKind = "trust" | "permissions";

function kindOption(value: string | undefined): { kind?: DocumentKind } {
    if (value === undefined) {
        return {};
    }
    if (value !== "trust" && value !== "permissions") {
        throw new UsageError(`--kind must be trust or permissions, got ${JSON.stringify(value)}`);
    }
    return { kind: value };
}

/** One finding as the JSON output lists it; keys are always present, so consumers can rely on them. */
export interface LintFinding {
    file: string;
    rule: RuleName;
    level: FindingLevel;
    tier: Tier | null;
    /** For an exposure: one concrete request that gets in. */
    witness: Witness | null;
    /** For an exposure: the Allow statements through which such requests get in. */
    statements: number[] | null;
    statementIndex: number | null;
    sid: string | null;
    location: string;
    message: string;
    remediation: string;
}

export interface LintFileResult {
    file: string;
    kind: DocumentKind | null;
    /** For trust policies: whether the policy trusts a Warp issuer (if not, nothing is checked). */
    warpTrusted: boolean | null;
    /** For trust policies read without --account: the role's account taken from its Warp provider ARN. */
    accountAssumed: string | null;
    error: string | null;
    findings: LintFinding[];
}

export interface LintReport {
    schemaVersion: 1;
    exitCode: 0 | 1 | 2;
    summary: { files: number; mandatory: number; advisory: number; errors: number };
    files: LintFileResult[];
    findings: LintFinding[];
}

/** The document inside what the AWS CLI prints, or the file itself when it is a bare policy. */
function unwrap(json: unknown): { document: unknown; kind?: DocumentKind; maxSessionDuration?: unknown } {
    if (json === null || typeof json !== "object" || Array.isArray(json)) {
        return { document: json };
    }
    const o = json as Record<string, any>;
    if (o.Role && typeof o.Role === "object" && "AssumeRolePolicyDocument" in o.Role) {
        return { document: o.Role.AssumeRolePolicyDocument, kind: "trust", maxSessionDuration: o.Role.MaxSessionDuration };
    }
    if ("AssumeRolePolicyDocument" in o) {
        return { document: o.AssumeRolePolicyDocument, kind: "trust", maxSessionDuration: o.MaxSessionDuration };
    }
    if ("PolicyDocument" in o) {
        return { document: o.PolicyDocument, kind: "permissions" };
    }
    if (o.PolicyVersion && typeof o.PolicyVersion === "object" && "Document" in o.PolicyVersion) {
        return { document: o.PolicyVersion.Document, kind: "permissions" };
    }
    return { document: json };
}

function toLintFinding(file: string, f: Finding): LintFinding {
    return {
        file,
        rule: f.rule,
        level: f.level,
        tier: f.tier ?? null,
        witness: f.witness ?? null,
        statements: f.statements ?? null,
        statementIndex: f.statementIndex ?? null,
        sid: f.sid ?? null,
        location: describeLocation(f),
        message: f.message,
        remediation: f.remediation,
    };
}

type ReadDocument =
    | { error: string }
    | { parsed: Extract<ParsedDocument, { ok: true }>; wrappedKind?: DocumentKind; maxSessionDuration?: unknown; error?: undefined };

/** The file's text as one policy document, or why it is not one. */
function readLintDocument(file: string, text: string): ReadDocument {
    if (text.trim() === "") {
        return { error: `${file} is empty, not an IAM policy document` };
    }
    let json: unknown;
    try {
        json = JSON.parse(text);
    } catch (e) {
        return { error: `${file} is not valid JSON: ${e instanceof Error ? e.message : String(e)}` };
    }
    try {
        refuseDeepNesting(json, (why) => new Error(`${file}: ${why}`));
    } catch (e) {
        return { error: (e as Error).message };
    }
    const { document, kind: wrappedKind, maxSessionDuration } = unwrap(json);
    const parsed = parsePolicyDocument(document);
    if (!parsed.ok) {
        // Say what the file holds when it is not an object at all (a list, a string, a number).
        const what =
            json === null || typeof json !== "object" || Array.isArray(json)
                ? `it holds ${describeValue(json)}`
                : `the document ${parsed.problem}`;
        return { error: `${file} does not hold an IAM policy document: ${what}` };
    }
    if (parsed.doc.problems.length > 0 && parsed.doc.statements.length === 0) {
        return { error: `${file} does not hold an IAM policy document: it ${parsed.doc.problems.join("; ")}` };
    }
    return { parsed, wrappedKind, maxSessionDuration };
}

function lintTrust(
    read: { parsed: Extract<ParsedDocument, { ok: true }>; maxSessionDuration?: unknown },
    opts: LintOptions,
    engine: TrustEngine,
    result: LintFileResult,
): Finding[] {
    const config = trustConfigFor(opts.issuers, opts.teams, {
        allowedActorTypes: opts.actorTypes.length > 0 ? opts.actorTypes : undefined,
        allowActorSpanningSubjects: opts.allowActorSpanning,
        meantForWarp: opts.teams.length > 0,
        account: opts.account,
        trustPolicyLengthQuota: opts.trustPolicyLengthQuota,
    });
    const analysis = analyzeTrustPolicy(read.parsed, config, engine, CLI_WORDS);
    result.warpTrusted = analysis.answer.warpTrusted;
    result.accountAssumed = analysis.answer.judged ? (analysis.answer.accountAssumed ?? null) : null;
    if (analysis.answer.warpTrusted && read.maxSessionDuration !== undefined) {
        return [...analysis.findings, ...roleMaxSessionDuration.check(read.maxSessionDuration, opts.maxSessionDuration)];
    }
    return analysis.findings;
}

export function lintFile(
    file: string,
    text: string,
    opts: LintOptions,
    engine = new TrustEngine(),
    cache = new LanguageCache(),
): LintFileResult {
    const result: LintFileResult = { file, kind: null, warpTrusted: null, accountAssumed: null, error: null, findings: [] };
    const read = readLintDocument(file, text);
    if (read.error !== undefined) {
        result.error = read.error;
        return result;
    }
    // IAM's rule: statements with Principal make a trust policy; a file that mixes both is read as the
    // permissions policy it cannot be, and warp-permissions-iam-valid says so.
    const kind = opts.kind ?? read.wrappedKind ?? (documentKind(read.parsed.doc) === "trust" ? "trust" : "permissions");
    result.kind = kind;
    let findings: Finding[];
    if (kind === "trust") {
        findings = lintTrust(read, opts, engine, result);
    } else {
        const settings = { allowedActions: opts.actions.length > 0 ? opts.actions : DEFAULT_BEDROCK_ACTIONS };
        findings = analyzePermissionsPolicy(read.parsed, settings, cache, file).findings.map(plainFinding);
    }
    result.findings = findings.map((f) => toLintFinding(file, f));
    return result;
}

const readDocument = (file: string): string => readInputFile(file, INPUT_LIMITS.document, (why) => new Error(why));

export function lintFiles(opts: LintOptions, read: (file: string) => string = readDocument): LintReport {
    const engine = new TrustEngine();
    const cache = new LanguageCache();
    const files = opts.files.map((file): LintFileResult => {
        let text: string;
        try {
            text = read(file);
        } catch (e) {
            const code = (e as NodeJS.ErrnoException).code;
            const why =
                code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : e instanceof Error ? e.message : String(e);
            return { file, kind: null, warpTrusted: null, accountAssumed: null, error: `cannot read ${file}: ${why}`, findings: [] };
        }
        return lintFile(file, text, opts, engine, cache);
    });
    const findings = files.flatMap((f) => f.findings);
    const summary = {
        files: files.length,
        mandatory: findings.filter((f) => f.level === "mandatory").length,
        advisory: findings.filter((f) => f.level === "advisory").length,
        errors: files.filter((f) => f.error !== null).length,
    };
    const exitCode = summary.errors > 0 ? 2 : summary.mandatory > 0 ? 1 : 0;
    return { schemaVersion: 1, exitCode, summary, files, findings };
}

export function formatText(report: LintReport): { out: string; err: string } {
    const out: string[] = [];
    const err: string[] = [];
    for (const f of report.files) {
        if (f.error !== null) {
            err.push(`warp-bedrock lint: ${f.error}`);
            continue;
        }
        if (f.kind === "trust" && f.warpTrusted === false && f.findings.length === 0) {
            out.push(`${f.file}: note: the trust policy does not trust a Warp issuer (${KNOWN_ISSUER_HOSTS.join(", ")}); nothing to check`);
        }

        for (const x of f.findings) {
            out.push(`${x.file}: ${x.location}: ${x.level} ${x.rule}: ${x.message}. Fix: ${x.remediation}`);
        }
    }
    const assumed = [...new Set(report.files.map((f) => f.accountAssumed).filter((a): a is string => a !== null))];
    if (assumed.length > 0) {
        err.push(
            `warp-bedrock lint: note: no --account given; assumed each role is in the account of its Warp provider ARN (${assumed.join(", ")}); pass --account to check provider ARNs against the roles' real account`,
        );
    }
    const { files, mandatory, advisory, errors } = report.summary;
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
    out.push(
        `${plural(files, "file")} checked: ${plural(mandatory, "mandatory finding")}, ${plural(advisory, "advisory finding")}${errors > 0 ? `, ${plural(errors, "unreadable file")}` : ""}`,
    );
    return { out: `${out.join("\n")}\n`, err: err.length > 0 ? `${err.join("\n")}\n` : "" };
}

export async function runLint(argv: string[], io: CliIO): Promise<number> {
    return runCommand("lint", io, async () => lintWith(parseLintArgs(argv), io));
}

function lintWith(opts: LintOptions | "help", io: CliIO): number {
    if (opts === "help") {
        io.out(LINT_USAGE);
        return 0;
    }
    const report = lintFiles(opts);
    const errors = report.files.filter((f) => f.error !== null).map((f) => `warp-bedrock lint: ${escapeControls(f.error ?? "")}\n`);
    if (errors.length > 0) {
        // Bad input: the errors alone, and nothing on standard output, so a typo never reads as a report.
        io.err(errors.join(""));
        return 2;
    }
    if (opts.format === "json") {
        io.out(`${JSON.stringify(report, null, 2)}\n`);
    } else if (opts.format === "sarif") {
        io.out(lintSarif(report));
    } else {
        const text = formatText(report);
        if (text.err) {
            io.err(text.err);
        }
        io.out(text.out);
    }
    return report.exitCode;
}

/** The report as SARIF 2.1.0 (cli/sarif.ts): one result per finding, located in its file and statement. */
export function lintSarif(report: LintReport): string {
    const texts = new Map<string, string | undefined>();
    const textOf = (file: string) => {
        if (!texts.has(file)) {
            texts.set(file, file === "-" ? undefined : readInputFile(file, INPUT_LIMITS.document, (why) => new Error(why)));
        }
        return texts.get(file);
    };
    const lineFor = (f: LintFinding) => {
        const text = f.statementIndex === null ? undefined : textOf(f.file);
        return text === undefined || f.statementIndex === null ? undefined : statementLine(text, f.statementIndex);
    };
    return renderSarif(
        report.findings.map((f) => ({
            ruleId: f.rule,
            level: f.level,
            message: f.message,
            remediation: f.remediation,
            uri: f.file,
            ...(lineFor(f) !== undefined ? { startLine: lineFor(f) } : {}),
            logicalLocation: f.location,
            ...(f.witness ? { properties: { witness: f.witness } } : {}),
        })),
        { successful: true },
    );
}
