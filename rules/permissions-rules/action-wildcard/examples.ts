/** warp-permissions-action-wildcard: `bedrock:InvokeModel*` reaches only the invoke actions today. */
import { COMPONENT_EXAMPLE, INVOKE_STATEMENT, PermissionsRuleExamples, doc } from "../example-support";

export const examples: PermissionsRuleExamples = {
    good: [COMPONENT_EXAMPLE],
    bad: [
        {
            change: "the action written `bedrock:InvokeModel*`, as AWS's inference-profile prerequisites page writes it",
            policies: [doc({ ...INVOKE_STATEMENT, Action: "bedrock:InvokeModel*" })],
        },
    ],
};
