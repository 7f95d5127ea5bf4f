/**
 * The generated policies judged by an IAM policy simulator rather than by our own code: who can assume
 * the role, and what the role can do in Bedrock.
 */
import * as assert from "assert";
import { buildTrustPolicy } from "../components/trust-policy";
import { BEDROCK_INVOKE_ACTIONS, buildPermissionsPolicy } from "../components/permissions-policy";
import { issuerFromId } from "../rules/issuer";
import { ACCOUNT as ORACLE_ACCOUNT, policyAllows, trustAdmits } from "./support/iam-simulator";

const TEAM = "TeamUid001";
const OTHER_TEAM = "TeamUid0011";
const PROD = issuerFromId("app.warp.dev");
const PROVIDER = `arn:aws:iam::${ORACLE_ACCOUNT}:oidc-provider/app.warp.dev`;
const STAGING_PROVIDER = `arn:aws:iam::${ORACLE_ACCOUNT}:oidc-provider/staging.warp.dev`;
const token = (sub: string, extra: Partial<{ aud: string; issuerId: string; providerArn: string }> = {}) => ({
    issuerId: "app.warp.dev",
    aud: "sts.amazonaws.com",
    sub,
    ...extra,
});

describe("simulator oracle: trust policy", () => {
    const trust = buildTrustPolicy(PROVIDER, PROD, {
        teamUid: TEAM,
        grantUsers: true,
        allNamedAgents: false,
        namedAgentUids: ["agent1", "agent2"],
    });

    it("evaluates the issuer's condition keys rather than ignoring them", async () => {
        // If the keys were dropped, every condition would fail as missing and this would be denied.
        assert.strictEqual(await trustAdmits(trust, token(`scoped_principal:${TEAM}/user:u1`)), true);
        // And an allow-everything reading would admit this.
        assert.strictEqual(await trustAdmits(trust, token(`scoped_principal:${TEAM}/user:u1`, { aud: "other" })), false);
    });

    const matrix: Array<[string, ReturnType<typeof token>, boolean]> = [
        ["a person of the team", token(`scoped_principal:${TEAM}/user:u1`), true],
        ["another person of the team", token(`scoped_principal:${TEAM}/user:zz-9`), true],
        ["a granted named agent", token(`scoped_principal:${TEAM}/service_account:agent1`), true],
        ["the other granted named agent", token(`scoped_principal:${TEAM}/service_account:agent2`), true],
        ["an ungranted named agent of the team", token(`scoped_principal:${TEAM}/service_account:agent3`), false],
        ["a granted agent UID with a suffix", token(`scoped_principal:${TEAM}/service_account:agent1x`), false],
        ["a person of another team", token(`scoped_principal:${OTHER_TEAM}/user:u1`), false],
        ["a person of a team whose UID extends ours", token(`scoped_principal:${TEAM}X/user:u1`), false],
        ["the same agent UID in another team", token(`scoped_principal:${OTHER_TEAM}/service_account:agent1`), false],
        ["a token for another audience", token(`scoped_principal:${TEAM}/user:u1`, { aud: "warp-web" }), false],
        [
            "a token from the staging issuer",
            token(`scoped_principal:${TEAM}/user:u1`, { issuerId: "staging.warp.dev", providerArn: STAGING_PROVIDER }),
            false,
        ],
        [
            "a token from another issuer",
            token(`scoped_principal:${TEAM}/user:u1`, {
                issuerId: "token.actions.githubusercontent.com",
                providerArn: `arn:aws:iam::${ORACLE_ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`,
            }),
            false,
        ],
        ["an unknown actor type", token(`scoped_principal:${TEAM}/admin:u1`), false],
    ];
    for (const [who, t, allowed] of matrix) {
        it(`${allowed ? "admits" : "refuses"} ${who}`, async () => assert.strictEqual(await trustAdmits(trust, t), allowed));
    }

    it("admits every named agent but no other team when all agents are granted", async () => {
        const all = buildTrustPolicy(PROVIDER, PROD, { teamUid: TEAM, grantUsers: false, allNamedAgents: true, namedAgentUids: [] });
        assert.strictEqual(await trustAdmits(all, token(`scoped_principal:${TEAM}/service_account:any1`)), true);
        assert.strictEqual(await trustAdmits(all, token(`scoped_principal:${TEAM}/user:u1`)), false);
        assert.strictEqual(await trustAdmits(all, token(`scoped_principal:${OTHER_TEAM}/service_account:any1`)), false);
    });
});

