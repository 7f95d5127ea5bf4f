/**
 * Cross-checks trust policies with an IAM policy simulator (@cloud-copilot/iam-simulate).
 *
 * The simulator keeps only the request context keys its IAM data lists for the action; for
 * sts:AssumeRoleWithWebIdentity those are the OIDC keys of the few providers AWS documents
 * (accounts.google.com, cognito-identity.amazonaws.com, ...). A context key such as `app.warp.dev:sub` is
 * dropped, so every condition on it evaluates as "key missing" (tests/trust-corpus.test.ts pins this
 * behaviour). We therefore rename each Warp issuer's keys, in the policy and in the request alike, onto
 * a provider whose aud and sub keys the simulator does evaluate, one stand-in per issuer. Operators,
 * qualifiers (ForAnyValue/ForAllValues), IfExists, values, principals and actions stay exactly as
 * written, so the simulator's own condition engine decides with IAM's semantics; only the key's name
 * changes. Tokens of a non-Warp issuer (GitHub) keep their own keys, which the simulator drops: such a
 * token carries no Warp keys in AWS either.
 */
import { runSimulation } from "@cloud-copilot/iam-simulate";
import * as path from "path";
import { parseSubject } from "../../rules/subject";

export const ACCOUNT = "123456789012";
const STAND_INS: Readonly<Record<string, string>> = {
    "app.warp.dev": "accounts.google.com",
    "staging.warp.dev": "cognito-identity.amazonaws.com",
};
const STAND_IN_HOSTS = new Set(Object.values(STAND_INS));

/** A web identity token from an OIDC issuer. */
export interface Probe {
    issuer: string;
    aud: string;
    sub: string;
}

/** A caller that is not a web identity token at all: an IAM user or a SAML session. Never intended. */
export interface OtherCaller {
    principal: string;
    action: string;
}

const OTHER_CALLERS: readonly OtherCaller[] = [
    { principal: "arn:aws:iam::999999999999:user/mallory", action: "sts:AssumeRole" },
    { principal: `arn:aws:iam::${ACCOUNT}:user/developer`, action: "sts:AssumeRole" },
    { principal: `arn:aws:iam::${ACCOUNT}:saml-provider/corp-idp`, action: "sts:AssumeRoleWithSAML" },
];

export function providerArn(issuer: string): string {
    return `arn:aws:iam::${ACCOUNT}:oidc-provider/${issuer}`;
}

/** Whether the policy already names a stand-in's keys, which would make the renaming ambiguous. */
export function usesStandInKeys(policy: unknown): boolean {
    const text = JSON.stringify(policy).toLowerCase();
    return [...STAND_IN_HOSTS].some((h) => text.includes(`${h}:`));
}

function renameKey(key: string): string {
    const colon = key.lastIndexOf(":");
    const standIn = colon > 0 ? STAND_INS[key.slice(0, colon).toLowerCase()] : undefined;
    return standIn ? `${standIn}:${key.slice(colon + 1)}` : key;
}

/** The same policy with every Warp issuer's condition keys renamed onto that issuer's stand-in. */
function toSimulatorPolicy(policy: any): any {
    const copy = JSON.parse(JSON.stringify(policy));
    const statements = Array.isArray(copy?.Statement) ? copy.Statement : copy?.Statement ? [copy.Statement] : [];
    for (const s of statements) {
        const condition = s?.Condition;
        if (!condition || typeof condition !== "object") {
            continue;
        }
        for (const op of Object.keys(condition)) {
            const block = condition[op];
            if (!block || typeof block !== "object" || Array.isArray(block)) {
                continue;
            }
            condition[op] = Object.fromEntries(Object.entries(block).map(([k, v]) => [renameKey(k), v]));
        }
    }
    return copy;
}

function contextFor(probe: Probe): Record<string, string> {
    const host = STAND_INS[probe.issuer] ?? probe.issuer;
    return { [`${host}:aud`]: probe.aud, [`${host}:sub`]: probe.sub };
}

