/** warp-trust-subject-form: the component's policy passes; the bad example is the one the docs show. */
import { AUD, COMPONENT_EXAMPLE, TEAM, TEAM_CONFIG, TrustRuleExamples, doc, people } from "../example-support";

export const examples: TrustRuleExamples = {
    good: [COMPONENT_EXAMPLE],
    bad: [
        {
            change: "the old whole-team pattern `scoped_principal:<team>/*`",
            policy: doc(people({ StringEquals: AUD, StringLike: { "app.warp.dev:sub": `scoped_principal:${TEAM}/*` } })),
            config: TEAM_CONFIG,
        },
    ],
};
