/**
 * The admitted set in words, for people: which issuer, team and actor type, exact agent UIDs, who is
 * excluded by a Deny, and every way out with its witness. Synth's "Who may assume it" and the account
 * tools show this; it is the engine's answer, never re-derived from the grants.
 */
import type { Box, ValueSet } from "./boxes";
import { TrustAnswer, TrustEngine, evaluationsOf, namedTeams } from "./engine";
import { Evaluation, STS_AUD, WARP_SUBJECTS, admits, admitsAll } from "./evaluate";
import { and, globs, not, words } from "../iam/languages";
import { ACTOR_TYPES, ActorType, parseSubject, subjectFor } from "../subject";

export interface AdmittedGroup {
    readonly issuer: string;
    /** The team, or `*` for any team (a subject pattern that spans teams). */
    readonly team: string;
    readonly actorType: ActorType;
    /** all: every principal of the actor type; all-except: every one but `except`; some: `uids` (and `more`). */
    readonly scope: "all" | "all-except" | "some";
    readonly uids?: readonly string[];
    readonly except?: readonly string[];
    /** For `some`: principals beyond `uids` get in through a pattern. */
    readonly more?: boolean;
}

export interface AdmittedSet {
    readonly groups: readonly AdmittedGroup[];
    /** Every way out of the intended set, as its witness says it. */
    readonly outsiders: readonly string[];
    readonly assumptions: readonly string[];
}

/** The teams to describe (configured, and named by the policy) and the exact UIDs the policy names per team and actor type. */
function mentioned(answer: TrustAnswer): { teams: Set<string>; uids: Map<string, Set<string>> } {
    // A team the engine only inferred from a wildcard is a representative, not a fact about the policy,
    // and the exposures say who else gets in.
    const teams = new Set<string>([...answer.config.allowedTeamUids, ...namedTeams(answer)]);
    const uids = new Map<string, Set<string>>();
    for (const v of (answer.doc?.statements ?? []).flatMap((s) => s.conditions.flatMap((c) => c.values))) {
        const parsed = parseSubject(v);
        if (parsed.ok && parsed.principalUid !== "*") {
            const key = `${parsed.teamUid}/${parsed.actorType}`;
            uids.set(key, (uids.get(key) ?? new Set()).add(parsed.principalUid));
        }
    }
    return { teams, uids };
}

const present = (lang: ValueSet["lang"]): ValueSet => ({ absent: false, lang });

function groupOf(
    engine: TrustEngine,
    e: Evaluation,
    issuer: string,
    team: string,
    actorType: ActorType,
    listed: readonly string[],
): AdmittedGroup | undefined {
    const all = globs([subjectFor(team, actorType, "*")]);
    const region = (lang: ValueSet["lang"]): Box => ({ aud: present(STS_AUD), sub: present(lang) });
    const cache = engine.cache;
    if (admitsAll(cache, e, region(all))) {
        return { issuer, team, actorType, scope: "all" };
    }
    const subjectOf = (uid: string) => subjectFor(team, actorType, uid);
    const gets = (uid: string) => admits(cache, e, region(words([subjectOf(uid)])));
    const excluded = listed.filter((u) => !gets(u));
    if (excluded.length > 0 && admitsAll(cache, e, region(and(all, not(words(excluded.map(subjectOf))))))) {
        return { issuer, team, actorType, scope: "all-except", except: excluded };
    }
    if (!admits(cache, e, region(all))) {
        return undefined;
    }
    const included = listed.filter(gets);
    const more = admits(cache, e, region(included.length > 0 ? and(all, not(words(included.map(subjectOf)))) : all));
    return { issuer, team, actorType, scope: "some", uids: included, more };
}

/** Which issuers and teams to describe; by default the allowed Warp issuers and the teams configured or named. */
export interface DescribeScope {
    readonly issuers?: readonly string[];
    readonly teams?: readonly string[];
}

/** Every principal of the actor type, of any team, gets in: `scoped_principal:*` and the like. */
function anyTeam(engine: TrustEngine, e: Evaluation, issuer: string, actorType: ActorType): AdmittedGroup | undefined {
    const every = and(WARP_SUBJECTS, globs([`scoped_principal:*/${actorType}:*`]));
    const region: Box = { aud: present(STS_AUD), sub: present(every) };
    return admitsAll(engine.cache, e, region) ? { issuer, team: "*", actorType, scope: "all" } : undefined;
}

/** The admitted set of a Warp-trusted answer, for the allowed issuers, plus every way out. */
export function describeAdmitted(answer: TrustAnswer, engine: TrustEngine, scope: DescribeScope = {}): AdmittedSet {
    const { teams: named, uids } = mentioned(answer);
    const teams = scope.teams ?? [...named];
    const groups: AdmittedGroup[] = [];
    for (const e of evaluationsOf(answer)) {
        const r = e.request;
        const described =
            scope.issuers?.includes(r.kind === "web-identity" ? r.issuer : "") ??
            (r.kind === "web-identity" && answer.config.allowedIssuers.includes(r.issuer) && answer.config.warpIssuers.includes(r.issuer));
        if (r.kind !== "web-identity" || r.fresh || !described) {
            continue;
        }
        for (const actorType of ACTOR_TYPES) {
            const any = anyTeam(engine, e, r.issuer, actorType);
            if (any !== undefined) {
                groups.push(any);
            }
        }
        for (const team of [...teams].sort()) {
            for (const actorType of ACTOR_TYPES.filter(
                (a) => !groups.some((g) => g.team === "*" && g.actorType === a && g.issuer === r.issuer),
            )) {
                const g = groupOf(engine, e, r.issuer, team, actorType, [...(uids.get(`${team}/${actorType}`) ?? [])].sort());
                if (g !== undefined) {
                    groups.push(g);
                }
            }
        }
    }
    return { groups, outsiders: answer.exposures.map((x) => x.witness.description), assumptions: answer.assumptions };
}

const WHO: Record<ActorType, [string, string]> = {
    user: ["people", "person"],
    service_account: ["named agents", "named agent"],
};

/** One line per group, in plain words. */
export function describeGroup(g: AdmittedGroup): string {
    const [many] = WHO[g.actorType];
    const of = g.team === "*" ? `of any team (${g.issuer})` : `of team ${g.team} (${g.issuer})`;
    switch (g.scope) {
        case "all":
            return g.actorType === "user"
                ? `every person ${of}: interactive agents and the cloud runs they start`
                : `every named agent ${of}`;
        case "all-except":
            return `every one of the ${many} ${of} except ${(g.except ?? []).join(", ")} (refused by a Deny statement)`;
        case "some": {
            const listed = (g.uids ?? []).join(", ");
            const tail = g.more ? `${listed ? " and " : ""}others matching the policy's patterns` : "";
            return `the ${many} ${listed}${tail} ${of}`;
        }
    }
}

export function describeAdmittedLines(set: AdmittedSet): string[] {
    return [...set.groups.map(describeGroup), ...set.outsiders.map((o) => `ALSO (exposure): ${o}`)];
}