export type SimResult = "Allowed" | "Denied" | { error: string };

async function run(policy: unknown, principal: string, action: string, context: Record<string, string>): Promise<SimResult> {
    const response = await runSimulation(
        {
            request: {
                principal,
                action,
                resource: { resource: `arn:aws:iam::${ACCOUNT}:role/warp-bedrock`, accountId: ACCOUNT },
                contextVariables: context,
            },
            identityPolicies: [],
            serviceControlPolicies: [],
            resourceControlPolicies: [],
            resourcePolicy: policy,
        },
        {},
    );
    if (response.resultType === "error") {
        return { error: JSON.stringify(response.errors) };
    }
    return response.overallResult === "Allowed" ? "Allowed" : "Denied";
}

export function simulate(policy: unknown, probe: Probe, opts: { renameKeys?: boolean } = {}): Promise<SimResult> {
    const raw = opts.renameKeys === false;
    const context = raw ? { [`${probe.issuer}:aud`]: probe.aud, [`${probe.issuer}:sub`]: probe.sub } : contextFor(probe);
    return run(raw ? policy : toSimulatorPolicy(policy), providerArn(probe.issuer), "sts:AssumeRoleWithWebIdentity", context);
}

function simulateOther(policy: unknown, caller: OtherCaller): Promise<SimResult> {
    return run(toSimulatorPolicy(policy), caller.principal, caller.action, {});
}

export interface Intent {
    issuers: readonly string[];
    teams: readonly string[];
    /** Actor types the role is meant for; `*` means any. */
    actorTypes: readonly string[];
}

/** Is the probe a token the role is meant to admit? */
function isIntended(probe: Probe, intent: Intent): boolean {
    if (!intent.issuers.includes(probe.issuer) || probe.aud !== "sts.amazonaws.com" || !probe.sub.startsWith("scoped_principal:")) {
        return false;
    }
    const parsed = parseSubject(probe.sub);
    if (parsed.ok) {
        return intent.teams.includes(parsed.teamUid) && (intent.actorTypes.includes("*") || intent.actorTypes.includes(parsed.actorType));
    }
    // A future actor type (`admin`) parses as unknown; it is intended only when any actor type is.
    const [team, rest] = probe.sub.slice("scoped_principal:".length).split("/");
    return intent.actorTypes.includes("*") && intent.teams.includes(team) && rest !== undefined;
}

const PROBE_ISSUERS = ["app.warp.dev", "staging.warp.dev", "token.actions.githubusercontent.com"] as const;
const PROBE_AUDIENCES = ["sts.amazonaws.com", "some-other-client"] as const;
const PROBE_SUBJECTS = [
    "scoped_principal:TEAM_A/user:u1",
    "scoped_principal:TEAM_A/user:ab1",
    "scoped_principal:TEAM_A/service_account:sa1",
    "scoped_principal:TEAM_B/user:u1",
    "scoped_principal:TEAM_B/service_account:sa1",
    "scoped_principal:TEAM_AB/user:u1",
    "scoped_principal:TEAM_A/admin:x1",
    "repo:warpdotdev/infra:ref:refs/heads/main",
] as const;

function allProbes(): Probe[] {
    return PROBE_ISSUERS.flatMap((issuer) => PROBE_AUDIENCES.flatMap((aud) => PROBE_SUBJECTS.map((sub) => ({ issuer, aud, sub }))));
}

export interface SimulatorVerdict {
    admittedOutsiders: Array<Probe | OtherCaller>;
    admittedInsiders: Probe[];
    errors: string[];
}

