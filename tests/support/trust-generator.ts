/**
 * Random trust policies and a battery of probe requests for the differential test of the trust engine
 * against the IAM policy simulator (tests/trust-differential.test.ts, bench/trust-differential.ts).
 *
 * Policies are drawn from a small vocabulary on purpose: principals, hosts, teams and patterns that
 * collide with each other (TEAM_A / TEAM_AB / team_a, `app.warp.dev` / `app.warp.dev.example.com`,
 * `user:*` / `user:?*`), so that random statements overlap, narrow and widen one another, and the probes
 * below are the strings that tell those patterns apart.
 */
import fc from "fast-check";
import { Exposure, ExposureWay, TrustAnswer, TrustEngine, analyzeTrust } from "../../rules/trust/engine";
import type { Witness } from "../../rules/trust/witness";
import { ACCOUNT, SimRequest, providerArn, simulateRequest, toClaimStandInPolicy } from "./iam-simulator";
import { Requester, simulatorTwin, twinClaim } from "./simulator-twin";

export const HOSTS = {
    warp: "app.warp.dev",
    staging: "staging.warp.dev",
    github: "token.actions.githubusercontent.com",
    lookalike: "app.warp.dev.example.com",
} as const;
/** An issuer no policy names: it gets in only through a wildcard principal. */
const UNNAMED_HOST = "oidc.unnamed.example.org";
const OTHER_ACCOUNT = "999999999999";
const THIRD_ACCOUNT = "444455556666";
const SAML_PROVIDER = `arn:aws:iam::${ACCOUNT}:saml-provider/corp-idp`;
const OTHER_SAML_PROVIDER = `arn:aws:iam::${ACCOUNT}:saml-provider/other-idp`;
const SERVICES = ["ec2.amazonaws.com", "lambda.amazonaws.com", "bedrock.amazonaws.com"] as const;
const AWS_PRINCIPALS = [
    ACCOUNT,
    `arn:aws:iam::${ACCOUNT}:root`,
    `arn:aws:iam::${ACCOUNT}:role/deployer`,
    `arn:aws:iam::${OTHER_ACCOUNT}:root`,
    `arn:aws:iam::${OTHER_ACCOUNT}:role/ci`,
    THIRD_ACCOUNT,
] as const;

/** Values for the keys the engine does not model (it assumes them to hold on an Allow). */
const UNMODELLED = {
    "sts:ExternalId": "ext-123",
    "aws:PrincipalOrgID": "o-abc123",
    "aws:SourceAccount": ACCOUNT,
    "aws:PrincipalTag/team": "blue",
} as const;

/** The other value the generator gives those keys. */
const OTHER_UNMODELLED: Readonly<Record<string, string>> = Object.fromEntries(Object.keys(UNMODELLED).map((k) => [k, "something-else"]));

/** aws:PrincipalArn patterns: this and other accounts' roles and users, wildcards in the account and the name. */
const PRINCIPAL_ARN_PATTERNS = [
    `arn:aws:iam::${ACCOUNT}:role/*`,
    `arn:aws:iam::${OTHER_ACCOUNT}:role/warp-*`,
    `arn:aws:iam::${OTHER_ACCOUNT}:role/ci`,
    "arn:aws:iam::*:role/ci",
    `arn:aws:iam::${ACCOUNT}:user/*`,
    `arn:aws:iam::${THIRD_ACCOUNT}:role/x`,
] as const;

const TEAM = "TEAM_A";
const STS_AUD = "sts.amazonaws.com";

const pick = <T>(items: readonly T[]) => fc.constantFrom(...items);
const weighted = <T>(...pairs: Array<[number, fc.Arbitrary<T>]>) =>
    fc.oneof(...pairs.map(([weight, arbitrary]) => ({ weight, arbitrary })));
const oneOrMany = <T>(a: fc.Arbitrary<T>, max = 3): fc.Arbitrary<T | T[]> =>
    weighted<T | T[]>([3, a], [1, fc.array(a, { minLength: 1, maxLength: max })]);

// ---- condition values -------------------------------------------------------------------------------

const teamPart = weighted(
    [4, fc.constant(TEAM)],
    [1, pick(["TEAM_AB", "TEAM_B", "team_a", "TEAM_*", "TEAM_?", "*", "TEAM_A*", "TEAM_??"])],
);
const actorPart = weighted([3, pick(["user", "service_account"])], [1, pick(["*", "us?r", "admin", "user*", "service_*"])]);
const uidPart = pick(["*", "*", "?*", "u1", "u?", "ab*", "sa1", "?"]);

/**
 * Policy variables in claim values ("IAM policy elements: Variables and tags"): a claim's own key, the
 * other claim's, a principal tag (never in a web identity request; aws:PrincipalTag/team
 * is in the differential's AWS requests, aws:PrincipalTag/project in none) with and without a default,
 * and a claim IAM does not document for a custom OIDC provider. (Another issuer's claim has a value for
 * that issuer's tokens only, and simulator-twin.ts corrects variables of no value for every request alike,
 * so it is left to the conformance suite.)
 */
const SUB_VARIABLES = [
    "${app.warp.dev:sub}",
    "${APP.WARP.DEV:SUB}",
    `scoped_principal:\${aws:PrincipalTag/project, '${TEAM}'}/user:*`,
    "scoped_principal:${aws:PrincipalTag/project, 'TEAM_B'}/*",
    "scoped_principal:${aws:PrincipalTag/project}/user:*",
    "scoped_principal:${aws:PrincipalTag/team}/user:*",
    "scoped_principal:${app.warp.dev:aud}/user:*",
    "scoped_principal:TEAM_A/${app.warp.dev:email, 'user'}:*",
] as const;
const AUD_VARIABLES = [
    "${app.warp.dev:aud}",
    "${aws:PrincipalTag/project}",
    `\${aws:PrincipalTag/project, '${STS_AUD}'}`,
    "${aws:PrincipalTag/project, 'some-other-client'}",
    "${app.warp.dev:oaud}",
] as const;

