/**
 * The semantic trust engine: who can assume a role, computed as IAM evaluates its trust policy, compared
 * with who the organisation intends (tokens from the allowed Warp issuers, aud sts.amazonaws.com, sub of
 * the allowed teams and actor types). Every way out of the intended set is an exposure with a witness:
 * one concrete request that gets in. Shared by the policy pack, `warp-bedrock lint`, synth, the
 * component's self-check and the account tools.
 */
import { PolicyDocument, effectOf, parsePolicyDocument } from "../iam/document";
import { ACTOR_TYPES, ActorType, literalTeamOf, subjectFor } from "../subject";
import { Box, ONLY_ABSENT, ValueSet, hasPoint } from "./boxes";
import { TrustRuleConfig, trustConfig } from "./config";
import type { NeverCondition } from "./conditions";
import { Admission, Evaluation, NeverStatement, STS_AUD, WARP_SUBJECTS, admits, admitted, admittingStatements, evaluate } from "./evaluate";
import { Lang, LanguageCache, and, globs, not, words } from "../iam/languages";
import { STS_AUDIENCE } from "../issuer";
import { ACTIONS, Request, actionCovers, principalCovers } from "./requests";
import { keyIssuer } from "./hosts";
import { enumerateRequests, mentionsWarp, roleAccount, warpIssuersNamed } from "./universe";
import { Witness, witnessOf } from "./witness";

export type ExposureWay =
    "audience" | "no-subject" | "actor-type" | "other-team" | "other-warp-issuer" | "other-issuer" | "aws-principal" | "service" | "saml";

export interface Exposure {
    readonly way: ExposureWay;
    readonly witness: Witness;
    /** Allow statements through which such requests get in. */
    readonly statements: readonly number[];
}

export interface TrustAnswer {
    readonly config: TrustRuleConfig;
    /** Set when the document cannot be read at all. */
    readonly problem?: string;
    readonly doc?: PolicyDocument;
    /** The policy names a Warp issuer (provider or condition key). */
    readonly mentionsWarp: boolean;
    /** Some token of a Warp issuer gets in: the role is Warp's, and every Warp rule judges it. */
    readonly warpTrusted: boolean;
    readonly exposures: readonly Exposure[];
    /** Mentions Warp but admits no intended principal. */
    readonly broken: boolean;
    /** With no team configured: the one team the role admits. */
    readonly team?: string;
    /** Conditions and Deny statements the engine could not model. */
    readonly assumptions: readonly string[];
    /** The Warp issuers whose tokens get in. */
    readonly warpIssuersIn: readonly string[];
    /** The Warp issuers the policy names (as a provider or in a condition key), whether or not their tokens get in. */
    readonly warpIssuersNamed: readonly string[];
    /** Allow statements through which some Warp token gets in: the statements Warp's conventions apply to. */
    readonly warpStatements: readonly number[];
    /**
     * The role is judged for everyone who gets in: a Warp token gets in, the policy names a Warp issuer, or
     * the caller says the role is meant for Warp.
     */
    readonly judged: boolean;
    /** Statements decided by conditions on keys a Warp token never carries (allowed Warp issuers' requests). */
    readonly neverKeys: readonly NeverStatement[];
    /** The role's account the engine took from the document's Warp provider ARN, when none was configured. */
    readonly accountAssumed?: string;
    /**
     * Allow statements whose Principal and Action cover some request, yet through which no request gets in
     * (their conditions, or the Deny statements, stop every one), beside those in `neverKeys`.
     */
    readonly deadStatements: readonly DeadStatement[];
}

/** An Allow statement no request gets through, with the conditions on keys the requests it covers never carry. */
export interface DeadStatement {
    readonly index: number;
    readonly conditions: readonly NeverCondition[];
    /** The statement allows only AssumeRoleWithWebIdentity to a Principal with no Federated entry, which no request is. */
    readonly noRequest?: true;
}

/** Per request kind, the engine's own evaluations behind an answer: for the engine's questions (describe, admitsToken), not for callers. */
const EVALUATIONS = new WeakMap<TrustAnswer, readonly Evaluation[]>();