export async function judgeWithSimulator(policy: unknown, intent: Intent): Promise<SimulatorVerdict> {
    const verdict: SimulatorVerdict = { admittedOutsiders: [], admittedInsiders: [], errors: [] };
    for (const probe of allProbes()) {
        const result = await simulate(policy, probe);
        if (typeof result === "object") {
            verdict.errors.push(result.error);
        } else if (result === "Allowed") {
            if (isIntended(probe, intent)) {
                verdict.admittedInsiders.push(probe);
            } else {
                verdict.admittedOutsiders.push(probe);
            }
        }
    }
    for (const caller of OTHER_CALLERS) {
        const result = await simulateOther(policy, caller);
        if (typeof result === "object") {
            verdict.errors.push(result.error);
        } else if (result === "Allowed") {
            verdict.admittedOutsiders.push(caller);
        }
    }
    return verdict;
}

/** Would AWS let this token assume a role with this trust policy? Throws if the simulator refuses the input. */
export async function trustAdmits(policy: unknown, token: { issuerId: string; sub: string; aud: string }): Promise<boolean> {
    const result = await simulate(typeof policy === "string" ? JSON.parse(policy) : policy, {
        issuer: token.issuerId,
        sub: token.sub,
        aud: token.aud,
    });
    if (typeof result === "object") {
        throw new Error(`simulator rejected the request: ${result.error}`);
    }
    return result === "Allowed";
}

/** Would AWS allow this action on this resource under this identity policy? */
export async function policyAllows(
    policy: unknown,
    action: string,
    resource: string,
    context: Record<string, string> = {},
): Promise<boolean> {
    return policiesAllow({ "warp-bedrock-invoke": typeof policy === "string" ? JSON.parse(policy) : policy }, action, resource, context);
}

/** Would AWS allow this action for a session of the role whose identity policies (by name) are these? */
export async function policiesAllow(
    policies: Record<string, unknown>,
    action: string,
    resource: string,
    context: Record<string, string> = {},
    account: string = ACCOUNT,
    resourcePolicy?: unknown,
): Promise<boolean> {
    memoiseSimulatorLookups();
    const response: any = await runSimulation(
        {
            ...(resourcePolicy !== undefined ? { resourcePolicy } : {}),
            identityPolicies: Object.entries(policies).map(([name, policy]) => ({ name, policy })),
            serviceControlPolicies: [],
            resourceControlPolicies: [],
            request: {
                action,
                principal: `arn:aws:sts::${account}:assumed-role/warp-bedrock/session`,
                resource: { accountId: account, resource },
                contextVariables: context,
            },
        } as any,
        {},
    );
    if (response.resultType === "error") {
        throw new Error(`simulator rejected the request: ${JSON.stringify(response.errors)}`);
    }
    return response.overallResult === "Allowed";
}

/*
 * Differential testing (tests/trust-differential.test.ts, bench/trust-differential.ts).
 *
 * The stand-ins above give the two Warp issuers real aud and sub keys. The differential test also needs
 * other issuers whose claims the simulator evaluates (a GitHub token, a look-alike host), and the
 * simulator documents aud and sub for only two providers, so here each (issuer, claim) pair maps onto one
 * string key the simulator keeps for sts:AssumeRoleWithWebIdentity: the claim's name changes, its value
 * and every operator stay as written. Keys are matched without regard to case (IAM User Guide, "IAM JSON
 * policy elements: Condition": condition key names are not case-sensitive), so `APP.WARP.DEV:Sub` is
 * renamed like `app.warp.dev:sub`.
 */
const CLAIM_STAND_INS: Readonly<Record<string, Readonly<{ sub: string; aud: string }>>> = {
    "app.warp.dev": { sub: "accounts.google.com:sub", aud: "accounts.google.com:aud" },
    "staging.warp.dev": { sub: "cognito-identity.amazonaws.com:sub", aud: "cognito-identity.amazonaws.com:aud" },
    "token.actions.githubusercontent.com": { sub: "www.amazon.com:user_id", aud: "www.amazon.com:app_id" },
    "app.warp.dev.example.com": { sub: "graph.facebook.com:id", aud: "graph.facebook.com:app_id" },
};

