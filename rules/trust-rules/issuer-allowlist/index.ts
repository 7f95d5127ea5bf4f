import { exposureRule } from "../exposure";

/** Only the allowed Warp issuers' tokens get in: no other Warp issuer, no other identity provider. */
export const trustIssuerAllowlist = exposureRule({
    name: "warp-trust-issuer-allowlist",
    description:
        "No token of an issuer outside allowedIssuers gets in: not staging.warp.dev unless allowed, and no other OIDC provider (GitHub, Cognito, a look-alike host).",
    remediation:
        "Trust only arn:<partition>:iam::<account>:oidc-provider/app.warp.dev (or the allowed issuer), and give other identity providers their own role.",
    ways: ["other-warp-issuer", "other-issuer"],
    configKeys: ["allowedIssuers"],
    problem: (e, answer) =>
        e.way === "other-warp-issuer"
            ? `the role admits tokens from a Warp issuer that is not allowed for this stack (allowed: ${answer.config.allowedIssuers.join(", ") || "none"})`
            : "the role admits tokens from an identity provider that is not Warp's",
    fix: (e, answer, words) => {
        const host = e.witness.request.kind === "web-identity" ? e.witness.request.issuer : "";
        return e.way === "other-warp-issuer"
            ? `Trust the provider of ${answer.config.allowedIssuers[0] ?? "app.warp.dev"} instead, or, if this stack is meant for ${host}, allow it with ${words.allowedIssuers}.`
            : `Remove statement(s) ${e.statements.join(", ")} from this role (or the Principal/condition that lets ${host} in); give that identity provider its own role.`;
    },
});
