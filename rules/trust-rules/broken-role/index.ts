import { finding } from "../../findings";
import { TrustRule } from "../rule";

/** A role that names a Warp issuer but lets no intended token in: Warp's calls will fail with AccessDenied. */
export const trustBrokenRole: TrustRule = {
    name: "warp-trust-broken-role",
    tier: "convention",
    level: "advisory",
    description:
        "A role whose trust policy names a Warp issuer admits at least one intended token (allowed issuer, aud sts.amazonaws.com, an allowed team's people or agents).",
    remediation:
        "Check that the condition keys name the same issuer as the Federated provider, and that the sub patterns match scoped_principal:<team-uid>/<actor-type>:<uid>.",
    configKeys: ["allowedIssuers", "allowedTeamUids", "allowedActorTypes"],
    check(answer) {
        if (!answer.broken) {
            return [];
        }
        return [
            finding(
                this,
                "the trust policy names a Warp issuer but admits no intended token (for example, conditions on another issuer's keys, an impossible condition, or a Deny that covers every Allow), so Warp's calls fail with AccessDenied",
                this.remediation,
            ),
        ];
    },
};
