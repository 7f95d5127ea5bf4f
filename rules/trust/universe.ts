/**
 * The finite set of request kinds that decides a policy: a policy can only tell apart principals it
 * names, so every other principal of a kind behaves like one fresh stand-in of that kind.
 */
import type { PolicyDocument, PrincipalSpec } from "../iam/document";
import type { TrustRuleConfig } from "./config";
import { keyIssuer } from "./hosts";
import { FRESH, Request, accountOf, federatedHost, isSamlProvider } from "./requests";

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

function webIdentityRequests(doc: PolicyDocument, config: TrustRuleConfig): Request[] {
    const hosts = new Set([...config.warpIssuers, ...config.allowedIssuers, ...namedIssuers(doc)]);
    const fresh = freshName(hosts, FRESH.issuer, (i) => `oidc${i}.example.com`);
    return [
        ...[...hosts].map((issuer): Request => ({ kind: "web-identity", issuer })),
        { kind: "web-identity", issuer: fresh, fresh: true },
    ];
}

function awsRequests(doc: PolicyDocument): Request[] {
    const named = new Set(specs(doc).flatMap((s) => (s.byType.get("aws") ?? []).filter((a) => a !== "*")));
    const accounts = new Set([...named].map(accountOf).filter((a): a is string => a !== undefined));
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
function ownAccount(doc: PolicyDocument): string {
    for (const f of specs(doc).flatMap((s) => s.byType.get("federated") ?? [])) {
        const account = accountOf(f);
        if (account !== undefined) {
            return account;
        }
    }
    return FRESH.account;
}

function samlRequests(doc: PolicyDocument): Request[] {
    const named = new Set(specs(doc).flatMap((s) => (s.byType.get("federated") ?? []).filter(isSamlProvider)));
    const base = `arn:aws:iam::${ownAccount(doc)}:saml-provider/ExampleIdP`;
    const fresh = freshName(named, base, (i) => `${base}${i}`);
    return [...[...named].map((provider): Request => ({ kind: "saml", provider })), { kind: "saml", provider: fresh, fresh: true }];
}

export function enumerateRequests(doc: PolicyDocument, config: TrustRuleConfig): Request[] {
    return [...webIdentityRequests(doc, config), ...awsRequests(doc), ...serviceRequests(doc), ...samlRequests(doc)];
}

/** Whether the policy names a Warp issuer, as a provider or in a condition key. */
export function mentionsWarp(doc: PolicyDocument, config: TrustRuleConfig): boolean {
    const named = namedIssuers(doc);
    return config.warpIssuers.some((h) => named.has(h));
}
