/**
 * A role's trust policy as the trust rules see it. Seven resource policies and a stack policy judge the
 * same document, so what they conclude is kept per document text: whether it is Warp-trusted and each
 * rule's findings under that rule's config. The parsed model itself is not kept; it is large, and
 * keeping 10,000 of them alive through a preview made garbage collection the pack's biggest cost.
 */
import type { Finding, RuleName } from "../../rules/findings";
import { clearPermissionsMemos } from "../../rules/permissions-rules";
import { TrustModel, TrustRuleConfig, classifyTrustPolicy, clearTrustRuleMemos, trustConfig, trustFindings } from "../../rules/trust-policy-rules";
import { NEEDS_COPY, NOT_KNOWN, readKnown, readRaw } from "./resource-values";
import { boolean, stringList } from "./settings";

/** The rules a per-rule trust policy can ask for, by their slot in a verdict. */
const RULE_SLOTS: Partial<Record<RuleName, number>> = {
    "warp-trust-statement-shape": 0,
    "warp-trust-issuer-allowlist": 1,
    "warp-trust-audience": 2,
    "warp-trust-subject": 3,
    "warp-trust-team-allowlist": 4,
};
const SLOT_RULES: readonly RuleName[] = ["warp-trust-statement-shape", "warp-trust-issuer-allowlist", "warp-trust-audience", "warp-trust-subject", "warp-trust-team-allowlist"];

const NO_FINDINGS: readonly Finding[] = Object.freeze([]);

/** What the pack concludes about one trust policy document. */
export interface TrustVerdict {
    /** Some statement can admit a Warp token: the role is in scope for every Warp rule. */
    readonly warpTrusted: boolean;
    /** Per rule slot: the config its findings were computed under (compared by identity). */
    readonly configs: Array<TrustRuleConfig | undefined>;
    readonly findings: Array<readonly Finding[] | undefined>;
    /** Kept only for a document given as an object, whose verdict is not cached and is used at once. */
    readonly model?: TrustModel;
}

const NOT_WARP_TRUSTED: TrustVerdict = Object.freeze({ warpTrusted: false, configs: [], findings: [] });

const CACHE_LIMIT = 1 << 16;
/** Keyed by the warpIssuers setting (the same array while config is unchanged), then by document text. */
const cache = new Map<readonly string[], Map<string, TrustVerdict>>();
let cached = 0;

/**
 * The config each rule's policy last ran with. A document seen for the first time gets every rule's
 * findings computed from one parse; a rule whose config has since changed parses the document again.
 */
let ruleConfigs: Array<TrustRuleConfig | undefined> = [];

const interned = new Map<string, readonly string[]>();

/** One array per distinct issuer list, so every policy with the same setting shares the verdicts. */
export function internIssuers(warpIssuers: readonly string[]): readonly string[] {
    const key = warpIssuers.join(",");
    let canonical = interned.get(key);
    if (canonical === undefined) {
        canonical = warpIssuers;
        interned.set(key, canonical);
    }
    return canonical;
}

function verdictOfModel(model: TrustModel, keepModel: boolean): TrustVerdict {
    if (!model.warpTrusted) {
        return NOT_WARP_TRUSTED;
    }
    // One slot per rule, sized up front: filling an empty array slot by slot reserves room for 17.
    const configs = [undefined, undefined, undefined, undefined, undefined];
    const findings = [undefined, undefined, undefined, undefined, undefined];
    return keepModel ? { warpTrusted: true, configs, findings, model } : { warpTrusted: true, configs, findings };
}

/** Compute, from one model, the findings of every rule whose current config judges with these issuers. */
function fill(verdict: TrustVerdict, model: TrustModel, warpIssuers: readonly string[]): void {
    for (let slot = 0; slot < SLOT_RULES.length; slot++) {
        const config = ruleConfigs[slot];
        if (config !== undefined && config.warpIssuers === warpIssuers && verdict.configs[slot] !== config) {
            const found = trustFindings(model, config, SLOT_RULES[slot]);
            verdict.configs[slot] = config;
            verdict.findings[slot] = found.length === 0 ? NO_FINDINGS : found;
        }
    }
}

/** Whether a trust policy given as JSON text is Warp-trusted, judged once per document and issuer list. */
export function trustVerdictOf(document: string, issuers: readonly string[]): TrustVerdict {
    const warpIssuers = cache.has(issuers) ? issuers : internIssuers(issuers);
    let byDocument = cache.get(warpIssuers);
    if (byDocument === undefined) {
        byDocument = new Map();
        cache.set(warpIssuers, byDocument);
    }
    let verdict = byDocument.get(document);
    if (verdict === undefined) {
        if (cached >= CACHE_LIMIT) {
            clearVerdicts();
            return trustVerdictOf(document, warpIssuers);
        }
        const model = classifyTrustPolicy(document, warpIssuers);
        verdict = verdictOfModel(model, false);
        if (verdict.warpTrusted) {
            fill(verdict, model, warpIssuers);
        }
        byDocument.set(document, verdict);
        cached++;
    }
    return verdict;
}

