/** warp-permissions-metadata-read: read-only model metadata is advisory, not an exposure. */
import { COMPONENT_EXAMPLE, INVOKE_STATEMENT, PermissionsRuleExamples, doc } from "../example-support";

export const examples: PermissionsRuleExamples = {
    good: [COMPONENT_EXAMPLE],
    bad: [
        {
            change: "a statement that also allows reading model and profile metadata",
            policies: [
                doc(INVOKE_STATEMENT, {
                    Effect: "Allow",
                    Action: [
                        "bedrock:GetFoundationModel",
                        "bedrock:ListFoundationModels",
                        "bedrock:GetInferenceProfile",
                        "aws-marketplace:ViewSubscriptions",
                    ],
                    Resource: "*",
                }),
            ],
        },
    ],
};