/** `sub` values: Warp's subject grammar with wildcards anywhere, truncations and strangers. */
const subValue: fc.Arbitrary<string> = weighted(
    [12, fc.tuple(teamPart, actorPart, uidPart).map(([t, a, u]) => `scoped_principal:${t}/${a}:${u}`)],
    [3, teamPart.map((t) => `scoped_principal:${t}/*`)],
    [1, teamPart.map((t) => `scoped_principal:${t}*`)],
    [1, pick(["*", "scoped_principal:*", "repo:warpdotdev/*", "repo:*", "", "?*"])],
    [
        1,
        pick([
            "scoped_principal:TEAM_A/user:${*}",
            "scoped_principal:TEAM_A/${*}",
            "scoped_principal:TEAM_A/user:u${?}",
            "${*}",
            "scoped_principal:TEAM_A/user:${$}*",
        ]),
    ],
    [1, pick(SUB_VARIABLES)],
    [1, fc.constant(`scoped_principal:${TEAM}/service_account:${"a".repeat(65)}`)],
);

const audValue: fc.Arbitrary<string> = weighted(
    [12, fc.constant(STS_AUD)],
    [2, pick(["STS.amazonaws.com", "sts.amazonaws.*", "*", "some-other-client", "sts.amazonaws.co?", "", "sts.*.com"])],
    [1, pick(AUD_VARIABLES)],
);

// ---- condition keys and operators ---------------------------------------------------------------------

function mixCase(s: string, mode: number): string {
    switch (mode) {
        case 1:
            return s.toUpperCase();
        case 2:
            return [...s].map((c, i) => (i % 2 === 0 ? c.toUpperCase() : c)).join("");
        case 3:
            return s.charAt(0).toUpperCase() + s.slice(1);
        default:
            return s;
    }
}

const keyCase = weighted([5, fc.constant(0)], [1, fc.integer({ min: 1, max: 3 })]);
const anyHost = pick(Object.values(HOSTS));

/** A claim key, usually of the statement's own issuer, in any letter case. */
function claimKey(host: string | undefined): fc.Arbitrary<{ key: string; claim: "sub" | "aud" }> {
    const hostArb = host === undefined ? anyHost : weighted([6, fc.constant(host)], [1, anyHost]);
    return fc
        .tuple(hostArb, pick(["sub", "aud"] as const), keyCase)
        .map(([h, claim, mode]) => ({ key: mixCase(`${h}:${claim}`, mode), claim }));
}

const STRING_OPS = [
    "StringEquals",
    "StringNotEquals",
    "StringEqualsIgnoreCase",
    "StringNotEqualsIgnoreCase",
    "StringLike",
    "StringNotLike",
] as const;

const stringOperator = fc
    .tuple(
        weighted([3, pick(["StringEquals", "StringLike"] as const)], [2, pick(STRING_OPS)]),
        weighted([5, fc.constant("")], [1, fc.constant("IfExists")]),
        weighted([6, fc.constant("")], [1, pick(["ForAnyValue:", "ForAllValues:"])]),
    )
    .map(([base, ifExists, qualifier]) => `${qualifier}${base}${ifExists}`);

type Entry = { op: string; key: string; value: unknown };

function conditionEntry(host: string | undefined): fc.Arbitrary<Entry> {
    const claimEntry = fc
        .tuple(stringOperator, claimKey(host))
        .chain(([op, { key, claim }]) => oneOrMany(claim === "sub" ? subValue : audValue).map((value): Entry => ({ op, key, value })));
    const nullEntry = fc.tuple(claimKey(host), pick(["true", "false"])).map(([{ key }, value]): Entry => ({ op: "Null", key, value }));
    const unmodelled = fc
        .tuple(
            pick(Object.keys(UNMODELLED) as Array<keyof typeof UNMODELLED>),
            pick(["StringEquals", "StringNotEquals", "StringLike"]),
            fc.boolean(),
        )
        .map(([key, op, known]): Entry => ({ op, key, value: known ? UNMODELLED[key] : OTHER_UNMODELLED[key] }));
    return weighted([8, claimEntry], [2, nullEntry], [1, unmodelled], [2, neverPresentEntry(host)], [1, arnEntry(host)]);
}

/**
 * Keys no Warp token carries, which IAM evaluates as missing: the provider URL pasted as the key, a
 * padded key, claims IAM does not document for a custom OIDC provider, signed-request keys.
 */
function neverPresentEntry(host: string | undefined): fc.Arbitrary<Entry> {
    const h = host ?? HOSTS.warp;
    const key = pick([
        `https://${h}:sub`,
        `${h}:sub `,
        ` ${h}:aud`,
        `${h}:email`,
        `${h}:oaud`,
        "aws:PrincipalTag/team",
        "aws:MultiFactorAuthPresent",
    ]);
    return fc
        .tuple(
            key,
            weighted(
                [4, pick(["StringEquals", "StringLike"])],
                [2, pick(["StringNotEquals", "StringNotLike", "StringLikeIfExists"])],
                [1, pick(["Null"])],
            ),
        )
        .chain(([k, op]) => {
            if (op === "Null") {
                return pick(["true", "false"]).map((value): Entry => ({ op, key: k, value }));
            }
            if (k === "aws:MultiFactorAuthPresent") {
                return pick(["true", "false"]).map((value): Entry => ({ op: op.startsWith("StringNot") ? "Bool" : "Bool", key: k, value }));
            }
            return (k.includes(":sub") ? subValue : k.includes(":aud") ? audValue : pick(["a@example.com", "blue", "*"])).map(
                (value): Entry => ({ op, key: k, value }),
            );
        });
}

