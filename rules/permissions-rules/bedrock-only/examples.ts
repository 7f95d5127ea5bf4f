/** warp-role-bedrock-permissions-only: the component's policy and its documented forms pass; widening fails. */
import { ACCOUNT, COMPONENT_EXAMPLE, INVOKE, INVOKE_STATEMENT, PermissionsRuleExamples, doc } from "../example-support";

export const examples: PermissionsRuleExamples = {
    good: [
        COMPONENT_EXAMPLE,
        {
            change: "the region-less foundation-model ARN AWS documents for global cross-Region inference profiles",
            policies: [
                doc({ Effect: "Allow", Action: INVOKE, Resource: "arn:aws:bedrock:::foundation-model/anthropic.claude-sonnet-4-5" }),
            ],
        },
        {
            change: "an Allow of bedrock:* fenced by a Deny down to the invoke actions",
            policies: [
                doc(
                    { Effect: "Allow", Action: "bedrock:*", Resource: "arn:aws:bedrock:*::foundation-model/*" },
                    { Effect: "Deny", NotAction: INVOKE, Resource: "*" },
                ),
            ],
        },
        {
            change: "sts:GetCallerIdentity allowed too, which needs no permission (AWS STS API Reference)",
            policies: [doc(INVOKE_STATEMENT, { Effect: "Allow", Action: "sts:GetCallerIdentity", Resource: "*" })],
        },
    ],
    bad: [
        {
            change: "an inline policy that allows `bedrock:*` on every resource",
            policies: [doc(INVOKE_STATEMENT, { Effect: "Allow", Action: "bedrock:*", Resource: "*" })],
        },
        {
            change: "AdministratorAccess attached",
            policies: [doc(INVOKE_STATEMENT), { arn: "arn:aws:iam::aws:policy/AdministratorAccess" }],
        },
        {
            change: "sts:AssumeRole* with NotResource",
            policies: [
                doc(INVOKE_STATEMENT, { Effect: "Allow", Action: "sts:AssumeRole*", NotResource: `arn:aws:iam::${ACCOUNT}:role/admin` }),
            ],
        },
        {
            change: "InvokeModel on every resource (custom and provisioned models too)",
            policies: [doc({ Effect: "Allow", Action: INVOKE, Resource: "*" })],
        },
        {
            change: "InvokeModel on `*-model/*`: the resource segment's `*` spans the type, so provisioned and custom models too",
            policies: [doc({ Effect: "Allow", Action: INVOKE, Resource: `arn:aws:bedrock:*:${ACCOUNT}:*-model/*` })],
        },
        {
            change: "iam:PassRole on `*/*`: every role of the account",
            policies: [doc(INVOKE_STATEMENT, { Effect: "Allow", Action: "iam:PassRole", Resource: `arn:aws:iam::${ACCOUNT}:*/*` })],
        },
        {
            change: "iam:PassRole on `${aws:PrincipalAccount}` roles, the form AWS managed policies use",
            policies: [
                doc(INVOKE_STATEMENT, { Effect: "Allow", Action: "iam:PassRole", Resource: "arn:aws:iam::${aws:PrincipalAccount}:role/*" }),
            ],
        },
        {
            change: "bedrock:* on `${aws:RequestedRegion}`: every Bedrock resource",
            policies: [doc({ Effect: "Allow", Action: "bedrock:*", Resource: "arn:aws:bedrock:${aws:RequestedRegion}:*:*" })],
        },
    ],
};
