/** warp-permissions-iam-valid: what IAM refuses in an identity-based policy. */
import { COMPONENT_EXAMPLE, INVOKE_STATEMENT, PermissionsRuleExamples, doc } from "../example-support";

export const examples: PermissionsRuleExamples = {
    good: [COMPONENT_EXAMPLE],
    bad: [
        {
            change: "a trust statement (with Principal) mixed into the permissions policy",
            policies: [
                doc(INVOKE_STATEMENT, {
                    Effect: "Allow",
                    Principal: { Federated: "arn:aws:iam::111122223333:oidc-provider/app.warp.dev" },
                    Action: "sts:AssumeRoleWithWebIdentity",
                }),
            ],
        },
        { change: 'Effect "allow" in lower case', policies: [doc({ ...INVOKE_STATEMENT, Effect: "allow" })] },
        {
            change: "Action and NotAction in one statement",
            policies: [doc({ ...INVOKE_STATEMENT, NotAction: "iam:*" })],
        },
        {
            change: "an action without its service prefix",
            policies: [doc({ ...INVOKE_STATEMENT, Action: ["InvokeModel", "bedrock:InvokeModelWithResponseStream"] })],
        },
        {
            change: "one statement per model, 150 of them: over the 10,240 characters IAM allows a role's inline policies in all",
            policies: [
                doc(
                    ...Array.from({ length: 150 }, (_, i) => ({
                        ...INVOKE_STATEMENT,
                        Sid: `Model${i}`,
                        Resource: `arn:aws:bedrock:us-east-1::foundation-model/vendor.model-${i}-v1:0`,
                    })),
                ),
            ],
        },
    ],
};
