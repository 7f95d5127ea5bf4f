/** warp-trust-policy-version: the component's policy passes; the bad example is the one the docs show. */
import { COMPONENT_EXAMPLE, TEAM_CONFIG, TrustRuleExamples, doc, people } from "../example-support";

export const examples: TrustRuleExamples = {
    good: [COMPONENT_EXAMPLE],
    bad: [
        {
            change: 'Version `"2008-10-17"`',
            policy: { ...doc(people()), Version: "2008-10-17" },
            config: TEAM_CONFIG,
        },
    ],
};