/** ARN operators: on a Warp claim (never an ARN), and on aws:PrincipalArn with patterns that single out principals. */
function arnEntry(host: string | undefined): fc.Arbitrary<Entry> {
    const onClaim = fc
        .tuple(pick(["ArnLike", "ArnNotLike", "ArnEquals"]), subValue)
        .map(([op, value]): Entry => ({ op, key: `${host ?? HOSTS.warp}:sub`, value }));
    const onPrincipal = fc
        .tuple(pick(["ArnLike", "ArnNotLike", "StringLike", "ArnEquals"]), oneOrMany(pick(PRINCIPAL_ARN_PATTERNS), 2))
        .map(([op, value]): Entry => ({ op, key: "aws:PrincipalArn", value }));
    return weighted([1, onClaim], [2, onPrincipal]);
}

/** A Condition element: entries merged under their operators (a key given twice keeps its last value). */
function condition(host: string | undefined, maxEntries: number): fc.Arbitrary<Record<string, Record<string, unknown>> | undefined> {
    return fc.array(conditionEntry(host), { maxLength: maxEntries }).map((entries) => {
        if (entries.length === 0) {
            return undefined;
        }
        const out: Record<string, Record<string, unknown>> = {};
        for (const e of entries) {
            out[e.op] = { ...(out[e.op] ?? {}), [e.key]: e.value };
        }
        return out;
    });
}

// ---- principals and actions ----------------------------------------------------------------------------

const federated = (host: string) => ({ Federated: providerArn(host) });

type PrincipalDraw = { principal: unknown; host?: string };

const warpPrincipal: fc.Arbitrary<PrincipalDraw> = weighted<PrincipalDraw>(
    [5, fc.constant({ principal: federated(HOSTS.warp), host: HOSTS.warp })],
    [1, fc.constant({ principal: federated(HOSTS.staging), host: HOSTS.staging })],
    [1, fc.constant({ principal: { Federated: [providerArn(HOSTS.warp), providerArn(HOSTS.staging)] }, host: HOSTS.warp })],
);

/** Entries that name app.warp.dev but are not the provider of the role's account: no Warp token comes through them. */
const notWarpsProvider: fc.Arbitrary<PrincipalDraw> = pick([
    `arn:aws:iam::${OTHER_ACCOUNT}:oidc-provider/${HOSTS.warp}`,
    `${providerArn(HOSTS.warp)}/`,
    HOSTS.warp,
]).map((Federated) => ({ principal: { Federated }, host: HOSTS.warp }));

const otherPrincipal: fc.Arbitrary<PrincipalDraw> = weighted<PrincipalDraw>(
    [1, notWarpsProvider],
    [2, pick([HOSTS.github, HOSTS.lookalike, HOSTS.staging]).map((h) => ({ principal: federated(h), host: h }))],
    [2, fc.constant({ principal: "*" })],
    [2, fc.constant({ principal: { AWS: "*" } })],
    [2, oneOrMany(pick(AWS_PRINCIPALS), 2).map((AWS) => ({ principal: { AWS } }))],
    [1, oneOrMany(pick(SERVICES), 2).map((Service) => ({ principal: { Service } }))],
    [1, fc.constant({ principal: { Federated: SAML_PROVIDER } })],
    [1, pick(AWS_PRINCIPALS).map((aws) => ({ principal: { Federated: providerArn(HOSTS.warp), AWS: aws }, host: HOSTS.warp }))],
);

const ACTIONS = [
    "sts:AssumeRoleWithWebIdentity",
    "sts:AssumeRole",
    "sts:AssumeRoleWithSAML",
    "sts:TagSession",
    "sts:SetSourceIdentity",
    "sts:*",
    "*",
    "sts:AssumeRole*",
    "sts:assumerolewithwebidentity",
    "sts:Assume?ole",
    "iam:PassRole",
] as const;

const actions = weighted<Record<string, unknown>>(
    [5, oneOrMany(weighted([4, fc.constant("sts:AssumeRoleWithWebIdentity")], [3, pick(ACTIONS)])).map((a) => ({ Action: a }))],
    [1, oneOrMany(pick(ACTIONS), 2).map((a) => ({ NotAction: a }))],
);

// ---- statements and policies -----------------------------------------------------------------------------

function statement(principal: fc.Arbitrary<PrincipalDraw>, allowWeight: number, maxEntries: number): fc.Arbitrary<Record<string, unknown>> {
    return fc.tuple(weighted([allowWeight, fc.constant("Allow")], [1, fc.constant("Deny")]), principal, actions).chain(([Effect, p, a]) =>
        condition(p.host, maxEntries).map((Condition) => ({
            Effect,
            Principal: p.principal,
            ...a,
            ...(Condition ? { Condition } : {}),
        })),
    );
}

/** Deny statements that narrow: every principal or Warp's, every action or web identity, a claim condition. */
const denyStatement = fc
    .tuple(
        weighted<PrincipalDraw>([3, fc.constant({ principal: "*" })], [1, fc.constant({ principal: { AWS: "*" } })], [2, warpPrincipal]),
        pick(["*", "sts:*", "sts:AssumeRoleWithWebIdentity", "sts:AssumeRole"]),
    )
    .chain(([p, Action]) =>
        condition(p.host ?? HOSTS.warp, 2).map((Condition) => ({
            Effect: "Deny",
            Principal: p.principal,
            Action,
            ...(Condition ? { Condition } : {}),
        })),
    );

/**
 * A Warp statement written as Warp documents it (aud pinned, sub of the team), with at most one more
 * condition entry: the start of most safe roles, which the other statements then widen or narrow.
 */
