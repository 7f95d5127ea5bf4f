/**
 * Warp's OIDC issuers. IAM keys an OIDC provider by its URL without the scheme (host and optional path),
 * and that same string prefixes the condition keys `<issuer>:aud` and `<issuer>:sub`.
 */
import { ValidationError, quoteValue } from "./errors";

export const WARP_ISSUERS = { prod: "app.warp.dev", staging: "staging.warp.dev" } as const;
export const KNOWN_ISSUER_HOSTS: readonly string[] = Object.values(WARP_ISSUERS);
export const DEFAULT_ISSUER = WARP_ISSUERS.prod;
/** The only audience Warp requests for AWS, and the provider's only client ID. */
export const STS_AUDIENCE = "sts.amazonaws.com";

export interface Issuer {
    /** Host plus optional path, no scheme, no trailing slash: the IAM provider key and condition-key prefix. */
    readonly id: string;
    /** `https://<id>`: the provider URL IAM stores. */
    readonly url: string;
    /** Which Warp environment this is, when it is one. */
    readonly environment?: "prod" | "staging";
}

const HOST_RE = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/;
const PATH_RE = /^(\/[A-Za-z0-9._~%!$&'()+,;=@-]+)*$/;

/**
 * Accept a known Warp host by name (`app.warp.dev`, `staging.warp.dev`, with or without `https://`
 * and a trailing slash) or any other issuer only as an explicit `https://` URL. A bare unknown name is
 * refused, since a typo such as `app.warp.dev.` or `warp.dev` would otherwise trust the wrong issuer.
 */
export function normalizeIssuer(value: unknown, field = "issuer"): Issuer {
    const fix = `Use ${WARP_ISSUERS.prod} (production), ${WARP_ISSUERS.staging} (staging), or a full https:// URL of another OIDC issuer`;
    if (value === undefined || value === null || value === "") {
        return issuerFromId(DEFAULT_ISSUER);
    }
    if (typeof value !== "string") {
        throw new ValidationError(field, `is not a string (got ${typeof value})`, fix);
    }
    const raw = value.trim();
    if (raw !== value || /\s/.test(raw)) {
        throw new ValidationError(field, `${quoteValue(value)} contains whitespace`, fix);
    }
    const schemeMatch = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(raw);
    if (!schemeMatch) {
        const bare = raw.replace(/\/+$/, "").toLowerCase();
        if (KNOWN_ISSUER_HOSTS.includes(bare)) {
            return issuerFromId(bare);
        }
        throw new ValidationError(field, `${quoteValue(value)} is not a known Warp issuer`, fix);
    }
    if (schemeMatch[1].toLowerCase() !== "https") {
        throw new ValidationError(field, `${quoteValue(value)} uses ${schemeMatch[1]}://; IAM accepts only https:// OIDC issuers`, fix);
    }
    const rest = raw.slice(schemeMatch[0].length);
    if (/[?#]/.test(rest)) {
        throw new ValidationError(field, `${quoteValue(value)} has a query string or fragment, which an OIDC issuer URL cannot have`, fix);
    }
    if (rest.includes("@")) {
        throw new ValidationError(field, `${quoteValue(value)} has user information before the host`, fix);
    }
    const slash = rest.indexOf("/");
    const hostPart = (slash < 0 ? rest : rest.slice(0, slash)).toLowerCase();
    const pathPart = (slash < 0 ? "" : rest.slice(slash)).replace(/\/+$/, "");
    if (hostPart.includes(":")) {
        throw new ValidationError(field, `${quoteValue(value)} names a port; IAM OIDC issuers are served on the default HTTPS port`, fix);
    }
    if (!HOST_RE.test(hostPart)) {
        throw new ValidationError(field, `${quoteValue(value)} does not have a valid DNS host name`, fix);
    }
    if (!PATH_RE.test(pathPart) || pathPart.includes("//")) {
        throw new ValidationError(field, `${quoteValue(value)} has an invalid path`, fix);
    }
    const id = hostPart + pathPart;
    if (id.length + "https://".length > 255) {
        throw new ValidationError(field, `${quoteValue(value)} is longer than IAM's 255-character limit for provider URLs`, fix);
    }
    return issuerFromId(id);
}

export function issuerFromId(id: string): Issuer {
    const environment = id === WARP_ISSUERS.prod ? "prod" : id === WARP_ISSUERS.staging ? "staging" : undefined;
    return environment ? { id, url: `https://${id}`, environment } : { id, url: `https://${id}` };
}

/** Condition keys for an issuer: IAM builds them from the provider URL without `https://`. */
export function audKey(issuerId: string): string {
    return `${issuerId}:aud`;
}
export function subKey(issuerId: string): string {
    return `${issuerId}:sub`;
}
