/**
 * `pulumi up` through the real CLI with the stand-in aws plugin on moto: the account stack, team stacks
 * that reuse its provider through the StackReference, the account tools on what the engine made, a second
 * `up` that changes nothing, an agent-list change and a revocation in place, and `destroy` of a team stack.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { GetRoleCommand, IAMClient, ListOpenIDConnectProvidersCommand } from "@aws-sdk/client-iam";
import * as YAML from "yaml";
import { Moto, withAwsEnv } from "../tests/support/moto";
import { runCli } from "../tests/support/run-cli";
import { Engine, exampleConfig } from "./support/engine";

const PROVIDER_ARN = "arn:aws:iam::123456789012:oidc-provider/app.warp.dev";
const MODEL = ["--model", "anthropic.claude-sonnet-4-20250514-v1:0"];

interface Statement {
    Effect: string;
    Principal?: { Federated?: string };
    Condition?: Record<string, Record<string, string | string[]>>;
}

async function trustOf(iam: IAMClient, arn: string): Promise<{ roleId: string; statements: Statement[] }> {
    const role = (await iam.send(new GetRoleCommand({ RoleName: arn.split("/").pop() }))).Role!;
    const doc = JSON.parse(decodeURIComponent(role.AssumeRolePolicyDocument!));
    return { roleId: role.RoleId!, statements: [doc.Statement].flat() };
}

async function providerArns(iam: IAMClient): Promise<string[]> {
    const out = await iam.send(new ListOpenIDConnectProvidersCommand({}));
    return (out.OpenIDConnectProviderList ?? []).map((p) => p.Arn!).sort();
}

/** Rewrites a stack's config file with `change` applied to its config map. */
function editConfig(project: string, stack: string, change: (config: Record<string, unknown>) => void): void {
    const file = path.join(project, `Pulumi.${stack}.yaml`);
    const doc = YAML.parse(fs.readFileSync(file, "utf8"));
    change(doc.config);
    fs.writeFileSync(file, YAML.stringify(doc));
}

