/**
 * One request kind against one policy: the Allow boxes that may let it in and the Deny boxes that
 * surely stop it (IAM User Guide, "Policy evaluation logic": an explicit Deny wins over any Allow).
 */
import { PolicyDocument, effectOf } from "../iam/document";
import { ANY_VALUE, Box, KeySpace, ONLY_ABSENT, Point, ValueSet, findPoint, hasPoint, intersectBoxes } from "./boxes";
import { NeverCondition, statementCondition } from "./conditions";
import { LanguageCache, pattern, words } from "../iam/languages";
import { Request, actionCovers, actionOf, principalCovers } from "./requests";
import { SUBJECT_GRAMMAR_SOURCE } from "../subject";
import { STS_AUDIENCE } from "../issuer";
import { statementName } from "../findings";

export interface AllowClause {
    readonly index: number;
    readonly box: Box;
    readonly assumed: readonly string[];
}

/** A statement decided by conditions on keys this kind of request never carries. */
export interface NeverStatement {
    readonly index: number;
    readonly allow: boolean;
    /** The statement lets no request of this kind in (Allow), or stops every one its Principal and Action cover (Deny). */
    readonly decided: boolean;
    readonly conditions: readonly NeverCondition[];
}

export interface Evaluation {
    readonly request: Request;
    /** Statements whose conditions name keys this kind of request never carries. */
    readonly never: readonly NeverStatement[];
    readonly space: KeySpace;
    readonly allows: readonly AllowClause[];
    readonly denies: readonly Box[];
    /** Deny statements the engine cannot rely on, in words. */
    readonly unreliableDenies: readonly string[];
    /**
     * The same Deny statements as boxes over their modelled conditions (each holds every request the Deny
     * may stop): a witness outside them gets past every Deny whatever the unmodelled conditions say.
     */
    readonly unreliableBoxes: readonly UnreliableDeny[];
}

export interface UnreliableDeny {
    readonly box: Box;
    /** What the witness must assume when it lies inside `box`: the Deny's unmodelled conditions do not hold. */
    readonly assumption: string;
}

export const WARP_SUBJECTS = pattern("warp-subject", SUBJECT_GRAMMAR_SOURCE);

/** What a Warp issuer's token may carry: any aud or none, a sub of Warp's grammar or none. */
export const WARP_SPACE: KeySpace = {
    universe: { sub: { absent: true, lang: WARP_SUBJECTS }, aud: ANY_VALUE },
    prefer: { aud: [STS_AUDIENCE] },
};
const OTHER_ISSUER_SPACE: KeySpace = { universe: { sub: ANY_VALUE, aud: ANY_VALUE }, prefer: {} };
const NO_KEYS: KeySpace = { universe: {}, prefer: {} };

export const STS_AUD = words([STS_AUDIENCE]);

/** Values a witness reads best with, tried before the shortest word: a real audience, a person of a named team. */
function warpSpace(teams: readonly string[]): KeySpace {
    const people = [...teams, "another-team"].map((t) => `scoped_principal:${t}/user:alice`);
    return { universe: WARP_SPACE.universe, prefer: { aud: [STS_AUDIENCE, "another-audience"], sub: people }, preferAbsent: ["aud"] };
}

/**
 * The `aws:PrincipalArn` an AWS request may carry: for an account (root, or anyone of it) any IAM user,
 * role (a role session carries its role's ARN), the root user or a federated user of the account; for a
 * named principal its own ARN (IAM User Guide, "AWS global condition context keys", aws:PrincipalArn).
 */
function awsSpace(r: Extract<Request, { kind: "aws" }>): KeySpace {
    const session = /^arn:([^:]*):sts::(\d{12}):assumed-role\/([^/]+)\//.exec(r.principal);
    if (session) {
        return {
            universe: { arn: { absent: false, lang: words([`arn:${session[1]}:iam::${session[2]}:role/${session[3]}`]) } },
            prefer: {},
        };
    }
    const accountWide = r.account !== undefined && (r.principal === r.account || r.principal.endsWith(":root"));
    if (!accountWide) {
        return { universe: { arn: { absent: false, lang: words([r.principal]) } }, prefer: {} };
    }
    const a = r.account;
    const lang = pattern(`principals-of:${a}`, `arn:aws:iam::${a}:(?:root|user/[^]+|role/[^]+)|arn:aws:sts::${a}:federated-user/[^]+`);
    return {
        universe: { arn: { absent: false, lang } },
        prefer: { arn: [`arn:aws:iam::${a}:root`, `arn:aws:iam::${a}:role/warp-broker`, `arn:aws:iam::${a}:user/developer`] },
    };
}

function spaceFor(r: Request, warpIssuers: readonly string[], teams: readonly string[]): KeySpace {
    if (r.kind === "aws") {
        return awsSpace(r);
    }
    if (r.kind !== "web-identity") {
        return NO_KEYS;
    }
    return warpIssuers.includes(r.issuer) ? warpSpace(teams) : OTHER_ISSUER_SPACE;
}

