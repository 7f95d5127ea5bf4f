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
import { boolean, stringList } from "./settings";

const CACHE_LIMIT = 1 << 14;
let engine = new TrustEngine();
const answers = new Map<string, TrustAnswer>();
const configKeys = new WeakMap<TrustRuleConfig, string>();

function configKey(config: TrustRuleConfig): string {
    let key = configKeys.get(config);
    if (key === undefined) {
        key = JSON.stringify(config);
        configKeys.set(config, key);
    }
    return key;
}

/**
 * Whether JSON text might let a Warp token in. A statement can only do so by naming a Warp host
 * (provider or condition key), or through "*" or NotPrincipal; text with none of these, and no \u
 * escape or URL encoding that could hide them, is not Warp's. Most roles of a large stack are not.
 */
function mightTrustWarp(text: string, warpIssuers: readonly string[]): boolean {
    const lower = text.toLowerCase();
    return lower.includes("*") || lower.includes("notprincipal") || lower.includes("\\u") || lower.includes("%") || warpIssuers.some((h) => lower.includes(h));
}

const NOT_WARP = (config: TrustRuleConfig): TrustAnswer => ({
    config,
    mentionsWarp: false,
    warpTrusted: false,
    exposures: [],
    broken: false,
    assumptions: [],
    warpStatements: [],
    evaluations: [],
});

/** The engine's answer on one trust policy under one config, judged once per document text. */
export function answerFor(document: unknown, config: TrustRuleConfig): TrustAnswer {
    if (typeof document === "string" && !mightTrustWarp(document, config.warpIssuers)) {
        return NOT_WARP(config);
    }
    const text = typeof document === "string" ? document : JSON.stringify(document);
    const key = `${configKey(config)}\u0000${text}`;
    let answer = answers.get(key);
    if (answer === undefined) {
        if (answers.size >= CACHE_LIMIT) {
            answers.clear();
        }
        answer = analyzeTrust(document, config, engine);
        answers.set(key, answer);
    }
    return answer;
}

/** For measurements that must not profit from an earlier run. */
export function clearTrustAnswers(): void {
    answers.clear();
    engine = new TrustEngine();
}

export type RoleTrust = { known: true; document: unknown; answer: TrustAnswer } | { known: false; path: string };

const TRUST_KEY = "assumeRolePolicy";

/** The answer on a role's trust policy, or where it is not known during preview. */
export function roleTrust(props: Record<string, any>, config: TrustRuleConfig): RoleTrust {
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
    const key = warpIssuers.join(",");
    let config = issuerConfigs.get(key);
    if (config === undefined) {
        config = trustConfig({ warpIssuers });
        issuerConfigs.set(key, config);
    }
    const trust = roleTrust(props, config);
    return trust.known && trust.answer.warpTrusted;
}

const lastConfig = new Map<string, { raw: string; config: TrustRuleConfig }>();

/**
 * Every trust policy reads the same keys, so an organisation can paste one block into each policy's
 * config. The server hands out a fresh copy on every call; it is read once per change.
 */
export function trustConfigFrom(policy: string, config: Record<string, unknown>): TrustRuleConfig {
    const raw = JSON.stringify(config);
    const last = lastConfig.get(policy);
    if (last !== undefined && last.raw === raw) {
        return last.config;
    }
    const parsed = trustConfig({
        warpIssuers: stringList(policy, config, "warpIssuers")?.map(normalizeHost),
        allowedIssuers: stringList(policy, config, "allowedIssuers"),
        allowedTeamUids: stringList(policy, config, "allowedTeamUids"),
        allowedActorTypes: stringList(policy, config, "allowedActorTypes") as ActorType[] | undefined,
        allowActorSpanningSubjects: boolean(policy, config, "allowActorSpanningSubjects"),
    });
    lastConfig.set(policy, { raw, config: parsed });
    return parsed;
}

/** How a finding names the role: its logical name, and its IAM name when that differs. */
export function roleLabel(name: string, props: Record<string, any>): string {
    return roleLabelOf(name, readRaw(props, "name"));
}

/** `roleLabel` from the role's `name` property as `readRaw` returned it, for callers that read it already. */
export function roleLabelOf(name: string, iamName: unknown): string {
    return typeof iamName === "string" && iamName !== name ? `role ${name} (${iamName})` : `role ${name}`;
}