describe("engine: pulumi up, stack references and the account tools on moto", function () {
    let moto: Moto;
    let engine: Engine;
    let project: string;
    let iam: IAMClient;
    const outputs: Record<string, Record<string, any>> = {};
    /** The CLI reads the account through --endpoint-url alone: AWS_ENDPOINT_URL is left out. */
    const cli = (...argv: string[]) => {
        const { AWS_ENDPOINT_URL: _endpoint, ...env } = moto.env();
        return withAwsEnv(env, () => runCli(...argv, "--endpoint-url", moto.endpoint, "--format", "json"));
    };
    const up = async (stack: string, ...extra: string[]) => {
        const r = await engine.up(project, stack, ...extra);
        assert.strictEqual(r.code, 0, r.output);
        outputs[stack] = await engine.outputs(project, stack);
        return r;
    };

    before(async () => {
        moto = await Moto.start();
        iam = moto.iam();
        engine = await Engine.start(moto);
        project = engine.project("lifecycle");
        for (const stack of ["account", "team-a", "team-b"]) {
            await engine.initStack(project, stack, exampleConfig(stack));
        }
    });

    after(() => {
        engine?.cleanup();
        moto?.stop();
    });

    it("up: the account stack creates the account's one provider and exports its ARN", async () => {
        await up("account");
        assert.strictEqual(outputs.account.oidcProviderArn, PROVIDER_ARN);
        assert.deepStrictEqual(await providerArns(iam), [PROVIDER_ARN]);
    });

    it("up: team stacks reuse that provider through the StackReference and create only their roles", async () => {
        await up("team-a");
        await up("team-b");
        assert.deepStrictEqual(await providerArns(iam), [PROVIDER_ARN], "no second provider");
        for (const stack of ["team-a", "team-b"]) {
            assert.strictEqual(outputs[stack].oidcProviderArn, PROVIDER_ARN);
            const { statements } = await trustOf(iam, outputs[stack].roleArn);
            assert.ok(statements.length > 0);
            for (const s of statements.filter((x) => x.Effect === "Allow")) {
                assert.strictEqual(s.Principal?.Federated, PROVIDER_ARN, stack);
            }
        }
        assert.deepStrictEqual(Object.keys(outputs["team-b"].agentRoleArns ?? {}), ["AgentB3uid00000000003"]);
    });

    it("audit --endpoint-url: the roles the engine made are Warp roles with no mandatory finding", async () => {
        const r = await cli("audit");
        assert.strictEqual(r.code, 0, r.stderr + r.stdout);
        const report = JSON.parse(r.stdout);
        const arns = report.roles.map((x: any) => x.arn);
        for (const arn of [outputs["team-a"].roleArn, outputs["team-b"].roleArn, outputs["team-b"].agentRoleArns.AgentB3uid00000000003]) {
            assert.ok(arns.includes(arn), `${arn} audited`);
        }
        assert.deepStrictEqual(
            report.findings.filter((f: any) => f.level === "mandatory"),
            [],
        );
        for (const role of report.roles) {
            assert.strictEqual(role.status, "warp-trusted", role.arn);
            assert.deepStrictEqual(role.whoCanAssume.exposures, [], role.arn);
        }
    });

    it("doctor: the team's people, its named agents and the agent with its own role all pass", async () => {
        const cases: [string, string[]][] = [
            [outputs["team-a"].roleArn, ["--people", "--agent", "AnyAgentOfTeamA000001", "--region", "us-east-1"]],
            [
                outputs["team-b"].roleArn,
                ["--people", "--agent", "AgentB1uid00000000001", "--agent", "AgentB2uid00000000002", "--region", "eu-central-1"],
            ],
            [outputs["team-b"].agentRoleArns.AgentB3uid00000000003, ["--agent", "AgentB3uid00000000003", "--region", "eu-central-1"]],
        ];
        for (const [arn, who] of cases) {
            const r = await cli("doctor", arn, ...who, ...MODEL);
            const report = JSON.parse(r.stdout);
            assert.deepStrictEqual(
                report.checks.filter((c: any) => c.status === "fail"),
                [],
                arn,
            );
            assert.strictEqual(r.code, 0, `${arn}: ${r.stderr}`);
            assert.ok(report.checks.filter((c: any) => c.status === "pass").length >= 4, arn);
        }
    });

    it("a second up changes nothing", async () => {
        for (const stack of ["account", "team-a", "team-b"]) {
            const r = await engine.up(project, stack, "--expect-no-changes");
            assert.strictEqual(r.code, 0, r.output);
            assert.doesNotMatch(r.output, /\b(created|updated|replaced|deleted)\b/, stack);
        }
    });

    it("a change to the agent list updates the trust policy in place (no replacement)", async () => {
        const arnBefore = outputs["team-b"].roleArn;
        const before = await trustOf(iam, arnBefore);
        editConfig(project, "team-b", (c) => {
            c["warp-bedrock-access:namedAgents"] = ["AgentB1uid00000000001", "AgentB2uid00000000002", "AgentB4uid00000000004"];
        });
        const preview = await engine.preview(project, "team-b", "--json");
        assert.strictEqual(preview.code, 0, preview.output);
        const steps: { op: string; urn: string }[] = JSON.parse(preview.stdout).steps;
        const roleSteps = steps.filter((s) => s.urn.endsWith("aws:iam/role:Role::warp-bedrock-access-role"));
        assert.deepStrictEqual(
            roleSteps.map((s) => s.op),
            ["update"],
        );
        assert.deepStrictEqual(
            steps.filter((s) => /replace|delete/.test(s.op)),
            [],
        );
        await up("team-b");
        const after = await trustOf(iam, outputs["team-b"].roleArn);
        assert.strictEqual(after.roleId, before.roleId, "the same role");
        assert.strictEqual(outputs["team-b"].roleArn, arnBefore);
        assert.match(JSON.stringify(after.statements), /AgentB4uid00000000004/);
        assert.doesNotMatch(JSON.stringify(before.statements), /AgentB4uid00000000004/);
    });

    it("revocation through the engine: up with a revoked agent puts the Deny in AWS", async () => {
        editConfig(project, "team-b", (c) => {
            c["warp-bedrock-access:revokedAgents"] = ["AgentB1uid00000000001"];
        });
        await up("team-b");
        const { statements } = await trustOf(iam, outputs["team-b"].roleArn);
        const deny = statements.filter((s) => s.Effect === "Deny");
        assert.strictEqual(deny.length, 1, JSON.stringify(statements));
        assert.match(JSON.stringify(deny[0].Condition), /scoped_principal:TeamBuid0000000000002\/service_account:AgentB1uid00000000001/);
        const r = await cli("doctor", outputs["team-b"].roleArn, "--agent", "AgentB1uid00000000001", "--region", "eu-central-1", ...MODEL);
        assert.strictEqual(r.code, 1, r.stdout);
    });

    it("destroy of a team stack removes its roles and leaves the shared provider", async () => {
        const roleArn = outputs["team-a"].roleArn;
        const r = await engine.pulumi(project, "destroy", "--stack", "team-a", "--yes", "--skip-preview", "--non-interactive");
        assert.strictEqual(r.code, 0, r.output);
        await assert.rejects(iam.send(new GetRoleCommand({ RoleName: roleArn.split("/").pop() })), /NoSuchEntity|cannot be found/);
        assert.deepStrictEqual(await providerArns(iam), [PROVIDER_ARN]);
        await trustOf(iam, outputs["team-b"].roleArn);
    });
});