/** The findings of one trust rule for a Warp-trusted verdict, under that rule's policy config. */
export function verdictFindings(verdict: TrustVerdict, document: unknown, rule: RuleName, config: TrustRuleConfig): readonly Finding[] {
    const slot = RULE_SLOTS[rule];
    if (slot === undefined) {
        return NO_FINDINGS;
    }
    if (verdict.configs[slot] === config) {
        return verdict.findings[slot] as readonly Finding[];
    }
    if (verdict.model !== undefined) {
        return trustFindings(verdict.model, config, rule);
    }
    ruleConfigs[slot] = config;
    fill(verdict, classifyTrustPolicy(document, config.warpIssuers), config.warpIssuers);
    return verdict.findings[slot] as readonly Finding[];
}

function clearVerdicts(): void {
    cache.clear();
    cached = 0;
}

/** For measurements that must not profit from an earlier run: every memo of the trust and permissions checks. */
export function clearTrustModelCache(): void {
    clearVerdicts();
    ruleConfigs = [];
    clearTrustRuleMemos();
    clearPermissionsMemos();
}

/** Records the config a rule's policy runs with, so a new document is judged for it in the same parse. */
export function useRuleConfig(rule: RuleName, config: TrustRuleConfig): void {
    const slot = RULE_SLOTS[rule];
    if (slot !== undefined) {
        ruleConfigs[slot] = config;
    }
}

/**
 * One trust rule's findings on a role, under that rule's policy config; none when the trust policy is
 * not known (warp-trust-policy-unknown says so) or not Warp-trusted. The usual string document costs
 * no allocation once judged.
 */
export function roleTrustFindings(props: Record<string, any>, rule: RuleName, config: TrustRuleConfig): readonly Finding[] {
    const raw = readRaw(props, TRUST_KEY);
    if (typeof raw === "string") {
        const verdict = trustVerdictOf(raw, config.warpIssuers);
        return verdict.warpTrusted ? verdictFindings(verdict, raw, rule, config) : NO_FINDINGS;
    }
    if (raw === NOT_KNOWN) {
        return NO_FINDINGS;
    }
    const trust = roleTrust(props, config.warpIssuers);
    return trust.known && trust.verdict.warpTrusted ? verdictFindings(trust.verdict, trust.document, rule, config) : NO_FINDINGS;
}

export type RoleTrust = { known: true; document: unknown; verdict: TrustVerdict } | { known: false; path: string };

const TRUST_KEY = "assumeRolePolicy";
const TRUST_PATH = ".assumeRolePolicy";

/**
 * The verdict on a role's trust policy, or where it is not known. A string (the usual case) is read
 * without a copy and judged through the cache; an object is copied, checked for unknowns inside, and
 * judged on its own.
 */
export function roleTrust(props: Record<string, any>, warpIssuers: readonly string[]): RoleTrust {
    const raw = readRaw(props, TRUST_KEY);
    if (raw === NOT_KNOWN) {
        return { known: false, path: TRUST_PATH };
    }
    if (typeof raw === "string") {
        return { known: true, document: raw, verdict: trustVerdictOf(raw, warpIssuers) };
    }
    const doc = raw === NEEDS_COPY ? readKnown(props, TRUST_KEY) : { known: true as const, value: raw };
    if (!doc.known) {
        return { known: false, path: doc.path };
    }
    return { known: true, document: doc.value, verdict: verdictOfModel(classifyTrustPolicy(doc.value, warpIssuers), true) };
}

/** Whether a role's trust policy is known and Warp-trusted, without allocating for the common case. */
export function isWarpTrustedRole(props: Record<string, any>, warpIssuers: readonly string[]): boolean {
    const raw = readRaw(props, TRUST_KEY);
    if (typeof raw === "string") {
        return trustVerdictOf(raw, warpIssuers).warpTrusted;
    }
    if (raw === NOT_KNOWN) {
        return false;
    }
    const trust = roleTrust(props, warpIssuers);
    return trust.known && trust.verdict.warpTrusted;
}

const lastConfig = new Map<string, { raw: Record<string, unknown>; config: TrustRuleConfig }>();

const sameValues = (a: Record<string, unknown>, b: Record<string, unknown>) =>
    a.warpIssuers === b.warpIssuers &&
    a.allowedIssuers === b.allowedIssuers &&
    a.allowedTeamUids === b.allowedTeamUids &&
    a.allowActorSpanningSubjects === b.allowActorSpanningSubjects;

/**
 * Every trust policy reads the same keys, so an organisation can paste one block into each policy's
 * config. The server hands out a fresh copy of the same values on every call; reading them once per
 * change keeps a 10,000-resource preview from re-validating identical config 70,000 times.
 */
export function trustConfigFrom(policy: string, config: Record<string, unknown>): TrustRuleConfig {
    const last = lastConfig.get(policy);
    if (last !== undefined && sameValues(last.raw, config)) {
        return last.config;
    }
    const read = trustConfig({
        warpIssuers: stringList(policy, config, "warpIssuers"),
        allowedIssuers: stringList(policy, config, "allowedIssuers"),
        allowedTeamUids: stringList(policy, config, "allowedTeamUids"),
        allowActorSpanningSubjects: boolean(policy, config, "allowActorSpanningSubjects"),
    });
    const parsed = { ...read, warpIssuers: internIssuers(read.warpIssuers) };
    lastConfig.set(policy, { raw: { ...config }, config: parsed });
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
