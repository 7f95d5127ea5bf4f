/**
 * A role's trust policy as the pack sees it: the engine's answer, kept per document text and config.
 * The pack owns this memory (rules/ holds none): one engine, so a pattern's automaton is compiled once
 * per preview, and one answer per document, so the trust policies and the stack policies that ask
 * "is this role Warp's?" judge each document once.
 */
import { normalizeHost } from "../../rules/trust/hosts";
import { TrustRuleConfig, trustConfig } from "../../rules/trust/config";
import { TrustAnswer, TrustEngine, analyzeTrust } from "../../rules/trust/engine";
import type { ActorType } from "../../rules/subject";
import { NEEDS_COPY, NOT_KNOWN, readKnown, readRaw } from "./resource-values";
import { booleanSetting, stringListSetting, trustPolicyQuotaSetting } from "./settings";

const CACHE_LIMIT = 1 << 14;
let engine = new TrustEngine();
/** Per config (the same object while a policy's config is unchanged, see trustConfigFrom), per document text. */
let answers = new Map<TrustRuleConfig, Map<string, TrustAnswer>>();
let cached = 0;

/** The engine's answer on one trust policy under one config, judged once per document text. */
export function answerFor(document: unknown, config: TrustRuleConfig): TrustAnswer {
    const text = typeof document === "string" ? document : JSON.stringify(document);
    let byText = answers.get(config);
    if (byText === undefined) {
        byText = new Map();
        answers.set(config, byText);
    }
    let answer = byText.get(text);
    if (answer === undefined) {
        if (cached >= CACHE_LIMIT) {
            clearTrustAnswers();
            return answerFor(document, config);
        }
        // A role no Warp token can reach and that names no Warp issuer is decided by the engine without
        // evaluating conditions (mayConcernWarp): most roles of a large stack are not Warp's.
        answer = analyzeTrust(document, config, engine);
        byText.set(text, answer);
        rememberTrusted(trustedKey(config), text, answer.warpTrusted);
        cached++;
    }
    return answer;
}

/** Whether some Warp token gets in depends on the Warp issuers alone, so every config's answer tells it. */
let trusted = new Map<string, Map<string, boolean>>();

const trustedKey = (config: TrustRuleConfig) => `${config.warpIssuers.join(",")}@${config.account ?? ""}`;

function rememberTrusted(key: string, text: string, warpTrusted: boolean): void {
    let byText = trusted.get(key);
    if (byText === undefined) {
        byText = new Map();
        trusted.set(key, byText);
    }
    byText.set(text, warpTrusted);
}

/** For measurements that must not profit from an earlier run. */
export function clearTrustAnswers(): void {
    answers = new Map();
    trusted = new Map();
    withAccounts.clear();
    cached = 0;
    engine = new TrustEngine();
}

export type RoleTrust = { known: true; document: unknown; answer: TrustAnswer } | { known: false; path: string };

const TRUST_KEY = "assumeRolePolicy";

const withAccounts = new Map<TrustRuleConfig, Map<string, TrustRuleConfig>>();

/**
 * The config for one role: the role's account, when its ARN is known (an existing role, or any role once
 * created), so a provider ARN of another account is read as the principal it is. Until then the engine
 * assumes the account of the document's own Warp provider ARN, which the component builds from
 * getCallerIdentity.
 */
function forRole(props: Record<string, any>, config: TrustRuleConfig): TrustRuleConfig {
    const arn = readRaw(props, "arn");
    const account = typeof arn === "string" ? /^arn:[^:]*:iam::(\d{12}):role\//.exec(arn)?.[1] : undefined;
    if (account === undefined || config.account === account) {
        return config;
    }
    let byAccount = withAccounts.get(config);
    if (byAccount === undefined) {
        byAccount = new Map();
        withAccounts.set(config, byAccount);
    }
    let derived = byAccount.get(account);
    if (derived === undefined) {
        derived = trustConfig({ ...config, account });
        byAccount.set(account, derived);
    }
    return derived;
}

