/** warp-trust-issuer-allowlist: the component's policy passes; the bad example is the one the docs show. */
import { ACCOUNT, COMPONENT_EXAMPLE, TEAM, TEAM_CONFIG, TrustRuleExamples, doc, people } from "../example-support";

export const examples: TrustRuleExamples = {
    good: [COMPONENT_EXAMPLE],
    bad: [
        {
            change: "the staging issuer's provider and keys, on a stack that allows only `app.warp.dev`",
            policy: doc(
                people(
                    {
                        StringEquals: { "staging.warp.dev:aud": "sts.amazonaws.com" },
                        StringLike: { "staging.warp.dev:sub": `scoped_principal:${TEAM}/user:*` },
                    },
                    { Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/staging.warp.dev` } },
                ),
            ),
            config: TEAM_CONFIG,
        },
    ],
};
