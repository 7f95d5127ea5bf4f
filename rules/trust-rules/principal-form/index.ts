import { Finding, finding } from "../../findings";
import { TrustRule, firstIssuer, warpAllowStatements, where } from "../rule";

/** Warp's convention: statements that let Warp in name Warp's provider as their only Principal. */
export const trustPrincipalForm: TrustRule = {
    name: "warp-trust-principal-form",
    tier: "convention",
    level: "advisory",
    description:
        'Statements that admit Warp tokens name Warp\'s provider as Principal {"Federated": ...}, not "*" relying on conditions, and trust no other principal type beside it.',
    remediation: 'Write "Principal": {"Federated": "arn:aws:iam::<account>:oidc-provider/app.warp.dev"}.',
    configKeys: [],
    check(answer) {
        const out: Finding[] = [];
        const fix = `Write "Principal": {"Federated": "arn:aws:iam::<account>:oidc-provider/${firstIssuer(answer)}"}.`;
        for (const s of warpAllowStatements(answer)) {
            const p = s.principal;
            const federated = p?.byType.get("federated") ?? [];
            if (p?.star || federated.includes("*")) {
                out.push(
                    finding(
                        this,
                        'the statement trusts Principal "*" and relies on its conditions alone to keep everyone but Warp out',
                        fix,
                        where(s),
                    ),
                );
            } else if (p !== undefined && [...p.byType.keys()].some((t) => t !== "federated")) {
                out.push(
                    finding(
                        this,
                        "the statement trusts other principal types beside Warp's provider",
                        "Move other principals to their own statement, or better their own role.",
                        where(s),
                    ),
                );
            } else if (federated.length > 1) {
                out.push(
                    finding(
                        this,
                        `the statement trusts ${federated.length} identity providers; only Warp's conditions keep the others' tokens out`,
                        "Write one statement per identity provider, each with its own conditions, or better give other providers their own role.",
                        where(s),
                    ),
                );
            }
        }
        return out;
    },
};
