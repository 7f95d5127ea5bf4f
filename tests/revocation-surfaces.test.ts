/**
 * Incident response everywhere the plan is shown or applied: stack config, synth's text and json, the
 * AWS CLI export, the policy pack and the permissions rule.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { ValidationError } from "../rules/errors";
import { analyzePermissionsPolicy } from "../rules/registry";
import { stackSettingsFromConfig } from "../components/stack-config";
import { runStackProgram } from "../components/stack-program";
import { buildRevokeSessionsPolicy } from "../components/revocation";
import { buildAccessDocuments, planTeamAccess } from "../components/plan";
import { installMocks, resolveOutput, settle } from "../synth/mock-deployment";
import { projectConfigDefaults } from "../synth/project-defaults";
import { DOC_DELIMITER } from "../synth/aws-cli";
import { arg, bashSyntaxCheck, runScript } from "./support/fake-aws";
import { runCli, stackFile } from "./support/run-cli";
import { RESOURCE_TYPES } from "../rules/constants";

const TEAM = "TeamRev01";
const CUTOFF = "2026-01-01T00:00:00Z";
const reader = (values: Record<string, unknown>) => (key: string) => values[key];

/** A stack that revokes an agent with its own role and a person, cuts sessions, and disables one agent. */
const INCIDENT_STACK = `config:
  aws:region: us-east-1
  warp-bedrock-access:teamUid: ${TEAM}
  warp-bedrock-access:namedAgents: all
  warp-bedrock-access:revokedAgents:
    - agentBad
  warp-bedrock-access:revokedUsers:
    - userBad
  warp-bedrock-access:revokeSessionsIssuedBefore: ${CUTOFF}
  warp-bedrock-access:agentRoles:
    agentBad: {}
    agentOk: {}
    agentOff:
      disabled: true
`;

async function synth(format: string, yaml = INCIDENT_STACK) {
    const r = await runCli("synth", stackFile(yaml, "incident"), "--format", format);
    assert.strictEqual(r.code, 0, r.stderr);
    return r.stdout;
}

