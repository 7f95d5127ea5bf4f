import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import * as pulumi from "@pulumi/pulumi";
import { ValidationError } from "../rules/errors";
import { STACK_CONFIG_KEYS, namedAgentsToArgs, stackSettingsFromConfig } from "../components/stack-config";
import { runStackProgram } from "../components/stack-program";
import { installMocks, resolveOutput, settle } from "../synth/mock-deployment";
import { projectConfigDefaults } from "../synth/project-defaults";
import { TEAM_OUTPUTS } from "./support/expected-outputs";
import { RESOURCE_TYPES } from "../rules/constants";

const ACCOUNT_PROVIDER = "arn:aws:iam::123456789012:oidc-provider/app.warp.dev";
const reader = (values: Record<string, unknown>) => (key: string) => values[key];

const project = YAML.parse(fs.readFileSync(path.join(__dirname, "..", "Pulumi.yaml"), "utf8"));

/**
 * Runs the stack program with config as the Pulumi CLI passes it: Pulumi.yaml's defaults filled in
 * for unset keys, structured values JSON-encoded.
 */
async function runProgram(config: Record<string, unknown>, stackOutputs: Record<string, Record<string, unknown>> = {}) {
    const encoded = {
        ...projectConfigDefaults(),
        ...Object.fromEntries(
            Object.entries(config).map(([k, v]) => [`warp-bedrock-access:${k}`, typeof v === "string" ? v : JSON.stringify(v)]),
        ),
    };
    const deployment = installMocks({ config: encoded, stackOutputs });
    const exported = runStackProgram(new pulumi.Config());
    const values: Record<string, any> = {};
    for (const [k, v] of Object.entries(exported)) {
        values[k] = (await resolveOutput(v)).value;
    }
    await settle(deployment);
    return { deployment, values };
}

describe("stack config mapping", () => {
    it("maps namedAgents: all, none and a list onto the component's typed arguments", () => {
        assert.deepStrictEqual(namedAgentsToArgs("all"), { allNamedAgents: true });
        assert.deepStrictEqual(namedAgentsToArgs("none"), {});
        assert.deepStrictEqual(namedAgentsToArgs(undefined), {});
        assert.deepStrictEqual(namedAgentsToArgs(["a1", "a2"]), { namedAgentUids: ["a1", "a2"] });
    });

    for (const bad of ["some", "*", 3, { a: 1 }, true]) {
        it(`refuses namedAgents: ${JSON.stringify(bad)}`, () =>
            assert.throws(
                () => namedAgentsToArgs(bad),
                (e: any) => e instanceof ValidationError && e.field === "namedAgents",
            ));
    }

    it("refuses namedAgents together with the typed agent keys", () =>
        assert.throws(
            () => stackSettingsFromConfig(reader({ teamUid: "T", namedAgents: "all", namedAgentUids: ["a"] })),
            (e: any) => e.field === "namedAgents",
        ));

    for (const value of [false, true]) {
        it(`refuses namedAgents: all beside allNamedAgents: ${value}`, () =>
            assert.throws(
                () => stackSettingsFromConfig(reader({ teamUid: "T", namedAgents: "all", allNamedAgents: value })),
                (e: any) => e.field === "namedAgents" && e.message.includes(`allNamedAgents: ${value}`),
            ));
    }

    it("refuses reusing the provider both by ARN and through a stack", () =>
        assert.throws(
            () => stackSettingsFromConfig(reader({ teamUid: "T", oidcProviderArn: ACCOUNT_PROVIDER, oidcProviderStack: "org/p/account" })),
            (e: any) => e.field === "oidcProviderStack",
        ));

    it("refuses a malformed stack name", () =>
        assert.throws(
            () => stackSettingsFromConfig(reader({ teamUid: "T", oidcProviderStack: "a b" })),
            (e: any) => e.field === "oidcProviderStack",
        ));

    it("refuses team settings on a provider-only stack", () =>
        assert.throws(
            () => stackSettingsFromConfig(reader({ providerOnly: true, teamUid: "T" })),
            (e: any) => e.field === "providerOnly",
        ));

    it("declares every typed key in Pulumi.yaml with a type, a description and a default (allNamedAgents is not declared)", () => {
        assert.strictEqual(project.name, "warp-bedrock-access");
        assert.strictEqual(project.runtime.name ?? project.runtime, "nodejs");
        const declared = Object.keys(project.config);
        for (const key of declared) {
            assert.ok(
                (STACK_CONFIG_KEYS as readonly string[]).includes(key),
                `Pulumi.yaml declares ${key}, which the program does not read`,
            );
            const decl = project.config[key];
            assert.ok(["string", "integer", "boolean", "array"].includes(decl.type), `${key} needs a type the project schema allows`);
            assert.ok(typeof decl.description === "string" && decl.description.length > 20, `${key} needs a description`);
            // The Pulumi CLI refuses a stack that leaves a declared key without a default unset.
            assert.ok("default" in decl, `${key}: default`);
            if (decl.type === "array") {
                assert.ok(decl.items?.type, `${key} needs items`);
            }
        }
        // Maps and the "all"-or-list form cannot be typed in the project schema; allNamedAgents is left out
        // because a declared key needs a default, and with one a written false could not be told from an
        // unset key (and refused beside namedAgents). Pulumi.yaml's comment documents them.
        const untyped = STACK_CONFIG_KEYS.filter((k) => !declared.includes(k));
        assert.deepStrictEqual(untyped.sort(), ["agentRoles", "allNamedAgents", "namedAgents", "tags"]);
    });
});

