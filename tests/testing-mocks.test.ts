/**
 * `warp-bedrock-access/testing`: the mocks a user hands to `pulumi.runtime.setMocks` answer every invoke
 * the components make and give their resources AWS-shaped state; anything else goes to the user's mocks.
 */
import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { TeamBedrockAccess } from "../components";
import { COMPONENT_INVOKES, COMPONENT_RESOURCE_TYPES, valueOf, warpBedrockMocks } from "../testing";

describe("testing mocks for users' programs", () => {
    it("answer every invoke and type the component uses, with the given account", async () => {
        const tokens: string[] = [];
        const types: string[] = [];
        const mocks = warpBedrockMocks({ accountId: "111122223333" });
        pulumi.runtime.setMocks(
            { newResource: (a) => (types.push(a.type), mocks.newResource(a)), call: (a) => (tokens.push(a.token), mocks.call(a)) },
            "project",
            "stack",
            false,
        );
        const access = new TeamBedrockAccess("team", { teamUid: "T1", agentRoles: { A1: { region: "us-west-2" } } });
        assert.match((await valueOf(access.roleArn))!, /^arn:aws:iam::111122223333:role\/team-role-/);
        assert.strictEqual(await valueOf(access.oidcProviderArn), "arn:aws:iam::111122223333:oidc-provider/app.warp.dev");
        assert.match((await valueOf(access.agentOverrides))!.A1.role_arn ?? "", /^arn:aws:iam::111122223333:role\/warp-agent-A1-/);
        assert.ok(tokens.length > 0);
        tokens.forEach((t) =>
            assert.ok(COMPONENT_INVOKES.includes(t), `the component invokes ${t}, which COMPONENT_INVOKES does not list`),
        );
        types.forEach((t) =>
            assert.ok(COMPONENT_RESOURCE_TYPES.includes(t), `the component registers ${t}, which COMPONENT_RESOURCE_TYPES does not list`),
        );
    });

    it("pass the user's own resources and invokes to the user's mocks", async () => {
        const seen: string[] = [];
        const own: pulumi.runtime.Mocks = {
            newResource: (a) => (seen.push(a.type), { id: "bucket-id", state: { ...a.inputs, arn: "arn:aws:s3:::mine" } }),
            call: (a) => (seen.push(a.token), { names: ["us-east-1a"] }),
        };
        pulumi.runtime.setMocks(warpBedrockMocks({ accountId: "111122223333" }, own), "project", "stack", false);
        const bucket = new aws.s3.Bucket("mine", {});
        const zones = aws.getAvailabilityZonesOutput({});
        assert.strictEqual(await valueOf(bucket.arn), "arn:aws:s3:::mine");
        assert.deepStrictEqual(await valueOf(zones.names), ["us-east-1a"]);
        const access = new TeamBedrockAccess("team", { teamUid: "T1" });
        assert.match((await valueOf(access.roleArn))!, /^arn:aws:iam::111122223333:role\//);
        assert.deepStrictEqual(seen.sort(), ["aws:index/getAvailabilityZones:getAvailabilityZones", "aws:s3/bucket:Bucket"]);
    });

    it("mimic a preview: a role still to be created has no ARN yet", async () => {
        pulumi.runtime.setMocks(warpBedrockMocks({ preview: true }), "project", "stack", true);
        const access = new TeamBedrockAccess("team", { teamUid: "T1" });
        assert.strictEqual(await valueOf(access.roleArn), undefined);
        assert.ok((await valueOf(access.trustPolicy))!.includes("scoped_principal:T1/user:*"));
    });
});
