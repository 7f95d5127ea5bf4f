/** A concrete request that gets in, as data and in words: the evidence behind every exposure. */
import type { Point } from "./boxes";
import { FRESH, Request, actionOf } from "./requests";

export type WitnessRequest =
    | {
          readonly kind: "web-identity";
          readonly issuer: string;
          readonly sub?: string;
          readonly aud?: string;
          readonly anyOtherIssuer?: boolean;
      }
    | { readonly kind: "aws"; readonly principal: string; readonly account?: string; readonly anyPrincipal?: boolean }
    | { readonly kind: "service"; readonly service: string; readonly anyService?: boolean }
    | { readonly kind: "saml"; readonly provider: string; readonly anyProvider?: boolean };

export interface Witness {
    readonly request: WitnessRequest;
    readonly action: string;
    readonly description: string;
    /** Conditions the engine could not model and assumed to hold for this request. */
    readonly assumes?: readonly string[];
}

const claim = (name: string, value: string | undefined) => (value === undefined ? `no ${name} claim` : `${name} ${JSON.stringify(value)}`);

function requestOf(r: Request, point: Point): WitnessRequest {
    switch (r.kind) {
        case "web-identity": {
            const base: { kind: "web-identity"; issuer: string; sub?: string; aud?: string; anyOtherIssuer?: boolean } = {
                kind: "web-identity",
                issuer: r.issuer,
            };
            if (point.sub !== undefined) {
                base.sub = point.sub;
            }
            if (point.aud !== undefined) {
                base.aud = point.aud;
            }
            if (r.fresh) {
                base.anyOtherIssuer = true;
            }
            return base;
        }
        case "aws":
            // A principal whose aws:PrincipalArn the conditions pick out names itself, not its account.
            if (point.arn !== undefined && point.arn !== r.principal && !point.arn.endsWith(":root")) {
                return { kind: "aws", principal: point.arn, ...(r.account ? { account: r.account } : {}) };
            }
            return {
                kind: "aws",
                principal: r.principal,
                ...(r.account ? { account: r.account } : {}),
                ...(r.fresh ? { anyPrincipal: true } : {}),
            };
        case "service":
            return { kind: "service", service: r.service, ...(r.fresh ? { anyService: true } : {}) };
        case "saml":
            return { kind: "saml", provider: r.provider, ...(r.fresh ? { anyProvider: true } : {}) };
    }
}

export function describeRequest(w: WitnessRequest): string {
    switch (w.kind) {
        case "web-identity": {
            const from = w.anyOtherIssuer ? `any other OIDC issuer (for example ${w.issuer})` : w.issuer;
            return `a token from ${from} with ${claim("sub", w.sub)} and ${claim("aud", w.aud)}`;
        }
        case "aws":
            if (w.anyPrincipal) {
                return `any AWS principal, for example ${w.principal}`;
            }
            return w.principal.endsWith(":root") || w.principal === w.account
                ? `any principal in account ${w.account} (${w.principal})`
                : `the AWS principal ${w.principal}`;
        case "service":
            return w.anyService ? `any AWS service, for example ${w.service}` : `the AWS service ${w.service}`;
        case "saml":
            return w.anyProvider ? `a SAML session from any SAML provider, for example ${w.provider}` : `a SAML session from ${w.provider}`;
    }
}

export function witnessOf(r: Request, point: Point, assumed: readonly string[]): Witness {
    const request = requestOf(r, point);
    const text = describeRequest(request);
    const description = assumed.length > 0 ? `${text}, if ${assumed.join(" and ")} holds (not modelled)` : text;
    return assumed.length > 0
        ? { request, action: actionOf(r), description, assumes: [...assumed] }
        : { request, action: actionOf(r), description };
}

export { FRESH };
