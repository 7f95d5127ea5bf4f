/**
 * The account tools' questions about a trust policy, all answered by the semantic trust engine
 * (rules/trust): the verdict with findings, whether one concrete Warp token gets in, who gets in in
 * words, and whether two policies admit exactly the same requests.
 */
import { analyzeTrustPolicy } from "../rules/registry";
import { CLI_WORDS } from "../rules/trust-rules/rule";
import type { Finding } from "../rules/findings";
import { STS_AUDIENCE } from "../rules/issuer";
import { ACTOR_TYPES, ActorType, subjectFor } from "../rules/subject";
import type { Box, ValueSet } from "../rules/trust/boxes";
import { findPoint, intersectBoxes } from "../rules/trust/boxes";
import { TrustRuleConfig, trustConfig } from "../rules/trust/config";
import { TrustAnswer, TrustEngine } from "../rules/trust/engine";
import { Evaluation, admitsAll, admitted, evaluate } from "../rules/trust/evaluate";
import { globs, words } from "../rules/iam/languages";
import { parsePolicyDocument } from "../rules/iam/document";
import { Request } from "../rules/trust/requests";
import { enumerateRequests } from "../rules/trust/universe";
import { Witness, witnessOf } from "../rules/trust/witness";

export interface TrustVerdict {
    answer: TrustAnswer;
    findings: Finding[];
    /** A Warp token gets in, or the policy names a Warp host and none reaches it: the account tools report it. */
    inScope: boolean;
}

/** The one entry point for a trust policy's verdict: the registry's trust rules over the engine's answer. */
export function trustVerdict(doc: unknown, config: Partial<TrustRuleConfig>, engine: TrustEngine): TrustVerdict {
    const { answer, findings } = analyzeTrustPolicy(doc, config, engine, CLI_WORDS);
    return { answer, findings, inScope: answer.warpTrusted || (answer.mentionsWarp && answer.broken) };
}

const present = (values: readonly string[]): ValueSet => ({ absent: false, lang: words(values) });

function webIdentity(answer: TrustAnswer, issuer: string): Evaluation | undefined {
    return answer.evaluations.find((e) => e.request.kind === "web-identity" && e.request.issuer === issuer && !e.request.fresh);
}

/** Whether a token of `issuer` with exactly this sub and aud gets in (undefined when the policy cannot be read). */
export function admitsToken(answer: TrustAnswer, engine: TrustEngine, issuer: string, sub: string, aud = STS_AUDIENCE): boolean {
    const e = webIdentity(answer, issuer);
    return e !== undefined && admitted(engine.cache, e, { sub: present([sub]), aud: present([aud]) }) !== undefined;
}

export interface AdmittedGroup {
    issuer: string;
    team: string;
    actorType: ActorType;
    /** Every principal of the actor type, or only some (`example` is one that gets in). */
    extent: "all" | "some";
    example?: string;
    text: string;
}

const ACTOR_WORDS: Record<ActorType, [string, string]> = {
    user: ["person", "people"],
    service_account: ["named agent", "named agents"],
};

/** Who of the intended kind gets in: per Warp issuer, team and actor type, all or some. */
export function admittedGroups(answer: TrustAnswer, engine: TrustEngine): AdmittedGroup[] {
    const teams = answer.config.allowedTeamUids.length > 0 ? answer.config.allowedTeamUids : answer.team !== undefined ? [answer.team] : [];
    const out: AdmittedGroup[] = [];
    for (const issuer of answer.config.warpIssuers) {
        const e = webIdentity(answer, issuer);
        if (e === undefined) {
            continue;
        }
        for (const team of teams) {
            for (const actorType of ACTOR_TYPES) {
                const region: Box = {
                    sub: { absent: false, lang: globs([subjectFor(team, actorType, "*")]) },
                    aud: present([STS_AUDIENCE]),
                };
                const hit = admitted(engine.cache, e, region);
                if (hit === undefined) {
                    continue;
                }
                const [one, many] = ACTOR_WORDS[actorType];
                if (admitsAll(engine.cache, e, region)) {
                    out.push({ issuer, team, actorType, extent: "all", text: `every ${one} of team ${team} (tokens of ${issuer})` });
                } else {
                    const example = hit.point.sub;
                    out.push({
                        issuer,
                        team,
                        actorType,
                        extent: "some",
                        ...(example ? { example } : {}),
                        text: `some ${many} of team ${team} (tokens of ${issuer}), for example ${example}`,
                    });
                }
            }
        }
    }
    return out;
}

export interface TrustDifference {
    /** Which policy lets the request in. */
    admittedBy: "before" | "after";
    witness: Witness;
    /** Allow statements of that policy through which it gets in. */
    statements: readonly number[];
}

function requestKey(r: Request): string {
    return JSON.stringify({ ...r, fresh: undefined });
}

/** A request `a` lets in and `b` does not, if there is one. */
function oneWayDifference(engine: TrustEngine, a: Evaluation, b: Evaluation): { witness: Witness; statements: number[] } | undefined {
    for (const clause of a.allows) {
        // Inside a's clause, outside a's denies and outside every b allow...
        const point = findPoint(engine.cache, a.space, clause.box, [...a.denies, ...b.allows.map((x) => x.box)]);
        if (point !== undefined) {
            return { witness: witnessOf(a.request, point, clause.assumed), statements: [clause.index] };
        }
        // ...or inside one of b's denies.
        for (const d of b.denies) {
            const inDeny = findPoint(engine.cache, a.space, intersectBoxes(clause.box, d), a.denies);
            if (inDeny !== undefined) {
                return { witness: witnessOf(a.request, inDeny, clause.assumed), statements: [clause.index] };
            }
        }
    }
    return undefined;
}

/**
 * Whether two trust policies let in exactly the same requests, as the engine reads them; each
 * difference comes with a request that gets in through one and not the other. Both are evaluated over
 * the union of their request universes, so a principal only one of them names is still compared.
 */
export function trustDifferences(
    before: unknown,
    after: unknown,
    partial: Partial<TrustRuleConfig>,
    engine: TrustEngine,
): TrustDifference[] {
    const config = trustConfig(partial);
    const a = parsePolicyDocument(before);
    const b = parsePolicyDocument(after);
    if (!a.ok || !b.ok) {
        throw new Error(
            `cannot compare trust policies: the ${a.ok ? "new" : "existing"} one ${a.ok ? (b as { problem: string }).problem : a.problem}`,
        );
    }
    const requests = new Map<string, Request>();
    for (const r of [...enumerateRequests(a.doc, config), ...enumerateRequests(b.doc, config)]) {
        if (!requests.has(requestKey(r))) {
            requests.set(requestKey(r), r);
        }
    }
    const out: TrustDifference[] = [];
    for (const r of requests.values()) {
        const ea = evaluate(a.doc, r, config.warpIssuers, a.doc.version !== "2012-10-17");
        const eb = evaluate(b.doc, r, config.warpIssuers, b.doc.version !== "2012-10-17");
        const lost = oneWayDifference(engine, ea, eb);
        if (lost) {
            out.push({ admittedBy: "before", ...lost });
        }
        const gained = oneWayDifference(engine, eb, ea);
        if (gained) {
            out.push({ admittedBy: "after", ...gained });
        }
    }
    return out;
}
