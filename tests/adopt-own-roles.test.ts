/**
 * `warp-bedrock adopt` and `doctor` on the component's own roles, offline: every role `synth` plans for
 * the bundled examples and an incident stack goes into an authorization-details file as IAM would hold
 * it; adopt must take each back with no refusal, and the stack file it writes, synthesized again, must
 * mean what the role means (the trust engine; ARN languages for permissions, both ways).
 * tests/aws-cli-moto.test.ts does the same live, against what the AWS CLI script made in moto.
 */
import { scriptRoleName } from "../synth/aws-cli";
import type { PlannedRole } from "../synth/synth-report";
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { ImportFile } from "../account/adopt";
import type { DoctorReport } from "../account/doctor";
import { permissionLosses } from "../account/adopt-permissions";
import { trustDifferences } from "../account/trust";
import { REVOKE_SESSIONS_POLICY_NAME } from "../components/revocation";
import { trustConfigFor } from "../rules/trust/config";
import { TrustEngine } from "../rules/trust/engine";
import { INCIDENT_STACK } from "./support/incident-stack";
import { example, runCli, stackFile } from "./support/run-cli";
import { readStackFile } from "../synth/stack-file";

const ACCOUNT = "123456789012";
const OWN = { partition: "aws", accountId: ACCOUNT };

interface Plan {
    stack: string;
    roles: PlannedRole[];
    resources: { name: string; type: string; parent?: string }[];
}

async function plan(file: string): Promise<Plan> {
    const r = await runCli("synth", file, "--format", "json", "--account-id", ACCOUNT);
    assert.strictEqual(r.code, 0, r.stderr);
    return JSON.parse(r.stdout);
}

/** An authorization-details file holding one planned role, as `aws iam get-account-authorization-details` writes it. */
function detailsFile(dir: string, name: string, role: PlannedRole): string {
    const file = path.join(dir, `${name}.json`);
    const RoleDetailList = [
        {
            Path: role.path,
            RoleName: name,
            RoleId: "AROAEXAMPLEEXAMPLE01",
            Arn: `arn:aws:iam::${ACCOUNT}:role/${name}`,
            CreateDate: "2026-05-18T15:51:00+00:00",
            AssumeRolePolicyDocument: role.trustPolicy,
            InstanceProfileList: [],
            RolePolicyList: role.inlinePolicies.map((p) => ({ PolicyName: p.name, PolicyDocument: p.document })),
            AttachedManagedPolicies: [],
            Tags: Object.entries(role.tags).map(([Key, Value]) => ({ Key, Value })),
            RoleLastUsed: {},
            MaxSessionDuration: role.maxSessionDuration ?? 3600,
        },
    ];
    fs.writeFileSync(file, JSON.stringify({ UserDetailList: [], GroupDetailList: [], RoleDetailList, Policies: [] }));
    return file;
}

interface Adopted {
    name: string;
    role: PlannedRole;
    details: string;
    code: number;
    out: string;
    adoption: { stack: string; refusals: string[]; differences: string[]; notes: string[]; config: Record<string, unknown> };
    dir: string;
}

