/**
 * An IAM OIDC provider's client IDs are the audiences STS accepts from that issuer. Warp requests only
 * sts.amazonaws.com for AWS, so any other client ID lets tokens minted for other relying parties in.
 */
import { quoteValue } from "../../errors";
import { Finding, finding } from "../../findings";
import { STS_AUDIENCE } from "../../issuer";
import { normalizeHost } from "../../trust/hosts";
import type { ResourceRule } from "../rule";

export function isWarpProviderUrl(url: unknown, warpIssuers: readonly string[]): url is string {
    return typeof url === "string" && warpIssuers.map(normalizeHost).includes(normalizeHost(url));
}

function check(url: string, clientIds: unknown): Finding[] {
    const fix = `Set clientIdLists: ["${STS_AUDIENCE}"] on the provider for ${normalizeHost(url)}.`;
    if (!Array.isArray(clientIds)) {
        return [
            finding(oidcProviderClientId, `the provider for ${normalizeHost(url)} has no client ID list (${quoteValue(clientIds)})`, fix),
        ];
    }
    if (clientIds.length === 1 && clientIds[0] === STS_AUDIENCE) {
        return [];
    }
    const others = clientIds.filter((c) => c !== STS_AUDIENCE);
    const problem =
        clientIds.length === 0
            ? "lists no client ID"
            : others.length === 0
              ? `lists ${STS_AUDIENCE} ${clientIds.length} times`
              : `lists ${others.map((c) => quoteValue(c)).join(", ")} as client ID${others.length > 1 ? "s" : ""}${others.length < clientIds.length ? ` besides ${STS_AUDIENCE}` : ` instead of ${STS_AUDIENCE}`}`;
    return [finding(oidcProviderClientId, `the provider for ${normalizeHost(url)} ${problem}`, fix)];
}

export const oidcProviderClientId: ResourceRule<[url: string, clientIds: unknown]> = {
    name: "warp-oidc-provider-client-id",
    tier: "resource",
    level: "mandatory",
    description: "An IAM OIDC provider for a Warp issuer lists exactly sts.amazonaws.com as its client ID (audience).",
    remediation: 'Set clientIdLists: ["sts.amazonaws.com"] on the provider.',
    check,
};
