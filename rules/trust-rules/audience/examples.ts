/** warp-trust-audience: the component's policy passes; the bad example is the one the docs show. */
import { COMPONENT_EXAMPLE, TEAM, TEAM_CONFIG, TrustRuleExamples, doc, people } from "../example-support";

export const examples: TrustRuleExamples = {
    good: [COMPONENT_EXAMPLE],
    bad: [
        {
            change: "no `aud` condition",
            policy: doc(people({ StringLike: { "app.warp.dev:sub": `scoped_principal:${TEAM}/user:*` } })),
            config: TEAM_CONFIG,
        },
        {
            change: "`aud` compared with the policy variable of its own key, which every token's aud equals",
            policy: doc(
                people({
                    StringEquals: { "app.warp.dev:aud": "${app.warp.dev:aud}" },
                    StringLike: { "app.warp.dev:sub": `scoped_principal:${TEAM}/user:*` },
                }),
            ),
            config: TEAM_CONFIG,
        },
    ],
};
