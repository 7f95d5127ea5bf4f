/**
 * `warp-bedrock doctor`, the pure part: the reasons a Bedrock call through one role fails, each a
 * check that passes, fails or could not run, with a fix. Trust questions go to the trust engine
 * (does this concrete token get in?), permission questions to the permissions evaluator.
 */
import { DEFAULT_ISSUER, STS_AUDIENCE } from "../rules/issuer";
import { subjectFor } from "../rules/subject";
import { TrustAnswer, TrustEngine } from "../rules/trust/engine";
import { normalizeHost } from "../rules/trust/hosts";
import { PlannedRequest, requestsFor } from "./bedrock-requests";
import { RequestDecision, decideRequest } from "../rules/permissions/request";
import { permissionsOf } from "./permissions";
import { snapshotRoutes } from "./role-routes";
import { AccountSnapshot, RoleRecord, findRole, providerFor } from "./snapshot";
import { admitsToken, trustVerdict } from "./trust";
import { AdmittedSet, describeAdmitted, describeGroup } from "../rules/trust/describe";
import { trustConfigFor } from "../rules/trust/config";
import type { Finding } from "../rules/findings";
import { splitAssumptions } from "../rules/permissions-rules/rule";

type CheckStatus = "pass" | "fail" | "not-run";

export interface DoctorCheck {
    id:
        | "role-exists"
        | "oidc-provider"
        | "trust-people"
        | "trust-agent"
        | "trust-others"
        | "permissions"
        | "boundary-and-deny"
        | "permissions-others"
        | "session-duration"
        | "iam-simulation";
    title: string;
    status: CheckStatus;
    detail: string;
    /** What to change when the check fails (or how to run it when it did not). */
    fix: string;
}

export interface DoctorOptions {
    role: string;
    issuer?: string;
    team?: string;
    agents: readonly string[];
    people: boolean;
    model?: string;
    region?: string;
    destinationRegions: readonly string[];
    /** The session length Warp asks STS for. */
    requestedSessionSeconds: number;
}

/** What Warp asks STS for: one hour. */
export const WARP_SESSION_SECONDS = 3600;

export interface DoctorReport {
    schemaVersion: 1;
    role: string;
    source: "file" | "live";
    exitCode: 0 | 1;
    checks: DoctorCheck[];
}

const ROLE_ARN = /^arn:([^:]+):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/;

function check(id: DoctorCheck["id"], title: string, status: CheckStatus, detail: string, fix = ""): DoctorCheck {
    return { id, title, status, detail, fix };
}

/** A named agent's token (its sub) and whether the trust engine lets it in. */
interface AgentAdmission {
    name: string;
    sub: string;
    admitted: boolean;
}

/** The engine's answer for one team: who of it gets in, in the engine's words, and each named agent's token. */
interface TeamTrust {
    issuer: string;
    team: string;
    /** No --team, and the role admits every team: the engine's sample team is no team of the user's. */
    anyTeam: boolean;
    admitted: AdmittedSet;
    agents: AgentAdmission[];
}

/** What the trust engine says about the role, asked at the top and handed down to the trust checks. */
interface TrustFacts {
    issuer: string;
    answer: TrustAnswer;
    findings: readonly Finding[];
    teamGiven: boolean;
    /** Whether the people's check runs: asked for, or no named agent to check. */
    people: boolean;
    /** Set when the policy can be read and a team is known (--team, else the one team the role admits). */
    forTeam?: TeamTrust;
}

/**
 * The Warp issuer whose tokens the engine finds get in, else the default one. Asked without the role's
 * account: a role that trusts another account's Warp provider is still checked for the issuer it names.
 */
function issuerAdmitted(role: RoleRecord, team: string | undefined, engine: TrustEngine): string {
    return trustVerdict(role.trustPolicy, trustConfigFor(undefined, team), engine).answer.warpIssuersIn[0] ?? DEFAULT_ISSUER;
}

