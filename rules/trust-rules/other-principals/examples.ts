/** warp-trust-other-principals: the component's policy passes; the bad example is the one the docs show. */
import { COMPONENT_EXAMPLE, TEAM_CONFIG, TrustRuleExamples, doc, people } from "../example-support";

export const examples: TrustRuleExamples = {
    good: [COMPONENT_EXAMPLE],
    bad: [
        {
            change: "a second statement that lets another account assume the role with an external ID",
            policy: doc(people(), {
                Sid: "Vendor",
                Effect: "Allow",
                Principal: { AWS: "arn:aws:iam::444455556666:root" },
                Action: "sts:AssumeRole",
                Condition: { StringEquals: { "sts:ExternalId": "vendor-secret" } },
            }),
            config: TEAM_CONFIG,
        },
    ],
};
