/**
 * `warp-bedrock audit`, the pure part: every role of an account snapshot that a Warp issuer can assume
 * (or whose trust names a Warp host that no Warp token reaches), with who can assume it (the trust
 * engine's answer and the trust rules' findings), the permissions reaching it (the permissions rules),
 * its session length and its issuer's OIDC provider (the provider rule).
 */
import { Finding, finding } from "../rules/findings";
import { DEFAULT_ISSUER } from "../rules/issuer";
import { oidcProviderClientId } from "../rules/resource-rules/oidc-provider-client-id";
import { BEDROCK_INVOKE_ACTIONS as DEFAULT_BEDROCK_ACTIONS } from "../rules/constants";
import { DEFAULT_MAX_SESSION_DURATION, roleMaxSessionDuration } from "../rules/resource-rules/max-session-duration";
import { TrustEngine, TrustAnswer } from "../rules/trust/engine";
import { PermissionsMemo, PolicySource, permissionsOf } from "./permissions";
import { AccountSnapshot, RoleRecord, providerFor } from "./snapshot";
import { trustVerdict } from "./trust";
import { describeAdmitted, describeGroup } from "../rules/trust/describe";
import type { MayDo } from "../rules/permissions/describe";
import { trustConfigFor } from "../rules/trust/config";

export interface AuditOptions {
    teams: readonly string[];
    issuers: readonly string[];
    actions: readonly string[];
    maxSessionDuration: number;
    allowActorSpanning: boolean;
}

const DEFAULT_AUDIT_OPTIONS: AuditOptions = {
    teams: [],
    issuers: [DEFAULT_ISSUER],
    actions: DEFAULT_BEDROCK_ACTIONS,
    maxSessionDuration: DEFAULT_MAX_SESSION_DURATION,
    allowActorSpanning: false,
};

type CheckStatus = "pass" | "fail" | "not-run";

/** A finding as the audit reports it: where it is, in which document of which role. */
interface AuditFinding {
    roleArn: string;
    /** `trust policy`, `inline policy NAME`, `managed policy ARN`, `role`, `OIDC provider HOST`. */
    document: string;
    rule: string;
    level: "mandatory" | "advisory";
    tier: string | null;
    statementIndex: number | null;
    sid: string | null;
    message: string;
    remediation: string;
    witness: Finding["witness"] | null;
}

interface ProviderCheck {
    issuer: string;
    status: CheckStatus;
    arn: string | null;
    clientIds: string[] | null;
    message: string;
}

export interface RoleAudit {
    arn: string;
    name: string;
    /** `warp-trusted`: some Warp token gets in; `broken`: the trust names a Warp host but no Warp token reaches the role. */
    status: "warp-trusted" | "broken";
    whoCanAssume: {
        team: string | null;
        admitted: string[];
        exposures: Array<{ way: string; witness: NonNullable<Finding["witness"]>; statements: number[] }>;
        assumptions: string[];
    };
    permissions: {
        bedrockOnly: boolean;
        /** What the role may do: invoke which models where, and each witness of what lies beyond (rules/permissions/describe.ts). */
        mayDo: {
            text: string;
            invoke: Array<{ actions: string[]; on: string[]; text: string }>;
            beyond: string[];
            unseen: string[];
            assumptions: string[];
        };
        policies: Array<{ source: PolicySource; name: string; arn: string | null; bedrockOnly: boolean; documentKnown: boolean }>;
        permissionsBoundaryArn: string | null;
    };
    maxSessionDuration: number | null;
    oidcProviders: ProviderCheck[];
    findings: AuditFinding[];
}

export interface AuditReport {
    schemaVersion: 1;
    source: "file" | "live";
    accountId: string | null;
    exitCode: 0 | 1;
    summary: {
        rolesInAccount: number;
        warpRoles: number;
        brokenRoles: number;
        mandatory: number;
        advisory: number;
        providerChecksNotRun: number;
    };
    roles: RoleAudit[];
    findings: AuditFinding[];
}

function row(roleArn: string, document: string, f: Finding): AuditFinding {
    return {
        roleArn,
        document,
        rule: f.rule,
        level: f.level,
        tier: f.tier ?? null,
        statementIndex: f.statementIndex ?? null,
        sid: f.sid ?? null,
        message: f.message,
        remediation: f.remediation,
        witness: f.witness ?? null,
    };
}

/** The Warp hosts whose tokens get in, or, for a broken role, the Warp hosts its trust policy names (the engine's answer). */
function warpHosts(answer: TrustAnswer): string[] {
    return [...(answer.warpIssuersIn.length > 0 ? answer.warpIssuersIn : answer.warpIssuersNamed)];
}

