/**
 * From a hand-made role to the stack config that reproduces it: the team, grants and issuer come from
 * the trust engine's answer (who gets in), the regions and models from the Bedrock policy's resource
 * ARNs, the rest (name, path, description, session, boundary, tags) from the role itself. Whether the
 * config really reproduces the role is decided afterwards, by comparing meanings (account/adopt.ts).
 */
import { STS_AUDIENCE } from "../rules/issuer";
import { Statement, parsePolicyDocument } from "../rules/iam/document";
import { actionMatches } from "../rules/iam/match";
import { subjectFor } from "../rules/subject";
import { TrustAnswer, TrustEngine } from "../rules/trust/engine";
import { InlinePolicy, RoleRecord } from "./snapshot";
import { admittedGroups, admitsToken, trustVerdict } from "./trust";

export interface DerivedConfig {
    /** Stack config keys (without the project prefix) to their values. */
    config: Record<string, unknown>;
    issuer: string;
    team: string;
    /** The inline policy the component takes over, if the role has one that grants Bedrock. */
    bedrockPolicy?: InlinePolicy;
    /** Why the role cannot be expressed at all, when it cannot. */
    problem?: string;
    notes: string[];
}

const INVOKE = "bedrock:InvokeModel";

function grantsBedrock(doc: unknown): boolean {
    const parsed = parsePolicyDocument(doc);
    return (
        parsed.ok &&
        parsed.doc.statements.some(
            (s) => String(s.effect).toLowerCase() === "allow" && (s.actions ?? []).some((a) => actionMatches(a, INVOKE)),
        )
    );
}

/** Agent UIDs written literally in the trust policy's sub conditions for this team. */
function literalAgentUids(doc: unknown, team: string): string[] {
    const parsed = parsePolicyDocument(doc);
    if (!parsed.ok) {
        return [];
    }
    const prefix = subjectFor(team, "service_account", "");
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
    return parsed.doc.statements.filter(
        (s) => String(s.effect).toLowerCase() === "allow" && (s.actions ?? []).some((a) => actionMatches(a, INVOKE)),
    );
}

/** Why a role no Warp token can assume cannot be adopted. */
function untrustedProblem(answer: TrustAnswer): string {
    return answer.broken
        ? "its trust policy names a Warp host, but no Warp token can assume it (broken); adopting it would let the team in"
        : "no Warp issuer's token can assume it";
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
    const uids = literalAgentUids(role.trustPolicy, who.team).filter((uid) =>
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
    const groups = admittedGroups({ ...answer, config: { ...answer.config, warpIssuers: [issuer] } }, engine);
    const people = groups.find((g) => g.actorType === "user");
    const agents = groups.find((g) => g.actorType === "service_account");
    const config: Record<string, unknown> = { teamUid: team };
    if (issuer !== "app.warp.dev") {
        config.issuer = issuer;
    }
    if (people?.extent !== "all") {
        config.grantUsers = false;
        if (people?.extent === "some") {
            notes.push(`only some people of team ${team} get in (for example ${people.example}); the component grants all of them or none`);
        }
    }
    return { ...config, ...namedAgentsConfig(role, answer, engine, { issuer, team, extent: agents?.extent }) };
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

/** The regions and models the Bedrock policy narrows to; a key is absent when the policy allows all. */
function scopeConfig(bedrockPolicy: InlinePolicy | undefined): Record<string, unknown> {
    const scope = scopeOf(bedrockPolicy ? bedrockStatements(bedrockPolicy.document) : []);
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

export function deriveConfig(role: RoleRecord, engine: TrustEngine): DerivedConfig {
    const notes: string[] = [];
    const answer = trustVerdict(role.trustPolicy, {}, engine).answer;
    const base = { config: {}, issuer: "", team: "", notes };
    if (!answer.warpTrusted) {
        return { ...base, problem: untrustedProblem(answer) };
    }
    const issuers = [...answer.warpIssuersIn];
    if (issuers.length !== 1) {
        return { ...base, problem: `tokens of ${issuers.join(" and ")} get in; the component trusts one issuer per stack` };
    }
    const issuer = issuers[0];
    const team = answer.team;
    if (team === undefined) {
        return { ...base, issuer, problem: "no single team's tokens get in (the engine finds no team), so no teamUid reproduces it" };
    }
    const whoGetsIn = whoGetsInConfig(role, answer, engine, issuer, team, notes);
    const bedrockPolicy = chooseBedrockPolicy(role, notes);
    const config: Record<string, unknown> = {
        ...whoGetsIn,
        ...scopeConfig(bedrockPolicy),
        ...roleSettingsConfig(role),
        ...(bedrockPolicy ? { inlinePolicyName: bedrockPolicy.name } : {}),
    };
    return { config, issuer, team, ...(bedrockPolicy ? { bedrockPolicy } : {}), notes };
}
