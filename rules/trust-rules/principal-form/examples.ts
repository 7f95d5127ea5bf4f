/** warp-trust-principal-form: the component's policy passes; the bad example is the one the docs show. */
import { COMPONENT_EXAMPLE, TEAM_CONFIG, TrustRuleExamples, doc, people } from "../example-support";

export const examples: TrustRuleExamples = {
    good: [COMPONENT_EXAMPLE],
    bad: [
        {
            change: '`Principal: "*"`, relying on the Warp conditions alone',
            policy: doc(people(undefined, { Principal: "*" })),
            config: TEAM_CONFIG,
        },
    ],
};
