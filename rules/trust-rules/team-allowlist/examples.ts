/** warp-trust-team-allowlist: the component's policy passes; the bad example is the one the docs show. */
import { AUD, COMPONENT_EXAMPLE, TEAM_CONFIG, TrustRuleExamples, doc, people } from "../example-support";

export const examples: TrustRuleExamples = {
    good: [COMPONENT_EXAMPLE],
    bad: [
        {
            change: "a wildcard in the team position",
            policy: doc(people({ StringEquals: AUD, StringLike: { "app.warp.dev:sub": "scoped_principal:*/user:*" } })),
            config: TEAM_CONFIG,
        },
    ],
};
