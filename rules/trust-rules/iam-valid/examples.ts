/** warp-trust-iam-valid: the component's policy passes; the bad example is the one the docs show. */
import { COMPONENT_EXAMPLE, PROVIDER, TEAM_CONFIG, TrustRuleExamples, doc, people } from "../example-support";

export const examples: TrustRuleExamples = {
    good: [COMPONENT_EXAMPLE],
    bad: [
        {
            change: "a Deny statement written with `NotPrincipal`",
            policy: doc(people(), { Sid: "DenyOthers", Effect: "Deny", NotPrincipal: { Federated: PROVIDER }, Action: "sts:*" }),
            config: TEAM_CONFIG,
        },
    ],
};