describe("adopt and doctor on the component's own roles (offline)", function () {
    this.timeout(120_000);
    let dir: string;
    const engine = new TrustEngine();
    const adopted = new Map<string, Adopted>();

    before(async () => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "warp-adopt-own-"));
        const files = [...["team-a", "team-b", "staging"].map(example), stackFile(INCIDENT_STACK, "incident")];
        for (const file of files) {
            const { stack, roles } = await plan(file);
            for (const role of roles) {
                const name = scriptRoleName(role, stack);
                const details = detailsFile(dir, name, role);
                const out = path.join(dir, `out-${name}`);
                const r = await runCli("adopt", "--authorization-details", details, "--role", name, "--out", out, "--format", "json");
                adopted.set(name, { name, role, details, code: r.code, out: r.stdout, adoption: JSON.parse(r.stdout), dir: out });
            }
        }
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    const get = (name: string): Adopted => {
        const a = adopted.get(name);
        assert.ok(a, `${name} is planned (planned: ${[...adopted.keys()].join(", ")})`);
        return a;
    };
    const config = (name: string) => get(name).adoption.config;

    it("takes back every role with no refusal, and the stack file it writes means what the role means", async () => {
        assert.ok(adopted.size >= 7, [...adopted.keys()].join(", "));
        for (const a of adopted.values()) {
            assert.strictEqual(a.code, 0, `${a.name}: ${a.out}`);
            assert.deepStrictEqual(a.adoption.refusals, [], a.name);
            // The component's own documents come back as the same text: nothing for the first pulumi up to rewrite.
            assert.deepStrictEqual(
                a.adoption.differences.filter((d) => /\(today\)/.test(d)),
                [],
                a.name,
            );
            const again = await plan(path.join(a.dir, `Pulumi.${a.adoption.stack}.yaml`));
            const [team] = again.roles;
            // Every resource import.json names is one the program registers, with the same type and parent.
            const importFile: ImportFile = JSON.parse(fs.readFileSync(path.join(a.dir, "import.json"), "utf8"));
            for (const r of importFile.resources.filter((x) => !x.component)) {
                const registered = again.resources.find((x) => x.name === r.name && x.type === r.type);
                assert.ok(registered, `${a.name}: ${r.type} ${r.name} is not registered`);
                const parent = importFile.resources.find((x) => x.name === r.parent);
                assert.strictEqual(registered.parent, parent?.logicalName ?? parent?.name, `${a.name}: ${r.name}'s parent`);
            }
            assert.strictEqual(scriptRoleName(team, a.adoption.stack), a.name);
            assert.deepStrictEqual(trustDifferences(a.role.trustPolicy, team.trustPolicy, trustConfigFor(), engine), [], a.name);
            const today = Object.fromEntries(a.role.inlinePolicies.map((p) => [p.name, p.document]));
            const after = Object.fromEntries(team.inlinePolicies.map((p) => [p.name, p.document]));
            assert.deepStrictEqual(Object.keys(after).sort(), Object.keys(today).sort(), a.name);
            for (const [policy, document] of Object.entries(today)) {
                if (policy === REVOKE_SESSIONS_POLICY_NAME) {
                    // The IAM console's Deny-everything policy, with the same cut-off: the same text.
                    assert.deepStrictEqual(after[policy], document, a.name);
                    continue;
                }
                assert.deepStrictEqual(permissionLosses(document, after[policy], OWN, engine.cache), [], `${a.name} ${policy} lost`);
                assert.deepStrictEqual(permissionLosses(after[policy], document, OWN, engine.cache), [], `${a.name} ${policy} gained`);
            }
        }
    });

    it("keeps the regions of a policy with the component's bedrock:InferenceProfileArn statement", () => {
        assert.deepStrictEqual(config("warp-bedrock-access-role-team-a").bedrockRegions, ["us-east-1", "us-west-2"]);
        assert.deepStrictEqual(config("warp-agent-AgentB3uid00000000003-team-b").bedrockRegions, ["eu-central-1"]);
        assert.deepStrictEqual(config("warp-agent-AgentB3uid00000000003-team-b").bedrockModels, ["anthropic.claude-sonnet-*"]);
    });

    it("finds the team of a role trusting the staging issuer, and keeps the issuer", () => {
        const c = config("warp-bedrock-access-role-staging");
        assert.strictEqual(c.teamUid, "StagingTeamUid0000003");
        assert.strictEqual(c.issuer, "staging.warp.dev");
    });

    it("writes the incident stack's revocations into the stack config and imports the session revocation policy", () => {
        const team = get("warp-bedrock-access-role-incident");
        const written = readStackFile(path.join(team.dir, `Pulumi.${team.adoption.stack}.yaml`)).config;
        assert.deepStrictEqual(JSON.parse(written["warp-bedrock-access:revokedUsers"]), ["UserBad0000000000001"]);
        assert.deepStrictEqual(JSON.parse(written["warp-bedrock-access:revokedAgents"]), ["AgentBad000000000001"]);
        assert.strictEqual(written["warp-bedrock-access:revokeSessionsIssuedBefore"], "2026-01-01T00:00:00Z");
        assert.strictEqual(written["warp-bedrock-access:namedAgents"], "all");
        assert.strictEqual(written["warp-bedrock-access:grantUsers"], undefined, "people stay granted");
        const importFile: ImportFile = JSON.parse(fs.readFileSync(path.join(team.dir, "import.json"), "utf8"));
        assert.deepStrictEqual(
            importFile.resources.filter((r) => r.type === "aws:iam/rolePolicy:RolePolicy").map((r) => [r.name, r.id]),
            [
                ["warp-bedrock-access-bedrock", "warp-bedrock-access-role-incident:warp-bedrock-invoke"],
                ["warp-bedrock-access-revoke-sessions", "warp-bedrock-access-role-incident:AWSRevokeOlderSessions"],
            ],
        );
        assert.ok(!team.adoption.notes.some((n) => /AWSRevokeOlderSessions/.test(n)), team.adoption.notes.join("\n"));
        // The revoked agent's own role, which admits no one, is taken back as exactly that.
        const revoked = config("warp-agent-AgentBad000000000001-incident");
        assert.deepStrictEqual(revoked.namedAgents, ["AgentBad000000000001"]);
        assert.deepStrictEqual(revoked.revokedAgents, ["AgentBad000000000001"]);
        assert.strictEqual(revoked.grantUsers, false);
    });

    it("still refuses a Deny it cannot write as a revocation (a pattern), rather than drop it", async () => {
        const role = get("warp-bedrock-access-role-incident").role;
        const trust = JSON.parse(JSON.stringify(role.trustPolicy));
        const deny = trust.Statement.find((s: any) => s.Effect === "Deny");
        deny.Condition = { StringLike: { "app.warp.dev:sub": "scoped_principal:TeamRev0000000000001/user:UserBad*" } };
        const name = "warp-hand-made-deny";
        const details = detailsFile(dir, name, { ...role, trustPolicy: trust });
        const r = await runCli(
            "adopt",
            "--authorization-details",
            details,
            "--role",
            name,
            "--out",
            path.join(dir, name),
            "--format",
            "json",
        );
        assert.strictEqual(r.code, 1, r.stdout);
        assert.match(JSON.parse(r.stdout).refusals.join("\n"), /would let in .*user:UserBad/);
    });

    describe("doctor", () => {
        const doctor = async (name: string, ...who: string[]): Promise<{ code: number; report: DoctorReport }> => {
            const a = get(name);
            const arn = `arn:aws:iam::${ACCOUNT}:role/${name}`;
            const r = await runCli("doctor", arn, "--authorization-details", a.details, ...who, "--format", "json");
            return { code: r.code, report: JSON.parse(r.stdout) };
        };
        const check = (report: DoctorReport, id: string) => report.checks.find((c) => c.id === id);

        it("passes the people of a role with one revoked person, naming the revoked one", async () => {
            const { code, report } = await doctor("warp-bedrock-access-role-incident");
            const people = check(report, "trust-people");
            assert.strictEqual(people?.status, "pass", JSON.stringify(people));
            assert.match(people.detail, /except UserBad0000000000001/);
            assert.strictEqual(code, 0, JSON.stringify(report.checks));
        });

        it("gives the revocation as the reason a revoked agent is refused by the team role", async () => {
            const { code, report } = await doctor("warp-bedrock-access-role-incident", "--agent", "AgentBad000000000001");
            const agent = check(report, "trust-agent");
            assert.strictEqual(agent?.status, "fail");
            assert.match(agent.detail, /AgentBad000000000001 is revoked/);
            assert.match(agent.fix, /revokedAgents/);
            assert.strictEqual(code, 1);
            const ok = await doctor("warp-bedrock-access-role-incident", "--agent", "AgentOk0000000000001");
            assert.strictEqual(check(ok.report, "trust-agent")?.status, "pass");
        });
    });
});
