/** warp-permissions-broken-role: a role that can invoke nothing. */
import { COMPONENT_EXAMPLE, INVOKE_STATEMENT, PermissionsRuleExamples, doc } from "../example-support";

export const examples: PermissionsRuleExamples = {
    good: [COMPONENT_EXAMPLE],
    bad: [
        {
            change: "a Deny of every Bedrock action next to the Allow",
            policies: [doc(INVOKE_STATEMENT, { Effect: "Deny", Action: "bedrock:*", Resource: "*" })],
        },
    ],
};