export function evaluationsOf(answer: TrustAnswer): readonly Evaluation[] {
    return EVALUATIONS.get(answer) ?? [];
}

function remember(answer: TrustAnswer, evaluations: readonly Evaluation[]): TrustAnswer {
    EVALUATIONS.set(answer, evaluations);
    return answer;
}

const presentWords = (values: readonly string[]): ValueSet => ({ absent: false, lang: words(values) });

/** Whether a token of `issuer` with exactly this sub and aud gets in (false when the policy cannot be read). */
export function admitsToken(answer: TrustAnswer, engine: TrustEngine, issuer: string, sub: string, aud = STS_AUDIENCE): boolean {
    const e = evaluationsOf(answer).find((x) => x.request.kind === "web-identity" && x.request.issuer === issuer && !x.request.fresh);
    return e !== undefined && admits(engine.cache, e, { sub: presentWords([sub]), aud: presentWords([aud]) });
}

/** An analysis context: compiled languages shared across documents. The caller owns its lifetime. */
export class TrustEngine {
    readonly cache: LanguageCache;
    private readonly intents = new Map<string, { teams: Lang; subjects: Lang }>();
    constructor(cache = new LanguageCache()) {
        this.cache = cache;
    }

    /** The intended teams and subjects as languages, built once per team list and actor types. */
    intent(teams: readonly string[], actorTypes: readonly string[]): { teams: Lang; subjects: Lang } {
        const key = `${teams.join(",")}/${actorTypes.join(",")}`;
        let intent = this.intents.get(key);
        if (intent === undefined) {
            if (this.intents.size >= 256) {
                this.intents.clear();
            }
            intent = {
                teams: globs(teams.map((t) => `scoped_principal:${t}/*`)),
                subjects: globs(teams.flatMap((t) => actorTypes.map((a) => subjectFor(t, a as ActorType, "*")))),
            };
            this.intents.set(key, intent);
        }
        return intent;
    }
}

const present = (lang: ValueSet["lang"]): ValueSet => ({ absent: false, lang });

/** The regions outside the intended set for an allowed Warp issuer, each a way out. */
function waysOut(engine: TrustEngine, teams: readonly string[] | undefined, config: TrustRuleConfig): Array<[ExposureWay, Box]> {
    const ways: Array<[ExposureWay, Box]> = [
        ["audience", { aud: { absent: true, lang: not(STS_AUD) } }],
        ["no-subject", { sub: ONLY_ABSENT }],
    ];
    if (teams !== undefined && teams.length > 0) {
        const intent = engine.intent(teams, config.allowedActorTypes);
        ways.push(["other-team", { sub: present(not(intent.teams)) }]);
        if (config.allowedActorTypes.length < ACTOR_TYPES.length) {
            ways.push(["actor-type", { sub: present(and(intent.teams, not(intent.subjects))) }]);
        }
    }
    return ways;
}

/** Team UIDs the policy names literally in a subject value, in order of appearance. */
export function namedTeams(answer: { doc?: PolicyDocument }): string[] {
    const teams = new Set<string>();
    for (const s of answer.doc?.statements ?? []) {
        for (const c of s.conditions) {
            for (const v of c.values) {
                const team = literalTeamOf(v);
                if (team !== undefined) {
                    teams.add(team);
                }
            }
        }
    }
    return [...teams];
}

/**
 * The team a role admits when none is configured: a team the policy names, if one gets in; otherwise
 * the first one an intended-looking token reaches.
 */