export function evaluate(
    doc: PolicyDocument,
    r: Request,
    warpIssuers: readonly string[],
    variablesLiteral: boolean,
    teams: readonly string[] = [],
): Evaluation {
    const action = actionOf(r);
    const allows: AllowClause[] = [];
    const denies: Box[] = [];
    const unreliableDenies: string[] = [];
    const unreliableBoxes: UnreliableDeny[] = [];
    const never: NeverStatement[] = [];
    for (const s of doc.statements) {
        // An Effect IAM would refuse is read as Allow: the engine never under-counts who gets in.
        const allow = effectOf(s.effect) !== "deny";
        if (!principalCovers(s, r, allow) || !actionCovers(s, action, allow)) {
            continue;
        }
        const cond = statementCondition(s, r, variablesLiteral, warpIssuers);
        if (cond.never.length > 0) {
            const decided = cond.box === undefined || (!allow && cond.assumed.length === 0 && Object.keys(cond.box).length === 0);
            never.push({ index: s.index, allow, decided, conditions: cond.never });
        }
        if (cond.box === undefined) {
            continue;
        }
        if (allow) {
            allows.push({ index: s.index, box: cond.box, assumed: cond.assumed });
        } else if (cond.assumed.length > 0) {
            unreliableDenies.push(`${statementName(s)} is not relied on: the engine cannot model ${cond.assumed.join(", ")}`);
            unreliableBoxes.push({ box: cond.box, assumption: `not (${cond.assumed.join(" and ")}) in the Deny ${statementName(s)}` });
        } else {
            denies.push(cond.box);
        }
    }
    return { request: r, never, space: spaceFor(r, warpIssuers, teams), allows, denies, unreliableDenies, unreliableBoxes };
}

export interface Admission {
    readonly point: Point;
    readonly clause: AllowClause;
    /** The Deny conditions the engine could not model that the point needs not to hold (none when it is past every Deny). */
    readonly pastDenies: readonly string[];
    /** Every Allow statement through which some request of the region gets in. */
    readonly statements: readonly number[];
}

/** Whether the policy lets in some request of this kind inside `region` (admitted's answer, without a witness). */
export function admits(cache: LanguageCache, e: Evaluation, region: Box = {}): boolean {
    return e.allows.some((clause) => hasPoint(cache, e.space, intersectBoxes(clause.box, region), e.denies));
}

/** The Allow statements through which some request of this kind inside `region` gets in (admitted's, without a witness). */
export function admittingStatements(cache: LanguageCache, e: Evaluation, region: Box = {}): number[] {
    return e.allows
        .filter((clause) => hasPoint(cache, e.space, intersectBoxes(clause.box, region), e.denies))
        .map((clause) => clause.index);
}

/** A request of this kind inside `region` that the policy lets in, with the statements responsible. */
export function admitted(cache: LanguageCache, e: Evaluation, region: Box = {}): Admission | undefined {
    let first: { point: Point; clause: AllowClause } | undefined;
    const statements: number[] = [];
    for (const clause of e.allows) {
        const box = intersectBoxes(clause.box, region);
        // The witness is the first clause's; the others need only say whether some request gets in through them.
        const point = first === undefined ? findPoint(cache, e.space, box, e.denies) : undefined;
        if (point !== undefined) {
            first = { point, clause };
        }
        if (point !== undefined || (first !== undefined && first.clause !== clause && hasPoint(cache, e.space, box, e.denies))) {
            statements.push(clause.index);
        }
    }
    return first === undefined ? undefined : { ...witnessPoint(cache, e, region, first), statements };
}

/**
 * The witness checked against the whole policy: a request past every Deny, the ones the engine cannot
 * rely on included, when the admitted region holds one (through any Allow); otherwise the point found,
 * saying which unmodelled Deny conditions it needs not to hold.
 */
function witnessPoint(
    cache: LanguageCache,
    e: Evaluation,
    region: Box,
    first: { point: Point; clause: AllowClause },
): { point: Point; clause: AllowClause; pastDenies: readonly string[] } {
    if (e.unreliableBoxes.length === 0) {
        return { ...first, pastDenies: [] };
    }
    const every = [...e.denies, ...e.unreliableBoxes.map((u) => u.box)];
    for (const clause of e.allows) {
        const point = findPoint(cache, e.space, intersectBoxes(clause.box, region), every);
        if (point !== undefined) {
            return { point, clause, pastDenies: [] };
        }
    }
    const inside = e.unreliableBoxes.filter((u) => !hasPoint(cache, e.space, pointBox(first.point), [u.box]));
    return { ...first, pastDenies: inside.map((u) => u.assumption) };
}

/** The box holding exactly one point. */
function pointBox(point: Point): Box {
    const box: Record<string, ValueSet> = {};
    for (const [k, v] of Object.entries(point)) {
        box[k] = v === undefined ? ONLY_ABSENT : { absent: false, lang: words([v]) };
    }
    return box;
}

/** Whether every request of this kind inside `region` gets in. */
export function admitsAll(cache: LanguageCache, e: Evaluation, region: Box): boolean {
    if (
        hasPoint(
            cache,
            e.space,
            region,
            e.allows.map((a) => a.box),
        )
    ) {
        return false;
    }
    return e.denies.every((d) => !hasPoint(cache, e.space, intersectBoxes(region, d), []));
}
