/** Who a Warp-trusted role is meant for: the intended set the engine compares the admitted set with. */
import { DEFAULT_ISSUER, KNOWN_ISSUER_HOSTS } from "../issuer";
import { ACTOR_TYPES, ActorType } from "../subject";
import { normalizeHost } from "./hosts";

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
}

export const DEFAULT_TRUST_CONFIG: Readonly<TrustRuleConfig> = {
    warpIssuers: KNOWN_ISSUER_HOSTS,
    allowedIssuers: [DEFAULT_ISSUER],
    allowedTeamUids: [],
    allowedActorTypes: ACTOR_TYPES,
    allowActorSpanningSubjects: false,
};

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
    };
}