function inferTeam(
    engine: TrustEngine,
    doc: PolicyDocument,
    evaluations: readonly Evaluation[],
    config: TrustRuleConfig,
): string | undefined {
    // Without the witness preferences: a made-up team must never be taken for the one the role admits.
    const warp = evaluations
        .filter((e) => e.request.kind === "web-identity" && config.allowedIssuers.includes(e.request.issuer))
        .map((e) => ({ ...e, space: { ...e.space, prefer: {} } }));
    const firstHit = (region: Box) => {
        for (const e of warp) {
            const hit = admitted(engine.cache, e, region);
            if (hit !== undefined) {
                return hit;
            }
        }
        return undefined;
    };
    const reaches = (lang: Lang) => firstHit({ aud: present(STS_AUD), sub: present(lang) });
    for (const team of namedTeams({ doc })) {
        const sub = present(globs([`scoped_principal:${team}/*`]));
        if (warp.some((e) => admits(engine.cache, e, { aud: present(STS_AUD), sub }))) {
            return team;
        }
    }
    // A role may admit Warp's subjects only under another aud (itself an exposure); its team still counts.
    const anyAud = (lang: Lang) => firstHit({ sub: present(lang) });
    return literalTeamOf((reaches(WARP_SUBJECTS) ?? anyAud(WARP_SUBJECTS))?.point.sub);
}

function exposure(way: ExposureWay, e: Evaluation, hit: Admission): Exposure {
    return { way, witness: witnessOf(e.request, hit.point, [...hit.clause.assumed, ...hit.pastDenies]), statements: hit.statements };
}

function wayForOther(r: Request, config: TrustRuleConfig): ExposureWay {
    switch (r.kind) {
        case "web-identity":
            return config.warpIssuers.includes(r.issuer) ? "other-warp-issuer" : "other-issuer";
        case "aws":
            return "aws-principal";
        case "service":
            return "service";
        case "saml":
            return "saml";
    }
}

function findExposures(
    engine: TrustEngine,
    evaluations: readonly Evaluation[],
    config: TrustRuleConfig,
    teams: readonly string[] | undefined,
): Exposure[] {
    const out: Exposure[] = [];
    for (const e of evaluations) {
        const r = e.request;
        if (r.kind === "web-identity" && config.allowedIssuers.includes(r.issuer) && config.warpIssuers.includes(r.issuer)) {
            for (const [way, region] of waysOut(engine, teams, config)) {
                const hit = admitted(engine.cache, e, region);
                if (hit !== undefined) {
                    out.push(exposure(way, e, hit));
                }
            }
            continue;
        }
        const hit = admitted(engine.cache, e);
        if (hit !== undefined) {
            out.push(exposure(wayForOther(r, config), e, hit));
        }
    }
    return out;
}

function admitsIntended(
    engine: TrustEngine,
    evaluations: readonly Evaluation[],
    config: TrustRuleConfig,
    teams: readonly string[] | undefined,
): boolean {
    const sub = teams !== undefined && teams.length > 0 ? engine.intent(teams, config.allowedActorTypes).subjects : WARP_SUBJECTS;
    return evaluations.some(
        (e) =>
            e.request.kind === "web-identity" &&
            config.allowedIssuers.includes(e.request.issuer) &&
            admits(engine.cache, e, { aud: present(STS_AUD), sub: present(sub) }),
    );
}

function assumptionsOf(evaluations: readonly Evaluation[]): string[] {
    const out = new Set<string>();
    for (const e of evaluations) {
        e.allows.forEach((a) => a.assumed.forEach((x) => out.add(`assumed to hold: ${x}`)));
        e.unreliableDenies.forEach((x) => out.add(x));
    }
    return [...out];
}

/** Statements an allowed Warp issuer's token meets only through keys it never carries, one entry per statement. */
function neverKeysOf(evaluations: readonly Evaluation[], config: TrustRuleConfig): NeverStatement[] {
    // An Allow that still lets some other kind of request in is not a broken Warp statement.
    const admitting = new Set(evaluations.flatMap((e) => e.allows.map((a) => a.index)));
    const out = new Map<number, NeverStatement>();
    for (const e of evaluations) {
        const r = e.request;
        if (r.kind === "web-identity" && !r.fresh && config.allowedIssuers.includes(r.issuer) && config.warpIssuers.includes(r.issuer)) {
            e.never
                .filter((n) => n.decided && !out.has(n.index) && !(n.allow && admitting.has(n.index)))
                .forEach((n) => out.set(n.index, n));
        }
    }
    return [...out.values()].sort((a, b) => a.index - b.index);
}

