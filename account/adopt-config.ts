/**
 * From a hand-made role to the stack config that reproduces it: the team, grants and issuer come from
 * the trust engine's answer (who the grants let in, and whom a Deny revokes), the regions and models
 * from the Bedrock policy's resource ARNs, revoked sessions from the IAM console's policy, the rest
 * (name, path, description, session, boundary, tags) from the role itself. Whether the config really
 * reproduces the role is decided afterwards, by comparing meanings (account/adopt.ts).
 */
import { isDeepStrictEqual } from "util";
import { STS_AUDIENCE } from "../rules/issuer";
import { Statement, effectOf, parsePolicyDocument, readPolicyValue } from "../rules/iam/document";
import { actionMatches } from "../rules/iam/match";
import { ACTOR_TYPES, ActorType, subjectFor } from "../rules/subject";
import { REVOKE_SESSIONS_POLICY_NAME, buildRevokeSessionsPolicy } from "../components/revocation";
import { ExposureWay, TrustAnswer, TrustEngine } from "../rules/trust/engine";
import { InlinePolicy, RoleRecord } from "./snapshot";
import { admitsToken, trustVerdict } from "./trust";
import { describeAdmitted, describeGroup } from "../rules/trust/describe";
import { trustConfigFor } from "../rules/trust/config";

export interface DerivedConfig {
    /** Stack config keys (without the project prefix) to their values. */
    config: Record<string, unknown>;
    issuer: string;
    team: string;
    /** The inline policy the component takes over, if the role has one that grants Bedrock. */
    bedrockPolicy?: InlinePolicy;
    /** The IAM console's session revocation policy, exactly as the component writes it, taken over too. */
    revokeSessionsPolicy?: InlinePolicy;
    /** Why the role cannot be expressed at all, when it cannot. */
    problem?: string;
    /**
     * Why the role cannot be adopted unless the config reproduces its trust exactly: no Warp token gets
     * in today (its grants are all revoked), so any difference would let someone in.
     */
    problemIfTrustChanges?: string;
    /** Who else the role admits, in words: the reason given when no stack config can express the role. */
    outsiders?: string;
    notes: string[];
}

const INVOKE = "bedrock:InvokeModel";

function grantsBedrock(doc: unknown): boolean {
    const parsed = parsePolicyDocument(doc);
    return (
        parsed.ok &&
        parsed.doc.statements.some((s) => effectOf(s.effect) === "allow" && (s.actions ?? []).some((a) => actionMatches(a, INVOKE)))
    );
}

/** UIDs of one actor type written literally in the trust policy's sub conditions for this team. */
function literalUids(doc: unknown, team: string, actorType: ActorType): string[] {
    const parsed = parsePolicyDocument(doc);
    if (!parsed.ok) {
        return [];
    }
    const prefix = subjectFor(team, actorType, "");
    const out = new Set<string>();
    for (const s of parsed.doc.statements) {
        for (const c of s.conditions) {
            if (!c.keyLower.endsWith(":sub")) {
                continue;
            }
            for (const v of c.values) {
                if (typeof v === "string" && v.startsWith(prefix) && /^[A-Za-z0-9_-]+$/.test(v.slice(prefix.length))) {
                    out.add(v.slice(prefix.length));
                }
            }
        }
    }
    return [...out].sort();
}

interface Scope {
    regions: string[];
    models: string[];
}

const ARN = /^arn:[^:]+:bedrock:([^:]*):[^:]*:(foundation-model|inference-profile|application-inference-profile)\/(.+)$/;