function claimStandIn(key: string): string | undefined {
    const colon = key.lastIndexOf(":");
    if (colon <= 0) {
        return undefined;
    }
    const claims = CLAIM_STAND_INS[key.slice(0, colon).toLowerCase()];
    const claim = key.slice(colon + 1).toLowerCase();
    return claims !== undefined && (claim === "sub" || claim === "aud") ? claims[claim] : undefined;
}

/**
 * Renamed keys of one operator block. Two spellings of one key (`APP.WARP.DEV:AUD` and `app.warp.dev:aud`)
 * stay two entries, both evaluated, as they are in the original: the second gets another letter case.
 */
function renameBlock(block: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(block)) {
        const standIn = claimStandIn(k);
        let name = standIn ?? k;
        for (let i = 1; standIn !== undefined && name in out; i++) {
            name = [...standIn].map((c, j) => ((j >> (i - 1)) % 2 === 0 ? c.toUpperCase() : c)).join("");
        }
        out[name] = Array.isArray(v) ? v.map(renameVariables) : renameVariables(v);
    }
    return out;
}

/** A policy variable naming a mapped issuer's claim (`${app.warp.dev:aud}`) names its stand-in key too. */
function renameVariables(value: unknown): unknown {
    return typeof value !== "string"
        ? value
        : value.replace(/\$\{([^},]+)((?:, '[^']*')?)\}/g, (whole, key: string, fallback: string) => {
              const standIn = claimStandIn(key);
              return standIn === undefined ? whole : `\${${standIn}${fallback}}`;
          });
}

/** The policy with every mapped issuer's `sub` and `aud` condition keys renamed onto their stand-ins. */
export function toClaimStandInPolicy(policy: any): any {
    const copy = JSON.parse(JSON.stringify(policy));
    const statements = Array.isArray(copy?.Statement) ? copy.Statement : copy?.Statement ? [copy.Statement] : [];
    for (const s of statements) {
        const condition = s?.Condition;
        if (!condition || typeof condition !== "object") {
            continue;
        }
        for (const op of Object.keys(condition)) {
            const block = condition[op];
            if (block && typeof block === "object" && !Array.isArray(block)) {
                condition[op] = renameBlock(block);
            }
        }
    }
    return copy;
}

/** A request to assume the role, of any kind the trust engine reasons about. Absent claims are left out. */
export type SimRequest =
    | { readonly kind: "web-identity"; readonly issuer: string; readonly sub?: string; readonly aud?: string }
    | { readonly kind: "aws"; readonly principal: string }
    | { readonly kind: "service"; readonly service: string }
    | { readonly kind: "saml"; readonly provider: string };

/**
 * The simulator recomputes, for every request, which IAM resource type the role ARN is and which context
 * keys the action allows (lookups in its IAM data), and compares operator names with `localeCompare`:
 * together two thirds of its run time. The differential test asks hundreds of thousands of requests, so
 * these pure functions are memoised on the simulator's own CommonJS modules (whose exports are read at
 * each call). Answers are unchanged; if a later version moves the modules, nothing is patched and the
 * test is only slower.
 */
let memoised = false;
function memoise(dir: string, file: string, name: string): void {
    try {
        const mod = require(path.join(dir, file));
        const original = mod[name];
        if (typeof original !== "function") {
            return;
        }
        const cache = new Map<string, unknown>();
        mod[name] = (...args: unknown[]) => {
            const key = JSON.stringify(args);
            if (!cache.has(key)) {
                if (cache.size > 100_000) {
                    cache.clear();
                }
                cache.set(key, original(...args));
            }
            return cache.get(key);
        };
    } catch {
        // Another layout: leave the simulator as it is.
    }
}

