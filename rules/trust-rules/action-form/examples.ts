/** warp-trust-action-form: the component's policy passes; the bad example is the one the docs show. */
import { COMPONENT_EXAMPLE, TEAM_CONFIG, TrustRuleExamples, doc, people } from "../example-support";

export const examples: TrustRuleExamples = {
    good: [COMPONENT_EXAMPLE],
    bad: [
        {
            change: "a wildcard action",
            policy: doc(people(undefined, { Action: "sts:AssumeRole*" })),
            config: TEAM_CONFIG,
        },
    ],
};
