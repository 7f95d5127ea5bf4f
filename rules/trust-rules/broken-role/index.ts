import { finding } from "../../findings";
import { UID_MAX_LENGTH } from "../../subject";
import type { Statement } from "../../iam/document";
import { keyIssuer, normalizeHost } from "../../trust/hosts";
import type { TrustAnswer } from "../../trust/engine";
import { federatedCovers, federatedHost, providerArnParts } from "../../trust/requests";
import { TrustRule, where } from "../rule";
import { deadReasons } from "./dead";

/** The key a condition key most likely meant: `https://App.Warp.Dev:sub ` -> `app.warp.dev:sub`. */
function likelyKey(key: string, warpIssuers: readonly string[]): string | undefined {
    const colon = key.lastIndexOf(":");
    if (colon <= 0) {
        return undefined;
    }
    const host = normalizeHost(key.slice(0, colon));
    const claim = key
        .slice(colon + 1)
        .trim()
        .toLowerCase();
    const meant = `${host}:${claim}`;
    return warpIssuers.includes(host) && (claim === "sub" || claim === "aud") && meant !== key ? meant : undefined;
}

/** An ARN operator on a Warp claim: a Warp sub or aud is never an ARN, so ArnLike never matches it. */
function arnOperatorHints(s: Statement, warpIssuers: readonly string[]): string[] {
    return s.conditions
        .filter((c) => c.base.startsWith("arn") && warpIssuers.includes(keyIssuer(c.keyLower)?.host ?? ""))
        .map((c) => `${c.operator} on ${c.key} compares ARNs, and a Warp token's claims are not ARNs: use StringLike or StringEquals`);
}

/** A Federated entry that names a Warp host but is not the provider a Warp token comes through. */
function providerHints(answer: TrustAnswer): string[] {
    const out = new Set<string>();
    const account = answer.config.account ?? answer.accountAssumed;
    for (const s of answer.doc?.statements ?? []) {
        for (const f of s.principal?.byType.get("federated") ?? []) {
            const host = federatedHost(f);
            if (host === undefined || !answer.config.warpIssuers.includes(host) || federatedCovers(f, host, account)) {
                continue;
            }
            const arn = `arn:aws:iam::${account ?? "<account-id>"}:oidc-provider/${host}`;
            const parts = providerArnParts(f);
            const why =
                parts === undefined
                    ? "is not a provider ARN (IAM names a custom OIDC provider only by its ARN)"
                    : parts.account !== account
                      ? `is a provider of account ${parts.account}, not of the role's account ${account}${answer.config.account === undefined ? " (assumed from the policy; pass the account to say otherwise)" : ""}`
                      : "does not name the provider exactly (no trailing slash)";
            out.add(`Federated ${JSON.stringify(f)} ${why}: write ${arn}`);
        }
    }
    return [...out];
}

const NEVER_FIX =
    "Name the issuer's keys as IAM does: <host>:aud and <host>:sub (for example app.warp.dev:sub), with no URL scheme, spaces or other claims.";

const DEAD_FIX = `Remove the statement, or, for Warp, give it the Federated provider as its Principal and conditions on keys Warp's requests carry (a Warp token carries <host>:aud and <host>:sub, with UIDs of at most ${UID_MAX_LENGTH} characters).`;

/** Each statement decided by a key Warp's tokens never carry, in words. */
function neverReasons(answer: TrustAnswer): Array<{ index: number; statement?: Statement; text: string }> {
    return answer.neverKeys.map((n) => {
        const reasons = n.conditions.map((c) => {
            const meant = likelyKey(c.key, answer.config.warpIssuers);
            return `${c.condition}: the key ${JSON.stringify(c.key)} ${c.why}${meant !== undefined ? ` (did you mean ${JSON.stringify(meant)}?)` : ""}`;
        });
        const what = n.allow
            ? "admits no Warp token, because IAM evaluates its condition on a key the request never carries as false"
            : "refuses every Warp token its Principal and Action cover, because IAM evaluates its condition on a key the request never carries as true";
        return { index: n.index, statement: answer.doc?.statements[n.index], text: `${what}: ${reasons.join("; ")}` };
    });
}

/** A role that names a Warp issuer but lets no intended token in: Warp's calls will fail with AccessDenied. */
export const trustBrokenRole: TrustRule = {
    name: "warp-trust-broken-role",
    tier: "convention",
    level: "advisory",
    description: `A role whose trust policy names a Warp issuer admits at least one intended token (allowed issuer, aud sts.amazonaws.com, an allowed team's people or agents), no statement depends on a condition key Warp's tokens never carry, and every Allow statement can admit someone (not, for example, an own-account root conditioned on Warp's keys, or a subject UID longer than the ${UID_MAX_LENGTH} characters Warp mints).`,
    remediation:
        "Check that the condition keys name the same issuer as the Federated provider, and that the sub patterns match scoped_principal:<team-uid>/<actor-type>:<uid>.",
    configKeys: ["allowedIssuers", "allowedTeamUids", "allowedActorTypes"],
    check(answer) {
        const never = neverReasons(answer);
        const dead = deadReasons(answer);
        // A role that lets a Warp issuer outside allowedIssuers in works for that issuer's tokens:
        // warp-trust-issuer-allowlist reports it, and "admits no intended token" would be untrue for them.
        if (!answer.broken || answer.exposures.some((e) => e.way === "other-warp-issuer")) {
            return [
                ...never.map((n) => finding(this, `the statement ${n.text}`, NEVER_FIX, n.statement && where(n.statement))),
                ...dead.map((d) => finding(this, `the statement ${d.text}`, DEAD_FIX, d.statement && where(d.statement))),
            ];
        }
        const hints = [
            ...providerHints(answer),
            ...(answer.doc?.statements ?? []).flatMap((s) => arnOperatorHints(s, answer.config.warpIssuers)),
            ...never.map((n) => `Statement[${n.index}] ${n.text}`),
            ...dead.map((d) => `Statement[${d.index}] ${d.text}`),
        ];
        return [
            finding(
                this,
                `the trust policy names a Warp issuer but admits no intended token (for example, conditions on another issuer's keys, an impossible condition, a provider of another account, or a Deny that covers every Allow), so Warp's calls fail with AccessDenied${hints.length > 0 ? `; ${hints.join("; ")}` : ""}`,
                never.length > 0 ? `${NEVER_FIX} ${this.remediation}` : this.remediation,
            ),
        ];
    },
};