const conventionalWarpStatement = fc
    .tuple(
        warpPrincipal,
        weighted(
            [3, fc.constant("sts:AssumeRoleWithWebIdentity")],
            [1, pick(["sts:*", "*", ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"]])],
        ),
        oneOrMany(
            pick([
                "scoped_principal:TEAM_A/user:*",
                "scoped_principal:TEAM_A/service_account:*",
                "scoped_principal:TEAM_A/*",
                "scoped_principal:TEAM_A/user:u1",
            ]),
            2,
        ),
        pick(["StringLike", "StringLike", "StringEquals", "ForAnyValue:StringLike"]),
        condition(undefined, 1),
    )
    .map(([p, Action, sub, subOp, extra]) => {
        const host = p.host ?? HOSTS.warp;
        const Condition: Record<string, Record<string, unknown>> = { StringEquals: { [`${host}:aud`]: STS_AUD } };
        Condition[subOp] = { ...(Condition[subOp] ?? {}), [`${host}:sub`]: sub };
        for (const [op, block] of Object.entries(extra ?? {})) {
            Condition[op] = { ...(Condition[op] ?? {}), ...block };
        }
        return { Effect: "Allow", Principal: p.principal, Action, Condition };
    });

const statementArb: fc.Arbitrary<Record<string, unknown>> = weighted(
    [3, conventionalWarpStatement],
    [4, statement(warpPrincipal, 9, 3)],
    [3, statement(otherPrincipal, 6, 2)],
    [2, denyStatement],
);

export const trustPolicyArb: fc.Arbitrary<Record<string, unknown>> = fc
    .tuple(
        fc.array(statementArb, { minLength: 1, maxLength: 4 }),
        weighted([12, fc.constant("2012-10-17")], [1, fc.constant("2008-10-17")]),
        fc.integer({ min: 0, max: 9 }),
    )
    .map(([statements, Version, shape]) => ({ Version, Statement: shape === 0 && statements.length === 1 ? statements[0] : statements }));

/** The ways a document can be one IAM refuses (each a validity finding of warp-trust-iam-valid). */
export type Flaw = "resource" | "duplicate-sid" | "sid-characters" | "operator" | "version" | "no-principal";

const FLAWS: readonly Flaw[] = ["resource", "duplicate-sid", "sid-characters", "operator", "version", "no-principal"];

function withFlaw(policy: Record<string, unknown>, flaw: Flaw, at: number): Record<string, unknown> {
    const copy = JSON.parse(JSON.stringify(policy));
    const list: any[] = Array.isArray(copy.Statement) ? copy.Statement : [copy.Statement];
    const s = list[at % list.length];
    switch (flaw) {
        case "resource":
            s.Resource = "*";
            break;
        case "duplicate-sid":
            list.push({ ...JSON.parse(JSON.stringify(s)), Sid: "Twin" });
            s.Sid = "Twin";
            break;
        case "sid-characters":
            s.Sid = pickFrom(["warp-team", "Warp Team", "warp_team"], at);
            break;
        case "operator":
            s.Condition = {
                ...(s.Condition ?? {}),
                [pickFrom(["StringLikee", "StringEqual", "NullIfExists", "StringMatches"], at)]: {
                    "app.warp.dev:sub": "scoped_principal:TEAM_A/*",
                },
            };
            break;
        case "version":
            copy.Version = pickFrom(["2012-10-18", "2012-10-17 ", "2020-01-01"], at);
            break;
        case "no-principal":
            delete s.Principal;
            break;
    }
    copy.Statement = list;
    return copy;
}

const pickFrom = <T>(items: readonly T[], i: number) => items[i % items.length];

/** A generated policy with one flaw IAM refuses. */
export const invalidPolicyArb: fc.Arbitrary<{ policy: Record<string, unknown>; flaw: Flaw }> = fc
    .tuple(trustPolicyArb, pick(FLAWS), fc.nat(11))
    .map(([policy, flaw, at]) => ({ policy: withFlaw(policy, flaw, at), flaw }));

// ---- configuration --------------------------------------------------------------------------------------

export interface DiffConfig {
    readonly allowedIssuers: readonly string[];
    readonly allowedTeamUids: readonly string[];
    readonly allowedActorTypes: ReadonlyArray<"user" | "service_account">;
}

export const BASE_CONFIG: DiffConfig = {
    allowedIssuers: [HOSTS.warp],
    allowedTeamUids: [TEAM],
    allowedActorTypes: ["user", "service_account"],
};

/**
 * The intended set: usually the default (app.warp.dev, TEAM_A, both actor types), sometimes users only,
 * both Warp issuers, or no team configured (the role may then admit one team, whichever it is).
 */
export const configArb: fc.Arbitrary<DiffConfig> = weighted(
    [6, fc.constant(BASE_CONFIG)],
    [1, fc.constant<DiffConfig>({ ...BASE_CONFIG, allowedActorTypes: ["user"] })],
    [1, fc.constant<DiffConfig>({ ...BASE_CONFIG, allowedIssuers: [HOSTS.warp, HOSTS.staging] })],
    [1, fc.constant<DiffConfig>({ ...BASE_CONFIG, allowedTeamUids: [] })],
);

// ---- probes ---------------------------------------------------------------------------------------------

/** Subjects a Warp issuer can mint (its grammar), chosen to tell the generated patterns apart. */
const WARP_PROBE_SUBJECTS = [
    "scoped_principal:TEAM_A/user:u1",
    "scoped_principal:TEAM_A/service_account:sa1",
    "scoped_principal:TEAM_A/user:ab1",
    "scoped_principal:TEAM_A/user:u",
    "scoped_principal:TEAM_AB/user:u1",
    "scoped_principal:TEAM_B/service_account:sa1",
    "scoped_principal:team_a/user:u1",
    "scoped_principal:TEAM_X/user:ab",
    undefined,
] as const;
const STAGING_PROBE_SUBJECTS = [
    "scoped_principal:TEAM_A/user:u1",
    "scoped_principal:TEAM_A/service_account:sa1",
    "scoped_principal:TEAM_B/user:u1",
    undefined,
] as const;
const OTHER_PROBE_SUBJECTS = ["repo:warpdotdev/infra:ref:refs/heads/main", "scoped_principal:TEAM_A/user:u1", undefined] as const;
const PROBE_AUDIENCES = [STS_AUD, "STS.AMAZONAWS.COM", "some-other-client", undefined] as const;
const OTHER_PROBE_AUDIENCES = [STS_AUD, "some-other-client", undefined] as const;

function tokens(issuer: string, subs: readonly (string | undefined)[], auds: readonly (string | undefined)[]): SimRequest[] {
    return subs.flatMap((sub) =>
        auds.map((aud): SimRequest => ({
            kind: "web-identity",
            issuer,
            ...(sub !== undefined ? { sub } : {}),
            ...(aud !== undefined ? { aud } : {}),
        })),
    );
}

/** Every probe request: tokens of each issuer, AWS principals of this and other accounts, services, SAML. */
const PROBES: readonly SimRequest[] = [
    ...tokens(HOSTS.warp, WARP_PROBE_SUBJECTS, PROBE_AUDIENCES),
    ...tokens(HOSTS.staging, STAGING_PROBE_SUBJECTS, [STS_AUD, "some-other-client", undefined]),
    ...tokens(HOSTS.github, OTHER_PROBE_SUBJECTS, OTHER_PROBE_AUDIENCES),
    ...tokens(HOSTS.lookalike, OTHER_PROBE_SUBJECTS, OTHER_PROBE_AUDIENCES),
    { kind: "web-identity", issuer: UNNAMED_HOST, sub: "scoped_principal:TEAM_A/user:u1", aud: STS_AUD },
    ...[
        `arn:aws:iam::${ACCOUNT}:role/deployer`,
        `arn:aws:iam::${ACCOUNT}:user/developer`,
        `arn:aws:iam::${OTHER_ACCOUNT}:role/ci`,
        `arn:aws:iam::${OTHER_ACCOUNT}:user/mallory`,
        `arn:aws:iam::${THIRD_ACCOUNT}:role/x`,
        "arn:aws:iam::777788889999:user/stranger",
    ].map((principal): SimRequest => ({ kind: "aws", principal })),
    ...[...SERVICES, "ecs-tasks.amazonaws.com"].map((service): SimRequest => ({ kind: "service", service })),
    ...[SAML_PROVIDER, OTHER_SAML_PROVIDER].map((provider): SimRequest => ({ kind: "saml", provider })),
];

// ---- the differential judgement -------------------------------------------------------------------------

const WARP_HOSTS: readonly string[] = [HOSTS.warp, HOSTS.staging];

/**
 * How a request falls outside the intended set, in the engine's words; empty when it is intended. `teams`
 * are the intended teams: the configured ones, or with none configured the one the engine found.
 */
export function waysOutOf(r: SimRequest, config: DiffConfig, teams: readonly string[] = config.allowedTeamUids): ExposureWay[] {
    switch (r.kind) {
        case "aws":
            return ["aws-principal"];
        case "service":
            return ["service"];
        case "saml":
            return ["saml"];
        case "web-identity":
            break;
    }
    if (!config.allowedIssuers.includes(r.issuer)) {
        return [WARP_HOSTS.includes(r.issuer) ? "other-warp-issuer" : "other-issuer"];
    }
    const ways: ExposureWay[] = [];
    if (r.aud !== STS_AUD) {
        ways.push("audience");
    }
    const sub = r.sub;
    if (sub === undefined) {
        ways.push("no-subject");
    } else if (!teams.some((t) => sub.startsWith(`scoped_principal:${t}/`))) {
        ways.push("other-team");
    } else if (!teams.some((t) => config.allowedActorTypes.some((a) => sub.startsWith(`scoped_principal:${t}/${a}:`)))) {
        ways.push("actor-type");
    }
    return ways;
}

const statementsOf = (policy: any): any[] =>
    Array.isArray(policy?.Statement) ? policy.Statement : policy?.Statement ? [policy.Statement] : [];

function identifying(r: SimRequest): string {
    switch (r.kind) {
        case "web-identity":
            return providerArn(r.issuer);
        case "aws":
            return /^arn:[^:]*:iam::(\d{12}):/.exec(r.principal)?.[1] ?? r.principal;
        case "service":
            return r.service;
        case "saml":
            return r.provider;
    }
}

/**
 * Whether some Allow statement's Principal could name the request: it holds `"*"` or the request's
 * provider ARN, account ID or service name. A request no Allow can name is refused by the simulator
 * anyway, so it is not asked (this only saves time; the bench can turn it off to prove it).
 */
function mayBeNamed(policy: unknown, r: SimRequest): boolean {
    const id = identifying(r);
    return statementsOf(policy).some((s) => {
        if (s.Effect !== "Allow") {
            return false;
        }
        const text = JSON.stringify(s.Principal ?? "*");
        return text.includes('"*"') || text.includes(id);
    });
}

function mentionsUnmodelled(policy: unknown): boolean {
    const text = JSON.stringify(policy).toLowerCase();
    return Object.keys(UNMODELLED).some((k) => text.includes(k.toLowerCase()));
}

/**
 * AWS entries of a Deny's Principal, as the engine reads them, stop AWS principals only: `{"AWS": "*"}`
 * because the engine never credits a Deny with more than it surely stops, and an account (`"AWS":
 * "123456789012"`) because it names the account's IAM principals, which a web identity, SAML or service
 * caller is not. The simulator reads both as covering any caller whose ARN holds the account, an OIDC
 * provider's included. For a non-AWS witness the policy is asked again with the engine's reading: the
 * AWS entries taken out of Deny principals.
 */
export function withoutDenyAwsPrincipals(policy: any): any {
    const copy = JSON.parse(JSON.stringify(policy));
    copy.Statement = statementsOf(copy).filter((s) => {
        const p = s.Principal;
        if (s.Effect !== "Deny" || p === null || typeof p !== "object" || p.AWS === undefined) {
            return true;
        }
        delete p.AWS;
        return Object.keys(p).length > 0;
    });
    return copy;
}

/** The simulator request for an engine witness. */
export function witnessRequest(w: Witness): SimRequest {
    const r = w.request;
    switch (r.kind) {
        case "web-identity":
            return {
                kind: "web-identity",
                issuer: r.issuer,
                ...(r.sub !== undefined ? { sub: r.sub } : {}),
                ...(r.aud !== undefined ? { aud: r.aud } : {}),
            };
        case "aws":
            return { kind: "aws", principal: r.principal };
        case "service":
            return { kind: "service", service: r.service };
        case "saml":
            // "Any SAML provider" means any provider of the role's account: the engine's example names a
            // placeholder account, and the simulator (like STS) refuses a provider of another account.
            return {
                kind: "saml",
                provider: r.anyProvider ? r.provider.replace(/^(arn:[^:]*:iam::)\d{12}:/, `$1${ACCOUNT}:`) : r.provider,
            };
    }
}

/** The policy's twin for a request's requester, renamed for the simulator; one per issuer, made on first use. */
type Twins = (r: SimRequest) => unknown;

function twinsOf(policy: unknown): Twins {
    const made = new Map<string, unknown>();
    return (r) => {
        const requester: Requester = r.kind === "web-identity" ? { issuer: r.issuer } : r.kind === "saml" ? "saml" : "aws";
        const key = JSON.stringify(requester);
        let twin = made.get(key);
        if (twin === undefined) {
            twin = toClaimStandInPolicy(simulatorTwin(policy, requester));
            made.set(key, twin);
        }
        return twin;
    };
}

/** A witness's claims as the policy's twin reads them (simulator-twin.ts). */
function twinRequest(policy: unknown, r: SimRequest): SimRequest {
    if (r.kind !== "web-identity") {
        return r;
    }
    return {
        ...r,
        ...(r.sub !== undefined ? { sub: twinClaim(policy, r.sub) } : {}),
        ...(r.aud !== undefined ? { aud: twinClaim(policy, r.aud) } : {}),
    };
}

type Check = "warp-trusted" | "broken" | "missed-exposure" | "missed-way" | "witness-refused" | "dead-statement-admits" | "simulator-error";

export interface Disagreement {
    readonly check: Check;
    readonly detail: string;
}

export interface DiffStats {
    policies: number;
    warpTrusted: number;
    simulatorAdmitsWarp: number;
    /** Mentions Warp but admits no intended token (Warp-trusted or not). */
    broken: number;
    /** Some Warp token gets in, but no intended one. */
    brokenWarpTrusted: number;
    withExposures: number;
    warpTrustedWithoutExposure: number;
    exposuresByWay: Record<string, number>;
    probesAsked: number;
    outsidersAdmitted: number;
    policiesWithOutsiders: number;
    witnesses: number;
    witnessesAdmitted: number;
    witnessesWithAssumesAdmitted: number;
    witnessesWithAssumesSkipped: number;
    witnessesExcludedDenyAwsPrincipal: number;
    witnessesExcludedUnmodelled: number;
    knownGapNoTeamWay: number;
    /** Policies with a statement decided by a key Warp's tokens never carry. */
    neverKeyPolicies: number;
    /** Policies with an Allow statement the engine says can never admit anyone (checked: without it the simulator admits the same probes). */
    deadStatementPolicies: number;
    /** Policies with a policy variable (other than the special characters) in a condition value. */
    variablePolicies: number;
    /** Witnesses naming one principal picked out by aws:PrincipalArn (not an account root). */
    principalArnWitnesses: number;
    disagreements: Record<string, number>;
}

export function emptyStats(): DiffStats {
    return {
        policies: 0,
        warpTrusted: 0,
        simulatorAdmitsWarp: 0,
        broken: 0,
        brokenWarpTrusted: 0,
        withExposures: 0,
        warpTrustedWithoutExposure: 0,
        exposuresByWay: {},
        probesAsked: 0,
        outsidersAdmitted: 0,
        policiesWithOutsiders: 0,
        witnesses: 0,
        witnessesAdmitted: 0,
        witnessesWithAssumesAdmitted: 0,
        witnessesWithAssumesSkipped: 0,
        witnessesExcludedDenyAwsPrincipal: 0,
        witnessesExcludedUnmodelled: 0,
        knownGapNoTeamWay: 0,
        neverKeyPolicies: 0,
        deadStatementPolicies: 0,
        variablePolicies: 0,
        principalArnWitnesses: 0,
        disagreements: {},
    };
}

const bump = (m: Record<string, number>, k: string) => (m[k] = (m[k] ?? 0) + 1);
const show = (r: SimRequest) => JSON.stringify(r);

/**
 * Keys a request of this kind can carry at all. AssumeRoleWithWebIdentity and AssumeRoleWithSAML are
 * unsigned calls by a federated principal: signed-request keys (aws:PrincipalOrgID), service-call keys
 * (aws:SourceAccount) and sts:ExternalId (an AssumeRole parameter) are never in their context (IAM User
 * Guide, "AWS global condition context keys", each key's Availability). The simulator would evaluate
 * whatever context it is given, so such keys are left out of those requests, as IAM leaves them out.
 */
const NEVER_ON_FEDERATED = new Set(["aws:PrincipalOrgID", "aws:SourceAccount", "sts:ExternalId", "aws:PrincipalTag/team"]);

function contextOf(r: SimRequest, context: Readonly<Record<string, string>>): Readonly<Record<string, string>> {
    if (r.kind !== "web-identity" && r.kind !== "saml") {
        return context;
    }
    return Object.fromEntries(Object.entries(context).filter(([k]) => !NEVER_ON_FEDERATED.has(k)));
}

async function admits(
    renamed: Twins,
    r: SimRequest,
    contexts: ReadonlyArray<Readonly<Record<string, string>>>,
    out: Disagreement[],
): Promise<boolean> {
    for (const context of contexts) {
        const result = await simulateRequest(renamed(r), r, contextOf(r, context));
        if (typeof result === "object") {
            out.push({ check: "simulator-error", detail: `${show(r)}: ${result.error}` });
            return false;
        }
        if (result === "Allowed") {
            return true;
        }
    }
    return false;
}

export interface DiffOptions {
    /** The document is one IAM refuses: only the sound direction is checked (outsiders the simulator admits). */
    readonly invalid?: boolean;
    /** Ask every probe, even one no Allow statement can name (slower; proves mayBeNamed drops nothing). */
    readonly allProbes?: boolean;
    /** Stands in for the engine (the test's own proof that a wrong answer is caught). */
    readonly analyze?: (policy: unknown, config: DiffConfig) => TrustAnswer;
}

/** The simulator's role lives in ACCOUNT, and the engine is told so (as the pack and `lint --account` are). */
const engineConfig = (config: DiffConfig) => ({
    account: ACCOUNT,
    allowedIssuers: config.allowedIssuers,
    allowedTeamUids: config.allowedTeamUids,
    allowedActorTypes: config.allowedActorTypes,
});

/**
 * One policy through the engine and the simulator. The checks:
 * - warp-trusted: the simulator admits a Warp token, so the engine must call the role Warp-trusted;
 * - broken: the simulator admits an intended token, so the engine must not call the role broken;
 * - missed-exposure: the simulator admits a probe outside the intended set of a Warp-trusted role, so
 *   the engine must report an exposure of some way the probe is out (and "no exposure" means none gets in);
 * - missed-way: ... and of every way it is out (a token with another aud and another team is both);
 * - witness-refused: every witness the engine gives must be admitted by the simulator.
 */
export async function differential(
    policy: unknown,
    config: DiffConfig,
    engine: TrustEngine,
    stats: DiffStats = emptyStats(),
    options: DiffOptions = {},
): Promise<Disagreement[]> {
    const out: Disagreement[] = [];
    const answer = options.analyze ? options.analyze(policy, config) : analyzeTrust(policy, engineConfig(config), engine);
    // The simulator is asked the corrected twin where it departs from the Guide on policy variables.
    const renamed = twinsOf(policy);
    const contexts = mentionsUnmodelled(policy) ? [{}, UNMODELLED] : [{}];
    stats.policies++;
    if (answer.problem !== undefined) {
        out.push({ check: "simulator-error", detail: `the engine cannot read the generated policy: ${answer.problem}` });
        return out;
    }
    const admitted = await simulatorAdmitted(policy, renamed, contexts, options, stats, out);
    const simWarp = admitted.some((r) => r.kind === "web-identity" && WARP_HOSTS.includes(r.issuer));
    // With no team configured the role may admit one team, whichever the engine finds it admits.
    const teams = config.allowedTeamUids.length > 0 ? config.allowedTeamUids : answer.team !== undefined ? [answer.team] : [];
    countAnswer(stats, answer, simWarp);
    checkVerdicts(answer, admitted, simWarp, config, teams, out);
    if (answer.warpTrusted || simWarp) {
        checkOutsiders(answer, admitted, config, teams, stats, out);
    }
    for (const e of options.invalid ? [] : answer.exposures) {
        await checkWitness(policy, renamed, answer.assumptions, e, contexts, stats, out);
    }
    await checkDeadStatements(policy, answer, admitted, contexts, out);
    if (options.invalid) {
        // The engine reads what IAM refuses in the way that admits the most; the simulator may evaluate or refuse it.
        return out.filter((d) => d.check === "missed-exposure" || d.check === "missed-way");
    }
    for (const d of out) {
        bump(stats.disagreements, d.check);
    }
    return out;
}

/**
 * Statements the engine says can never admit anyone: without them, the simulator must admit exactly the
 * probes it admits with them (removing an Allow can only take requests away, so only a lost one counts).
 */
async function checkDeadStatements(
    policy: unknown,
    answer: TrustAnswer,
    admitted: readonly SimRequest[],
    contexts: Array<Record<string, string>>,
    out: Disagreement[],
): Promise<void> {
    const dead = new Set(answer.deadStatements.map((d) => d.index));
    const list = statementsOf(policy);
    if (dead.size === 0 || dead.size === list.length) {
        return;
    }
    const without = twinsOf({ ...(policy as Record<string, unknown>), Statement: list.filter((_, i) => !dead.has(i)) });
    for (const r of admitted) {
        if (!(await admits(without, r, contexts, out))) {
            out.push({
                check: "dead-statement-admits",
                detail: `the engine says statement(s) ${[...dead].join(", ")} can never admit anyone, but without them the simulator refuses ${show(r)}`,
            });
        }
    }
}

/** The probes the simulator lets in (only those an Allow statement can name, unless every probe is asked). */
async function simulatorAdmitted(
    policy: unknown,
    renamed: Twins,
    contexts: Array<Record<string, string>>,
    options: DiffOptions,
    stats: DiffStats,
    out: Disagreement[],
): Promise<SimRequest[]> {
    const admitted: SimRequest[] = [];
    for (const probe of PROBES) {
        if (!options.allProbes && !mayBeNamed(policy, probe)) {
            continue;
        }
        stats.probesAsked++;
        if (await admits(renamed, probe, contexts, out)) {
            admitted.push(probe);
        }
    }
    return admitted;
}

function countAnswer(stats: DiffStats, answer: TrustAnswer, simWarp: boolean): void {
    stats.warpTrusted += answer.warpTrusted ? 1 : 0;
    stats.simulatorAdmitsWarp += simWarp ? 1 : 0;
    stats.broken += answer.broken ? 1 : 0;
    stats.brokenWarpTrusted += answer.broken && answer.warpTrusted ? 1 : 0;
    stats.withExposures += answer.exposures.length > 0 ? 1 : 0;
    stats.warpTrustedWithoutExposure += answer.warpTrusted && answer.exposures.length === 0 ? 1 : 0;
    answer.exposures.forEach((e) => bump(stats.exposuresByWay, e.way));
    stats.neverKeyPolicies += answer.neverKeys.length > 0 ? 1 : 0;
    stats.deadStatementPolicies += answer.deadStatements.length > 0 ? 1 : 0;
    stats.variablePolicies += /\$\{(?![*?$]\})/.test(JSON.stringify(answer.doc?.statements.map((x) => x.conditions.map((c) => c.values))))
        ? 1
        : 0;
    stats.principalArnWitnesses += answer.exposures.filter(
        (e) =>
            e.witness.request.kind === "aws" &&
            /:(role|user)\//.test(e.witness.request.principal) &&
            !JSON.stringify(answer.doc?.statements.map((s) => (s.principal ? [...s.principal.byType.values()] : []))).includes(
                e.witness.request.principal,
            ),
    ).length;
}

/** Warp-trusted and broken: the engine's yes/no answers against what the simulator admits. */
function checkVerdicts(
    answer: TrustAnswer,
    admitted: readonly SimRequest[],
    simWarp: boolean,
    config: DiffConfig,
    teams: readonly string[],
    out: Disagreement[],
): void {
    if (simWarp && !answer.warpTrusted) {
        const token = admitted.find((r) => r.kind === "web-identity" && WARP_HOSTS.includes(r.issuer))!;
        out.push({ check: "warp-trusted", detail: `the simulator admits ${show(token)} but the engine says no Warp token gets in` });
    }
    const insider = admitted.find((r) => waysOutOf(r, config, teams).length === 0);
    if (insider !== undefined && answer.broken) {
        out.push({ check: "broken", detail: `the simulator admits the intended ${show(insider)} but the engine calls the role broken` });
    }
}

/** Every outsider the simulator admits must be reported, by every way it is out. */
function checkOutsiders(
    answer: TrustAnswer,
    admitted: readonly SimRequest[],
    config: DiffConfig,
    teams: readonly string[],
    stats: DiffStats,
    out: Disagreement[],
): void {
    const outsiders = admitted.filter((r) => waysOutOf(r, config, teams).length > 0);
    stats.outsidersAdmitted += outsiders.length;
    stats.policiesWithOutsiders += outsiders.length > 0 ? 1 : 0;
    const reported = new Set(answer.exposures.map((e) => e.way));
    const says = `it reports: ${[...reported].join(", ") || "none"}`;
    for (const r of outsiders) {
        const ways = waysOutOf(r, config, teams);
        const missing = ways.filter((w) => !reported.has(w));
        if (missing.length === ways.length) {
            out.push({
                check: "missed-exposure",
                detail: `the simulator admits ${show(r)} but the engine reports no ${missing.join("/")} exposure (${says})`,
            });
        } else if (missing.length > 0 && teams.length === 0 && missing.every((w) => w === "other-team")) {
            // With no team configured and none found, the role's team is unknown: "other team" cannot be told.
            stats.knownGapNoTeamWay++;
        } else if (missing.length > 0) {
            out.push({
                check: "missed-way",
                detail: `the simulator admits ${show(r)}, outside by ${ways.join(" and ")}, but the engine reports no ${missing.join("/")} exposure (${says})`,
            });
        }
    }
}

async function checkWitness(
    policy: unknown,
    renamed: Twins,
    assumptions: readonly string[],
    e: Exposure,
    contexts: ReadonlyArray<Readonly<Record<string, string>>>,
    stats: DiffStats,
    out: Disagreement[],
): Promise<void> {
    stats.witnesses++;
    const r = twinRequest(policy, witnessRequest(e.witness));
    if (await admits(renamed, r, e.witness.assumes ? [UNMODELLED, {}, OTHER_UNMODELLED] : contexts, out)) {
        stats.witnessesAdmitted++;
        stats.witnessesWithAssumesAdmitted += e.witness.assumes ? 1 : 0;
        return;
    }
    if (e.witness.assumes) {
        // Conditions the engine could not model, and the simulator could not be made to satisfy.
        stats.witnessesWithAssumesSkipped++;
        return;
    }
    if (r.kind !== "aws" && (await admits(twinsOf(withoutDenyAwsPrincipals(policy)), r, contexts, out))) {
        stats.witnessesExcludedDenyAwsPrincipal++;
        return;
    }
    if (assumptions.length > 0) {
        // A Deny the engine said it could not rely on stopped the witness.
        stats.witnessesExcludedUnmodelled++;
        return;
    }
    out.push({
        check: "witness-refused",
        detail: `the engine's ${e.way} witness ${show(r)} (${e.witness.description}) is refused by the simulator`,
    });
}
