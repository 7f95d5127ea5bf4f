/**
 * Rules for role trust policies that federate to a Warp issuer. Pure functions over IAM JSON, shared by
 * the CrossGuard pack, the lint CLI and the tests. The guiding question for every rule: could a token
 * from outside the intended team and actor types assume this role? Anything that might, or that a
 * reviewer cannot tell at a glance, is a finding.
 */
import { show } from "./errors";
import { Finding, RuleName, finding } from "./findings";
import { ConditionEntry, PolicyDocument, Statement, actionMatches, parsePolicyDocument } from "./iam-json";
import { DEFAULT_ISSUER, KNOWN_ISSUER_HOSTS, STS_AUDIENCE } from "./issuer";
import { SUBJECT_PREFIX, isValidUid, parseSubject, subjectFor } from "./subject";

export const WEB_IDENTITY_ACTION = "sts:AssumeRoleWithWebIdentity";
/** IAM's default, and what the component sets unless told otherwise. */
export const DEFAULT_MAX_SESSION_DURATION = 3600;

export interface TrustRuleConfig {
    /** Hosts whose OIDC providers are Warp's: a role federating to one of them is judged. */
    warpIssuers: readonly string[];
    /** Warp hosts this stack may trust. */
    allowedIssuers: readonly string[];
    /** Teams whose principals may be trusted; empty means not configured (reported as advisory). */
    allowedTeamUids: readonly string[];
    /** Accept `scoped_principal:<team>/*` and other patterns that span actor types. */
    allowActorSpanningSubjects: boolean;
}

export const DEFAULT_TRUST_CONFIG: Readonly<TrustRuleConfig> = {
    warpIssuers: KNOWN_ISSUER_HOSTS,
    allowedIssuers: [DEFAULT_ISSUER],
    allowedTeamUids: [],
    allowActorSpanningSubjects: false,
};

