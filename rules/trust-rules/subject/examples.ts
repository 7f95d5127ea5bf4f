/** warp-trust-subject: the component's policy passes; the bad example is the one the docs show. */
import { AUD, COMPONENT_EXAMPLE, TEAM, TEAM_CONFIG, TrustRuleExamples, doc, people } from "../example-support";

export const examples: TrustRuleExamples = {
    good: [COMPONENT_EXAMPLE],
    bad: [
        {
            change: "`StringLikeIfExists` on `sub`, which passes a token without `sub`",
            policy: doc(people({ StringEquals: AUD, StringLikeIfExists: { "app.warp.dev:sub": `scoped_principal:${TEAM}/user:*` } })),
            config: TEAM_CONFIG,
        },
    ],
};
