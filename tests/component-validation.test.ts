import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { ValidationError } from "../rules/errors";
import { deployExpectingError, deployTeam } from "./support/deploy";

const TEAM = "TeamUid001";
const ok = { teamUid: TEAM };
const manyAgents = (n: number) => Array.from({ length: n }, (_, i) => `agent${String(i).padStart(18, "0")}`);

/** [case name, args, field the error must name, words the message must contain] */
const refusals: Array<[string, Record<string, unknown>, string, RegExp]> = [
    ["missing teamUid", {}, "teamUid", /required/],
    ["empty teamUid", { teamUid: "" }, "teamUid", /empty/],
    ["wildcard teamUid", { teamUid: "*" }, "teamUid", /wildcard/],
    ["teamUid with a trailing wildcard", { teamUid: "Team*" }, "teamUid", /wildcard/],
    ["teamUid with a slash", { teamUid: "team/user" }, "teamUid", /'\/' or ':'/],
    ["teamUid with a colon", { teamUid: "team:x" }, "teamUid", /'\/' or ':'/],
    ["blank teamUid", { teamUid: "  " }, "teamUid", /whitespace/],
    ["overlong teamUid", { teamUid: "t".repeat(65) }, "teamUid", /limit is 64/],
    ["numeric teamUid", { teamUid: 12345 }, "teamUid", /is not a string \(got the number "12345"\)/],
    ["http issuer", { ...ok, issuer: "http://app.warp.dev" }, "issuer", /https/],
    ["unknown issuer name", { ...ok, issuer: "warp.dev" }, "issuer", /not a known Warp issuer/],
    ["issuer with a query", { ...ok, issuer: "https://app.warp.dev/?a=b" }, "issuer", /query/],
    ["provider ARN that is not an ARN", { ...ok, oidcProviderArn: "app.warp.dev" }, "oidcProviderArn", /not an IAM OIDC provider ARN/],
    [
        "role ARN given as provider",
        { ...ok, oidcProviderArn: "arn:aws:iam::123456789012:role/x" },
        "oidcProviderArn",
        /not an IAM OIDC provider ARN/,
    ],
    [
        "provider of another issuer",
        { ...ok, oidcProviderArn: "arn:aws:iam::123456789012:oidc-provider/staging.warp.dev" },
        "oidcProviderArn",
        /staging\.warp\.dev, but the issuer is app\.warp\.dev/,
    ],
    [
        "provider ARN with a short account",
        { ...ok, oidcProviderArn: "arn:aws:iam::1234:oidc-provider/app.warp.dev" },
        "oidcProviderArn",
        /not an IAM OIDC provider ARN/,
    ],
    ["wildcard agent UID", { ...ok, namedAgentUids: ["*"] }, "namedAgentUids[0]", /wildcard/],
    ["agent UID with a slash", { ...ok, namedAgentUids: ["ok1", "a/b"] }, "namedAgentUids[1]", /'\/' or ':'/],
    ["empty agent UID", { ...ok, namedAgentUids: [""] }, "namedAgentUids[0]", /empty/],
    ["agent list that is a string", { ...ok, namedAgentUids: "a1" }, "namedAgentUids", /not a list/],
    ["all agents and a list", { ...ok, allNamedAgents: true, namedAgentUids: ["a1"] }, "namedAgentUids", /not both/],
    ["the stack file's namedAgents form", { ...ok, namedAgents: "all", allNamedAgents: false }, "namedAgents", /allNamedAgents: false/],
    ["no grant at all", { ...ok, grantUsers: false }, "grantUsers", /trust nobody/],
    ["non-boolean grantUsers", { ...ok, grantUsers: "yes" }, "grantUsers", /not a boolean/],
    ["wildcard agent-role UID", { ...ok, agentRoles: { "*": {} } }, 'agentRoles["*"]', /wildcard/],
    ["agent-role UID with a space", { ...ok, agentRoles: { "a b": {} } }, 'agentRoles["a b"]', /whitespace/],
    ["agent-role region wildcard", { ...ok, agentRoles: { a1: { region: "us-east-*" } } }, "agentRoles.a1.region", /not an AWS region/],
    [
        "agent-role models with a slash",
        { ...ok, agentRoles: { a1: { models: ["anthropic/claude"] } } },
        "agentRoles.a1.models[0]",
        /not a Bedrock model/,
    ],
    ["wildcard region", { ...ok, bedrockRegions: ["*"] }, "bedrockRegions[0]", /not an AWS region/],
    ["upper-case region", { ...ok, bedrockRegions: ["us-east-1", "US-WEST-2"] }, "bedrockRegions[1]", /not an AWS region/],
    ["region without a number", { ...ok, bedrockRegions: ["us-east"] }, "bedrockRegions[0]", /not an AWS region/],
    ["model with a slash", { ...ok, bedrockModels: ["foundation-model/x"] }, "bedrockModels[0]", /not a Bedrock model/],
    ["empty model", { ...ok, bedrockModels: [""] }, "bedrockModels[0]", /not a Bedrock model/],
    ["session too short", { ...ok, maxSessionDuration: 3599 }, "maxSessionDuration", /3600 to 43200/],
    ["session too long", { ...ok, maxSessionDuration: 43201 }, "maxSessionDuration", /3600 to 43200/],
    ["fractional session", { ...ok, maxSessionDuration: 3600.5 }, "maxSessionDuration", /whole number/],
    ["session as text", { ...ok, maxSessionDuration: "3600" }, "maxSessionDuration", /whole number/],
    [
        "boundary that is not a policy ARN",
        { ...ok, permissionsBoundaryArn: "boundary" },
        "permissionsBoundaryArn",
        /not an IAM managed policy ARN/,
    ],
    [
        "boundary with a bad account",
        { ...ok, permissionsBoundaryArn: "arn:aws:iam::123:policy/x" },
        "permissionsBoundaryArn",
        /not an IAM managed policy ARN/,
    ],
    ["role name too long", { ...ok, roleName: "r".repeat(65) }, "roleName", /1-64 characters/],
    ["role name with a slash", { ...ok, roleName: "a/b" }, "roleName", /not a valid IAM role name/],
    ["name and prefix", { ...ok, roleName: "a", roleNamePrefix: "b" }, "roleNamePrefix", /not both/],
    ["prefix too long", { ...ok, roleNamePrefix: "p".repeat(39) }, "roleNamePrefix", /1-38 characters/],
    ["path without slashes", { ...ok, rolePath: "warp" }, "rolePath", /not a valid IAM path/],
    ["path without trailing slash", { ...ok, rolePath: "/warp" }, "rolePath", /not a valid IAM path/],
    ["reserved tag key", { ...ok, tags: { "aws:owner": "x" } }, "tags.aws:owner", /reserved aws: prefix/],
    ["non-string tag value", { ...ok, tags: { owner: 7 } }, "tags.owner", /must be a string/],
    ["too many tags", { ...ok, tags: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"])) }, "tags", /50 per resource/],
    [
        "trust policy over IAM's default size",
        { ...ok, namedAgentUids: manyAgents(40) },
        "namedAgentUids",
        /over IAM's limit of 2048.*allNamedAgents: true.*agentRoles.*maxTrustPolicyLength/,
    ],
    ["trust-policy limit above IAM's maximum", { ...ok, maxTrustPolicyLength: 9000 }, "maxTrustPolicyLength", /2048 to 8192/],
    ["trust-policy limit below IAM's default", { ...ok, maxTrustPolicyLength: 1000 }, "maxTrustPolicyLength", /2048 to 8192/],
    [
        "permissions policy over the inline limit",
        {
            ...ok,
            bedrockRegions: ["us-east-1", "us-east-2", "us-west-2", "eu-west-1", "eu-central-1"],
            bedrockModels: manyAgents(40).map((m) => `anthropic.${m}-v1:0`),
        },
        "bedrockModels",
        /10240/,
    ],
];

describe("TeamBedrockAccess input validation", () => {
    for (const [name, args, field, message] of refusals) {
        it(`refuses ${name}, naming ${field}, and registers nothing`, async () => {
            const { error, deployment } = await deployExpectingError(args);
            assert.ok(error instanceof ValidationError, `expected a ValidationError, got ${error}`);
            assert.strictEqual((error as ValidationError).field, field);
            assert.ok(error.message.startsWith(`${field}: `), error.message);
            assert.match(error.message, message);
            assert.deepStrictEqual(
                deployment.resources.map((r) => r.type),
                [],
                "nothing may be registered, not even the component",
            );
        });
    }

    it("accepts a trust policy over 2048 characters when the account's quota was raised", async () => {
        const { outputs } = await deployTeam({ ...ok, namedAgentUids: manyAgents(40), maxTrustPolicyLength: 8192 });
        assert.strictEqual(outputs.trustPolicy.Statement[1].Condition.StringEquals["app.warp.dev:sub"].length, 40);
    });

    it("accepts the same forty agents granted all at once", async () => {
        const { outputs } = await deployTeam({ ...ok, allNamedAgents: true });
        assert.ok(JSON.stringify(outputs.trustPolicy).length < 2048);
    });

    describe("inputs that arrive as Outputs", () => {
        it("refuses a wildcard team UID from an Output and registers no child resource", async () => {
            const { error, deployment } = await deployExpectingError({ teamUid: pulumi.output(Promise.resolve("*")) });
            assert.ok(error instanceof ValidationError);
            assert.strictEqual((error as ValidationError).field, "teamUid");
            assert.deepStrictEqual(deployment.custom(), []);
        });

        it("refuses a reused provider from another account and registers no role", async () => {
            const { error, deployment } = await deployExpectingError({
                teamUid: TEAM,
                oidcProviderArn: pulumi.output("arn:aws:iam::999999999999:oidc-provider/app.warp.dev"),
            });
            assert.strictEqual((error as ValidationError).field, "oidcProviderArn");
            assert.match(error.message, /account 999999999999.*account 123456789012/);
            assert.deepStrictEqual(deployment.custom(), []);
        });

        it("refuses a reused provider from another account even when given as a plain value", async () => {
            const { error, deployment } = await deployExpectingError({
                teamUid: TEAM,
                oidcProviderArn: "arn:aws:iam::999999999999:oidc-provider/app.warp.dev",
            });
            assert.strictEqual((error as ValidationError).field, "oidcProviderArn");
            assert.deepStrictEqual(deployment.custom(), []);
        });

        it("refuses a reused provider ARN that resolves empty, instead of trusting a provider nobody creates", async () => {
            const { error, deployment } = await deployExpectingError({ teamUid: TEAM, oidcProviderArn: pulumi.output("") });
            assert.strictEqual((error as ValidationError).field, "oidcProviderArn");
            assert.match(error.message, /resolved to an empty value/);
            assert.deepStrictEqual(deployment.custom(), []);
        });

        it("refuses an agent-role map that is not known while the program runs", async () => {
            const { error } = await deployExpectingError({ teamUid: TEAM, agentRoles: pulumi.output({ a1: {} }) });
            assert.strictEqual((error as ValidationError).field, "agentRoles");
        });
    });
});
