import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { deployTeam } from "./support/deploy";
import { INLINE_POLICY_NAME, TEAM_BEDROCK_ACCESS_TYPE } from "../components";
import { PLACEHOLDER_ACCOUNT_ID } from "../synth/mock-deployment";
import { RESOURCE_TYPES } from "../rules/constants";

const TEAM = "TeamUid001";
const PROVIDER = `arn:aws:iam::${PLACEHOLDER_ACCOUNT_ID}:oidc-provider/app.warp.dev`;
const ROLE = RESOURCE_TYPES.role;
const OIDC = RESOURCE_TYPES.oidcProvider;
const ROLE_POLICY = RESOURCE_TYPES.rolePolicy;

function subjectsOf(trust: any): string[] {
    return trust.Statement.flatMap((s: any) =>
        [s.Condition.StringLike?.["app.warp.dev:sub"], s.Condition.StringEquals?.["app.warp.dev:sub"]].flat().filter(Boolean),
    );
}

describe("TeamBedrockAccess component", () => {
    describe("grant modes", () => {
        it("grants the team's people by default, in one statement with aud pinned", async () => {
            const { outputs } = await deployTeam({ teamUid: TEAM });
            assert.deepStrictEqual(outputs.subjects, [`scoped_principal:${TEAM}/user:*`]);
            assert.deepStrictEqual(outputs.trustPolicy.Statement, [
                {
                    Sid: "WarpTeamPeople",
                    Effect: "Allow",
                    Principal: { Federated: PROVIDER },
                    Action: "sts:AssumeRoleWithWebIdentity",
                    Condition: {
                        StringEquals: { "app.warp.dev:aud": "sts.amazonaws.com" },
                        StringLike: { "app.warp.dev:sub": `scoped_principal:${TEAM}/user:*` },
                    },
                },
            ]);
        });

        it("grants every named agent with a service_account wildcard statement of its own", async () => {
            const { outputs } = await deployTeam({ teamUid: TEAM, allNamedAgents: true });
            assert.deepStrictEqual(
                outputs.trustPolicy.Statement.map((s: any) => s.Sid),
                ["WarpTeamPeople", "WarpTeamAllNamedAgents"],
            );
            assert.deepStrictEqual(outputs.subjects, [`scoped_principal:${TEAM}/user:*`, `scoped_principal:${TEAM}/service_account:*`]);
            assert.strictEqual(
                outputs.trustPolicy.Statement[1].Condition.StringLike["app.warp.dev:sub"],
                `scoped_principal:${TEAM}/service_account:*`,
            );
        });

        it("grants listed agents by exact subject with StringEquals, deduplicated and sorted", async () => {
            const { outputs } = await deployTeam({ teamUid: TEAM, namedAgentUids: ["zeta", "alpha", "zeta"] });
            const agents = outputs.trustPolicy.Statement[1];
            assert.strictEqual(agents.Sid, "WarpTeamNamedAgents");
            assert.strictEqual(agents.Condition.StringLike, undefined);
            assert.deepStrictEqual(agents.Condition.StringEquals, {
                "app.warp.dev:aud": "sts.amazonaws.com",
                "app.warp.dev:sub": [`scoped_principal:${TEAM}/service_account:alpha`, `scoped_principal:${TEAM}/service_account:zeta`],
            });
        });

        it("can trust named agents only", async () => {
            const { outputs } = await deployTeam({ teamUid: TEAM, grantUsers: false, namedAgentUids: ["a1"] });
            assert.deepStrictEqual(subjectsOf(outputs.trustPolicy), [`scoped_principal:${TEAM}/service_account:a1`]);
            assert.ok(
                outputs.trustPolicy.Statement.every((s: any) => s.Condition.StringEquals["app.warp.dev:aud"] === "sts.amazonaws.com"),
            );
        });

        it("uses the staging issuer in the provider, the principal and both condition keys", async () => {
            const { outputs, deployment } = await deployTeam({ teamUid: TEAM, issuer: "https://staging.warp.dev/" });
            const statement = outputs.trustPolicy.Statement[0];
            assert.strictEqual(statement.Principal.Federated, `arn:aws:iam::${PLACEHOLDER_ACCOUNT_ID}:oidc-provider/staging.warp.dev`);
            assert.deepStrictEqual(Object.keys(statement.Condition.StringEquals), ["staging.warp.dev:aud"]);
            assert.deepStrictEqual(Object.keys(statement.Condition.StringLike), ["staging.warp.dev:sub"]);
            assert.strictEqual(deployment.custom(OIDC)[0].inputs.url, "https://staging.warp.dev");
        });
    });

    describe("the OIDC provider", () => {
        it("creates it with exactly the STS audience, retained on delete, before the role", async () => {
            const { deployment, outputs } = await deployTeam({ teamUid: TEAM });
            const [provider] = deployment.custom(OIDC);
            assert.deepStrictEqual(provider.inputs.clientIdLists, ["sts.amazonaws.com"]);
            assert.strictEqual(provider.inputs.url, "https://app.warp.dev");
            assert.strictEqual(provider.retainOnDelete, true);
            assert.strictEqual(outputs.oidcProviderArn, PROVIDER);
            const [role] = deployment.custom(ROLE);
            assert.ok(role.dependencies.includes(provider.urn), "the role must be created after the provider it trusts");
        });

        it("can let a stack delete the provider it created when asked", async () => {
            const { deployment } = await deployTeam({ teamUid: TEAM, retainOidcProvider: false });
            assert.strictEqual(deployment.custom(OIDC)[0].retainOnDelete, false);
        });

        it("takes the partition from the caller's ARN, for GovCloud and China", async () => {
            const { outputs } = await deployTeam({ teamUid: TEAM }, { partition: "aws-us-gov", accountId: "210987654321" });
            assert.strictEqual(outputs.oidcProviderArn, "arn:aws-us-gov:iam::210987654321:oidc-provider/app.warp.dev");
            assert.ok(outputs.permissionsPolicy.Statement[0].Resource.every((r: string) => r.startsWith("arn:aws-us-gov:bedrock:")));
        });

        it("reuses an existing provider by ARN and creates none", async () => {
            const { deployment, outputs } = await deployTeam({ teamUid: TEAM, oidcProviderArn: PROVIDER });
            assert.deepStrictEqual(deployment.custom(OIDC), []);
            assert.strictEqual(outputs.oidcProviderArn, PROVIDER);
            assert.strictEqual(outputs.trustPolicy.Statement[0].Principal.Federated, PROVIDER);
        });

        it("treats an empty provider ARN (from another language's default) as unset and creates the provider", async () => {
            const { deployment, outputs } = await deployTeam({ teamUid: TEAM, oidcProviderArn: "" });
            assert.strictEqual(deployment.custom(OIDC).length, 1);
            assert.strictEqual(outputs.trustPolicy.Statement[0].Principal.Federated, PROVIDER);
        });

        it("reuses a provider ARN that arrives as an Output (a StackReference)", async () => {
            const { deployment, outputs } = await deployTeam({ teamUid: TEAM, oidcProviderArn: pulumi.output(Promise.resolve(PROVIDER)) });
            assert.deepStrictEqual(deployment.custom(OIDC), []);
            assert.strictEqual(outputs.trustPolicy.Statement[0].Principal.Federated, PROVIDER);
        });
    });

    describe("resources, options and outputs", () => {
        it("parents every resource to the component and names the inline policy", async () => {
            const { deployment, outputs } = await deployTeam({ teamUid: TEAM });
            const component = deployment.resources.find((r) => r.type === TEAM_BEDROCK_ACCESS_TYPE)!;
            assert.ok(component, "the component registers with its type token");
            for (const r of deployment.custom()) {
                assert.ok(
                    r.parent === component.urn || r.parent.includes("WarpOidcProvider"),
                    `${r.name} must be a child of the component`,
                );
            }
            const [policy] = deployment.custom(ROLE_POLICY);
            assert.strictEqual(policy.inputs.name, INLINE_POLICY_NAME);
            assert.strictEqual(policy.inputs.role, outputs.roleName);
            assert.deepStrictEqual(JSON.parse(policy.inputs.policy), outputs.permissionsPolicy);
            const [role] = deployment.custom(ROLE);
            assert.deepStrictEqual(JSON.parse(role.inputs.assumeRolePolicy), outputs.trustPolicy);
            assert.strictEqual(outputs.roleArn, `arn:aws:iam::${PLACEHOLDER_ACCOUNT_ID}:role/${outputs.roleName}`);
        });

        it("applies role settings: name, path, description, session length, boundary", async () => {
            const boundary = "arn:aws:iam::123456789012:policy/warp-boundary";
            const { deployment } = await deployTeam({
                teamUid: TEAM,
                roleName: "warp-bedrock-team",
                rolePath: "/warp/",
                roleDescription: "Warp agents",
                maxSessionDuration: 7200,
                permissionsBoundaryArn: boundary,
            });
            const [role] = deployment.custom(ROLE);
            assert.strictEqual(role.inputs.name, "warp-bedrock-team");
            assert.strictEqual(role.inputs.path, "/warp/");
            assert.strictEqual(role.inputs.description, "Warp agents");
            assert.strictEqual(role.inputs.maxSessionDuration, 7200);
            assert.strictEqual(role.inputs.permissionsBoundary, boundary);
        });

        it("defaults to a one-hour session and a descriptive role description", async () => {
            const { deployment } = await deployTeam({ teamUid: TEAM, roleNamePrefix: "warp-" });
            const [role] = deployment.custom(ROLE);
            assert.strictEqual(role.inputs.maxSessionDuration, 3600);
            assert.strictEqual(role.inputs.namePrefix, "warp-");
            assert.strictEqual(role.inputs.name, undefined);
            assert.match(role.inputs.description, new RegExp(`team ${TEAM}.*app\\.warp\\.dev`));
        });

        it("tags every taggable resource it creates", async () => {
            const tags = { owner: "platform", "cost-center": "42" };
            const { deployment } = await deployTeam({ teamUid: TEAM, tags, agentRoles: { agent1: {} } });
            const taggable = deployment.custom().filter((r) => r.type === ROLE || r.type === OIDC);
            assert.strictEqual(taggable.length, 3);
            for (const r of taggable) {
                for (const [k, v] of Object.entries(tags)) {
                    assert.strictEqual(r.inputs.tags?.[k], v, `${r.name} lacks tag ${k}`);
                }
            }
        });
    });

    describe("per-agent roles", () => {
        it("creates a role per agent that trusts only that agent, with its own region and models", async () => {
            const { deployment, outputs } = await deployTeam({
                teamUid: TEAM,
                bedrockModels: ["anthropic.claude-*"],
                agentRoles: { agentA: { region: "eu-central-1", models: ["amazon.nova-pro-v1:0"] }, agentB: {} },
            });
            const agentRoles = deployment.custom(ROLE).filter((r) => r.name.includes("-agent-"));
            assert.deepStrictEqual(agentRoles.map((r) => r.name).sort(), ["team-agent-agentA", "team-agent-agentB"]);
            const trustA = JSON.parse(agentRoles.find((r) => r.name === "team-agent-agentA")!.inputs.assumeRolePolicy);
            assert.deepStrictEqual(trustA.Statement.length, 1);
            assert.deepStrictEqual(trustA.Statement[0].Condition.StringEquals, {
                "app.warp.dev:aud": "sts.amazonaws.com",
                "app.warp.dev:sub": `scoped_principal:${TEAM}/service_account:agentA`,
            });
            assert.strictEqual(trustA.Statement[0].Condition.StringLike, undefined);
            const policyA = JSON.parse(deployment.custom(ROLE_POLICY).find((r) => r.name === "team-agent-agentA-bedrock")!.inputs.policy);
            const resourcesA = policyA.Statement.flatMap((s: any) => s.Resource);
            assert.ok(resourcesA.includes("arn:aws:bedrock:eu-central-1::foundation-model/amazon.nova-pro-v1:0"));
            assert.ok(
                resourcesA.every((r: string) => !r.includes("anthropic")),
                "the agent's own models replace the team's",
            );
            const policyB = JSON.parse(deployment.custom(ROLE_POLICY).find((r) => r.name === "team-agent-agentB-bedrock")!.inputs.policy);
            assert.ok(
                policyB.Statement[0].Resource.includes("arn:aws:bedrock:*::foundation-model/anthropic.claude-*"),
                "an agent without models inherits the team's",
            );

            assert.deepStrictEqual(Object.keys(outputs.agentOverrides).sort(), ["agentA", "agentB"]);
            assert.deepStrictEqual(outputs.agentOverrides.agentA, { role_arn: outputs.agentRoleArns.agentA, region: "eu-central-1" });
            assert.deepStrictEqual(outputs.agentOverrides.agentB, { role_arn: outputs.agentRoleArns.agentB });
            assert.match(outputs.agentRoleArns.agentA, /^arn:aws:iam::123456789012:role\/warp-agent-agentA-/);
            assert.ok(agentRoles.every((r) => r.inputs.tags["warp:agent-uid"] === r.name.replace("team-agent-", "")));
        });

        it("keeps generated agent role names within IAM's 64 characters for the longest UID", async () => {
            const uid = "u".repeat(64);
            const { deployment } = await deployTeam({ teamUid: TEAM, agentRoles: { [uid]: {} } });
            const role = deployment.custom(ROLE).find((r) => r.name.includes("-agent-"))!;
            assert.ok(role.inputs.namePrefix.length <= 38, `prefix ${role.inputs.namePrefix} leaves no room for the unique suffix`);
        });
    });

    describe("preview", () => {
        it("knows both policies, the provider ARN and the subjects during a first preview, before any resource exists", async () => {
            const { known, outputs } = await deployTeam({ teamUid: TEAM, namedAgentUids: ["a1"] }, { preview: true });
            assert.strictEqual(known.trustPolicy, true);
            assert.strictEqual(known.permissionsPolicy, true);
            assert.strictEqual(known.oidcProviderArn, true);
            assert.strictEqual(known.subjects, true);
            assert.strictEqual(outputs.trustPolicy.Statement[0].Principal.Federated, PROVIDER);
        });

        it("sends the role a known trust policy during preview, which a policy pack can judge", async () => {
            const { deployment } = await deployTeam({ teamUid: TEAM }, { preview: true });
            const [role] = deployment.custom(ROLE);
            assert.strictEqual(typeof role.inputs.assumeRolePolicy, "string");
            assert.strictEqual(JSON.parse(role.inputs.assumeRolePolicy).Statement[0].Sid, "WarpTeamPeople");
        });
    });

    describe("updates", () => {
        it("changing the agent list changes only the trust policy: same resources, same names, no replace-triggering input", async () => {
            const before = await deployTeam({ teamUid: TEAM, namedAgentUids: ["a1"], roleName: "warp-team" });
            const after = await deployTeam({ teamUid: TEAM, namedAgentUids: ["a1", "a2"], roleName: "warp-team" });
            const shape = (d: typeof before) => d.deployment.custom().map((r) => `${r.type}::${r.name}::${r.parent}`);
            assert.deepStrictEqual(shape(after), shape(before));
            const [roleBefore] = before.deployment.custom(ROLE);
            const [roleAfter] = after.deployment.custom(ROLE);
            const changed = Object.keys({ ...roleBefore.inputs, ...roleAfter.inputs }).filter(
                (k) => JSON.stringify(roleBefore.inputs[k]) !== JSON.stringify(roleAfter.inputs[k]),
            );
            assert.deepStrictEqual(changed, ["assumeRolePolicy"]);
        });

        it("adding agents never touches a reused provider", async () => {
            const after = await deployTeam({ teamUid: TEAM, oidcProviderArn: PROVIDER, allNamedAgents: true });
            assert.deepStrictEqual(after.deployment.custom(OIDC), []);
        });
    });
});