/** Regions and model patterns of the Bedrock statements: `*` anywhere means all. */
function scopeOf(statements: readonly Statement[]): Scope {
    const regions = new Set<string>();
    const models = new Set<string>();
    for (const s of statements) {
        for (const r of s.resources ?? ["*"]) {
            const m = ARN.exec(r);
            if (!m) {
                regions.add("*");
                models.add("*");
                continue;
            }
            regions.add(m[1] === "" ? "*" : m[1]);
            if (m[2] === "foundation-model") {
                models.add(m[3]);
            } else if (m[2] === "inference-profile") {
                // System profile IDs are <geography>.<model-id>; `*` and `*.<model>` name models by pattern.
                const id = m[3];
                models.add(id === "*" ? "*" : id.startsWith("*.") ? id.slice(2) : id.replace(/^[a-z-]+\./, ""));
            }
        }
    }
    const all = (set: Set<string>) => [...set].some((x) => /^[*?]*\*[*?]*$/.test(x));
    return { regions: all(regions) ? [] : [...regions].sort(), models: all(models) ? [] : [...models].sort() };
}

function bedrockStatements(doc: unknown): Statement[] {
    const parsed = parsePolicyDocument(doc);
    if (!parsed.ok) {
        return [];
    }
    return parsed.doc.statements.filter((s) => effectOf(s.effect) === "allow" && (s.actions ?? []).some((a) => actionMatches(a, INVOKE)));
}

/** Why a role no Warp token can assume cannot be adopted. */
function untrustedProblem(answer: TrustAnswer): string {
    return answer.broken
        ? "its trust policy names a Warp host, but no Warp token can assume it (broken); adopting it would let the team in"
        : "no Warp issuer's token can assume it";
}

/** Who else a trust policy admits, in words, by the engine's ways out. */
const OUTSIDERS: Record<ExposureWay, string> = {
    "other-team": "every team",
    audience: "any audience",
    "no-subject": "tokens with no sub",
    "actor-type": "actor types it does not grant",
    "other-warp-issuer": "another Warp issuer's tokens",
    "other-issuer": "other OIDC issuers' tokens",
    "aws-principal": "AWS principals",
    service: "AWS services",
    saml: "SAML sessions",
};

/**
 * A role that admits others changes meaning when adopted (the component admits one team's tokens with aud
 * sts.amazonaws.com only). When no stack config can express it at all, this is the reason given, not
 * whatever setting a config derived from the engine's sample team then fails on.
 */
function outsidersProblem(answer: TrustAnswer): string | undefined {
    if (answer.exposures.length === 0) {
        return undefined;
    }
    const ways = [...new Set(answer.exposures.map((e) => OUTSIDERS[e.way]))];
    const last = ways.pop();
    const words = ways.length > 0 ? `${ways.join(", ")} and ${last}` : last;
    return `its trust policy admits ${words} (for example ${answer.exposures[0].witness.description}); the component admits only one team's tokens with aud ${STS_AUDIENCE}, so adopting would change who gets in. Narrow the trust policy first (warp-bedrock audit lists each exposure with its fix)`;
}

/** Which named agents the config lists: all of them, the literal UIDs that get in, or none (key absent). */
function namedAgentsConfig(
    role: RoleRecord,
    answer: TrustAnswer,
    engine: TrustEngine,
    who: { issuer: string; team: string; extent?: "all" | "some" },
): Record<string, unknown> {
    if (who.extent === "all") {
        return { namedAgents: "all" };
    }
    if (who.extent !== "some") {
        return {};
    }
    const uids = literalUids(role.trustPolicy, who.team, "service_account").filter((uid) =>
        admitsToken(answer, engine, who.issuer, subjectFor(who.team, "service_account", uid), STS_AUDIENCE),
    );
    return uids.length > 0 ? { namedAgents: uids } : {};
}

/** Who gets in, as config: the team, the issuer when not the default, whether people are granted, which agents. */
function whoGetsInConfig(
    role: RoleRecord,
    answer: TrustAnswer,
    engine: TrustEngine,
    issuer: string,
    team: string,
    notes: string[],
): Record<string, unknown> {
    const groups = describeAdmitted(answer, engine, { issuers: [issuer], teams: [team] }).groups.filter((g) => g.team === team);
    const people = groups.find((g) => g.actorType === "user");
    const agents = groups.find((g) => g.actorType === "service_account");
    const config: Record<string, unknown> = { teamUid: team };
    if (issuer !== "app.warp.dev") {
        config.issuer = issuer;
    }
    if (people?.scope !== "all") {
        config.grantUsers = false;
        if (people !== undefined) {
            notes.push(`only ${describeGroup(people)} get in; the component grants all of them or none`);
        }
    }
    return {
        ...config,
        ...namedAgentsConfig(role, answer, engine, {
            issuer,
            team,
            extent: agents === undefined ? undefined : agents.scope === "all" ? "all" : "some",
        }),
    };
}

