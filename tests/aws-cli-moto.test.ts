/**
 * The AWS CLI script of `synth --format aws-cli`, run for real: bash and the AWS CLI against moto (a
 * local IAM and STS, see tests/support/moto.ts). What the script creates is read back through the SDK
 * and must be exactly what `synth --format json` shows; a second run changes and duplicates nothing;
 * then `audit`, `doctor` and `adopt` read the account live and find it as the plan made it.
 */
import { scriptRoleName } from "../synth/aws-cli";
import type { PlannedRole } from "../synth/synth-report";
import * as assert from "assert";
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
    GetOpenIDConnectProviderCommand,
    GetRoleCommand,
    GetRolePolicyCommand,
    IAMClient,
    ListOpenIDConnectProvidersCommand,
    ListRolePoliciesCommand,
    ListRolesCommand,
    ListRoleTagsCommand,
} from "@aws-sdk/client-iam";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { permissionLosses } from "../account/adopt-permissions";
import { trustDifferences } from "../account/trust";
import { REVOKE_SESSIONS_POLICY_NAME } from "../components/revocation";
import { trustConfigFor } from "../rules/trust/config";
import { TrustEngine } from "../rules/trust/engine";
import { Moto, toolPath, withAwsEnv } from "./support/moto";
import { INCIDENT_STACK } from "./support/incident-stack";
import { example, runCli, stackFile } from "./support/run-cli";

const ACCOUNT = "111122223333";
const REVOKED_AGENT_ROLE = "role/warp-agent-AgentBad000000000001-incident";

interface Plan {
    stack: string;
    roles: PlannedRole[];
    oidcProvider?: { action: string; url?: string; clientIds?: string[]; tags?: Record<string, string> };
}

async function synth(file: string, format: "json" | "aws-cli", ...extra: string[]): Promise<string> {
    const r = await runCli("synth", file, "--format", format, ...extra);
    assert.strictEqual(r.code, 0, r.stderr);
    return r.stdout;
}

const inAccount = (doc: unknown) => JSON.parse(JSON.stringify(doc).split(":123456789012:").join(`:${ACCOUNT}:`));
const decode = (text: string | undefined) => JSON.parse(decodeURIComponent(text ?? ""));

async function runScript(script: string, env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
    const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("AWS_"))) as Record<string, string>;
    const child = spawn("bash", ["-s"], {
        env: { ...base, ...env, PATH: `${path.dirname(toolPath("aws"))}:${process.env.PATH}` },
        stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.stdin.end(script);
    const code = await new Promise<number>((resolve) => child.on("close", (c) => resolve(c ?? -1)));
    return { code, stdout, stderr };
}

/**
 * The account stack's script first (it creates the provider the team stacks reuse), then the others side
 * by side: they touch different roles, and the AWS CLI's start-up dominates the time.
 */
async function runAll<S extends { script: string; plan: Plan }>(stacks: S[], env: Record<string, string>) {
    const [account, ...rest] = stacks;
    const first = { s: account, run: await runScript(account.script, env) };
    return [first, ...(await Promise.all(rest.map(async (s) => ({ s, run: await runScript(s.script, env) }))))];
}

/** Everything IAM holds for the account, read through the SDK (documents URL-decoded). */
async function readBack(iam: IAMClient) {
    const roles: Record<string, any> = {};
    for (const listed of (await iam.send(new ListRolesCommand({ MaxItems: 1000 }))).Roles ?? []) {
        const name = listed.RoleName!;
        const role = (await iam.send(new GetRoleCommand({ RoleName: name }))).Role!;
        const inline: Record<string, unknown> = {};
        for (const policy of (await iam.send(new ListRolePoliciesCommand({ RoleName: name }))).PolicyNames ?? []) {
            inline[policy] = decode((await iam.send(new GetRolePolicyCommand({ RoleName: name, PolicyName: policy }))).PolicyDocument);
        }
        const tags = Object.fromEntries(
            ((await iam.send(new ListRoleTagsCommand({ RoleName: name }))).Tags ?? []).map((t) => [t.Key, t.Value]),
        );
        roles[name] = {
            path: role.Path,
            description: role.Description,
            maxSessionDuration: role.MaxSessionDuration,
            tags,
            trustPolicy: decode(role.AssumeRolePolicyDocument),
            inline,
        };
    }
    const providers: Record<string, any> = {};
    for (const p of (await iam.send(new ListOpenIDConnectProvidersCommand({}))).OpenIDConnectProviderList ?? []) {
        const got = await iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: p.Arn }));
        providers[p.Arn!] = { url: got.Url, clientIds: got.ClientIDList };
    }
    return { roles, providers };
}