/**
 * Allow statements that cover some request (by Principal and Action) and admit none, past every Deny
 * the engine relies on; statements decided by keys a Warp token never carries are left to `neverKeys`.
 */
function deadStatementsOf(
    engine: TrustEngine,
    doc: PolicyDocument,
    warpIssuers: readonly string[],
    evaluations: readonly Evaluation[],
    admitting: ReadonlySet<number>,
    neverKeys: readonly NeverStatement[],
): DeadStatement[] {
    const covering = new Set<number>();
    for (const e of evaluations) {
        e.allows.forEach((a) => covering.add(a.index));
        e.never.filter((n) => n.allow).forEach((n) => covering.add(n.index));
    }
    neverKeys.forEach((n) => covering.delete(n.index));
    admitting.forEach((i) => covering.delete(i));
    for (const e of evaluations) {
        for (const clause of e.allows.filter((a) => covering.has(a.index))) {
            if (hasPoint(engine.cache, e.space, clause.box, e.denies)) {
                covering.delete(clause.index);
            }
        }
    }
    const dead = [...covering]
        .sort((a, b) => a - b)
        .map((index) => {
            const conditions = new Map<string, NeverCondition>();
            for (const n of evaluations.flatMap((e) => e.never.filter((x) => x.index === index && x.decided))) {
                n.conditions.filter((c) => !c.holds).forEach((c) => conditions.set(`${c.condition}|${c.why}`, c));
            }
            return { index, conditions: [...conditions.values()] };
        });
    const named = new Set(dead.map((d) => d.index));
    const noRequest = webIdentityWithoutFederated(doc, warpIssuers).filter((d) => !named.has(d.index));
    return [...dead, ...noRequest].sort((a, b) => a.index - b.index);
}

/**
 * Allow statements on Warp's keys that allow only sts:AssumeRoleWithWebIdentity to principals that are
 * not Federated (an own-account root, say): that call is made with a web identity token, whose principal
 * is the identity provider ("AWS JSON policy elements: Principal", Federated web identity session
 * principals), so no request meets the statement.
 */
function webIdentityWithoutFederated(doc: PolicyDocument, warpIssuers: readonly string[]): DeadStatement[] {
    return doc.statements
        .filter(
            (s) =>
                effectOf(s.effect) === "allow" &&
                s.principal !== undefined &&
                !s.principal.star &&
                !s.principal.byType.has("federated") &&
                s.actions !== undefined &&
                s.actions.length > 0 &&
                s.actions.every((a) => a.toLowerCase() === ACTIONS.webIdentity.toLowerCase()) &&
                s.conditions.some((c) => warpIssuers.includes(keyIssuer(c.keyLower)?.host ?? "")),
        )
        .map((s) => ({ index: s.index, conditions: [], noRequest: true as const }));
}

/** The answer for a document that cannot be read: judged when its text names a Warp host. */
function unreadable(config: TrustRuleConfig, problem: string, input: unknown): TrustAnswer {
    const text = typeof input === "string" ? input.toLowerCase() : "";
    const named = config.warpIssuers.filter((h) => text.includes(h));
    return {
        config,
        problem,
        mentionsWarp: named.length > 0,
        warpTrusted: named.length > 0,
        exposures: [],
        broken: false,
        assumptions: [],
        warpIssuersIn: [],
        warpIssuersNamed: named,
        warpStatements: [],
        judged: named.length > 0 || config.meantForWarp,
        neverKeys: [],
        deadStatements: [],
    };
}

/** The answer for a document no Warp token can get through and that does not concern Warp. */
function notWarps(config: TrustRuleConfig, doc: PolicyDocument): TrustAnswer {
    return {
        config,
        doc,
        mentionsWarp: false,
        warpTrusted: false,
        exposures: [],
        broken: false,
        assumptions: [],
        warpIssuersIn: [],
        warpIssuersNamed: [],
        warpStatements: [],
        judged: false,
        neverKeys: [],
        deadStatements: [],
    };
}

