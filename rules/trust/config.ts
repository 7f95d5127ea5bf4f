/** Who a Warp-trusted role is meant for: the intended set the engine compares the admitted set with. */
import { DEFAULT_ISSUER, KNOWN_ISSUER_HOSTS } from "../issuer";
import { ACTOR_TYPES, ActorType } from "../subject";
import { normalizeHost } from "./hosts";
import { DEFAULT_TRUST_POLICY_LIMIT } from "../policy-size";

export interface TrustRuleConfig {
    /** Hosts whose OIDC providers are Warp's: a role any of their tokens can assume is judged. */
    readonly warpIssuers: readonly string[];
    /** Warp hosts this stack may trust. */
    readonly allowedIssuers: readonly string[];
    /** Teams whose people and agents may get in; empty means "at most one team, whichever it is". */
    readonly allowedTeamUids: readonly string[];
    /** Actor types the role is meant for (both by default). */
    readonly allowedActorTypes: readonly ActorType[];
    /** Silences the convention finding for `scoped_principal:<team>/*`, which spans actor types. */
    readonly allowActorSpanningSubjects: boolean;
    /**
     * The role is meant for Warp whatever its document says (lint's `--team`): it is judged for everyone
     * who gets in even when it names no Warp issuer.
     */
    readonly meantForWarp: boolean;
    /** The account's role trust policy length quota ("IAM and AWS STS quotas": 2,048 by default, at most 8,192). */
    readonly trustPolicyLengthQuota: number;
    /**
     * The role's own account. A web identity token reaches a role only through an OIDC provider of the
     * role's account, so another account's provider ARN admits no one. Unset: the account of the first
     * Warp provider ARN the document names is assumed (the answer says which).
     */
    readonly account?: string;
}

export const DEFAULT_TRUST_CONFIG: Readonly<TrustRuleConfig> = {
    warpIssuers: KNOWN_ISSUER_HOSTS,
    allowedIssuers: [DEFAULT_ISSUER],
    allowedTeamUids: [],
    allowedActorTypes: ACTOR_TYPES,
    allowActorSpanningSubjects: false,
    meantForWarp: false,
    trustPolicyLengthQuota: DEFAULT_TRUST_POLICY_LIMIT,
};

/**
 * The one config every caller judges a Warp role with (plan, adopt, lint, doctor, audit): Warp's known
 * issuers plus the given ones, the given issuers allowed (else the default), the given teams, and the
 * role's account when known.
 */
export function trustConfigFor(
    issuer?: string | readonly string[],
    team?: string | readonly string[],
    extra: Partial<TrustRuleConfig> = {},
): Partial<TrustRuleConfig> {
    const issuers = (typeof issuer === "string" ? [issuer] : (issuer ?? [])).map(normalizeHost);
    const teams = typeof team === "string" ? [team] : (team ?? []);
    return {
        ...extra,
        warpIssuers: [...new Set([...KNOWN_ISSUER_HOSTS, ...issuers])],
        ...(issuers.length > 0 ? { allowedIssuers: issuers } : {}),
        ...(teams.length > 0 ? { allowedTeamUids: [...teams] } : {}),
    };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
    return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** A full config from a partial one: fields left out take their defaults, hosts are normalised. */
export function trustConfig(partial: Partial<TrustRuleConfig> = {}): TrustRuleConfig {
    const merged = { ...DEFAULT_TRUST_CONFIG, ...stripUndefined(partial) };
    return {
        warpIssuers: [...new Set(merged.warpIssuers.map(normalizeHost))],
        allowedIssuers: [...new Set(merged.allowedIssuers.map(normalizeHost))],
        allowedTeamUids: [...new Set(merged.allowedTeamUids)],
        allowedActorTypes: merged.allowedActorTypes.filter((t) => (ACTOR_TYPES as readonly string[]).includes(t)),
        allowActorSpanningSubjects: merged.allowActorSpanningSubjects === true,
        meantForWarp: merged.meantForWarp === true,
        trustPolicyLengthQuota: merged.trustPolicyLengthQuota,
        ...(typeof merged.account === "string" && /^\d{12}$/.test(merged.account) ? { account: merged.account } : {}),
    };
}
