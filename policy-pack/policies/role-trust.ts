/**
 * A role's trust policy as the trust rules see it. Several policies judge the same document, so the
 * parsed model is kept per document text (bounded, since a stack is analysed once per process run).
 */
import { TrustModel, TrustRuleConfig, classifyTrustPolicy, trustConfig } from "../../rules/trust-policy-rules";
import { readKnown } from "./resource-values";
import { boolean, stringList } from "./settings";

const CACHE_LIMIT = 4096;
/** Keyed by the warpIssuers setting (the same array while config is unchanged), then by document text. */
const cache = new Map<readonly string[], Map<string, TrustModel>>();
let cached = 0;

const interned = new Map<string, readonly string[]>();

/** One array per distinct issuer list, so every policy with the same setting shares the parsed models. */
export function internIssuers(warpIssuers: readonly string[]): readonly string[] {
    const key = warpIssuers.join(",");
    let canonical = interned.get(key);
    if (canonical === undefined) {
        canonical = warpIssuers;
        interned.set(key, canonical);
    }
    return canonical;
}

export function trustModelOf(document: unknown, issuers: readonly string[]): TrustModel {
    if (typeof document !== "string") {
        return classifyTrustPolicy(document, issuers);
    }
    const warpIssuers = cache.has(issuers) ? issuers : internIssuers(issuers);
    let byDocument = cache.get(warpIssuers);
    if (byDocument === undefined) {
        byDocument = new Map();
        cache.set(warpIssuers, byDocument);
    }
    let model = byDocument.get(document);
    if (model === undefined) {
        if (cached >= CACHE_LIMIT) {
            clearTrustModelCache();
            return trustModelOf(document, warpIssuers);
        }
        model = classifyTrustPolicy(document, warpIssuers);
        byDocument.set(document, model);
        cached++;
    }
    return model;
}

/** For measurements that must not profit from an earlier run. */
export function clearTrustModelCache(): void {
    cache.clear();
    cached = 0;
}

export type RoleTrust = { known: true; model: TrustModel } | { known: false; path: string };

export function roleTrust(props: Record<string, any>, warpIssuers: readonly string[]): RoleTrust {
    const doc = readKnown(props, "assumeRolePolicy");
    return doc.known ? { known: true, model: trustModelOf(doc.value, warpIssuers) } : { known: false, path: doc.path };
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
    const iamName = readKnown(props, "name");
    return iamName.known && typeof iamName.value === "string" && iamName.value !== name ? `role ${name} (${iamName.value})` : `role ${name}`;
}
