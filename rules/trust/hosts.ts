/** Issuer hosts as IAM keys them: `https://App.Warp.Dev/` and `app.warp.dev` name the same issuer. */
export function normalizeHost(value: string): string {
    return value
        .trim()
        .replace(/^https:\/\//i, "")
        .replace(/\/+$/, "")
        .toLowerCase();
}

/**
 * The issuer host of an identity provider's condition key (`app.warp.dev:sub` -> `app.warp.dev`), or
 * undefined for a service key (`aws:SourceIp`, `sts:ExternalId`, `saml:aud`). Provider keys are named
 * for the issuer, whose host holds a dot and no colon; service prefixes hold neither dot nor slash.
 */
export function keyIssuer(keyLower: string): { host: string; claim: string } | undefined {
    const colon = keyLower.lastIndexOf(":");
    if (colon <= 0) {
        return undefined;
    }
    const host = keyLower.slice(0, colon);
    if (host.includes(":") || !host.includes(".")) {
        return undefined;
    }
    return { host, claim: keyLower.slice(colon + 1) };
}
