/**
 * The finite set of request kinds that decides a policy: a policy can only tell apart principals it
 * names, so every other principal of a kind behaves like one fresh stand-in of that kind.
 */
import type { PolicyDocument, PrincipalSpec } from "../iam/document";
import type { TrustRuleConfig } from "./config";
import { keyIssuer } from "./hosts";
import { FRESH, Request, accountOf, federatedHost, isSamlProvider, providerArnParts } from "./requests";

function specs(doc: PolicyDocument): PrincipalSpec[] {
    return doc.statements.flatMap((s) => [s.principal, s.notPrincipal].filter((p): p is PrincipalSpec => p !== undefined));
}

function namedIssuers(doc: PolicyDocument): Set<string> {
    const hosts = new Set<string>();
    for (const spec of specs(doc)) {
        for (const f of spec.byType.get("federated") ?? []) {
            const host = f === "*" ? undefined : federatedHost(f);
            if (host !== undefined) {
                hosts.add(host);
            }
        }
    }
    for (const s of doc.statements) {
        for (const c of s.conditions) {
            const k = keyIssuer(c.keyLower);
            if (k !== undefined) {
                hosts.add(k.host);
            }
        }
    }
    return hosts;
}

function freshName(taken: ReadonlySet<string>, base: string, vary: (i: number) => string): string {
    let name = base;
    for (let i = 2; taken.has(name); i++) {
        name = vary(i);
    }
    return name;
}

/**
 * The role's account: the configured one, else the account of the first Warp provider ARN the policy
 * names (then `assumed`), else the first account of any provider ARN it names.
 */
export function roleAccount(doc: PolicyDocument, config: TrustRuleConfig): { account?: string; assumed: boolean } {
    if (config.account !== undefined) {
        return { account: config.account, assumed: false };
    }
    const providers = specs(doc)
        .flatMap((s) => s.byType.get("federated") ?? [])
        .map(providerArnParts)
        .filter((p): p is { account: string; host: string } => p !== undefined);
    const warp = providers.find((p) => config.warpIssuers.includes(p.host)) ?? providers[0];
    return warp === undefined ? { assumed: false } : { account: warp.account, assumed: true };
}

function webIdentityRequests(doc: PolicyDocument, config: TrustRuleConfig): Request[] {
    const hosts = new Set([...config.warpIssuers, ...config.allowedIssuers, ...namedIssuers(doc)]);
    const fresh = freshName(hosts, FRESH.issuer, (i) => `oidc${i}.example.com`);
    const { account } = roleAccount(doc, config);
    const at = account !== undefined ? { account } : {};
    return [
        ...[...hosts].map((issuer): Request => ({ kind: "web-identity", issuer, ...at })),
        { kind: "web-identity", issuer: fresh, fresh: true, ...at },
    ];
}

/** Accounts that conditions on aws:PrincipalArn or aws:PrincipalAccount name: their principals may be singled out. */
function conditionAccounts(doc: PolicyDocument): string[] {
    const out: string[] = [];
    for (const c of doc.statements.flatMap((s) => s.conditions)) {
        if (c.keyLower === "aws:principalarn" || c.keyLower === "aws:principalaccount") {
            for (const v of c.values) {
                const m = typeof v === "string" ? (/^arn:[^:]*:[^:]*:[^:]*:(\d{12}):/.exec(v) ?? /^(\d{12})$/.exec(v)) : null;
                if (m) {
                    out.push(m[1]);
                }
            }
        }
    }
    return out;
}

function awsRequests(doc: PolicyDocument): Request[] {
    const named = new Set(specs(doc).flatMap((s) => (s.byType.get("aws") ?? []).filter((a) => a !== "*")));
    const accounts = new Set([...[...named].map(accountOf), ...conditionAccounts(doc)].filter((a): a is string => a !== undefined));
    const out: Request[] = [];
    for (const account of accounts) {
        out.push({ kind: "aws", principal: `arn:aws:iam::${account}:root`, account });
    }
    for (const principal of named) {
        const account = accountOf(principal);
        if (!/^\d{12}$/.test(principal) && !principal.endsWith(":root")) {
            out.push(account !== undefined ? { kind: "aws", principal, account } : { kind: "aws", principal });
        }
    }
    const fresh = freshName(accounts, FRESH.account, (i) => String(111122223333 + i));
    out.push({ kind: "aws", principal: `arn:aws:iam::${fresh}:root`, account: fresh, fresh: true });
    return out;
}

function serviceRequests(doc: PolicyDocument): Request[] {
    const named = new Set(specs(doc).flatMap((s) => s.byType.get("service") ?? []));
    const fresh = freshName(named, FRESH.service, (i) => `service${i}.amazonaws.com`);
    return [...[...named].map((service): Request => ({ kind: "service", service })), { kind: "service", service: fresh, fresh: true }];
}

/** The role's own account, as the providers it trusts show it (a SAML provider can only reach roles of its account). */
function ownAccount(doc: PolicyDocument, config: TrustRuleConfig): string {
    if (config.account !== undefined) {
        return config.account;
    }
    for (const f of specs(doc).flatMap((s) => s.byType.get("federated") ?? [])) {
        const account = accountOf(f);
        if (account !== undefined) {
            return account;
        }
    }
    return FRESH.account;
}

function samlRequests(doc: PolicyDocument, config: TrustRuleConfig): Request[] {
    const named = new Set(specs(doc).flatMap((s) => (s.byType.get("federated") ?? []).filter(isSamlProvider)));
    const base = `arn:aws:iam::${ownAccount(doc, config)}:saml-provider/ExampleIdP`;
    const fresh = freshName(named, base, (i) => `${base}${i}`);
    return [...[...named].map((provider): Request => ({ kind: "saml", provider })), { kind: "saml", provider: fresh, fresh: true }];
}

export function enumerateRequests(doc: PolicyDocument, config: TrustRuleConfig): Request[] {
    return [...webIdentityRequests(doc, config), ...awsRequests(doc), ...serviceRequests(doc), ...samlRequests(doc, config)];
}

/** The Warp issuers the policy names, as a provider or in a condition key. */
export function warpIssuersNamed(doc: PolicyDocument, config: TrustRuleConfig): string[] {
    const named = namedIssuers(doc);
    return config.warpIssuers.filter((h) => named.has(h));
}

/** Whether the policy names a Warp issuer, as a provider or in a condition key. */
export function mentionsWarp(doc: PolicyDocument, config: TrustRuleConfig): boolean {
    return warpIssuersNamed(doc, config).length > 0;
}