/** The inline policy the component takes over: the first that grants Bedrock (the others noted as unmanaged). */
function chooseBedrockPolicy(role: RoleRecord, notes: string[]): InlinePolicy | undefined {
    const bedrockPolicies = role.inline.filter((p) => grantsBedrock(p.document));
    const bedrockPolicy = bedrockPolicies[0];
    if (bedrockPolicies.length > 1) {
        notes.push(
            `inline policies ${bedrockPolicies.map((p) => p.name).join(", ")} all grant Bedrock; the component takes over ${bedrockPolicy.name}, the others stay on the role unmanaged`,
        );
    }
    return bedrockPolicy;
}

/**
 * The regions and models the Bedrock policy narrows to; a key is absent when the policy allows all. Only
 * the statements without a condition say it: a conditional one (such as the component's own
 * `bedrock:InferenceProfileArn` statement for models a profile routes to any region) applies only with
 * its condition, which the comparison of meanings afterwards (account/adopt-permissions.ts) matches exactly.
 */
function scopeConfig(bedrockPolicy: InlinePolicy | undefined): Record<string, unknown> {
    const statements = bedrockPolicy ? bedrockStatements(bedrockPolicy.document) : [];
    const direct = statements.filter((s) => s.conditions.length === 0);
    const scope = scopeOf(direct.length > 0 ? direct : statements);
    return {
        ...(scope.regions.length > 0 ? { bedrockRegions: scope.regions } : {}),
        ...(scope.models.length > 0 ? { bedrockModels: scope.models } : {}),
    };
}

/** The role's own settings, each key present only when the role departs from the component's default. */
function roleSettingsConfig(role: RoleRecord): Record<string, unknown> {
    const config: Record<string, unknown> = { roleName: role.name };
    if (role.path !== "/") {
        config.rolePath = role.path;
    }
    if (role.description !== undefined && role.description !== "") {
        config.roleDescription = role.description;
    }
    if (role.maxSessionDuration !== undefined) {
        config.maxSessionDuration = role.maxSessionDuration;
    }
    if (role.permissionsBoundaryArn !== undefined) {
        config.permissionsBoundaryArn = role.permissionsBoundaryArn;
    }
    if (Object.keys(role.tags).length > 0) {
        config.tags = { ...role.tags };
    }
    return config;
}

/** The trust policy without its Deny statements: what it grants before revocations; undefined when it has no Deny. */
function grantsOnly(doc: unknown): unknown {
    const read = readPolicyValue(doc);
    if (!read.ok) {
        return undefined;
    }
    const statements = read.value.Statement;
    const isDeny = (s: unknown) => effectOf((s as { Effect?: unknown } | null)?.Effect) === "deny";
    if (!Array.isArray(statements) || !statements.some(isDeny)) {
        return undefined;
    }
    return { ...read.value, Statement: statements.filter((s) => !isDeny(s)) };
}

const REVOKED_KEYS: Record<ActorType, string> = { user: "revokedUsers", service_account: "revokedAgents" };

/**
 * Revocations as config: each principal the policy names literally that its grants admit and the whole
 * policy refuses (a Deny statement, as the component's `revokedUsers`/`revokedAgents` write). Whether the
 * result means the same as the role is decided afterwards, by the engine comparing the two policies.
 */
function revokedConfig(
    role: RoleRecord,
    answers: { grants: TrustAnswer; full: TrustAnswer },
    engine: TrustEngine,
    issuer: string,
    team: string,
) {
    const config: Record<string, unknown> = {};
    for (const actorType of ACTOR_TYPES) {
        const revoked = literalUids(role.trustPolicy, team, actorType).filter((uid) => {
            const sub = subjectFor(team, actorType, uid);
            return admitsToken(answers.grants, engine, issuer, sub) && !admitsToken(answers.full, engine, issuer, sub);
        });
        if (revoked.length > 0) {
            config[REVOKED_KEYS[actorType]] = revoked;
        }
    }
    return config;
}

