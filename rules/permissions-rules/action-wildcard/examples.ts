/** warp-permissions-action-wildcard: `bedrock:InvokeModel*` reaches only the invoke actions today. */
import { COMPONENT_EXAMPLE, INVOKE_STATEMENT, PermissionsRuleExamples, doc } from "../example-support";

export const examples: PermissionsRuleExamples = {
    good: [COMPONENT_EXAMPLE],
    bad: [
        {
            change: "the action written `bedrock:InvokeModel*`, as AWS's inference-profile prerequisites page writes it",
            policies: [doc({ ...INVOKE_STATEMENT, Action: "bedrock:InvokeModel*" })],
        },
        {
            change: "Allow * on * fenced by a Deny with NotAction and a Deny with NotResource",
            policies: [
                doc(
                    { Effect: "Allow", Action: "*", Resource: "*" },
                    { Effect: "Deny", NotAction: INVOKE_STATEMENT.Action as string[], Resource: "*" },
                    { Effect: "Deny", Action: "*", NotResource: INVOKE_STATEMENT.Resource as string[] },
                ),
            ],
        },
    ],
};