describe("simulator oracle: permissions policy", () => {
    const profile = (region: string, id: string) => `arn:aws:bedrock:${region}:${ORACLE_ACCOUNT}:inference-profile/${id}`;
    const model = (region: string, id: string) => `arn:aws:bedrock:${region}::foundation-model/${id}`;

    describe("unrestricted", () => {
        const policy = buildPermissionsPolicy("aws", ORACLE_ACCOUNT, { regions: [], models: [] });
        for (const action of BEDROCK_INVOKE_ACTIONS) {
            it(`allows ${action} on any model, system profile and application profile`, async () => {
                assert.strictEqual(await policyAllows(policy, action, model("eu-west-3", "amazon.nova-pro-v1:0")), true);
                assert.strictEqual(await policyAllows(policy, action, profile("us-east-1", "us.anthropic.claude-sonnet-4-v1:0")), true);
                assert.strictEqual(
                    await policyAllows(policy, action, `arn:aws:bedrock:us-east-1:${ORACLE_ACCOUNT}:application-inference-profile/abc123`),
                    true,
                );
            });
        }
        const otherActions: Array<[string, string]> = [
            ["bedrock:InvokeAgent", `arn:aws:bedrock:us-east-1:${ORACLE_ACCOUNT}:agent-alias/AGENT/ALIAS`],
            ["bedrock:StopModelCustomizationJob", `arn:aws:bedrock:us-east-1:${ORACLE_ACCOUNT}:model-customization-job/job1`],
            ["bedrock:GetFoundationModel", model("us-east-1", "amazon.nova-pro-v1:0")],
            ["bedrock:CreateInferenceProfile", `arn:aws:bedrock:us-east-1:${ORACLE_ACCOUNT}:application-inference-profile/abc123`],
            ["bedrock:DeleteInferenceProfile", `arn:aws:bedrock:us-east-1:${ORACLE_ACCOUNT}:application-inference-profile/abc123`],
            ["s3:GetObject", "arn:aws:s3:::bucket/key"],
            ["iam:PassRole", `arn:aws:iam::${ORACLE_ACCOUNT}:role/admin`],
        ];
        for (const [action, resource] of otherActions) {
            it(`denies ${action}`, async () => assert.strictEqual(await policyAllows(policy, action, resource), false));
        }
        it("denies inference profiles of another account", async () =>
            assert.strictEqual(
                await policyAllows(policy, "bedrock:InvokeModel", "arn:aws:bedrock:us-east-1:999999999999:inference-profile/us.x"),
                false,
            ));
    });

    describe("restricted to regions and models", () => {
        const policy = buildPermissionsPolicy("aws", ORACLE_ACCOUNT, {
            regions: ["us-east-1", "us-west-2"],
            models: ["anthropic.claude-*"],
        });
        const cases: Array<[string, string, Record<string, string>, boolean]> = [
            ["an allowed model in an allowed region", model("us-east-1", "anthropic.claude-3-haiku-v1:0"), {}, true],
            ["an allowed model in the other allowed region", model("us-west-2", "anthropic.claude-3-haiku-v1:0"), {}, true],
            ["an allowed model called directly in another region", model("eu-west-1", "anthropic.claude-3-haiku-v1:0"), {}, false],
            ["another model in an allowed region", model("us-east-1", "amazon.nova-pro-v1:0"), {}, false],
            ["the allowed model's system profile in an allowed region", profile("us-east-1", "us.anthropic.claude-3-haiku-v1:0"), {}, true],
            ["the allowed model's profile in another region", profile("eu-west-1", "eu.anthropic.claude-3-haiku-v1:0"), {}, false],
            ["another model's profile", profile("us-east-1", "us.amazon.nova-pro-v1:0"), {}, false],
            [
                "the model in a destination region, routed by an allowed profile",
                model("us-east-2", "anthropic.claude-3-haiku-v1:0"),
                { "bedrock:InferenceProfileArn": profile("us-east-1", "us.anthropic.claude-3-haiku-v1:0") },
                true,
            ],
            [
                "the model in a destination region, routed by a profile in another source region",
                model("eu-west-1", "anthropic.claude-3-haiku-v1:0"),
                { "bedrock:InferenceProfileArn": profile("eu-central-1", "eu.anthropic.claude-3-haiku-v1:0") },
                false,
            ],
            [
                "another model in a destination region, even through an allowed profile",
                model("us-east-2", "amazon.nova-pro-v1:0"),
                { "bedrock:InferenceProfileArn": profile("us-east-1", "us.amazon.nova-pro-v1:0") },
                false,
            ],
        ];
        for (const [what, resource, context, allowed] of cases) {
            it(`${allowed ? "allows" : "denies"} ${what}`, async () => {
                for (const action of BEDROCK_INVOKE_ACTIONS) {
                    assert.strictEqual(await policyAllows(policy, action, resource, context), allowed, action);
                }
            });
        }
    });
});
