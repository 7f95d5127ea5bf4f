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
    ],
};