/** `https://App.Warp.Dev/` and `app.warp.dev` name the same issuer; IAM keys it without scheme or trailing slash. */
export function normalizeHost(value: string): string {
    return value.trim().replace(/^https:\/\//i, "").replace(/\/+$/, "").toLowerCase();
}

export function trustConfig(partial: Partial<TrustRuleConfig> = {}): TrustRuleConfig {
    const merged = { ...DEFAULT_TRUST_CONFIG, ...stripUndefined(partial) };
    return {
        warpIssuers: merged.warpIssuers.map(normalizeHost),
        allowedIssuers: merged.allowedIssuers.map(normalizeHost),
        allowedTeamUids: [...merged.allowedTeamUids],
        allowActorSpanningSubjects: merged.allowActorSpanningSubjects === true,
    };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
    return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** One statement that can let a Warp token in, with what it federates to and which claims it tests. */
export interface WarpStatement {
    statement: Statement;
    allow: boolean;
    /** Warp hosts whose provider the statement names in Principal.Federated. */
    federatedWarpHosts: string[];
    /** Other Federated entries (other identity providers). */
    otherFederated: string[];
    /** Principal types besides Federated (aws, service, canonicaluser). */
    otherPrincipalTypes: string[];
    /** Principal "*", {"AWS": "*"}, {"Federated": "*"} or NotPrincipal: admits every provider's tokens. */
    openPrincipal: boolean;
    /** Warp hosts whose condition keys (`<host>:sub`, `<host>:aud`, ...) the statement tests. */
    keyHosts: string[];
    /** Hosts whose tokens the statement admits, so whose aud and sub must be pinned. */
    admittedHosts: string[];
}

export interface TrustModel {
    /** Set when the document cannot be read at all. */
    parseProblem?: string;
    /** For an unreadable document: whether its text names a Warp issuer, so it is still judged. */
    mentionsWarp: boolean;
    doc?: PolicyDocument;
    /** True when some statement can admit a Warp token: the role is in scope for every Warp rule. */
    warpTrusted: boolean;
    warpStatements: WarpStatement[];
    /** Statements of a Warp-trusted role that trust something else (another provider, an AWS principal). */
    otherStatements: Statement[];
}

const PROVIDER_ARN_RE = /^arn:[^:]*:iam::[^:]*:oidc-provider\/(.+)$/i;

/** Forget the memos below, for measurements that must not profit from an earlier run. */
export function clearTrustRuleMemos(): void {
    providerHosts.clear();
    claimKeys.clear();
    lastReview = undefined;
}

/** A stack names the same few providers in every trust policy, so their hosts are worked out once. */
const providerHosts = new Map<string, string>();

function providerHost(entry: string): string {
    let host = providerHosts.get(entry);
    if (host === undefined) {
        const m = PROVIDER_ARN_RE.exec(entry.trim());
        host = normalizeHost(m ? m[1] : entry);
        if (providerHosts.size >= 1024) {
            providerHosts.clear();
        }
        providerHosts.set(entry, host);
    }
    return host;
}

/** The Warp host whose condition key this is (`<host>:<claim>`), found without slicing the key. */
function warpKeyHost(keyLower: string, hosts: readonly string[]): string | undefined {
    const colon = keyLower.lastIndexOf(":");
    if (colon <= 0) {
        return undefined;
    }
    for (const h of hosts) {
        if (h.length === colon && keyLower.startsWith(h)) {
            return h;
        }
    }
    return undefined;
}

/** `<host>:aud` and `<host>:sub`, built once per host: comparing keys with a fresh concatenation would flatten it every time. */
const claimKeys = new Map<string, { aud: string; sub: string }>();

function claimKeysOf(host: string): { aud: string; sub: string } {
    let keys = claimKeys.get(host);
    if (keys === undefined) {
        keys = { aud: `${host}:aud`, sub: `${host}:sub` };
        if (claimKeys.size >= 256) {
            claimKeys.clear();
        }
        claimKeys.set(host, keys);
    }
    return keys;
}

function isAllow(effect: unknown): boolean {
    return effect === "Allow" || (typeof effect === "string" && effect.toLowerCase() === "allow");
}

/** Can the statement's action list cover sts:AssumeRoleWithWebIdentity? */
function mayAllowWebIdentity(s: Statement): boolean {
    if (s.notActions !== undefined) {
        return !s.notActions.some((a) => actionMatches(a, WEB_IDENTITY_ACTION));
    }
    return (s.actions ?? []).some((a) => actionMatches(a, WEB_IDENTITY_ACTION));
}

function unique<T>(items: Iterable<T>): T[] {
    return [...new Set(items)];
}

function append(list: string[] | undefined, item: string): string[] {
    if (list === undefined) {
        return [item];
    }
    list.push(item);
    return list;
}

/** Lazily created list without repeats; a one-element literal first, since a push onto [] reserves room for 17. */
export function appendUnique<T>(list: T[] | undefined, item: T): T[] {
    if (list === undefined) {
        return [item];
    }
    if (!list.includes(item)) {
        list.push(item);
    }
    return list;
}

const prefilters = new WeakMap<readonly string[], RegExp>();
const normalized = new WeakMap<readonly string[], readonly string[]>();

function normalizedHosts(warpIssuers: readonly string[]): readonly string[] {
    let hosts = normalized.get(warpIssuers);
    if (hosts === undefined) {
        hosts = warpIssuers.map(normalizeHost);
        normalized.set(warpIssuers, hosts);
    }
    return hosts;
}

/**
 * Whether JSON text might hold a statement that admits a Warp token. A statement can only do so by
 * naming a Warp host (provider or condition key), or through "*" or NotPrincipal; text with none of
 * these, and no \u escape or URL encoding that could hide them, needs no parse. Most roles in a large
 * stack are not Warp's, so this keeps the pack near the cost of parsing only Warp's documents.
 */
function mightTrustWarp(text: string, warpIssuers: readonly string[]): boolean {
    let re = prefilters.get(warpIssuers);
    if (re === undefined) {
        const hosts = warpIssuers.map((h) => normalizeHost(h).replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"));
        re = new RegExp(`\\*|notprincipal|\\\\u|%|${hosts.join("|")}`, "i");
        prefilters.set(warpIssuers, re);
    }
    return re.test(text);
}

/** Parse a trust policy and find the statements that can admit a Warp token. */
export function classifyTrustPolicy(input: unknown, warpIssuers: readonly string[] = DEFAULT_TRUST_CONFIG.warpIssuers): TrustModel {
    if (typeof input === "string" && !mightTrustWarp(input, warpIssuers)) {
        return { mentionsWarp: false, warpTrusted: false, warpStatements: [], otherStatements: [] };
    }
    const hosts = normalizedHosts(warpIssuers);
    const parsed = parsePolicyDocument(input);
    if (!parsed.ok) {
        const text = typeof input === "string" ? input.toLowerCase() : "";
        const mentionsWarp = hosts.some((h) => text.includes(h));
        return { parseProblem: parsed.problem, mentionsWarp, warpTrusted: mentionsWarp, warpStatements: [], otherStatements: [] };
    }
    const warpStatements: WarpStatement[] = [];
    const otherStatements: Statement[] = [];
    for (const s of parsed.doc.statements) {
        // Lists start as undefined and then as one-element literals: a push onto [] reserves room for 17.
        let federatedWarpHosts: string[] | undefined;
        let otherFederated: string[] | undefined;
        let federatedStar = false;
        let otherPrincipalTypes: string[] | undefined;
        if (s.principal !== undefined) {
            const byType = s.principal.byType;
            // By key, not entry: an entry is a fresh [type, names] pair on every step.
            for (const type of byType.keys()) {
                if (type !== "federated") {
                    otherPrincipalTypes = append(otherPrincipalTypes, type);
                    continue;
                }
                for (const f of byType.get(type) as string[]) {
                    if (f === "*") {
                        federatedStar = true;
                        continue;
                    }
                    const host = providerHost(f);
                    if (hosts.includes(host)) {
                        federatedWarpHosts = appendUnique(federatedWarpHosts, host);
                    } else {
                        otherFederated = append(otherFederated, f);
                    }
                }
            }
        }
        const openPrincipal = s.principal?.star === true || federatedStar || s.notPrincipal !== undefined;
        let keyHosts: string[] | undefined;
        for (const c of s.conditions) {
            const host = warpKeyHost(c.keyLower, hosts);
            if (host !== undefined) {
                keyHosts = appendUnique(keyHosts, host);
            }
        }
        if (federatedWarpHosts === undefined && keyHosts === undefined && !(openPrincipal && mayAllowWebIdentity(s))) {
            otherStatements.push(s);
            continue;
        }
        let admittedHosts = federatedWarpHosts === undefined ? undefined : federatedWarpHosts.slice();
        if (openPrincipal) {
            for (const h of keyHosts !== undefined ? keyHosts : hosts) {
                admittedHosts = appendUnique(admittedHosts, h);
            }
        }
        warpStatements.push({
            statement: s,
            allow: isAllow(s.effect),
            federatedWarpHosts: federatedWarpHosts ?? [],
            otherFederated: otherFederated ?? [],
            otherPrincipalTypes: otherPrincipalTypes ?? [],
            openPrincipal,
            keyHosts: keyHosts ?? [],
            admittedHosts: admittedHosts ?? [],
        });
    }
    return { doc: parsed.doc, mentionsWarp: warpStatements.length > 0, warpTrusted: warpStatements.length > 0, warpStatements, otherStatements };
}

function where(s: Statement): { index: number; sid?: string } {
    return s.sid !== undefined ? { index: s.index, sid: s.sid } : { index: s.index };
}

const quoteList = (items: readonly string[]) => items.map((i) => JSON.stringify(i)).join(", ");

// ---------------------------------------------------------------- statement shape

export function checkStatementShape(model: TrustModel): Finding[] {
    const rule: RuleName = "warp-trust-statement-shape";
    const out: Finding[] = [];
    if (model.parseProblem !== undefined) {
        if (model.mentionsWarp) {
            out.push(finding(rule, `the trust policy ${model.parseProblem}`, "Write the trust policy as a JSON object with a Statement list; IAM refuses anything else."));
        }
        return out;
    }
    if (!model.warpTrusted) {
        return out;
    }
    for (const ws of model.warpStatements) {
        const s = ws.statement;
        const at = where(s);
        for (const problem of s.problems) {
            out.push(finding(rule, `the statement ${problem}`, "Fix the statement so IAM reads it the way you intend.", at));
        }
        if (!ws.allow) {
            out.push(
                finding(
                    rule,
                    s.effect === undefined
                        ? "the statement has no Effect"
                        : `the statement has Effect ${show(s.effect)}; a Warp trust policy holds Allow statements only, so every grant is visible on its own`,
                    'Write "Effect": "Allow" statements that each admit exactly the intended subjects, and remove Deny statements that try to carve out exceptions.',
                    at,
                ),
            );
        }
        if (s.notPrincipal !== undefined) {
            out.push(
                finding(
                    rule,
                    "the statement uses NotPrincipal, which trusts every principal it does not list: every Warp team's tokens included",
                    'Replace NotPrincipal with "Principal": {"Federated": "arn:aws:iam::<account>:oidc-provider/app.warp.dev"}.',
                    at,
                ),
            );
        }
        if (s.principal?.star || (s.principal?.byType.get("federated") ?? []).includes("*")) {
            out.push(
                finding(
                    rule,
                    'the statement trusts Principal "*": every principal and every identity provider, not just Warp\'s issuer',
                    'Name the provider: "Principal": {"Federated": "arn:aws:iam::<account>:oidc-provider/app.warp.dev"}.',
                    at,
                ),
            );
        }
        if (s.principal === undefined && s.notPrincipal === undefined) {
            out.push(finding(rule, "the statement names no Principal", 'Add "Principal": {"Federated": "arn:aws:iam::<account>:oidc-provider/app.warp.dev"}.', at));
        }
        if (ws.federatedWarpHosts.length > 0 && ws.otherPrincipalTypes.length > 0) {
            out.push(
                finding(
                    rule,
                    `the statement trusts ${ws.otherPrincipalTypes.map((t) => t.toUpperCase()).join(" and ")} principals alongside Warp's provider; the Warp aud and sub conditions do not describe them`,
                    "Move the other principals to their own statement, or better their own role.",
                    at,
                ),
            );
        }
        const providers = ws.federatedWarpHosts.length + ws.otherFederated.length;
        if (providers > 1) {
            out.push(
                finding(
                    rule,
                    `the statement federates to ${providers} identity providers (${quoteList([...ws.federatedWarpHosts, ...ws.otherFederated.map(providerHost)])}); each provider's tokens carry only its own condition keys, so one statement cannot pin all of them`,
                    "Write one statement per identity provider, each with that provider's aud and sub conditions.",
                    at,
                ),
            );
        }
        if (!ws.openPrincipal) {
            const strayHosts = ws.keyHosts.filter((h) => !ws.federatedWarpHosts.includes(h));
            if (strayHosts.length > 0) {
                const trusted = [...ws.federatedWarpHosts, ...ws.otherFederated.map(providerHost)];
                out.push(
                    finding(
                        rule,
                        `the statement tests ${strayHosts.map((h) => `${h}:*`).join(", ")} condition keys but trusts the provider of ${trusted.length > 0 ? quoteList(trusted) : "no issuer"}; tokens of that provider do not carry those keys, so the conditions do not check them`,
                        `Trust the provider of the issuer the conditions name: "Principal": {"Federated": "arn:aws:iam::<account>:oidc-provider/${strayHosts[0]}"}.`,
                        at,
                    ),
                );
            }
        }
        if (s.notActions !== undefined) {
            out.push(
                finding(
                    rule,
                    "the statement uses NotAction, which allows every action it does not list (sts:AssumeRole, sts:TagSession and more)",
                    `Write "Action": "${WEB_IDENTITY_ACTION}".`,
                    at,
                ),
            );
        } else if (s.actions === undefined || s.actions.length === 0) {
            out.push(finding(rule, "the statement names no Action", `Write "Action": "${WEB_IDENTITY_ACTION}".`, at));
        } else {
            const extra = s.actions.filter((a) => a.toLowerCase() !== WEB_IDENTITY_ACTION.toLowerCase());
            if (extra.length > 0) {
                out.push(
                    finding(
                        rule,
                        `the statement allows ${quoteList(extra)}${s.actions.length > extra.length ? ` alongside ${WEB_IDENTITY_ACTION}` : ` instead of ${WEB_IDENTITY_ACTION}`}; the aud and sub conditions were written for web identity tokens only`,
                        `Allow exactly "${WEB_IDENTITY_ACTION}" in statements that trust Warp; trust any other principal or action in a separate role.`,
                        at,
                    ),
                );
            }
        }
    }
    for (const s of model.otherStatements) {
        if (!isAllow(s.effect)) {
            out.push(
                finding(
                    rule,
                    `the statement has Effect ${show(s.effect)}; a Warp trust policy holds Allow statements only`,
                    "Remove the statement; narrow the Allow statements instead.",
                    where(s),
                ),
            );
        } else {
            out.push(
                finding(
                    rule,
                    "the statement trusts principals other than Warp's issuer, and they get the same Bedrock access as Warp's agents",
                    "Keep the Warp role for Warp alone; give other principals their own role.",
                    where(s),
                    "advisory",
                ),
            );
        }
    }
    return out;
}

// ---------------------------------------------------------------- issuer allowlist

export function checkIssuers(model: TrustModel, config: TrustRuleConfig): Finding[] {
    const out: Finding[] = [];
    const allowed = config.allowedIssuers;
    for (const ws of model.warpStatements) {
        if (!ws.allow) {
            continue;
        }
        const hosts = ws.keyHosts.every((h) => ws.admittedHosts.includes(h)) ? ws.admittedHosts : unique([...ws.admittedHosts, ...ws.keyHosts]);
        for (const host of hosts) {
            if (!allowed.includes(host)) {
                out.push(
                    finding(
                        "warp-trust-issuer-allowlist",
                        `the statement trusts tokens from ${host}, which is not an allowed issuer for this stack (allowedIssuers: ${allowed.length > 0 ? allowed.join(", ") : "none"})`,
                        `Trust the provider of ${allowed[0] ?? DEFAULT_ISSUER} instead, or, if this stack is meant for ${host}, add "${host}" to allowedIssuers in warp-trust-issuer-allowlist's config.`,
                        where(ws.statement),
                    ),
                );
            }
        }
    }
    return out;
}

// ---------------------------------------------------------------- audience

export function checkAudience(model: TrustModel): Finding[] {
    const out: Finding[] = [];
    for (const ws of model.warpStatements) {
        if (!ws.allow) {
            continue;
        }
        for (const host of ws.admittedHosts) {
            const key = claimKeysOf(host).aud;
            if (audiencePinned(ws.statement.conditions, key)) {
                continue;
            }
            const fix = `Write "StringEquals": {"${key}": "${STS_AUDIENCE}"} in the statement's Condition.`;
            const conds = ws.statement.conditions.filter((c) => c.keyLower === key);
            out.push(finding("warp-trust-audience", audienceProblem(key, conds), fix, where(ws.statement)));
        }
    }
    return out;
}

/** StringEquals `key` with sts.amazonaws.com as its only value(s), in some condition of the statement. */
function audiencePinned(conditions: readonly ConditionEntry[], key: string): boolean {
    for (const c of conditions) {
        if (c.keyLower !== key || c.base !== "stringequals" || c.qualifier || c.ifExists || c.values.length === 0) {
            continue;
        }
        let all = true;
        for (const v of c.values) {
            if (v !== STS_AUDIENCE) {
                all = false;
                break;
            }
        }
        if (all) {
            return true;
        }
    }
    return false;
}

function audienceProblem(key: string, conds: ConditionEntry[]): string {
    if (conds.length === 0) {
        return `the statement has no ${key} condition, so a token Warp minted for any other audience is accepted`;
    }
    const c =
        conds.find((x) => x.base === "stringequals" && !x.qualifier && !x.ifExists) ??
        conds.find((x) => x.qualifier || x.ifExists) ??
        conds[0];
    if (c.qualifier) {
        return `the statement tests ${key} with ${c.operator}, a set operator for multi-valued keys; aud is single-valued and only StringEquals pins it`;
    }
    if (c.ifExists) {
        return `the statement tests ${key} with ${c.operator}, which passes when the token carries no aud claim`;
    }
    if (c.base === "stringequals") {
        const others = c.values.filter((v) => v !== STS_AUDIENCE);
        return c.values.length === 0
            ? `the statement's StringEquals ${key} lists no value`
            : `the statement's StringEquals ${key} admits ${others.map((v) => show(v)).join(", ")}; the only audience Warp requests for AWS is ${STS_AUDIENCE}`;
    }
    return `the statement tests ${key} with ${c.operator} (${c.values.map((v) => show(v)).join(", ")}) instead of StringEquals "${STS_AUDIENCE}"`;
}

// ---------------------------------------------------------------- subject and team

interface AcceptedSubject {
    value: string;
    teamUid: string;
    host: string;
    statement: Statement;
}

interface SubjectReview {
    findings: Finding[];
    accepted: AcceptedSubject[];
}

const POSITIVE = new Set(["stringequals", "stringlike"]);
const NEGATIVE = new Set(["stringnotequals", "stringnotlike"]);

function teamOf(value: unknown): string | undefined {
    if (typeof value !== "string" || !value.startsWith(SUBJECT_PREFIX)) {
        return undefined;
    }
    const slash = value.indexOf("/", SUBJECT_PREFIX.length);
    const team = value.slice(SUBJECT_PREFIX.length, slash < 0 ? undefined : slash);
    return isValidUid(team) ? team : undefined;
}

function subjectFix(teamHint: string | undefined, reason: string, host: string): string {
    const t = teamHint ?? "<team-uid>";
    const like = `"StringLike": {"${host}:sub": ["${subjectFor(t, "user", "*")}", "${subjectFor(t, "service_account", "*")}"]}`;
    switch (reason) {
        case "spans-actor-types":
            return `Write one value per actor type, ${subjectFor(t, "user", "*")} and/or ${subjectFor(t, "service_account", "*")}; or set allowActorSpanningSubjects: true in warp-trust-subject's config if admitting every actor type, present and future, is intended.`;
        case "partial-principal-wildcard":
            return `Use '*' alone in the principal position (${subjectFor(t, "user", "*")}) or exact UIDs with StringEquals (${subjectFor(t, "service_account", "<agent-uid>")}).`;
        default:
            return `Name your team's UID literally: ${like}, or StringEquals with ${subjectFor(t, "service_account", "<agent-uid>")}.`;
    }
}

/**
 * The subject and team rules both need the review, one right after the other on the same model. One
 * entry is enough for that, and unlike a WeakMap keyed by model it does not keep every model of a large
 * stack alive through the young-generation collections (V8's scavenger treats WeakMap keys as live).
 * The review reads only these two settings of the config, so policies with different configs share it.
 */
let lastReview: { model: TrustModel; spanning: boolean; singleTeam: string | undefined; review: SubjectReview } | undefined;

function singleAllowedTeamOf(config: TrustRuleConfig): string | undefined {
    return config.allowedTeamUids.length === 1 ? config.allowedTeamUids[0] : undefined;
}

function reviewSubjects(model: TrustModel, config: TrustRuleConfig): SubjectReview {
    const spanning = config.allowActorSpanningSubjects;
    const singleTeam = singleAllowedTeamOf(config);
    const memo = lastReview;
    if (memo !== undefined && memo.model === model && memo.spanning === spanning && memo.singleTeam === singleTeam) {
        return memo.review;
    }
    const review = computeSubjectReview(model, config);
    lastReview = { model, spanning, singleTeam, review };
    return review;
}

function conditionsOn(s: Statement, key: string): ConditionEntry[] {
    return s.conditions.filter((c) => c.keyLower === key);
}

/** The team to suggest in a finding's wording; only worked out when there is a finding. */
function subjectHint(conds: readonly ConditionEntry[], singleAllowedTeam: string | undefined): string | undefined {
    return conds.flatMap((c) => c.values).map(teamOf).find((t) => t !== undefined) ?? singleAllowedTeam;
}

function computeSubjectReview(model: TrustModel, config: TrustRuleConfig): SubjectReview {
    const rule: RuleName = "warp-trust-subject";
    const findings: Finding[] = [];
    const accepted: AcceptedSubject[] = [];
    const singleAllowedTeam = singleAllowedTeamOf(config);
    for (const ws of model.warpStatements) {
        if (!ws.allow) {
            continue;
        }
        const s = ws.statement;
        const at = where(s);
        for (const host of ws.admittedHosts) {
            const key = claimKeysOf(host).sub;
            // The conditions on this key are walked in place; a list of them is made only for a finding's wording.
            let reportedForm = false;
            let usable = 0;
            for (const c of s.conditions) {
                if (c.keyLower !== key || !POSITIVE.has(c.base)) {
                    continue;
                }
                if (c.qualifier) {
                    reportedForm = true;
                    findings.push(
                        finding(
                            rule,
                            c.qualifier === "forallvalues"
                                ? `the statement tests ${key} with ${c.operator}, which is true when the token has no sub value at all`
                                : `the statement tests ${key} with ${c.operator}; sub is a single-valued claim, and set operators on it are easy to get wrong`,
                            `Drop the ${c.qualifier === "forallvalues" ? "ForAllValues:" : "ForAnyValue:"} prefix: write "${c.operator.slice(c.operator.indexOf(":") + 1).replace(/IfExists$/i, "")}": {"${key}": ...}.`,
                            at,
                        ),
                    );
                } else if (c.ifExists) {
                    reportedForm = true;
                    findings.push(
                        finding(
                            rule,
                            `the statement tests ${key} with ${c.operator}, which passes when the token carries no sub claim`,
                            `Write "${c.operator.replace(/IfExists$/i, "")}" without the IfExists suffix.`,
                            at,
                        ),
                    );
                } else {
                    usable++;
                }
            }
            if (usable === 0) {
                if (!reportedForm) {
                    const conds = conditionsOn(s, key);
                    findings.push(finding(rule, missingSubjectProblem(key, conds), subjectFix(subjectHint(conds, singleAllowedTeam), "missing", host), at));
                }
                continue;
            }
            for (const c of s.conditions) {
                if (c.keyLower !== key || !POSITIVE.has(c.base) || c.qualifier || c.ifExists) {
                    continue;
                }
                if (c.values.length === 0) {
                    findings.push(finding(rule, `the statement's ${c.operator} ${key} lists no value`, subjectFix(subjectHint(conditionsOn(s, key), singleAllowedTeam), "missing", host), at));
                }
                for (const value of c.values) {
                    const parsed = parseSubject(value);
                    if (parsed.ok) {
                        accepted.push({ value: value as string, teamUid: parsed.teamUid, host, statement: s });
                        if (c.base === "stringequals" && parsed.principalUid === "*") {
                            findings.push(
                                finding(
                                    rule,
                                    `StringEquals compares ${show(value)} literally, so it matches no real subject`,
                                    `Use "StringLike" for ${show(value)}, or list exact UIDs under StringEquals.`,
                                    at,
                                    "advisory",
                                ),
                            );
                        }
                        continue;
                    }
                    if (parsed.reason === "spans-actor-types" && config.allowActorSpanningSubjects) {
                        accepted.push({ value: value as string, teamUid: teamOf(value) as string, host, statement: s });
                        continue;
                    }
                    findings.push(finding(rule, `${c.operator} on ${key}: ${parsed.detail}`, subjectFix(teamOf(value) ?? subjectHint(conditionsOn(s, key), singleAllowedTeam), parsed.reason, host), at));
                }
            }
        }
    }
    return { findings, accepted };
}

function missingSubjectProblem(key: string, conds: ConditionEntry[]): string {
    if (conds.length === 0) {
        return `the statement has no ${key} condition, so every user and agent of every Warp team can assume this role`;
    }
    if (conds.every((c) => NEGATIVE.has(c.base))) {
        return `the statement restricts ${key} only with ${unique(conds.map((c) => c.operator)).join(" and ")}, which admits every subject it does not exclude: other Warp teams included`;
    }
    return `the statement tests ${key} only with ${unique(conds.map((c) => c.operator)).join(" and ")}; Warp subjects must be matched with StringEquals or StringLike`;
}

export function checkSubjects(model: TrustModel, config: TrustRuleConfig): Finding[] {
    return reviewSubjects(model, config).findings;
}

/** Team UIDs the trust policy admits through acceptable subject values. */
export function admittedTeams(model: TrustModel, config: TrustRuleConfig): string[] {
    return unique(reviewSubjects(model, config).accepted.map((a) => a.teamUid));
}

export function checkTeams(model: TrustModel, config: TrustRuleConfig): Finding[] {
    const rule: RuleName = "warp-trust-team-allowlist";
    const { accepted } = reviewSubjects(model, config);
    if (accepted.length === 0) {
        return [];
    }
    if (config.allowedTeamUids.length === 0) {
        const teams = unique(accepted.map((a) => a.teamUid));
        return [
            finding(
                rule,
                `allowedTeamUids is not configured, so the team check cannot run; this trust policy admits team${teams.length > 1 ? "s" : ""} ${teams.join(", ")}`,
                `Set allowedTeamUids in warp-trust-team-allowlist's config to your organisation's team UIDs, for example {"allowedTeamUids": [${teams.map((t) => JSON.stringify(t)).join(", ")}]}.`,
                undefined,
                "advisory",
            ),
        ];
    }
    const allowed = config.allowedTeamUids;
    const out: Finding[] = [];
    const seen = new Set<string>();
    for (const a of accepted) {
        if (allowed.includes(a.teamUid)) {
            continue;
        }
        const id = `${a.statement.index}/${a.teamUid}`;
        if (seen.has(id)) {
            continue;
        }
        seen.add(id);
        out.push(
            finding(
                rule,
                `the statement admits team ${a.teamUid} (${show(a.value)}), which is not in allowedTeamUids (${config.allowedTeamUids.join(", ")})`,
                `Trust your own team, for example ${subjectFor(config.allowedTeamUids[0], "user", "*")}, or add "${a.teamUid}" to allowedTeamUids in warp-trust-team-allowlist's config.`,
                where(a.statement),
            ),
        );
    }
    return out;
}

// ---------------------------------------------------------------- session duration

export function checkMaxSessionDuration(value: unknown, ceiling: number = DEFAULT_MAX_SESSION_DURATION): Finding[] {
    const rule: RuleName = "warp-role-max-session-duration";
    const seconds = value === undefined || value === null ? DEFAULT_MAX_SESSION_DURATION : value;
    if (typeof seconds !== "number" || !Number.isFinite(seconds)) {
        return [finding(rule, `maxSessionDuration ${show(value)} is not a number of seconds`, `Set maxSessionDuration to a whole number of seconds, at most ${ceiling}.`)];
    }
    if (seconds > ceiling) {
        return [
            finding(
                rule,
                `maxSessionDuration is ${seconds} seconds (${(seconds / 3600).toFixed(seconds % 3600 === 0 ? 0 : 1)} h), above the ceiling of ${ceiling} seconds`,
                `Set maxSessionDuration to at most ${ceiling}; Warp requests fresh credentials itself, so shorter sessions cost nothing.`,
            ),
        ];
    }
    return [];
}

// ---------------------------------------------------------------- all together

export const TRUST_RULES: readonly RuleName[] = [
    "warp-trust-statement-shape",
    "warp-trust-issuer-allowlist",
    "warp-trust-audience",
    "warp-trust-subject",
    "warp-trust-team-allowlist",
];

export function trustFindings(model: TrustModel, config: TrustRuleConfig, rule?: RuleName): Finding[] {
    switch (rule) {
        case undefined:
            return [
                ...checkStatementShape(model),
                ...checkIssuers(model, config),
                ...checkAudience(model),
                ...checkSubjects(model, config),
                ...checkTeams(model, config),
            ];
        case "warp-trust-statement-shape":
            return checkStatementShape(model);
        case "warp-trust-issuer-allowlist":
            return checkIssuers(model, config);
        case "warp-trust-audience":
            return checkAudience(model);
        case "warp-trust-subject":
            return checkSubjects(model, config);
        case "warp-trust-team-allowlist":
            return checkTeams(model, config);
        default:
            return [];
    }
}

export interface TrustAnalysis {
    model: TrustModel;
    config: TrustRuleConfig;
    findings: Finding[];
}

/** Every trust rule over one document. `config` fields left out take their defaults. */
export function analyzeTrustPolicy(input: unknown, config: Partial<TrustRuleConfig> = {}): TrustAnalysis {
    const cfg = trustConfig(config);
    const model = classifyTrustPolicy(input, cfg.warpIssuers);
    return { model, config: cfg, findings: trustFindings(model, cfg) };
}

export function isWarpTrusted(input: unknown, warpIssuers: readonly string[] = DEFAULT_TRUST_CONFIG.warpIssuers): boolean {
    return classifyTrustPolicy(input, warpIssuers).warpTrusted;
}

