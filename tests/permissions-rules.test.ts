/** The pure permissions rules: only Bedrock invoke actions on Bedrock model ARNs, no managed policies. */
import * as assert from "assert";
import { buildPermissionsPolicy } from "../components/permissions-policy";
import { analyzePermissionsPolicy, checkManagedPolicyAttachment, isBedrockModelArn, permissionsConfig } from "../rules/permissions-rules";
import { BEDROCK_POLICY } from "./support/resources";

const allow = (Action: unknown, Resource: unknown = "arn:aws:bedrock:us-east-1::foundation-model/*") => ({
    Version: "2012-10-17",
    Statement: [{ Sid: "S", Effect: "Allow", Action, Resource }],
});

function messages(doc: unknown, config = {}): string[] {
    const fs = analyzePermissionsPolicy(doc, config).findings;
    for (const f of fs) {
        assert.strictEqual(f.rule, "warp-role-bedrock-permissions-only");
        assert.strictEqual(f.level, "mandatory");
        assert.ok(f.remediation.length > 20);
    }
    return fs.map((f) => f.message);
}

function assertFlags(doc: unknown, fragment: string, config = {}): void {
    const ms = messages(doc, config);
    assert.ok(
        ms.some((m) => m.includes(fragment)),
        `no finding with ${JSON.stringify(fragment)} in ${JSON.stringify(ms)}`,
    );
}

describe("permissions rules (warp-role-bedrock-permissions-only)", () => {
    it("passes every policy the component builds", () => {
        for (const scope of [
            { regions: [], models: [] },
            { regions: ["us-east-1"], models: [] },
            { regions: ["us-east-1", "eu-west-1"], models: ["anthropic.claude-*", "amazon.nova-pro-v1:0"] },
        ]) {
            for (const partition of ["aws", "aws-us-gov", "aws-cn"]) {
                assert.deepStrictEqual(
                    messages(buildPermissionsPolicy(partition, "123456789012", scope)),
                    [],
                    `${partition} ${JSON.stringify(scope)}`,
                );
            }
        }
        assert.deepStrictEqual(messages(JSON.stringify(BEDROCK_POLICY)), []);
    });

    it("flags *, bedrock:* and other wildcards", () => {
        assertFlags(allow("*"), 'allows "*", a wildcard');
        assertFlags(allow("bedrock:*"), 'allows "bedrock:*", a wildcard');
        assertFlags(allow("bedrock:InvokeModel*"), '"bedrock:InvokeModel*"');
    });

    it("flags actions outside the allowed set, and honours a configured set", () => {
        assertFlags(
            allow(["bedrock:InvokeModel", "bedrock:CreateModelCustomizationJob"]),
            '"bedrock:CreateModelCustomizationJob"; a Warp-trusted role may be allowed only',
        );
        assertFlags(allow("bedrock:InvokeModelWithResponseStream"), "InvokeModelWithResponseStream", {
            allowedActions: ["bedrock:InvokeModel"],
        });
        assert.deepStrictEqual(messages(allow("BEDROCK:invokemodel")), []);
    });

    it("flags NotAction and NotResource", () => {
        assertFlags({ Statement: [{ Effect: "Allow", NotAction: "iam:*", Resource: "*" }] }, "uses NotAction");
        assertFlags({ Statement: [{ Effect: "Allow", Action: "bedrock:InvokeModel", NotResource: "arn:aws:s3:::x" }] }, "uses NotResource");
    });

    it("flags resources that are not Bedrock model or inference-profile ARNs", () => {
        assertFlags(allow("bedrock:InvokeModel", "*"), 'applies to "*"');
        assertFlags(allow("bedrock:InvokeModel", "arn:aws:bedrock:*:*:*"), "is not a Bedrock foundation-model");
        assertFlags(allow("bedrock:InvokeModel", "arn:aws:bedrock:us-east-1:123456789012:agent/*"), "agent/*");
        assertFlags(
            allow("bedrock:InvokeModel", ["arn:aws:bedrock:us-east-1::foundation-model/*", "arn:aws:s3:::bucket"]),
            '"arn:aws:s3:::bucket", which is not',
        );
        assertFlags({ Statement: [{ Effect: "Allow", Action: "bedrock:InvokeModel" }] }, "names no Resource");
    });

    it("accepts wildcards only inside the region, account or ID", () => {
        for (const arn of [
            "arn:aws:bedrock:*::foundation-model/*",
            "arn:aws:bedrock:us-*::foundation-model/anthropic.claude-*",
            "arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.anthropic.*",
            "arn:aws-us-gov:bedrock:us-gov-west-1:123456789012:application-inference-profile/abc",
        ]) {
            assert.ok(isBedrockModelArn(arn), arn);
        }
        for (const arn of [
            "arn:aws:bedrock:*::*",
            "arn:aws:bedrock:us-east-1::foundation-model*",
            "arn:*:bedrock:*::foundation-model/*",
            "arn:aws:bedrock:us-east-1::custom-model/x",
        ]) {
            assert.ok(!isBedrockModelArn(arn), arn);
        }
    });

    it("leaves Deny statements alone, since they only take access away", () => {
        assert.deepStrictEqual(messages({ Statement: [...BEDROCK_POLICY.Statement, { Effect: "Deny", Action: "*", Resource: "*" }] }), []);
    });

    it("reports an unreadable document", () => {
        const analysis = analyzePermissionsPolicy("{oops");
        assert.ok(analysis.parseProblem?.includes("not valid JSON"));
        assert.ok(analysis.findings[0].message.includes("not valid JSON"));
    });

    it("refuses AWS managed policies, and customer managed ones it cannot see unless vouched for", () => {
        const config = permissionsConfig();
        for (const name of ["AdministratorAccess", "AmazonBedrockFullAccess"]) {
            const f = checkManagedPolicyAttachment(`arn:aws:iam::aws:policy/${name}`, config);
            assert.ok(f && f.message.includes(`AWS managed policy ${name}`) && f.remediation.includes(`Detach ${name}`));
        }
        const external = "arn:aws:iam::123456789012:policy/team/bedrock";
        assert.ok(checkManagedPolicyAttachment(external, config)?.message.includes("cannot be checked"));
        assert.strictEqual(checkManagedPolicyAttachment(external, permissionsConfig({ allowedPolicyArns: [external] })), undefined);
        assert.ok(
            checkManagedPolicyAttachment(
                "arn:aws:iam::aws:policy/AdministratorAccess",
                permissionsConfig({ allowedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"] }),
            ),
        );
    });
});