/** The inline policy the IAM console (and the component) writes to revoke older sessions, and its cut-off time. */
function revokeSessionsConfig(role: RoleRecord): { policy?: InlinePolicy; config: Record<string, unknown> } {
    const policy = role.inline.find((p) => p.name === REVOKE_SESSIONS_POLICY_NAME);
    const parsed = policy ? parsePolicyDocument(policy.document) : undefined;
    const condition = parsed?.ok && parsed.doc.statements.length === 1 ? parsed.doc.statements[0].conditions[0] : undefined;
    const time = condition?.values.length === 1 ? condition.values[0] : undefined;
    const read = policy ? readPolicyValue(policy.document) : undefined;
    if (policy === undefined || typeof time !== "string" || !read?.ok || !isDeepStrictEqual(read.value, buildRevokeSessionsPolicy(time))) {
        return { config: {} };
    }
    return { policy, config: { revokeSessionsIssuedBefore: time } };
}

/** Which Warp issuer's tokens get in: from the whole policy, or from its grants when revocations refuse everyone. */
function issuerOf(full: TrustAnswer, grants: TrustAnswer | undefined): { issuer?: string; problem?: string } {
    const trusted = full.warpTrusted ? full : grants?.warpTrusted ? grants : undefined;
    if (trusted === undefined) {
        return { problem: untrustedProblem(full) };
    }
    const issuers = [...trusted.warpIssuersIn];
    if (issuers.length !== 1) {
        return { problem: `tokens of ${issuers.join(" and ")} get in; the component trusts one issuer per stack` };
    }
    return { issuer: issuers[0] };
}

export function deriveConfig(role: RoleRecord, engine: TrustEngine): DerivedConfig {
    const notes: string[] = [];
    const base = { config: {}, issuer: "", team: "", notes };
    const grantsDoc = grantsOnly(role.trustPolicy);
    const verdictOf = (doc: unknown, issuer?: string) => trustVerdict(doc, trustConfigFor(issuer), engine).answer;
    const today = verdictOf(role.trustPolicy);
    const found = issuerOf(today, grantsDoc === undefined ? undefined : verdictOf(grantsDoc));
    if (found.issuer === undefined) {
        return { ...base, problem: found.problem };
    }
    // Judged again with the issuer found allowed, so the engine names the team of a staging role too.
    const issuer = found.issuer;
    const full = verdictOf(role.trustPolicy, issuer);
    const grants = grantsDoc === undefined ? full : verdictOf(grantsDoc, issuer);
    const outsiders = outsidersProblem(full);
    const team = grants.team;
    if (team === undefined) {
        return {
            ...base,
            issuer,
            problem: outsiders ?? "no single team's tokens get in (the engine finds no team), so no teamUid reproduces it",
        };
    }
    const whoGetsIn = whoGetsInConfig(role, grants, engine, issuer, team, notes);
    const bedrockPolicy = chooseBedrockPolicy(role, notes);
    const sessions = revokeSessionsConfig(role);
    const config: Record<string, unknown> = {
        ...whoGetsIn,
        ...revokedConfig(role, { grants, full }, engine, issuer, team),
        ...sessions.config,
        ...scopeConfig(bedrockPolicy),
        ...roleSettingsConfig(role),
        ...(bedrockPolicy ? { inlinePolicyName: bedrockPolicy.name } : {}),
    };
    return {
        config,
        issuer,
        team,
        ...(bedrockPolicy ? { bedrockPolicy } : {}),
        ...(sessions.policy ? { revokeSessionsPolicy: sessions.policy } : {}),
        ...(today.warpTrusted ? {} : { problemIfTrustChanges: untrustedProblem(today) }),
        ...(outsiders !== undefined ? { outsiders } : {}),
        notes,
    };
}