function providerCheck(snapshot: AccountSnapshot, issuer: string): { check: ProviderCheck; findings: Finding[] } {
    const p = providerFor(snapshot, issuer);
    if (p === undefined) {
        if (snapshot.oidcProviders === undefined || snapshot.source === "file") {
            return {
                check: {
                    issuer,
                    status: "not-run",
                    arn: null,
                    clientIds: null,
                    message: `not run (advisory): the authorization-details file does not list OIDC providers; pass --oidc-provider FILE with the output of aws iam get-open-id-connect-provider for ${issuer}`,
                },
                findings: [],
            };
        }
        const message = `the account has no IAM OIDC provider for https://${issuer}, so STS refuses every ${issuer} token`;
        return {
            check: { issuer, status: "fail", arn: null, clientIds: null, message },
            findings: [
                finding(
                    oidcProviderClientId,
                    message,
                    `Create the provider with URL https://${issuer} and client ID sts.amazonaws.com (the account stack of this project, or aws iam create-open-id-connect-provider).`,
                ),
            ],
        };
    }
    const findings = oidcProviderClientId.check(p.url, [...p.clientIds]);
    return {
        check: {
            issuer,
            status: findings.length === 0 ? "pass" : "fail",
            arn: p.arn,
            clientIds: [...p.clientIds],
            message: findings.length === 0 ? `client ID is sts.amazonaws.com` : findings.map((f) => f.message).join("; "),
        },
        findings,
    };
}

/** The permissions engine's "may do", as the report carries it. */
function mayDoOf(m: MayDo): RoleAudit["permissions"]["mayDo"] {
    return {
        text: m.text,
        invoke: m.invoke.map((i) => ({ actions: [...i.actions], on: [...i.on], text: i.text })),
        beyond: [...m.beyond],
        unseen: [...m.unseen],
        assumptions: [...m.assumptions],
    };
}

/** One run's shared state: the trust engine and the permissions judgements by the text they depend on. */
interface Run {
    engine: TrustEngine;
    memo: PermissionsMemo;
}

function auditRole(role: RoleRecord, snapshot: AccountSnapshot, opts: AuditOptions, { engine, memo }: Run): RoleAudit | undefined {
    const verdict = trustVerdict(
        role.trustPolicy,
        trustConfigFor(opts.issuers, opts.teams, {
            allowActorSpanningSubjects: opts.allowActorSpanning,
            ...(snapshot.accountId ? { account: snapshot.accountId } : {}),
        }),
        engine,
    );
    if (!verdict.inScope) {
        return undefined;
    }
    const answer = verdict.answer;
    const findings: AuditFinding[] = verdict.findings.map((f) => row(role.arn, "trust policy", f));
    const perms = permissionsOf(role, snapshot, opts.actions, memo);
    for (const p of perms.policies) {
        const doc = p.source === "inline" ? `inline policy ${p.name}` : `managed policy ${p.arn}`;
        findings.push(...p.findings.map((f) => row(role.arn, doc, f)));
    }
    findings.push(...perms.roleFindings.map((f) => row(role.arn, "permissions", f)));
    findings.push(...roleMaxSessionDuration.check(role.maxSessionDuration, opts.maxSessionDuration).map((f) => row(role.arn, "role", f)));
    const providers: ProviderCheck[] = [];
    for (const host of warpHosts(answer)) {
        const { check, findings: pf } = providerCheck(snapshot, host);
        providers.push(check);
        findings.push(...pf.map((f) => row(role.arn, `OIDC provider ${host}`, f)));
    }
    return {
        arn: role.arn,
        name: role.name,
        status: answer.warpTrusted ? "warp-trusted" : "broken",
        whoCanAssume: {
            team: answer.team ?? (opts.teams.length > 0 ? opts.teams.join(", ") : null),
            admitted: describeAdmitted(answer, engine, {
                issuers: answer.warpIssuersIn,
                teams: opts.teams.length > 0 ? opts.teams : answer.team !== undefined ? [answer.team] : [],
            }).groups.map(describeGroup),
            exposures: answer.exposures.map((e) => ({ way: e.way, witness: e.witness, statements: [...e.statements] })),
            assumptions: [...answer.assumptions],
        },
        permissions: {
            bedrockOnly: perms.bedrockOnly,
            mayDo: mayDoOf(perms.mayDo),
            policies: perms.policies.map((p) => ({
                source: p.source,
                name: p.name,
                arn: p.arn ?? null,
                bedrockOnly: p.findings.every((f) => f.level !== "mandatory"),
                documentKnown: p.document !== undefined,
            })),
            permissionsBoundaryArn: perms.boundary?.arn ?? null,
        },
        maxSessionDuration: role.maxSessionDuration ?? null,
        oidcProviders: providers,
        findings,
    };
}

export function auditAccount(snapshot: AccountSnapshot, options: Partial<AuditOptions> = {}): AuditReport {
    const opts = { ...DEFAULT_AUDIT_OPTIONS, ...options };
    const run: Run = { engine: new TrustEngine(), memo: new Map() };
    const roles = snapshot.roles.map((r) => auditRole(r, snapshot, opts, run)).filter((r): r is RoleAudit => r !== undefined);
    const findings = roles.flatMap((r) => r.findings);
    const mandatory = findings.filter((f) => f.level === "mandatory").length;
    return {
        schemaVersion: 1,
        source: snapshot.source,
        accountId: snapshot.accountId ?? null,
        exitCode: mandatory > 0 ? 1 : 0,
        summary: {
            rolesInAccount: snapshot.roles.length,
            warpRoles: roles.filter((r) => r.status === "warp-trusted").length,
            brokenRoles: roles.filter((r) => r.status === "broken").length,
            mandatory,
            advisory: findings.length - mandatory,
            providerChecksNotRun: roles.flatMap((r) => r.oidcProviders).filter((p) => p.status === "not-run").length,
        },
        roles,
        findings,
    };
}