describe("incident response on every surface", () => {
    describe("stack config", () => {
        it("maps revokedAgents, revokedUsers and revokeSessionsIssuedBefore onto the component's arguments", () => {
            const settings = stackSettingsFromConfig(
                reader({ teamUid: TEAM, revokedAgents: ["a1"], revokedUsers: ["u1"], revokeSessionsIssuedBefore: CUTOFF }),
            );
            assert.deepStrictEqual(settings.componentArgs, {
                teamUid: TEAM,
                revokedAgentUids: ["a1"],
                revokedUserUids: ["u1"],
                revokeSessionsIssuedBefore: CUTOFF,
            });
        });

        it("treats Pulumi.yaml's defaults (empty lists, empty time) as unset", () => {
            const settings = stackSettingsFromConfig(
                reader({ teamUid: TEAM, revokedAgents: [], revokedUsers: [], revokeSessionsIssuedBefore: "" }),
            );
            assert.deepStrictEqual(settings.componentArgs, { teamUid: TEAM });
        });

        for (const [key, value, field] of [
            ["revokedAgents", ["ok", "a*"], "revokedAgents[1]"],
            ["revokedUsers", "u1", "revokedUsers"],
            ["revokedUsers", [""], "revokedUsers[0]"],
        ] as const) {
            it(`names the config key ${field} when refusing ${JSON.stringify(value)}`, () =>
                assert.throws(
                    () => stackSettingsFromConfig(reader({ teamUid: TEAM, [key]: value })),
                    (e: unknown) => e instanceof ValidationError && e.field === field,
                ));
        }

        it("runs the stack program with the keys as the Pulumi CLI passes them", async () => {
            const config = {
                ...projectConfigDefaults(),
                "warp-bedrock-access:teamUid": TEAM,
                "warp-bedrock-access:revokedAgents": JSON.stringify(["agentBad"]),
                "warp-bedrock-access:revokeSessionsIssuedBefore": CUTOFF,
                "warp-bedrock-access:agentRoles": JSON.stringify({ agentOff: { disabled: true } }),
            };
            const deployment = installMocks({ config });
            const exported = runStackProgram(new pulumi.Config());
            const trust = JSON.parse((await resolveOutput(exported.trustPolicy)).value as string);
            const overrides = (await resolveOutput(exported.agentOverrides)).value;
            await settle(deployment);
            assert.deepStrictEqual(trust.Statement.at(-1).Condition.StringEquals, {
                "app.warp.dev:sub": `scoped_principal:${TEAM}/service_account:agentBad`,
            });
            assert.deepStrictEqual(overrides, { agentOff: { disabled: true } });
            assert.deepStrictEqual(
                deployment
                    .custom(RESOURCE_TYPES.rolePolicy)
                    .map((p) => p.inputs.name)
                    .sort(),
                ["AWSRevokeOlderSessions", "warp-bedrock-invoke"],
            );
        });

        it("refuses a future cut-off from stack config before anything exists, naming the key", async () => {
            installMocks({
                config: {
                    ...projectConfigDefaults(),
                    "warp-bedrock-access:teamUid": TEAM,
                    "warp-bedrock-access:revokeSessionsIssuedBefore": "2999-01-01T00:00:00Z",
                },
            });
            assert.throws(
                () => runStackProgram(new pulumi.Config()),
                (e: unknown) => e instanceof ValidationError && e.field === "revokeSessionsIssuedBefore",
            );
        });
    });

    describe("synth", () => {
        it("text: lists the revoked principals under 'Who may assume it', the session cut-off with its time, and disabled agents", async () => {
            const out = await synth("text");
            const team = out.slice(
                out.indexOf("Role warp-bedrock-access-role\n"),
                out.indexOf("  Trust policy:", out.indexOf("Role warp-bedrock-access-role\n")),
            );
            assert.match(
                team,
                /Who may assume it \(the trust engine's answer\):\n {4}- every one of the people of team TeamRev01 \(app.warp.dev\) except userBad/,
            );
            assert.match(team, /- every one of the named agents of team TeamRev01 \(app.warp.dev\) except agentBad/);
            assert.match(
                team,
                /Granted subjects, as written:\n {4}- any person of team TeamRev01[\s\S]*- any named agent \(service account\) of team TeamRev01/,
            );
            assert.match(
                team,
                /Revoked: refused by a Deny statement even where a grant above matches\n {4}- REVOKED the person userBad of team TeamRev01\n {6}scoped_principal:TeamRev01\/user:userBad {2}\[WarpRevokedPrincipals\]/,
            );
            assert.match(
                team,
                /- REVOKED the named agent agentBad of team TeamRev01\n {6}scoped_principal:TeamRev01\/service_account:agentBad {2}\[WarpRevokedPrincipals\]/,
            );
            assert.match(
                team,
                /Sessions issued before 2026-01-01T00:00:00Z are revoked \(inline policy AWSRevokeOlderSessions\): every one of them, the innocent included,/,
            );
            assert.match(team, /new ones included, work at once/);
            assert.ok(!team.includes("nobody can assume"), "the team role still admits the rest of the team");
            const badRole = out.slice(out.indexOf("Role warp-bedrock-access-agent-agentBad\n"));
            assert.match(badRole, /REVOKED the named agent agentBad[\s\S]*So nobody can assume this role while the revocation stands\./);
            assert.match(out, /Named agents with their override turned off[^\n]*\n {2}- agentOff\n/);
            assert.ok(!/Role warp-bedrock-access-agent-agentOff/.test(out), "a disabled agent has no role");
        });

        it("json: carries the revoked subjects, the cut-off and the disabled agents as data", async () => {
            const doc = JSON.parse(await synth("json"));
            const [team, bad, ok] = [
                "warp-bedrock-access-role",
                "warp-bedrock-access-agent-agentBad",
                "warp-bedrock-access-agent-agentOk",
            ].map((name) => doc.roles.find((r: any) => r.resource === name));
            assert.deepStrictEqual(
                team.revokedSubjects.map((s: any) => s.subject),
                [`scoped_principal:${TEAM}/user:userBad`, `scoped_principal:${TEAM}/service_account:agentBad`],
            );
            assert.deepStrictEqual(
                team.subjects.map((s: any) => s.subject),
                [`scoped_principal:${TEAM}/user:*`, `scoped_principal:${TEAM}/service_account:*`],
                "revoked subjects are not listed as granted",
            );
            assert.deepStrictEqual(
                bad.revokedSubjects.map((s: any) => s.subject),
                [`scoped_principal:${TEAM}/service_account:agentBad`],
            );
            assert.deepStrictEqual(ok.revokedSubjects, []);
            for (const role of [team, bad, ok]) {
                assert.deepStrictEqual(role.sessionsRevoked, { issuedBefore: CUTOFF, policy: "AWSRevokeOlderSessions" });
                assert.deepStrictEqual(
                    role.inlinePolicies.find((p: any) => p.name === "AWSRevokeOlderSessions").document,
                    buildRevokeSessionsPolicy(CUTOFF),
                );
            }
            assert.deepStrictEqual(doc.disabledAgents, ["agentOff"]);
            assert.deepStrictEqual(doc.outputs.agentOverrides.agentOff, { disabled: true });
        });

        it("json: a plan without revocations says so with empty data", async () => {
            const doc = JSON.parse(await synth("json", `config:\n  warp-bedrock-access:teamUid: ${TEAM}\n`));
            assert.deepStrictEqual(doc.roles[0].revokedSubjects, []);
            assert.strictEqual(doc.roles[0].sessionsRevoked, undefined);
            assert.deepStrictEqual(doc.disabledAgents, []);
        });

        for (const [label, value, message] of [
            ["a future cut-off", "2999-01-01T00:00:00Z", /revokeSessionsIssuedBefore: "2999-01-01T00:00:00Z" is in the future/],
            [
                "a cut-off that is not a time",
                "last tuesday",
                /revokeSessionsIssuedBefore: "last tuesday" is not a valid ISO 8601 date and time/,
            ],
        ] as const) {
            it(`exits 2 with nothing on standard output for ${label}`, async () => {
                const r = await runCli(
                    "synth",
                    stackFile(
                        `config:\n  warp-bedrock-access:teamUid: ${TEAM}\n  warp-bedrock-access:revokeSessionsIssuedBefore: ${value}\n`,
                    ),
                );
                assert.strictEqual(r.code, 2, r.stderr);
                assert.strictEqual(r.stdout, "");
                assert.match(r.stderr, message);
            });
        }

        it("the policy pack passes the narrowing Deny and the session revocation policy with no mandatory finding", async () => {
            const doc = JSON.parse(await synth("json"));
            const mandatory = [
                ...doc.verdicts.resources.flatMap((r: any) => r.violations.map((v: any) => ({ ...v, name: r.name }))),
                ...doc.verdicts.stack,
            ].filter((v: any) => v.level === "mandatory");
            assert.deepStrictEqual(mandatory, []);
            const team = doc.verdicts.resources.find((r: any) => r.name === "warp-bedrock-access-role");
            assert.ok(!team.violations.some((v: any) => /deny/i.test(v.message)), JSON.stringify(team.violations));
            for (const r of doc.verdicts.resources.filter((x: any) => x.name.endsWith("-revoke-sessions"))) {
                assert.deepStrictEqual(r.violations, [], r.name);
            }
        });
    });

    describe("--format aws-cli", () => {
        it("embeds the same documents, revocation policies included, and puts them on every role", async () => {
            const script = await synth("aws-cli");
            assert.ok(bashSyntaxCheck(script).ok);
            const doc = JSON.parse(await synth("json"));
            const re = new RegExp(`^read_document (\\w+) <<'${DOC_DELIMITER}'\\n([\\s\\S]*?)\\n${DOC_DELIMITER}$`, "gm");
            const embedded = [...script.matchAll(re)].map((m) => JSON.parse(m[2]));
            assert.deepStrictEqual(
                embedded,
                doc.roles.flatMap((r: any) => [r.trustPolicy, ...r.inlinePolicies.map((p: any) => p.document)]),
            );

            const run = runScript(script, { account: "111122223333" });
            assert.strictEqual(run.code, 0, run.stderr);
            const puts = run.calls.filter((c) => c[1] === "put-role-policy" && arg(c, "--policy-name") === "AWSRevokeOlderSessions");
            const roles = run.calls.filter((c) => c[1] === "create-role").map((c) => arg(c, "--role-name"));
            assert.deepStrictEqual(
                puts.map((c) => arg(c, "--role-name")),
                roles,
                "every role gets the session revocation",
            );
            puts.forEach((c) => assert.deepStrictEqual(JSON.parse(arg(c, "--policy-document")!), buildRevokeSessionsPolicy(CUTOFF)));
            const teamTrust = JSON.parse(
                arg(
                    run.calls.find((c) => c[1] === "create-role")!,
                    "--assume-role-policy-document",
                )!,
            );
            assert.deepStrictEqual(teamTrust.Statement.at(-1).Condition.StringEquals["app.warp.dev:sub"], [
                `scoped_principal:${TEAM}/user:userBad`,
                `scoped_principal:${TEAM}/service_account:agentBad`,
            ]);
            assert.match(
                run.stdout,
                /named agent agentOff: its override is turned off; set its inference_providers\.aws override to \{"disabled": true\}/,
            );
            assert.match(script, /^# Revokes every session of this role issued before 2026-01-01T00:00:00Z/m);
        });
    });

    describe("warp-bedrock lint", () => {
        it("reports the team role's revoked trust policy and the session revocation policy with no finding", async () => {
            const docs = buildAccessDocuments(
                planTeamAccess({
                    teamUid: TEAM,
                    allNamedAgents: true,
                    revokedAgentUids: ["agentBad"],
                    revokedUserUids: ["userBad"],
                    revokeSessionsIssuedBefore: CUTOFF,
                }),
                { partition: "aws", accountId: "123456789012" },
            );
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "warp-revoke-lint-"));
            const write = (name: string, doc: unknown) => {
                fs.writeFileSync(path.join(dir, name), JSON.stringify(doc, null, 2));
                return path.join(dir, name);
            };
            const files = [write("trust.json", docs.team.trustPolicy), write("revoke.json", docs.team.revokeSessionsPolicy)];
            const r = await runCli("lint", "--format", "json", "--team", TEAM, ...files);
            assert.strictEqual(r.code, 0, r.stdout + r.stderr);
            assert.deepStrictEqual(JSON.parse(r.stdout).findings, []);
        });
    });

    describe("the permissions rule", () => {
        it("accepts the session revocation deny: a Deny of * only narrows", () => {
            assert.deepStrictEqual(analyzePermissionsPolicy(buildRevokeSessionsPolicy(CUTOFF)).findings, []);
            assert.deepStrictEqual(analyzePermissionsPolicy(JSON.stringify(buildRevokeSessionsPolicy(CUTOFF))).findings, []);
        });

        it("still refuses an Allow of *, so the acceptance is about the Deny", () => {
            const allow = {
                ...buildRevokeSessionsPolicy(CUTOFF),
                Statement: [{ ...(buildRevokeSessionsPolicy(CUTOFF).Statement as any[])[0], Effect: "Allow" }],
            };
            assert.ok(analyzePermissionsPolicy(allow).findings.some((f) => f.level === "mandatory" && f.tier === "exposure"));
        });
    });
});