describe("stack program under mocks", () => {
    it("exports every output of a team stack", async () => {
        const { values } = await runProgram({ teamUid: "TeamA", namedAgents: "all", agentRoles: { agent1: { region: "us-west-2" } } });
        assert.deepStrictEqual(Object.keys(values).sort(), TEAM_OUTPUTS);
        assert.deepStrictEqual(values.subjects, ["scoped_principal:TeamA/user:*", "scoped_principal:TeamA/service_account:*"]);
        assert.strictEqual(values.agentOverrides.agent1.region, "us-west-2");
        assert.strictEqual(values.agentOverrides.agent1.role_arn, values.agentRoleArns.agent1);
    });

    it("keeps an all-digit team UID as text", async () => {
        const { values } = await runProgram({ teamUid: "1234567" });
        assert.deepStrictEqual(values.subjects, ["scoped_principal:1234567/user:*"]);
    });

    it("reads typed list, number and boolean keys", async () => {
        const { deployment, values } = await runProgram({
            teamUid: "TeamA",
            grantUsers: false,
            namedAgents: ["a2", "a1"],
            bedrockRegions: ["us-east-1"],
            bedrockModels: ["anthropic.claude-*"],
            maxSessionDuration: 7200,
            tags: { team: "a" },
        });
        assert.deepStrictEqual(values.subjects, ["scoped_principal:TeamA/service_account:a1", "scoped_principal:TeamA/service_account:a2"]);
        const role = deployment.custom(RESOURCE_TYPES.role)[0];
        assert.strictEqual(role.inputs.maxSessionDuration, 7200);
        assert.strictEqual(role.inputs.tags.team, "a");
        assert.ok(
            JSON.parse(values.permissionsPolicy).Statement[0].Resource.includes(
                "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-*",
            ),
        );
    });

    it("reuses the account stack's provider through oidcProviderStack and creates none", async () => {
        const { deployment, values } = await runProgram(
            { teamUid: "TeamA", oidcProviderStack: "org/warp-bedrock-access/account" },
            { "org/warp-bedrock-access/account": { oidcProviderArn: ACCOUNT_PROVIDER } },
        );
        assert.deepStrictEqual(deployment.custom(RESOURCE_TYPES.oidcProvider), []);
        assert.strictEqual(deployment.custom(RESOURCE_TYPES.stackReference).length, 1);
        assert.strictEqual(values.oidcProviderArn, ACCOUNT_PROVIDER);
        assert.strictEqual(JSON.parse(values.trustPolicy).Statement[0].Principal.Federated, ACCOUNT_PROVIDER);
    });

    it("runs an account stack that only creates the shared provider, retained on delete", async () => {
        const { deployment, values } = await runProgram({ providerOnly: true, tags: { owner: "platform" } });
        assert.deepStrictEqual(Object.keys(values), ["oidcProviderArn"]);
        assert.strictEqual(values.oidcProviderArn, ACCOUNT_PROVIDER);
        const custom = deployment.custom();
        assert.deepStrictEqual(
            custom.map((r) => r.type),
            [RESOURCE_TYPES.oidcProvider],
        );
        assert.strictEqual(custom[0].retainOnDelete, true);
        assert.strictEqual(custom[0].inputs.tags.owner, "platform");
    });

    it("refuses a non-boolean retainOidcProvider", () =>
        assert.throws(
            () => stackSettingsFromConfig(reader({ providerOnly: true, retainOidcProvider: "no" })),
            (e: any) => e.field === "retainOidcProvider",
        ));

    it("refuses a bad config value before creating anything", async () => {
        installMocks({ config: { "warp-bedrock-access:teamUid": "team/*" } });
        assert.throws(
            () => runStackProgram(new pulumi.Config()),
            (e: any) => e instanceof ValidationError && e.field === "teamUid",
        );
    });

    it("refuses namedAgents: all beside allNamedAgents: false with the project's defaults filled in, creating nothing", () => {
        const config = {
            ...projectConfigDefaults(),
            "warp-bedrock-access:teamUid": "TeamA",
            "warp-bedrock-access:namedAgents": "all",
            "warp-bedrock-access:allNamedAgents": "false",
        };
        const deployment = installMocks({ config });
        assert.throws(
            () => runStackProgram(new pulumi.Config()),
            (e: any) => e instanceof ValidationError && e.field === "namedAgents",
        );
        assert.strictEqual(deployment.resources.length, 0);
    });

    it("refuses a near miss of a setting (namedAgent) before creating anything, unless ignoredKeys lists it", async () => {
        const config = { "warp-bedrock-access:teamUid": "TeamAuid0000000000001", "warp-bedrock-access:namedAgent": "all" };
        const deployment = installMocks({ config });
        assert.throws(
            () => runStackProgram(new pulumi.Config()),
            (e: any) =>
                e instanceof ValidationError &&
                e.field === "warp-bedrock-access:namedAgent" &&
                /resembles warp-bedrock-access:namedAgents/.test(e.problem),
        );
        assert.strictEqual(deployment.resources.length, 0);
        installMocks({ config: { ...config, "warp-bedrock-access:ignoredKeys": '["namedAgent"]' } });
        assert.ok(runStackProgram(new pulumi.Config()).roleArn);
    });

    for (const file of ["Pulumi.account.yaml", "Pulumi.team-a.yaml", "Pulumi.team-b.yaml", "Pulumi.staging.yaml"]) {
        it(`runs the example stack ${file}`, async () => {
            const raw = YAML.parse(fs.readFileSync(path.join(__dirname, "..", "examples", file), "utf8")).config;
            const config = Object.fromEntries(
                Object.entries(raw)
                    .filter(([k]) => k.startsWith("warp-bedrock-access:"))
                    .map(([k, v]) => [k.slice("warp-bedrock-access:".length), v]),
            );
            const { values, deployment } = await runProgram(config, {
                "organization/warp-bedrock-access/account": { oidcProviderArn: ACCOUNT_PROVIDER },
            });
            assert.ok(values.oidcProviderArn.startsWith("arn:aws:iam::123456789012:oidc-provider/"));
            assert.ok(deployment.custom().length >= 1);
        });
    }
});
