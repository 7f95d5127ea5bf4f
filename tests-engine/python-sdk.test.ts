/**
 * Other languages through the real CLI: the component's schema inferred from the TypeScript source by
 * Pulumi's component provider host, Pulumi's Python generator writing an SDK, and examples/python
 * previewed through the TypeScript component with the policy pack (Python host from sdk v3.68.0).
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { Moto } from "../tests/support/moto";
import { BIN, Engine, POLICY_PACK, ROOT, run } from "./support/engine";

const VENV = path.join(BIN, "python-venv");
const EXAMPLE = path.join(ROOT, "examples", "python", "__main__.py");

/**
 * The component plugin as an executable: what a newer Node.js host does for PulumiPlugin.yaml (run the
 * package's main through @pulumi/pulumi's run-plugin, which hosts the exported components), spelled out
 * for the pinned engine, which predates source-based plugins.
 */
const pluginScript = () =>
    `#!/bin/sh\nexec node ${JSON.stringify(path.join(ROOT, "node_modules/@pulumi/pulumi/cmd/run-plugin"))} ${JSON.stringify(ROOT)} "$@"\n`;

const pythonProject = (name: string) => `name: ${name}\nruntime:\n  name: python\n  options:\n    virtualenv: ${VENV}\n`;

describe("engine: a Python program through a generated SDK", function () {
    let moto: Moto;
    let engine: Engine;
    let plugin: string;
    let schema: any;

    before(async () => {
        moto = await Moto.start();
        engine = await Engine.start(moto);
        plugin = path.join(engine.dir, "pulumi-resource-warp-bedrock-access");
        fs.writeFileSync(plugin, pluginScript(), { mode: 0o755 });
    });

    after(() => {
        engine?.cleanup();
        moto?.stop();
    });

    it("pulumi package get-schema infers both components and their inputs from the TypeScript source", async () => {
        const r = await engine.pulumi(engine.dir, "package", "get-schema", plugin);
        assert.strictEqual(r.code, 0, r.output);
        schema = JSON.parse(r.stdout);
        assert.strictEqual(schema.name, "warp-bedrock-access");
        const team = schema.resources["warp-bedrock-access:index:TeamBedrockAccess"];
        assert.strictEqual(team?.isComponent, true);
        assert.ok(team.requiredInputs.includes("teamUid"), JSON.stringify(team.requiredInputs));
        for (const key of ["allNamedAgents", "namedAgentUids", "agentRoles", "revokedAgentUids", "oidcProviderArn"]) {
            assert.ok(key in team.inputProperties, key);
        }
        for (const key of ["roleArn", "trustPolicy", "subjects", "agentOverrides"]) {
            assert.ok(key in team.properties, key);
        }
        assert.strictEqual(schema.resources["warp-bedrock-access:index:WarpOidcProvider"]?.isComponent, true);
    });

    it("Pulumi's Python generator writes an SDK that installs beside examples/python's requirements", async () => {
        const schemaFile = path.join(engine.dir, "schema.json");
        fs.writeFileSync(schemaFile, JSON.stringify(schema));
        const sdk = path.join(engine.dir, "sdk");
        const gen = await run(path.join(BIN, "gen-python-sdk"), [schemaFile, sdk], engine.dir, engine.env);
        assert.strictEqual(gen.code, 0, gen.output);
        const pip = await run(
            path.join(VENV, "bin", "python"),
            ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", sdk],
            engine.dir,
            engine.env,
        );
        assert.strictEqual(pip.code, 0, pip.output);
        const check = await run(path.join(VENV, "bin", "pip"), ["check"], engine.dir, engine.env);
        assert.strictEqual(check.code, 0, check.output);
        const py = await run(
            path.join(VENV, "bin", "python"),
            ["-c", "import pulumi_warp_bedrock_access as w; print(w.TeamBedrockAccess.__name__)"],
            engine.dir,
            engine.env,
        );
        assert.strictEqual(py.stdout.trim(), "TeamBedrockAccess", py.output);
        const install = await engine.pulumi(
            engine.dir,
            "plugin",
            "install",
            "resource",
            "warp-bedrock-access",
            schema.version,
            "--file",
            plugin,
        );
        assert.strictEqual(install.code, 0, install.output);
    });

    describe("previewed with the policy pack", () => {
        const preview = async (name: string, program: string) => {
            const dir = path.join(engine.dir, "projects", name);
            fs.mkdirSync(dir, { recursive: true });
            fs.writeFileSync(path.join(dir, "Pulumi.yaml"), pythonProject(name));
            fs.writeFileSync(path.join(dir, "__main__.py"), program);
            await engine.initStack(dir, "dev", `config:\n  aws:region: us-east-1\n  ${name}:teamUid: TeamAuid0000000000001\n`);
            return engine.preview(dir, "dev", "--policy-pack", POLICY_PACK);
        };

        it("examples/python: the component's roles, judged by the pack, pass", async () => {
            const r = await preview("warp-bedrock-python", fs.readFileSync(EXAMPLE, "utf8"));
            assert.strictEqual(r.code, 0, r.output);
            assert.match(r.output, /warp-bedrock-access:index:TeamBedrockAccess\s+warp-bedrock-access\s+create/);
            assert.match(r.output, /aws:iam:Role\s+warp-bedrock-access-role\s+create/);
            assert.match(r.output, /aws:iam:Role\s+warp-bedrock-access-agent-AgentB3uid00000000003\s+create/);
            assert.match(r.output, /warp-bedrock-guard/);
            assert.match(r.output, /scoped_principal:TeamAuid0000000000001\/service_account:AgentB1uid00000000001/);
            assert.doesNotMatch(r.output, /mandatory/);
        });

        it("the same program on the staging issuer is blocked (warp-trust-issuer-allowlist)", async () => {
            const program = fs
                .readFileSync(EXAMPLE, "utf8")
                .replace('team_uid=config.require("teamUid"),', '$&\n    issuer="staging.warp.dev",');
            assert.match(program, /issuer="staging\.warp\.dev"/);
            const r = await preview("warp-bedrock-python-staging", program);
            assert.notStrictEqual(r.code, 0, r.output);
            assert.match(r.output, /\[mandatory\]\s+warp-trust-issuer-allowlist/);
        });
    });
});
