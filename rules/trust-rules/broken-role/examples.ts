/** warp-trust-broken-role: the component's policy passes; the bad example is the one the docs show. */
import { COMPONENT_EXAMPLE, TEAM, TEAM_CONFIG, TrustRuleExamples, doc, people } from "../example-support";

export const examples: TrustRuleExamples = {
    good: [COMPONENT_EXAMPLE],
    bad: [
        {
            change: "the condition keys of `staging.warp.dev` under the `app.warp.dev` provider",
            policy: doc(
                people({
                    StringEquals: { "staging.warp.dev:aud": "sts.amazonaws.com" },
                    StringLike: { "staging.warp.dev:sub": `scoped_principal:${TEAM}/user:*` },
                }),
            ),
            config: TEAM_CONFIG,
        },
    ],
};
