/**
 * The requests the engine reasons about: who asks to assume the role, and with which action. A policy
 * can only single out principals it names, so the universe is finite: every identity provider, AWS
 * principal, service and SAML provider the policy names, each Warp issuer, and one fresh stand-in of
 * each kind for "anyone else" (reached only through `*` or `NotPrincipal`).
 *
 * Principal matching follows the IAM User Guide ("AWS JSON policy elements: Principal"): an account ID
 * or `arn:<partition>:iam::<account>:root` stands for every principal of that account, `"*"` and
 * `{"AWS": "*"}` for everyone. `NotPrincipal` is not allowed in a role trust policy ("AWS JSON policy
 * elements: NotPrincipal"); where it appears the engine assumes the worst of it.
 */
import { PrincipalSpec, Statement } from "../iam/document";
import { actionMatches } from "../iam/match";
import { normalizeHost } from "./hosts";

export type Request =
    /** `account`: the role's account, whose OIDC provider the token must come through. */
    | { readonly kind: "web-identity"; readonly issuer: string; readonly account?: string; readonly fresh?: boolean }
    | { readonly kind: "aws"; readonly principal: string; readonly account?: string; readonly fresh?: boolean }
    | { readonly kind: "service"; readonly service: string; readonly fresh?: boolean }
    | { readonly kind: "saml"; readonly provider: string; readonly fresh?: boolean };

export const ACTIONS = {
    webIdentity: "sts:AssumeRoleWithWebIdentity",
    saml: "sts:AssumeRoleWithSAML",
    assumeRole: "sts:AssumeRole",
    tagSession: "sts:TagSession",
    setSourceIdentity: "sts:SetSourceIdentity",
} as const;

/** Actions that only accompany an assume call for the same principal and let no one in by themselves. */
export const COMPANION_ACTIONS: readonly string[] = [ACTIONS.tagSession, ACTIONS.setSourceIdentity];

export function actionOf(r: Request): string {
    switch (r.kind) {
        case "web-identity":
            return ACTIONS.webIdentity;
        case "saml":
            return ACTIONS.saml;
        default:
            return ACTIONS.assumeRole;
    }
}

const OIDC_ARN = /^arn:[^:]*:iam::[^:]*:oidc-provider\/(.+)$/i;
const SAML_ARN = /^arn:[^:]*:iam::[^:]*:saml-provider\/.+$/i;
const ACCOUNT_ROOT = /^arn:[^:]*:iam::(\d{12}):root$/;
const ACCOUNT_ID = /^\d{12}$/;
const PRINCIPAL_ARN = /^arn:[^:]*:(?:iam|sts)::(\d{12}):/;

/** The issuer host of a Federated entry (an OIDC provider ARN or a well-known provider name). */
export function federatedHost(entry: string): string | undefined {
    if (SAML_ARN.test(entry)) {
        return undefined;
    }
    const m = OIDC_ARN.exec(entry.trim());
    return normalizeHost(m ? m[1] : entry);
}

/**
 * Providers IAM lets a trust policy name by host instead of by ARN ("AWS JSON policy elements: Principal",
 * OIDC federation principals): Amazon Cognito, Login with Amazon, Facebook and Google.
 */
const NAMED_PROVIDERS = ["cognito-identity.amazonaws.com", "www.amazon.com", "graph.facebook.com", "accounts.google.com"];

/**
 * Whether a Federated entry is the provider a token of `issuer` comes through: the OIDC provider ARN of
 * the role's account for exactly that host (the ARN IAM creates for `https://<host>`; a trailing slash or
 * another account's provider is another principal), or the host itself for the providers IAM names so.
 */
export function federatedCovers(entry: string, issuer: string, account: string | undefined): boolean {
    const m = /^arn:[^:]*:iam::([^:]*):oidc-provider\/(.+)$/i.exec(entry);
    if (m) {
        return m[2].toLowerCase() === issuer && (account === undefined || m[1] === account);
    }
    return NAMED_PROVIDERS.includes(entry.toLowerCase()) && entry.toLowerCase() === issuer;
}

/** The account and host of an OIDC provider ARN. */
export function providerArnParts(entry: string): { account: string; host: string } | undefined {
    const m = /^arn:[^:]*:iam::(\d{12}):oidc-provider\/(.+)$/i.exec(entry.trim());
    return m ? { account: m[1], host: normalizeHost(m[2]) } : undefined;
}

export function isSamlProvider(entry: string): boolean {
    return SAML_ARN.test(entry);
}

export function accountOf(entry: string): string | undefined {
    if (ACCOUNT_ID.test(entry)) {
        return entry;
    }
    return (ACCOUNT_ROOT.exec(entry) ?? PRINCIPAL_ARN.exec(entry))?.[1];
}

const isLiteralStar = (spec: PrincipalSpec) => spec.star && spec.byType.size === 0;

/**
 * Whether a Principal element covers the request. `{"AWS": "*"}` means the same as `"*"` (IAM User
 * Guide, "AWS JSON policy elements: Principal", all principals), for an Allow and a Deny alike.
 */
function specCovers(spec: PrincipalSpec, r: Request): boolean {
    const aws = spec.byType.get("aws") ?? [];
    if (isLiteralStar(spec) || aws.includes("*")) {
        return true;
    }
    switch (r.kind) {
        case "web-identity":
            return (spec.byType.get("federated") ?? []).some((f) => f === "*" || federatedCovers(f, r.issuer, r.account));
        case "saml":
            return (spec.byType.get("federated") ?? []).some((f) => f === "*" || f === r.provider);
        case "service":
            return (spec.byType.get("service") ?? []).some((s) => s.toLowerCase() === r.service.toLowerCase());
        case "aws":
            // An account entry covers every principal of the account; a principal ARN only itself.
            return aws.some(
                (a) => a === r.principal || (r.account !== undefined && (a === r.account || ACCOUNT_ROOT.exec(a)?.[1] === r.account)),
            );
    }
}

export function principalCovers(s: Statement, r: Request, allow: boolean): boolean {
    if (s.principal !== undefined) {
        return specCovers(s.principal, r);
    }
    // No Principal, or NotPrincipal: IAM refuses either in a trust policy; assume the worst.
    return allow;
}

/** Action and NotAction with IAM's case-insensitive `*` and `?` wildcards. */
export function actionCovers(s: Statement, action: string, allow: boolean): boolean {
    if (s.notActions !== undefined) {
        return !s.notActions.some((p) => actionMatches(p, action));
    }
    if (s.actions !== undefined) {
        return s.actions.some((p) => actionMatches(p, action));
    }
    return allow;
}

export const FRESH = {
    issuer: "oidc.example.com",
    account: "111122223333",
    service: "ec2.amazonaws.com",
    saml: "arn:aws:iam::111122223333:saml-provider/ExampleIdP",
} as const;
