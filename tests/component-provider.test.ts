import * as assert from "assert";
import { execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { ComponentProvider, getPulumiComponents } from "@pulumi/pulumi/provider/experimental/provider";
import { TeamBedrockAccess, WarpOidcProvider } from "../components";
import { buildAccessDocuments, planTeamAccess } from "../components/plan";
import { ValidationError } from "../rules/errors";
import { installMocks, resolveOutput, settle } from "../synth/mock-deployment";
import { REPO } from "./support/run-cli";
import { TEAM_OUTPUTS } from "./support/expected-outputs";

const grpc = require("@grpc/grpc-js");

const providerRpc = require("@pulumi/pulumi/proto/provider_grpc_pb");

const providerPb = require("@pulumi/pulumi/proto/provider_pb");

const TOKEN = "warp-bedrock-access:index:TeamBedrockAccess";

describe("multi-language package: the component hosted by the SDK's component provider", function () {
    this.timeout(120_000);
    let provider: ComponentProvider;

    before(async () => {
        provider = new ComponentProvider({ components: [TeamBedrockAccess, WarpOidcProvider], name: "warp-bedrock-access", dirname: REPO });
        await provider.getSchema();
    });

    it("constructs TeamBedrockAccess through the provider interface, with inputs as another language sends them", async () => {
        const deployment = installMocks();
        const inputs = {
            teamUid: "TEAM1",
            namedAgentUids: ["a1", "a2"],
            agentRoles: { a3: { region: "us-west-2" } },
            bedrockModels: ["anthropic.claude-*"],
            tags: { team: "one" },
        };
        const result = await provider.construct("team", TOKEN, inputs, {});
        const state = result.state as Record<string, pulumi.Output<unknown>>;
        assert.deepStrictEqual(Object.keys(state).sort(), TEAM_OUTPUTS);
        const value = async (k: string) => (await resolveOutput(state[k])).value;
        const docs = buildAccessDocuments(planTeamAccess(inputs), { partition: "aws", accountId: "123456789012" });
        assert.deepStrictEqual(JSON.parse((await value("trustPolicy")) as string), docs.team.trustPolicy);
        assert.deepStrictEqual(JSON.parse((await value("permissionsPolicy")) as string), docs.team.permissionsPolicy);
        assert.deepStrictEqual(await value("subjects"), [
            "scoped_principal:TEAM1/user:*",
            "scoped_principal:TEAM1/service_account:a1",
            "scoped_principal:TEAM1/service_account:a2",
        ]);
        assert.strictEqual(await value("oidcProviderArn"), "arn:aws:iam::123456789012:oidc-provider/app.warp.dev");
        assert.deepStrictEqual(await value("agentOverrides"), {
            a3: { role_arn: "arn:aws:iam::123456789012:role/warp-agent-a3-0000000000000000000000000a", region: "us-west-2" },
        });
        assert.match(
            String((await resolveOutput(result.urn as pulumi.Output<string>)).value),
            /::warp-bedrock-access:index:TeamBedrockAccess::team$/,
        );
        await settle(deployment);
        assert.deepStrictEqual(deployment.resources.map((r) => `${r.type} ${r.name}`).sort(), [
            "aws:iam/openIdConnectProvider:OpenIdConnectProvider team-oidc",
            "aws:iam/role:Role team-agent-a3",
            "aws:iam/role:Role team-role",
            "aws:iam/rolePolicy:RolePolicy team-agent-a3-bedrock",
            "aws:iam/rolePolicy:RolePolicy team-bedrock",
            "warp-bedrock-access:index:TeamBedrockAccess team",
            "warp-bedrock-access:index:WarpOidcProvider team",
        ]);
    });

    it("constructs WarpOidcProvider", async () => {
        installMocks({ accountId: "111122223333" });
        const result = await provider.construct("acct", "warp-bedrock-access:index:WarpOidcProvider", { issuer: "staging.warp.dev" }, {});
        const state = result.state as Record<string, pulumi.Output<unknown>>;
        assert.strictEqual((await resolveOutput(state.oidcProviderArn)).value, "arn:aws:iam::111122223333:oidc-provider/staging.warp.dev");
        assert.strictEqual((await resolveOutput(state.url)).value, "https://staging.warp.dev");
    });

    it("refuses bad inputs with the component's ValidationError, and unknown types", async () => {
        installMocks();
        await assert.rejects(
            provider.construct("bad", TOKEN, { teamUid: "team*" }, {}),
            (e: unknown) => e instanceof ValidationError && e.field === "teamUid",
        );
        await assert.rejects(provider.construct("x", "warp-bedrock-access:index:Nope", {}, {}), /Component class not found for 'Nope'/);
        await assert.rejects(provider.construct("x", "other:index:TeamBedrockAccess", {}, {}), /Invalid package name other/);
    });

    it("requiring the package directory, as the plugin host does, yields the components and runs no stack program", async () => {
        // package.json's main is the compiled entry, which `npm ci` builds (prepare).
        if (!fs.existsSync(path.join(REPO, "dist/components/index.js"))) {
            execFileSync("npm", ["run", "build"], { cwd: REPO, stdio: "ignore" });
        }
        const deployment = installMocks();

        const entry = require(REPO);
        await settle(deployment);
        assert.deepStrictEqual(
            getPulumiComponents(entry)
                .map((c: { name: string }) => c.name)
                .sort(),
            ["TeamBedrockAccess", "WarpOidcProvider"],
        );
        assert.deepStrictEqual(deployment.resources, [], "nothing registered");
    });

    it("boots as a plugin the way `pulumi package add` runs it, and serves the schema over gRPC", async () => {
        // The nodejs language host runs run-plugin with the plugin directory; it prints the port it serves on.
        const runPlugin = path.join(REPO, "node_modules/@pulumi/pulumi/cmd/run-plugin");
        const child = spawn(process.execPath, [runPlugin, REPO], { cwd: REPO, stdio: ["ignore", "pipe", "pipe"] });
        let stderr = "";
        child.stderr.on("data", (d) => (stderr += d));
        try {
            const port = await new Promise<number>((resolve, reject) => {
                let out = "";
                child.stdout.on("data", (d) => {
                    out += d;
                    const m = /^(\d+)\s*$/m.exec(out);
                    if (m) {
                        resolve(Number(m[1]));
                    }
                });
                child.on("exit", (code) => reject(new Error(`plugin exited with ${code}: ${stderr}`)));
            });
            const client = new providerRpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
            const response = await new Promise<any>((resolve, reject) =>
                client.getSchema(new providerPb.GetSchemaRequest(), (err: Error | null, res: unknown) =>
                    err ? reject(err) : resolve(res),
                ),
            );
            client.close();
            const schema = JSON.parse(response.getSchema());
            assert.strictEqual(schema.name, "warp-bedrock-access");
            assert.deepStrictEqual(Object.keys(schema.resources).sort(), [TOKEN, "warp-bedrock-access:index:WarpOidcProvider"]);
            assert.deepStrictEqual(schema.resources[TOKEN].requiredInputs, ["teamUid"]);
        } finally {
            child.kill();
        }
    });
});
