import { STS_AUDIENCE } from "../../issuer";
import { exposureRule } from "../exposure";

/** Tokens Warp minted for another relying party (or with no aud) must not get in. */
export const trustAudience = exposureRule({
    name: "warp-trust-audience",
    description: `No token of an allowed Warp issuer gets in unless its aud is exactly ${STS_AUDIENCE}.`,
    remediation: `Add "StringEquals": {"<issuer>:aud": "${STS_AUDIENCE}"} to every Allow statement that trusts Warp's provider.`,
    ways: ["audience"],
    configKeys: ["allowedIssuers"],
    problem: () => "the role admits Warp tokens minted for another audience",
    fix: (e) =>
        `Write "StringEquals": {"${e.witness.request.kind === "web-identity" ? e.witness.request.issuer : "app.warp.dev"}:aud": "${STS_AUDIENCE}"} in the Condition of statement(s) ${e.statements.join(", ")}.`,
});