describe("the AWS CLI script against a real IAM endpoint (moto)", function () {
    this.timeout(300_000);
    let moto: Moto;
    let env: Record<string, string>;
    let iam: IAMClient;
    const stacks: { file: string; plan: Plan; script: string }[] = [];

    before(async () => {
        moto = await Moto.shared();
        // The script runs with credentials of account 111122223333 (an assumed role, as an admin would
        // have), so the plan's placeholder account is replaced in every ARN.
        const sts = new STSClient({
            region: "us-east-1",
            endpoint: moto.endpoint,
            credentials: { accessKeyId: "testing", secretAccessKey: "testing" },
        });
        const assumed = await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/admin`, RoleSessionName: "admin" }));
        const c = assumed.Credentials!;
        const credentials = { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
        env = moto.env({
            AWS_ACCESS_KEY_ID: credentials.accessKeyId,
            AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
            AWS_SESSION_TOKEN: credentials.sessionToken,
        });
        iam = new IAMClient({ region: "us-east-1", endpoint: moto.endpoint, credentials });
        const files = [...["account", "team-a", "team-b", "staging"].map(example), stackFile(INCIDENT_STACK, "incident")];
        for (const file of files) {
            stacks.push({ file, plan: JSON.parse(await synth(file, "json")), script: await synth(file, "aws-cli") });
        }
    });

    let first: Awaited<ReturnType<typeof readBack>>;

    it("creates the provider, roles and inline policies of the bundled examples and an incident stack", async () => {
        for (const { s, run } of await runAll(stacks, env)) {
            assert.strictEqual(run.code, 0, `${s.file}: ${run.stderr}\n${moto.serverLog()}`);
            assert.match(run.stdout, new RegExp(`^account ${ACCOUNT}, partition aws$`, "m"));
        }
        first = await readBack(iam);
        const expected: Record<string, any> = {};
        for (const { plan } of stacks) {
            for (const role of plan.roles) {
                expected[scriptRoleName(role, plan.stack)] = {
                    path: role.path,
                    description: role.description,
                    maxSessionDuration: role.maxSessionDuration ?? 3600,
                    tags: role.tags,
                    trustPolicy: inAccount(role.trustPolicy),
                    inline: Object.fromEntries(role.inlinePolicies.map((p) => [p.name, inAccount(p.document)])),
                };
            }
        }
        assert.deepStrictEqual(first.roles, expected);
        assert.ok(Object.keys(expected).length >= 7, "every example's roles were compared");
        const incident = stacks[4].plan.roles.flatMap((r) => r.inlinePolicies.map((p) => p.name));
        assert.ok(
            incident.some((n) => /revoke/i.test(n)),
            "the incident stack carries the session revocation policy",
        );
        assert.deepStrictEqual(
            Object.values(first.providers)
                .map((p) => [p.url, p.clientIds])
                .sort(),
            [
                ["app.warp.dev", ["sts.amazonaws.com"]],
                ["staging.warp.dev", ["sts.amazonaws.com"]],
            ],
        );
    });

    it("runs again without failing or duplicating anything", async () => {
        for (const { s, run } of await runAll(stacks, env)) {
            assert.strictEqual(run.code, 0, `${s.file}: ${run.stderr}`);
            if (s.plan.roles.length > 0) {
                assert.match(run.stdout, /role \S+ exists: updating/);
            }
        }
        assert.deepStrictEqual(await readBack(iam), first);
    });

    describe("the account tools, live against what the script made", () => {
        const run = (...argv: string[]) => withAwsEnv(env, () => runCli(...argv));
        /** The region Warp calls Bedrock in through the role: its agent's override, else the stack's region. */
        const regionOf = (arn: string): string => {
            for (const { plan } of stacks as { plan: any }[]) {
                const role = plan.roles.find((r: PlannedRole) => arn.endsWith(`role/${scriptRoleName(r, plan.stack)}`));
                if (role) {
                    return plan.outputs.agentOverrides?.[role.tags["warp:agent-uid"]]?.region ?? plan.context.region.value;
                }
            }
            throw new Error(`no plan role for ${arn}`);
        };
        const roleArns = () => Object.keys(first.roles).map((name) => `arn:aws:iam::${ACCOUNT}:role/${name}`);

        it("audit: every role is a Warp role with no mandatory finding (exit 0)", async () => {
            const r = await run("audit", "--issuer", "app.warp.dev", "--issuer", "staging.warp.dev", "--format", "json");
            assert.strictEqual(r.code, 0, r.stderr);
            assert.strictEqual(r.stderr, "");
            const report = JSON.parse(r.stdout);
            assert.strictEqual(report.accountId, ACCOUNT);
            assert.deepStrictEqual(report.roles.map((x: any) => x.arn).sort(), roleArns().sort());
            assert.deepStrictEqual(
                report.findings.filter((f: any) => f.level === "mandatory"),
                [],
            );
            for (const role of report.roles) {
                // The revoked agent's own role trusts nobody any more: that is the revocation working.
                assert.strictEqual(role.status, role.arn.endsWith(REVOKED_AGENT_ROLE) ? "broken" : "warp-trusted", role.arn);
                assert.strictEqual(role.permissions.bedrockOnly, true, role.arn);
                assert.deepStrictEqual(role.whoCanAssume.exposures, [], role.arn);
                assert.deepStrictEqual(
                    role.oidcProviders.map((p: any) => p.status),
                    role.oidcProviders.map(() => "pass"),
                    role.arn,
                );
            }
        });

        it("doctor: every check that can run passes; the simulator moto lacks is 'not run'", async () => {
            for (const arn of roleArns().filter((a) => !a.endsWith(REVOKED_AGENT_ROLE))) {
                // An agent's own role is asked about its agent; a team role about its people (the incident
                // stack's has one revoked person, and still admits the others) and, for the incident one, an agent.
                const agent = /role\/warp-agent-(\w+)-/.exec(arn)?.[1];
                const who = agent ? ["--agent", agent] : arn.endsWith("-incident") ? ["--people", "--agent", "AgentOk0000000000001"] : [];
                const model = ["--model", "anthropic.claude-sonnet-4-20250514-v1:0", "--region", regionOf(arn)];
                const r = await run("doctor", arn, ...who, ...model, "--format", "json");
                const report = JSON.parse(r.stdout);
                const failed = report.checks.filter((c: any) => c.status === "fail");
                assert.deepStrictEqual(failed, [], arn);
                assert.strictEqual(r.code, 0, `${arn}: ${r.stderr}`);
                const sim = report.checks.find((c: any) => c.id === "iam-simulation");
                assert.strictEqual(sim?.status, "not-run", arn);
                assert.match(sim.detail, /SimulatePrincipalPolicy/);
                assert.ok(report.checks.filter((c: any) => c.status === "pass").length >= 4, arn);
            }
        });

        it("doctor: the revoked agent's role refuses the agent (exit 1)", async () => {
            const arn = roleArns().find((a) => a.endsWith(REVOKED_AGENT_ROLE))!;
            const r = await run("doctor", arn, "--agent", "AgentBad000000000001", "--format", "json");
            assert.strictEqual(r.code, 1, r.stderr);
            const report = JSON.parse(r.stdout);
            assert.ok(
                report.checks.some((c: any) => c.status === "fail" && /trust/.test(c.id)),
                r.stdout,
            );
        });

        it("adopt: reproduces each role with no change of meaning (exit 0)", async () => {
            const out = fs.mkdtempSync(path.join(os.tmpdir(), "warp-adopt-moto-"));
            const engine = new TrustEngine();
            const own = { partition: "aws", accountId: ACCOUNT };
            const names = Object.keys(first.roles);
            assert.ok(names.length >= 7, names.join(", "));
            for (const name of names) {
                const r = await run("adopt", "--role", name, "--out", path.join(out, name), "--format", "json");
                assert.strictEqual(r.code, 0, `${name}: ${r.stderr}${r.stdout}`);
                const adoption = JSON.parse(r.stdout);
                assert.deepStrictEqual(adoption.refusals, [], name);
                assert.ok(fs.existsSync(path.join(out, name, "import.json")), name);
                // The stack file it wrote, synthesized again, means what the role means today.
                const plan = JSON.parse(
                    await synth(path.join(out, name, `Pulumi.${adoption.stack}.yaml`), "json", "--account-id", ACCOUNT),
                );
                const [team] = plan.roles as PlannedRole[];
                const today = first.roles[name];
                assert.deepStrictEqual(trustDifferences(today.trustPolicy, team.trustPolicy, trustConfigFor(), engine), [], name);
                const inline = Object.fromEntries(team.inlinePolicies.map((p) => [p.name, p.document]));
                assert.deepStrictEqual(Object.keys(inline).sort(), Object.keys(today.inline).sort(), name);
                for (const [policy, document] of Object.entries(today.inline)) {
                    if (policy === REVOKE_SESSIONS_POLICY_NAME) {
                        assert.deepStrictEqual(inline[policy], document, name);
                        continue;
                    }
                    assert.deepStrictEqual(permissionLosses(document, inline[policy], own, engine.cache), [], `${name} ${policy}`);
                    assert.deepStrictEqual(permissionLosses(inline[policy], document, own, engine.cache), [], `${name} ${policy}`);
                }
            }
        });
    });
});