/** The issuer to check (the one asked for, else the one that gets in) and the engine's verdict on the role for it. */
function askTrust(role: RoleRecord, opts: DoctorOptions, engine: TrustEngine, account?: string): TrustFacts {
    const people = opts.people || opts.agents.length === 0;
    const issuer = !opts.issuer ? issuerAdmitted(role, opts.team, engine) : normalizeHost(opts.issuer);
    // The role's account, when the snapshot knows it: a provider of another account lets no token in.
    const { answer, findings } = trustVerdict(role.trustPolicy, trustConfigFor(issuer, opts.team, account ? { account } : {}), engine);
    const facts = { issuer, answer, findings, teamGiven: opts.team !== undefined, people };
    const team = opts.team ?? answer.team;
    if (answer.problem !== undefined || team === undefined) {
        return facts;
    }
    const agents = opts.agents.map((name) => {
        const sub = subjectFor(team, "service_account", name);
        return { name, sub, admitted: admitsToken(answer, engine, issuer, sub) };
    });
    const forTeam = {
        issuer,
        team,
        anyTeam: !facts.teamGiven && answer.exposures.some((e) => e.way === "other-team"),
        admitted: describeAdmitted(answer, engine, { issuers: [issuer], teams: [team] }),
        agents,
    };
    return { ...facts, forTeam };
}

function providerCheck(snapshot: AccountSnapshot, issuer: string): DoctorCheck {
    const title = `the account has an OIDC provider for ${issuer} with client ID ${STS_AUDIENCE}`;
    const create = `Create it: aws iam create-open-id-connect-provider --url https://${issuer} --client-id-list ${STS_AUDIENCE} (or the account stack of this project)`;
    const p = providerFor(snapshot, issuer);
    if (p === undefined) {
        return snapshot.source === "file"
            ? check(
                  "oidc-provider",
                  title,
                  "not-run",
                  "the authorization-details file does not list OIDC providers",
                  `Pass --oidc-provider FILE with: aws iam get-open-id-connect-provider --open-id-connect-provider-arn arn:aws:iam::<account>:oidc-provider/${issuer}`,
              )
            : check(
                  "oidc-provider",
                  title,
                  "fail",
                  `the account has no IAM OIDC provider for https://${issuer}; STS refuses every token of ${issuer}`,
                  create,
              );
    }
    if (!p.clientIds.includes(STS_AUDIENCE)) {
        return check(
            "oidc-provider",
            title,
            "fail",
            `${p.arn} lists client IDs ${JSON.stringify(p.clientIds)}, not ${STS_AUDIENCE}; STS refuses Warp's tokens (aud ${STS_AUDIENCE})`,
            `aws iam add-client-id-to-open-id-connect-provider --open-id-connect-provider-arn ${p.arn} --client-id ${STS_AUDIENCE}`,
        );
    }
    return check("oidc-provider", title, "pass", `${p.arn} lists ${STS_AUDIENCE}`);
}

function statementFix(issuer: string, operator: "StringLike" | "StringEquals", sub: string): string {
    const condition =
        operator === "StringLike"
            ? `"StringEquals": {"${issuer}:aud": "${STS_AUDIENCE}"}, "StringLike": {"${issuer}:sub": "${sub}"}`
            : `"StringEquals": {"${issuer}:aud": "${STS_AUDIENCE}", "${issuer}:sub": "${sub}"}`;
    return `Add an Allow statement for sts:AssumeRoleWithWebIdentity with Principal {"Federated": "arn:aws:iam::<account>:oidc-provider/${issuer}"} and Condition {${condition}}`;
}

/** Whether every person of the team gets in, only some, or none. */
function peopleCheck(facts: TeamTrust): DoctorCheck {
    const { issuer, team } = facts;
    // With no --team and a role that admits every team, the engine's sample team is no team of the user's.
    const title = `the trust policy admits the people of ${facts.anyTeam ? "a team" : `team ${team}`} (tokens of ${issuer})`;
    const groups = facts.admitted.groups.filter((g) => g.actorType === "user");
    // Revoked people (a Deny statement, the component's revokedUsers) are refused on purpose: the role still admits the others.
    const all = groups.find((g) => g.scope === "all" || g.scope === "all-except");
    if (all) {
        return check("trust-people", title, "pass", describeGroup(all));
    }
    const fix = statementFix(issuer, "StringLike", subjectFor(team, "user", "*"));
    if (groups.length > 0) {
        return check("trust-people", title, "fail", `only ${describeGroup(groups[0])}; others get AccessDenied`, fix);
    }
    const sample = subjectFor(team, "user", "u");
    return check(
        "trust-people",
        title,
        "fail",
        `no person of team ${team} gets in (for example a token with sub ${sample} and aud ${STS_AUDIENCE})`,
        fix,
    );
}

