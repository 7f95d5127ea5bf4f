/**
 * The two adapters of the permissions routes, the stack's (policy-pack/policies/stack-routes.ts) and the
 * account snapshot's (account/role-routes.ts), give the same role the same routes: one role written both
 * ways (inline policy, RolePolicy, an attached in-stack Policy, an AWS managed policy, a permissions
 * boundary) gets the same decision on every request from the one request query and the same exposures
 * from the engine.
 */
import * as assert from "assert";
import { snapshotRoutes } from "../account/role-routes";
import { snapshotFromDetails } from "../account/snapshot";
import { buildStackGraph } from "../policy-pack/policies/stack-graph";
import { stackRoutes } from "../policy-pack/policies/stack-routes";
import { RESOURCE_TYPES } from "../rules/constants";
import { decideRequest } from "../rules/permissions/request";
import { DEFAULT_PERMISSIONS_SETTINGS, RoleInput, judgeRole } from "../rules/permissions/role";
import { COMPONENT_TRUST } from "../rules/trust-rules/example-support";

const ACCOUNT = "111122223333";
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/team-a`;
const POLICY_ARN = `arn:aws:iam::${ACCOUNT}:policy/extra`;
const BOUNDARY_ARN = `arn:aws:iam::${ACCOUNT}:policy/boundary`;
const READ_ONLY = "arn:aws:iam::aws:policy/AmazonBedrockReadOnly";
const doc = (...Statement: object[]) => ({ Version: "2012-10-17", Statement });

const INLINE = doc({ Effect: "Allow", Action: "bedrock:InvokeModel", Resource: "arn:aws:bedrock:*::foundation-model/*" });
const ROLE_POLICY = doc({ Effect: "Allow", Action: "bedrock:InvokeModelWithResponseStream", Resource: "*" });
const ATTACHED = doc(
    { Effect: "Allow", Action: ["iam:PassRole", "s3:GetObject"], Resource: "*" },
    { Effect: "Deny", Action: "s3:GetObject", Resource: "arn:aws:s3:::secret/*" },
);
const BOUNDARY = doc({ Effect: "Allow", Action: ["bedrock:*", "s3:*"], Resource: "*" });

function stackInput(): RoleInput {
    const r = (type: string, name: string, props: Record<string, unknown>) => ({
        type,
        name,
        props,
        urn: `urn:pulumi:dev::p::${type}::${name}`,
    });
    const resources = [
        r(RESOURCE_TYPES.role, "team-a", {
            name: "team-a",
            arn: ROLE_ARN,
            assumeRolePolicy: JSON.stringify(COMPONENT_TRUST),
            inlinePolicies: [{ name: "invoke", policy: JSON.stringify(INLINE) }],
            managedPolicyArns: [READ_ONLY],
            permissionsBoundary: BOUNDARY_ARN,
        }),
        r(RESOURCE_TYPES.rolePolicy, "stream", { role: "team-a", policy: JSON.stringify(ROLE_POLICY) }),
        r(RESOURCE_TYPES.policy, "extra", { name: "extra", arn: POLICY_ARN, policy: JSON.stringify(ATTACHED) }),
        r(RESOURCE_TYPES.policy, "boundary", { name: "boundary", arn: BOUNDARY_ARN, policy: JSON.stringify(BOUNDARY) }),
        r(RESOURCE_TYPES.rolePolicyAttachment, "attach", { role: "team-a", policyArn: POLICY_ARN }),
    ];
    const [only] = stackRoutes(buildStackGraph(resources, ["app.warp.dev"]), resources);
    return only.input;
}

function snapshotInput(): RoleInput {
    const version = (document: unknown) => [{ VersionId: "v1", IsDefaultVersion: true, Document: document }];
    const snapshot = snapshotFromDetails(
        [
            {
                RoleDetailList: [
                    {
                        RoleName: "team-a",
                        Arn: ROLE_ARN,
                        AssumeRolePolicyDocument: COMPONENT_TRUST,
                        RolePolicyList: [
                            { PolicyName: "invoke", PolicyDocument: INLINE },
                            { PolicyName: "stream", PolicyDocument: ROLE_POLICY },
                        ],
                        AttachedManagedPolicies: [
                            { PolicyName: "AmazonBedrockReadOnly", PolicyArn: READ_ONLY },
                            { PolicyName: "extra", PolicyArn: POLICY_ARN },
                        ],
                        PermissionsBoundary: { PermissionsBoundaryType: "Policy", PermissionsBoundaryArn: BOUNDARY_ARN },
                    },
                ],
                Policies: [
                    { PolicyName: "extra", Arn: POLICY_ARN, PolicyVersionList: version(ATTACHED) },
                    { PolicyName: "boundary", Arn: BOUNDARY_ARN, PolicyVersionList: version(BOUNDARY) },
                ],
            },
        ],
        "file",
    );
    return snapshotRoutes(snapshot.roles[0], snapshot).input;
}

const REQUESTS = [
    ["bedrock:InvokeModel", "arn:aws:bedrock:us-east-1::foundation-model/m"],
    ["bedrock:InvokeModel", `arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/us.m`],
    ["bedrock:InvokeModelWithResponseStream", `arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/us.m`],
    ["bedrock:ListFoundationModels", "*"],
    ["iam:PassRole", `arn:aws:iam::${ACCOUNT}:role/other`],
    ["s3:GetObject", "arn:aws:s3:::public/key"],
    ["s3:GetObject", "arn:aws:s3:::secret/key"],
    ["ec2:RunInstances", "*"],
] as const;

describe("permission routes: the stack adapter and the account adapter agree", () => {
    const stack = stackInput();
    const account = snapshotInput();

    it("give the role the same number of routes and a boundary", () => {
        assert.strictEqual(stack.routes.length, 4);
        assert.strictEqual(account.routes.length, 4);
        assert.ok(stack.boundary !== undefined && account.boundary !== undefined);
    });

    for (const [action, resource] of REQUESTS) {
        it(`decide ${action} on ${resource} alike`, () => {
            const request = { action, resource, context: {} };
            const a = decideRequest(stack, request);
            const b = decideRequest(account, request);
            assert.strictEqual(a.decision, b.decision);
            assert.strictEqual(a.allowedBy.length, b.allowedBy.length);
        });
    }

    it("decide what the routes mean: the boundary cuts PassRole, the Deny the secret, the rest allowed", () => {
        const decision = (action: string, resource: string) => decideRequest(account, { action, resource, context: {} }).decision;
        assert.strictEqual(decision("iam:PassRole", `arn:aws:iam::${ACCOUNT}:role/other`), "boundary-deny");
        assert.strictEqual(decision("s3:GetObject", "arn:aws:s3:::secret/key"), "explicit-deny");
        assert.strictEqual(decision("s3:GetObject", "arn:aws:s3:::public/key"), "allowed");
        assert.strictEqual(decision("bedrock:ListFoundationModels", "*"), "allowed", "through the AWS managed policy");
    });

    it("give the engine the same exposures", () => {
        const exposures = (input: RoleInput) =>
            judgeRole(input, DEFAULT_PERMISSIONS_SETTINGS)
                .answer.exposures.map((e) => e.action)
                .sort();
        assert.deepStrictEqual(exposures(stack), exposures(account));
        assert.ok(
            exposures(account).some((a) => /s3:GetObject/i.test(a)),
            "s3:GetObject outside the secret prefix",
        );
    });
});