/** The answer on a role's trust policy, or where it is not known during preview. */
export function roleTrust(props: Record<string, any>, partial: TrustRuleConfig): RoleTrust {
    const config = forRole(props, partial);
    const raw = readRaw(props, TRUST_KEY);
    if (raw === NOT_KNOWN) {
        return { known: false, path: `.${TRUST_KEY}` };
    }
    const doc = raw === NEEDS_COPY ? readKnown(props, TRUST_KEY) : { known: true as const, value: raw };
    if (!doc.known) {
        return { known: false, path: doc.path };
    }
    return { known: true, document: doc.value, answer: answerFor(doc.value, config) };
}

const issuerConfigs = new Map<string, TrustRuleConfig>();

/** Whether a role's trust policy is known and some Warp token gets in (the stack policies' scope). */
export function isWarpTrustedRole(props: Record<string, any>, warpIssuers: readonly string[]): boolean {
    let config = issuerConfigs.get(warpIssuers.join(","));
    if (config === undefined) {
        config = trustConfig({ warpIssuers });
        issuerConfigs.set(warpIssuers.join(","), config);
    }
    const raw = readRaw(props, TRUST_KEY);
    const known = typeof raw === "string" ? trusted.get(trustedKey(forRole(props, config)))?.get(raw) : undefined;
    if (known !== undefined) {
        return known;
    }
    const trust = roleTrust(props, config);
    return trust.known && trust.answer.warpTrusted;
}

const lastConfig = new Map<string, { raw: Record<string, unknown>; config: TrustRuleConfig }>();
const interned = new Map<string, TrustRuleConfig>();

/** Config values are JSON: strings, booleans and lists of them. */
function sameValue(a: unknown, b: unknown): boolean {
    if (Array.isArray(a) && Array.isArray(b)) {
        return a.length === b.length && a.every((x, i) => x === b[i]);
    }
    return a === b;
}

function sameConfig(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => sameValue(a[k], b[k]));
}

/**
 * Every trust policy reads the same keys, so an organisation can paste one block into each policy's
 * config. The server hands out a fresh copy on every call; it is read once per change.
 */
export function trustConfigFrom(policy: string, config: Record<string, unknown>): TrustRuleConfig {
    const last = lastConfig.get(policy);
    if (last !== undefined && sameConfig(last.raw, config)) {
        return last.config;
    }
    const raw = JSON.parse(JSON.stringify(config)) as Record<string, unknown>;
    const parsed = trustConfig({
        warpIssuers: stringListSetting(policy, config, "warpIssuers")?.map(normalizeHost),
        allowedIssuers: stringListSetting(policy, config, "allowedIssuers"),
        allowedTeamUids: stringListSetting(policy, config, "allowedTeamUids"),
        allowedActorTypes: stringListSetting(policy, config, "allowedActorTypes") as ActorType[] | undefined,
        allowActorSpanningSubjects: booleanSetting(policy, config, "allowActorSpanningSubjects"),
        trustPolicyLengthQuota: trustPolicyQuotaSetting(policy, config, "trustPolicyLengthQuota"),
    });
    // Policies configured alike share one config object, and so one answer per document.
    const key = JSON.stringify(parsed);
    const shared = interned.get(key) ?? parsed;
    interned.set(key, shared);
    lastConfig.set(policy, { raw, config: shared });
    return shared;
}

/** How a finding names the role: its logical name, and its IAM name when that differs. */
export function roleLabel(name: string, props: Record<string, any>): string {
    return roleLabelOf(name, readRaw(props, "name"));
}

/** `roleLabel` from the role's `name` property as `readRaw` returned it, for callers that read it already. */
export function roleLabelOf(name: string, iamName: unknown): string {
    return typeof iamName === "string" && iamName !== name ? `role ${name} (${iamName})` : `role ${name}`;
}