const isWarpRequest = (r: Request, config: TrustRuleConfig) => r.kind === "web-identity" && config.warpIssuers.includes(r.issuer);

/**
 * Whether the engine must evaluate the document at all: it names a Warp issuer, the role is meant for
 * Warp, or some Allow statement's Principal and Action cover a Warp issuer's web identity request. When
 * none holds no Warp token can get in (a request gets in only through an Allow that covers it), and the
 * role is not judged: the answer is decided without evaluating a single condition. The pack relies on
 * this for the many roles of a stack that are not Warp's.
 */
export function mayConcernWarp(doc: PolicyDocument, config: TrustRuleConfig): boolean {
    if (config.meantForWarp || mentionsWarp(doc, config)) {
        return true;
    }
    const { account } = roleAccount(doc, config);
    const requests: Request[] = config.warpIssuers.map((issuer) => ({ kind: "web-identity", issuer, ...(account ? { account } : {}) }));
    return doc.statements.some(
        (s) =>
            effectOf(s.effect) !== "deny" &&
            actionCovers(s, ACTIONS.webIdentity, true) &&
            requests.some((r) => principalCovers(s, r, true)),
    );
}

/** Who can assume a role with this trust policy, against the intended set of `config`. */
export function analyzeTrust(
    input: unknown,
    partial: Partial<TrustRuleConfig> | TrustRuleConfig = {},
    engine = new TrustEngine(),
): TrustAnswer {
    const config = trustConfig(partial);
    const parsed = parsePolicyDocument(input);
    if (!parsed.ok) {
        return unreadable(config, parsed.problem, input);
    }
    const doc = parsed.doc;
    if (!mayConcernWarp(doc, config)) {
        return notWarps(config, doc);
    }
    const variablesLiteral = doc.version !== "2012-10-17";
    const witnessTeams = [...config.allowedTeamUids, ...namedTeams({ doc })];
    const evaluations = enumerateRequests(doc, config).map((r) => evaluate(doc, r, config.warpIssuers, variablesLiteral, witnessTeams));
    const mentions = mentionsWarp(doc, config);
    const warpStatements = new Set<number>();
    const warpIssuersIn: string[] = [];
    for (const e of evaluations) {
        const statements = isWarpRequest(e.request, config) ? admittingStatements(engine.cache, e) : [];
        if (statements.length > 0 && e.request.kind === "web-identity") {
            statements.forEach((i) => warpStatements.add(i));
            warpIssuersIn.push(e.request.issuer);
        }
    }
    const warpTrusted = warpStatements.size > 0;
    const judged = warpTrusted || mentions || config.meantForWarp;
    const account = roleAccount(doc, config);
    const neverKeys = neverKeysOf(evaluations, config);
    const base = {
        config,
        doc,
        mentionsWarp: mentions,
        warpTrusted,
        warpIssuersIn,
        warpIssuersNamed: warpIssuersNamed(doc, config),
        warpStatements: [...warpStatements].sort((a, b) => a - b),
        assumptions: assumptionsOf(evaluations),
        judged,
        neverKeys,
        deadStatements: judged ? deadStatementsOf(engine, doc, config.warpIssuers, evaluations, warpStatements, neverKeys) : [],
        ...(account.assumed ? { accountAssumed: account.account } : {}),
    };
    if (!warpTrusted) {
        // Meant for Warp but no Warp token gets in: still judged for everyone else who does.
        const exposures = judged ? findExposures(engine, evaluations, config, config.allowedTeamUids) : [];
        return remember({ ...base, exposures, broken: judged }, evaluations);
    }
    const team = config.allowedTeamUids.length === 0 ? inferTeam(engine, doc, evaluations, config) : undefined;
    const teams = config.allowedTeamUids.length > 0 ? config.allowedTeamUids : team !== undefined ? [team] : undefined;
    const exposures = findExposures(engine, evaluations, config, teams);
    const broken = !admitsIntended(engine, evaluations, config, teams);
    return remember(team !== undefined ? { ...base, exposures, broken, team } : { ...base, exposures, broken }, evaluations);
}