/** Whether this named agent's token gets in; when the agent is refused by a Deny while the others get in, that is the reason. */
function agentCheck(facts: TeamTrust, agent: AgentAdmission): DoctorCheck {
    const { issuer, team } = facts;
    const { name, sub } = agent;
    const title = `the trust policy admits named agent ${name} of team ${team}`;
    if (agent.admitted) {
        return check("trust-agent", title, "pass", `a token of ${issuer} with sub ${sub} and aud ${STS_AUDIENCE} gets in`);
    }
    const revokedIn = facts.admitted.groups.find(
        (g) => g.actorType === "service_account" && g.scope === "all-except" && g.except?.includes(name),
    );
    return revokedIn
        ? check(
              "trust-agent",
              title,
              "fail",
              `agent ${name} is revoked: ${describeGroup(revokedIn)}`,
              `If the revocation is over, remove ${name} from revokedAgents (or from the trust policy's Deny statement)`,
          )
        : check(
              "trust-agent",
              title,
              "fail",
              `a token of ${issuer} with sub ${sub} and aud ${STS_AUDIENCE} does not get in`,
              statementFix(issuer, "StringEquals", sub),
          );
}

function trustChecks(facts: TrustFacts): DoctorCheck[] {
    const { issuer, answer } = facts;
    if (answer.problem !== undefined) {
        return [
            check(
                "trust-people",
                "the trust policy can be read",
                "fail",
                `the trust policy ${answer.problem}`,
                "Fix the trust policy's JSON",
            ),
        ];
    }
    if (facts.forTeam === undefined) {
        return [
            check(
                "trust-people",
                `the trust policy admits Warp tokens of ${issuer}`,
                "fail",
                `no token of ${issuer} with aud ${STS_AUDIENCE} and a team's sub gets in`,
                `Pass --team to name your team, and ${statementFix(issuer, "StringLike", "scoped_principal:<team-uid>/user:*")}`,
            ),
        ];
    }
    const forTeam = facts.forTeam;
    const people = facts.people ? [peopleCheck(forTeam)] : [];
    const agents = forTeam.agents.map((agent) => agentCheck(forTeam, agent));
    return [...people, ...agents, othersCheck(facts.findings, answer, facts.teamGiven)];
}

/**
 * doctor answers "why does Warp get AccessDenied", but a role that also admits outsiders is no clean bill:
 * the exposures the trust rules find make this check fail (exit 1), and `audit` lists them in full.
 */
function othersCheck(findings: readonly Finding[], answer: TrustAnswer, teamGiven: boolean): DoctorCheck {
    if (answer.exposures.length === 0) {
        return check("trust-others", "the trust policy admits no one else", "pass", "no other team, audience, issuer or principal gets in");
    }
    const mandatory = findings.filter((f) => f.tier === "exposure");
    const example = answer.exposures[0].witness.description;
    const teamNote = !teamGiven && answer.exposures.some((e) => e.way === "other-team") ? "; pass --team UID to check your own team" : "";
    return check(
        "trust-others",
        "the trust policy admits no one else",
        "fail",
        `the role also admits others: ${answer.exposures.length} kind(s) of outsider (${mandatory.length} mandatory finding(s)), for example ${example}${teamNote}`,
        "Run warp-bedrock audit on the same input for every finding with its witness and fix",
    );
}

function describeRequest(r: PlannedRequest): string {
    return `${r.action} on ${r.resource}`;
}

type Decided = [PlannedRequest, RequestDecision];

/** The model and region are needed to plan the requests: without them neither permission check runs. */
function permissionChecksNotRun(title: string, cutTitle: string): DoctorCheck[] {
    const why = "needs the model and region Warp calls";
    return [
        check(
            "permissions",
            title,
            "not-run",
            why,
            "Pass --model MODEL_ID (or an inference profile ID such as us.anthropic.claude-...) and --region REGION",
        ),
        check("boundary-and-deny", cutTitle, "not-run", why, "Pass --model and --region"),
    ];
}

/** What to allow, and where, so the missing requests pass. */
function missingPermissionsFix(missing: Decided[], model: string, requests: PlannedRequest[]): string {
    const resourceHint =
        model.includes(".") && requests.some((r) => r.context["bedrock:InferenceProfileArn"])
            ? " (a cross-region profile needs the profile ARN and the foundation-model ARN in every destination region)"
            : "";
    const actions = missing.map(([r]) => r.action).filter((a, i, l) => l.indexOf(a) === i);
    const resources = [...new Set(missing.map(([r]) => r.resource))].slice(0, 3);
    return `Allow ${actions.join(" and ")} on ${resources.join(", ")}${resourceHint}; the component's inline policy (bedrockModels, bedrockRegions) writes these`;
}