function memoiseSimulatorLookups(): void {
    if (memoised) {
        return;
    }
    memoised = true;
    const simulate = path.dirname(require.resolve("@cloud-copilot/iam-simulate"));
    memoise(simulate, "simulation_engine/resourceTypes.js", "getResourceTypesForAction");
    memoise(simulate, "simulation_engine/contextKeys.js", "allowedContextKeysForRequest");
    try {
        const policy = path.dirname(require.resolve("@cloud-copilot/iam-policy", { paths: [simulate] }));
        memoise(policy, "utils.js", "caseInsensitiveEquals");
        memoise(policy, "utils.js", "caseInsensitiveEndsWith");
    } catch {
        // Not found: unpatched.
    }
}

const SIM_ACTIONS = {
    "web-identity": "sts:AssumeRoleWithWebIdentity",
    aws: "sts:AssumeRole",
    service: "sts:AssumeRole",
    saml: "sts:AssumeRoleWithSAML",
} as const;

/**
 * An AWS principal reaches a role whose trust policy names its account only if its own identity policy
 * also allows the call (IAM User Guide, "Cross-account policy evaluation logic"); an exposure is a
 * principal whose administrator grants that, so AWS requests carry this identity policy.
 */
const ASSUME_ANY_ROLE = {
    name: "assume-any-role",
    policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:*", Resource: "*" }] },
};

function simPrincipal(r: SimRequest): string {
    switch (r.kind) {
        case "web-identity":
            return providerArn(r.issuer);
        case "aws":
            return r.principal;
        case "service":
            return r.service;
        case "saml":
            return r.provider;
    }
}

/** The request's context keys: a token's claims under their stand-in keys, plus `extra` (other keys). */
function simContext(r: SimRequest, extra: Readonly<Record<string, string>> = {}): Record<string, string> {
    const context: Record<string, string> = { ...extra };
    if (r.kind === "aws") {
        // IAM puts the caller's ARN (a role session's role) and account in every signed request ("AWS global
        // condition context keys", aws:PrincipalArn, aws:PrincipalAccount); the simulator takes them from the context.
        const session = /^arn:([^:]*):sts::(\d{12}):assumed-role\/([^/]+)\//.exec(r.principal);
        context["aws:PrincipalArn"] = session ? `arn:${session[1]}:iam::${session[2]}:role/${session[3]}` : r.principal;
        const account = /^arn:[^:]*:[^:]*::(\d{12}):/.exec(r.principal)?.[1];
        if (account !== undefined) {
            context["aws:PrincipalAccount"] = account;
        }
    }
    if (r.kind === "web-identity") {
        const claims = CLAIM_STAND_INS[r.issuer];
        if (claims !== undefined && r.sub !== undefined) {
            context[claims.sub] = r.sub;
        }
        if (claims !== undefined && r.aud !== undefined) {
            context[claims.aud] = r.aud;
        }
    }
    return context;
}

/**
 * Would the simulator let this request assume a role with this trust policy? `policy` must already be
 * renamed with toClaimStandInPolicy (once per policy, not per request).
 */
export async function simulateRequest(
    renamedPolicy: unknown,
    r: SimRequest,
    extraContext: Readonly<Record<string, string>> = {},
): Promise<SimResult> {
    memoiseSimulatorLookups();
    const response = await runSimulation(
        {
            request: {
                principal: simPrincipal(r),
                action: SIM_ACTIONS[r.kind],
                resource: { resource: `arn:aws:iam::${ACCOUNT}:role/warp-bedrock`, accountId: ACCOUNT },
                contextVariables: simContext(r, extraContext),
            },
            identityPolicies: r.kind === "aws" ? [ASSUME_ANY_ROLE] : [],
            serviceControlPolicies: [],
            resourceControlPolicies: [],
            resourcePolicy: renamedPolicy,
        },
        {},
    );
    if (response.resultType === "error") {
        return { error: JSON.stringify(response.errors) };
    }
    return response.overallResult === "Allowed" ? "Allowed" : "Denied";
}