/** Whether the identity policies allow every request: pass, fail naming the missing ones, or undecidable offline. */
function allowCheck(title: string, model: string, decisions: Decided[]): DoctorCheck {
    const requests = decisions.map(([r]) => r);
    const notAllowed = decisions.filter(([, d]) => d.allowedBy.length === 0 && d.decision !== "explicit-deny");
    if (notAllowed.length === 0) {
        const by = decisions[0][1].allowedBy.map((s) => `${s.policy} Statement[${s.index}]`).join(", ");
        return check(
            "permissions",
            title,
            "pass",
            `${requests.length} request(s) allowed, for example ${describeRequest(requests[0])} by ${by}`,
        );
    }
    if (notAllowed.every(([, d]) => d.decision === "unknown")) {
        const unknown = decisions.filter(([, d]) => d.decision === "unknown");
        const reasons = new Set(unknown.flatMap(([, d]) => [...d.unseen.map((u) => `${u} is not in the input`), ...d.undecided]));
        return check(
            "permissions",
            title,
            "not-run",
            `cannot decide offline: ${[...reasons].join("; ")}`,
            "Run doctor live (it asks iam:SimulatePrincipalPolicy), or put the policy documents in the input",
        );
    }
    const missing = notAllowed.filter(([, d]) => d.decision !== "unknown");
    const listed = missing
        .slice(0, 4)
        .map(([r]) => `${describeRequest(r)} (${r.why})`)
        .join("; ");
    return check(
        "permissions",
        title,
        "fail",
        `not allowed: ${listed}${missing.length > 4 ? `; and ${missing.length - 4} more` : ""}`,
        missingPermissionsFix(missing, model, requests),
    );
}

/** Whether a permissions boundary or an explicit Deny cuts a request the policies allow. */
function cutCheck(cutTitle: string, decisions: Decided[]): DoctorCheck {
    const boundary = decisions[0][1].boundary;
    const cut = decisions.filter(([, d]) => d.decision === "explicit-deny" || d.decision === "boundary-deny");
    const open = decisions.filter(([, d]) => d.decision === "unknown" && d.allowedBy.length > 0);
    if (cut.length === 0 && open.length > 0 && (boundary === undefined || boundary.seen)) {
        // Allowed, but a Deny the check cannot decide, or a policy not in the input, may still refuse it.
        const reasons = new Set(open.flatMap(([, d]) => [...d.unseen.map((u) => `${u} is not in the input`), ...d.undecided]));
        return check(
            "boundary-and-deny",
            cutTitle,
            "not-run",
            `cannot decide offline: ${[...reasons].join("; ")}`,
            "Run doctor live (it asks iam:SimulatePrincipalPolicy), or put the policy documents in the input",
        );
    }
    if (cut.length === 0) {
        const boundaryUnseen = boundary !== undefined && !boundary.seen;
        return check(
            "boundary-and-deny",
            cutTitle,
            boundaryUnseen ? "not-run" : "pass",
            boundary
                ? `${boundary.label}${boundary.seen ? " allows them" : " is not in the input"}`
                : "no permissions boundary and no Deny applies",
            boundaryUnseen ? "Put the boundary policy in the input, or run doctor live" : "",
        );
    }
    const [r, d] = cut[0];
    const by = d.deniedBy.map((s) => `${s.policy} Statement[${s.index}]${s.sid ? ` (Sid ${JSON.stringify(s.sid)})` : ""}`).join(", ");
    return d.decision === "boundary-deny"
        ? check(
              "boundary-and-deny",
              cutTitle,
              "fail",
              `the ${boundary?.label} does not allow ${describeRequest(r)}${by ? ` (denied by ${by})` : ""}`,
              `Allow ${r.action} on Bedrock model ARNs in the permissions boundary, or remove the boundary`,
          )
        : check(
              "boundary-and-deny",
              cutTitle,
              "fail",
              `${describeRequest(r)} is explicitly denied by ${by}`,
              `Narrow or remove the Deny in ${by}`,
          );
}

function permissionChecks(
    role: RoleRecord,
    snapshot: AccountSnapshot,
    opts: DoctorOptions,
): { checks: DoctorCheck[]; requests: PlannedRequest[] } {
    const m = ROLE_ARN.exec(role.arn);
    const title = `the permissions allow bedrock:InvokeModel and InvokeModelWithResponseStream${opts.model ? ` for ${opts.model}` : ""}${opts.region ? ` in ${opts.region}` : ""}`;
    const cutTitle = "no permissions boundary or explicit Deny cuts them";
    if (!opts.model || !opts.region || !m) {
        return { checks: permissionChecksNotRun(title, cutTitle), requests: [] };
    }
    const requests = requestsFor({
        modelId: opts.model,
        region: opts.region,
        partition: m[1],
        accountId: m[2],
        destinationRegions: opts.destinationRegions,
    });
    const { input } = snapshotRoutes(role, snapshot);
    const decisions: Decided[] = requests.map((r) => [r, decideRequest(input, r)]);
    return { checks: [allowCheck(title, opts.model, decisions), cutCheck(cutTitle, decisions)], requests };
}

/**
 * The permissions' side of "no clean bill": a role that may do more than invoke Bedrock models fails
 * (exit 1), judged by the permissions engine over every route, as `audit` judges it.
 */
function beyondCheck(role: RoleRecord, snapshot: AccountSnapshot): DoctorCheck {
    const title = "the permissions allow nothing beyond invoking Bedrock models";
    const perms = permissionsOf(role, snapshot);
    const mandatory = [...perms.policies.flatMap((p) => p.findings), ...perms.roleFindings].filter((f) => f.level === "mandatory");
    if (mandatory.length === 0) {
        return check("permissions-others", title, "pass", "every policy that reaches the role, judged together: Bedrock invoke only");
    }
    const example = splitAssumptions(mandatory[0].message).message;
    return check(
        "permissions-others",
        title,
        "fail",
        `the role may do more: ${mandatory.length} mandatory finding(s), for example ${example}`,
        "Run warp-bedrock audit on the same input for every finding with its witness and fix",
    );
}

function sessionCheck(role: RoleRecord, requested: number): DoctorCheck {
    const title = `the session duration is at least the ${requested} seconds Warp requests`;
    if (role.maxSessionDuration === undefined) {
        return check(
            "session-duration",
            title,
            "not-run",
            "MaxSessionDuration is not in the authorization-details file",
            `Run doctor live, or check with aws iam get-role --role-name ${role.name}`,
        );
    }
    return role.maxSessionDuration >= requested
        ? check("session-duration", title, "pass", `MaxSessionDuration is ${role.maxSessionDuration} seconds`)
        : check(
              "session-duration",
              title,
              "fail",
              `MaxSessionDuration is ${role.maxSessionDuration} seconds`,
              `aws iam update-role --role-name ${role.name} --max-session-duration ${requested}`,
          );
}

export interface Diagnosis {
    report: DoctorReport;
    role?: RoleRecord;
    /** The requests the permission checks asked about, for a live simulation. */
    requests: PlannedRequest[];
}

export function finishReport(role: string, source: "file" | "live", checks: DoctorCheck[]): DoctorReport {
    return { schemaVersion: 1, role, source, exitCode: checks.some((c) => c.status === "fail") ? 1 : 0, checks };
}

export function diagnoseRole(snapshot: AccountSnapshot, opts: DoctorOptions, engine = new TrustEngine()): Diagnosis {
    const role = findRole(snapshot, opts.role);
    const existsTitle = "the role exists";
    if (role === undefined) {
        const checks = [
            check(
                "role-exists",
                existsTitle,
                "fail",
                `no role ${opts.role} in ${snapshot.source === "live" ? "the account" : "the authorization-details file"}${snapshot.accountId ? ` (account ${snapshot.accountId})` : ""}`,
                "Check the ARN set in Warp (account, path and name), or create the role (warp-bedrock synth / pulumi up)",
            ),
        ];
        return { report: finishReport(opts.role, snapshot.source, checks), requests: [] };
    }
    // What needs only the role and the options first, then the questions for the engines, each asked once.
    const session = sessionCheck(role, opts.requestedSessionSeconds);
    const perms = permissionChecks(role, snapshot, opts);
    const facts = askTrust(role, opts, engine, snapshot.accountId);
    const trust = trustChecks(facts);
    const checks = [
        check("role-exists", existsTitle, "pass", role.arn),
        providerCheck(snapshot, facts.issuer),
        ...trust,
        ...perms.checks,
        beyondCheck(role, snapshot),
        session,
    ];
    return { report: finishReport(role.arn, snapshot.source, checks), role, requests: perms.requests };
}
