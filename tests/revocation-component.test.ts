/** Incident response in the component, under Pulumi's mocks: what it registers, updates and refuses. */
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { ValidationError } from "../rules/errors";
import { TEAM_BEDROCK_ACCESS_TYPE } from "../components";
import { REVOKE_SESSIONS_POLICY_NAME, REVOKED_PRINCIPALS_SID, assertPastTime, parseIsoTime } from "../components/revocation";
import { planTeamAccess } from "../components/plan";
import { PLACEHOLDER_ACCOUNT_ID } from "../synth/mock-deployment";
import { RESOURCE_TYPES } from "../rules/constants";
import { deployExpectingError, deployTeam } from "./support/deploy";

const TEAM = "TeamRev01";
const PROVIDER = `arn:aws:iam::${PLACEHOLDER_ACCOUNT_ID}:oidc-provider/app.warp.dev`;
const ROLE = RESOURCE_TYPES.role;
const ROLE_POLICY = RESOURCE_TYPES.rolePolicy;
const CUTOFF = "2026-01-01T00:00:00Z";
const manyAgents = (n: number) => Array.from({ length: n }, (_, i) => `agent${String(i).padStart(18, "0")}`);

type Deployed = Awaited<ReturnType<typeof deployTeam>>;
const fits = (args: Record<string, unknown>) => {
    try {
        planTeamAccess(args);
        return true;
    } catch {
        return false;
    }
};
const shape = (d: Deployed) => d.deployment.custom().map((r) => `${r.type}::${r.name}::${r.parent}`);

/** Inputs of the same resource that differ between two deployments. */
function changedInputs(before: Deployed, after: Deployed, type: string, name: string): string[] {
    const a = before.deployment.custom(type).find((r) => r.name === name)!;
    const b = after.deployment.custom(type).find((r) => r.name === name)!;
    return Object.keys({ ...a.inputs, ...b.inputs }).filter((k) => JSON.stringify(a.inputs[k]) !== JSON.stringify(b.inputs[k]));
}

describe("TeamBedrockAccess incident response", () => {
    describe("revoked principals", () => {
        it("adds one Deny statement on the exact subjects and leaves the grants as they are", async () => {
            const plain = await deployTeam({ teamUid: TEAM, allNamedAgents: true });
            const { outputs } = await deployTeam({
                teamUid: TEAM,
                allNamedAgents: true,
                revokedAgentUids: ["zAgent", "aAgent", "zAgent"],
                revokedUserUids: ["user1"],
            });
            const statements = outputs.trustPolicy.Statement;
            assert.deepStrictEqual(statements.slice(0, -1), plain.outputs.trustPolicy.Statement, "the grants are unchanged");
            assert.deepStrictEqual(statements[statements.length - 1], {
                Sid: REVOKED_PRINCIPALS_SID,
                Effect: "Deny",
                Principal: { Federated: PROVIDER },
                Action: "sts:AssumeRoleWithWebIdentity",
                Condition: {
                    StringEquals: {
                        "app.warp.dev:sub": [
                            `scoped_principal:${TEAM}/user:user1`,
                            `scoped_principal:${TEAM}/service_account:aAgent`,
                            `scoped_principal:${TEAM}/service_account:zAgent`,
                        ],
                    },
                },
            });
            assert.strictEqual(statements.filter((s: any) => s.Effect === "Deny").length, 1);
            assert.deepStrictEqual(outputs.subjects, plain.outputs.subjects, "the granted subjects output stays the grants");
        });

        it("writes a single revoked subject as a string, with the staging issuer's key", async () => {
            const { outputs } = await deployTeam({ teamUid: TEAM, issuer: "staging.warp.dev", revokedUserUids: ["user1"] });
            const deny = outputs.trustPolicy.Statement.find((s: any) => s.Effect === "Deny");
            assert.deepStrictEqual(deny.Condition, { StringEquals: { "staging.warp.dev:sub": `scoped_principal:${TEAM}/user:user1` } });
            assert.strictEqual(deny.Principal.Federated, `arn:aws:iam::${PLACEHOLDER_ACCOUNT_ID}:oidc-provider/staging.warp.dev`);
        });

        it("adds no statement when nothing is revoked, empty lists included", async () => {
            const plain = await deployTeam({ teamUid: TEAM });
            const empty = await deployTeam({ teamUid: TEAM, revokedAgentUids: [], revokedUserUids: [], revokeSessionsIssuedBefore: "" });
            assert.deepStrictEqual(empty.outputs.trustPolicy, plain.outputs.trustPolicy);
            assert.deepStrictEqual(shape(empty), shape(plain));
        });

        it("puts the Deny in a per-agent role only when that agent is revoked", async () => {
            const { deployment } = await deployTeam({
                teamUid: TEAM,
                agentRoles: { agentBad: {}, agentOk: {} },
                revokedAgentUids: ["agentBad"],
            });
            const trustOf = (uid: string) =>
                JSON.parse(deployment.custom(ROLE).find((r) => r.name === `team-agent-${uid}`)!.inputs.assumeRolePolicy);
            const bad = trustOf("agentBad");
            assert.deepStrictEqual(
                bad.Statement.map((s: any) => s.Effect),
                ["Allow", "Deny"],
            );
            assert.strictEqual(
                bad.Statement[1].Condition.StringEquals["app.warp.dev:sub"],
                `scoped_principal:${TEAM}/service_account:agentBad`,
            );
            assert.deepStrictEqual(
                trustOf("agentOk").Statement.map((s: any) => s.Effect),
                ["Allow"],
            );
        });

        it("revoking and un-revoking updates only the trust policy, in place: same resources, same names, no replace-triggering input", async () => {
            // The AWS provider replaces a role when its name, name prefix or path changes; the trust policy is updated in place.
            const base = { teamUid: TEAM, namedAgentUids: ["a1", "a2"], roleName: "warp-team", agentRoles: { a1: {} } };
            const before = await deployTeam(base);
            const revoked = await deployTeam({ ...base, revokedAgentUids: ["a1"], revokedUserUids: ["u1"] });
            const restored = await deployTeam(base);
            assert.deepStrictEqual(shape(revoked), shape(before));
            for (const name of ["team-role", "team-agent-a1"]) {
                assert.deepStrictEqual(changedInputs(before, revoked, ROLE, name), ["assumeRolePolicy"], name);
                assert.deepStrictEqual(changedInputs(revoked, restored, ROLE, name), ["assumeRolePolicy"], name);
            }
            assert.deepStrictEqual(restored.outputs.trustPolicy, before.outputs.trustPolicy);
        });

        it("counts the Deny statement in the trust-policy size budget", async () => {
            // As many listed agents as fit, then revoke half of them: the grants alone still fit.
            let n = 1;
            while (fits({ teamUid: TEAM, namedAgentUids: manyAgents(n + 1) })) {
                n++;
            }
            const agents = manyAgents(n);
            const grants = { teamUid: TEAM, namedAgentUids: agents };
            await deployTeam(grants);
            const revoked = agents.slice(0, Math.ceil(n / 2));
            const { error, deployment } = await deployExpectingError({ ...grants, revokedAgentUids: revoked });
            assert.ok(error instanceof ValidationError, String(error));
            assert.strictEqual((error as ValidationError).field, "revokedAgentUids");
            assert.match(error.message, /trust policy would be \d+ characters, over IAM's limit of 2048.*maxTrustPolicyLength/);
            assert.deepStrictEqual(deployment.resources, []);
            const raised = await deployTeam({ ...grants, revokedAgentUids: revoked, maxTrustPolicyLength: 4096 });
            assert.strictEqual(
                raised.outputs.trustPolicy.Statement.at(-1).Condition.StringEquals["app.warp.dev:sub"].length,
                revoked.length,
            );
        });
    });

    describe("revoked sessions", () => {
        it("puts the AWSRevokeOlderSessions policy on the team role and every per-agent role", async () => {
            const { deployment, outputs } = await deployTeam({
                teamUid: TEAM,
                agentRoles: { a1: {}, a2: { region: "eu-west-1" } },
                revokeSessionsIssuedBefore: CUTOFF,
            });
            const component = deployment.resources.find((r) => r.type === TEAM_BEDROCK_ACCESS_TYPE)!;
            const revocations = deployment.custom(ROLE_POLICY).filter((p) => p.inputs.name === REVOKE_SESSIONS_POLICY_NAME);
            assert.deepStrictEqual(revocations.map((p) => p.name).sort(), [
                "team-agent-a1-revoke-sessions",
                "team-agent-a2-revoke-sessions",
                "team-revoke-sessions",
            ]);
            const roleNames: Record<string, string> = {
                "team-revoke-sessions": outputs.roleName!,
                "team-agent-a1-revoke-sessions": outputs.agentRoleArns.a1.split("/").pop()!,
                "team-agent-a2-revoke-sessions": outputs.agentRoleArns.a2.split("/").pop()!,
            };
            for (const p of revocations) {
                assert.strictEqual(p.parent, component.urn);
                assert.strictEqual(p.inputs.role, roleNames[p.name], `${p.name} is on its own role`);
                assert.deepStrictEqual(JSON.parse(p.inputs.policy), {
                    Version: "2012-10-17",
                    Statement: [
                        { Effect: "Deny", Action: ["*"], Resource: ["*"], Condition: { DateLessThan: { "aws:TokenIssueTime": CUTOFF } } },
                    ],
                });
            }
        });

        it("writes the time in UTC whatever offset it was given with", async () => {
            const { deployment } = await deployTeam({ teamUid: TEAM, revokeSessionsIssuedBefore: "2025-12-31T19:30:00.250-05:00" });
            const [p] = deployment.custom(ROLE_POLICY).filter((r) => r.inputs.name === REVOKE_SESSIONS_POLICY_NAME);
            assert.strictEqual(
                JSON.parse(p.inputs.policy).Statement[0].Condition.DateLessThan["aws:TokenIssueTime"],
                "2026-01-01T00:30:00.250Z",
            );
        });

        it("changes no role input and no trust policy; a new cut-off updates the same policy resource in place", async () => {
            const before = await deployTeam({ teamUid: TEAM, roleName: "warp-team" });
            const revoked = await deployTeam({ teamUid: TEAM, roleName: "warp-team", revokeSessionsIssuedBefore: CUTOFF });
            const later = await deployTeam({ teamUid: TEAM, roleName: "warp-team", revokeSessionsIssuedBefore: "2026-02-01T00:00:00Z" });
            assert.deepStrictEqual(changedInputs(before, revoked, ROLE, "team-role"), []);
            assert.deepStrictEqual(
                shape(revoked).filter((s) => !shape(before).includes(s)),
                [`${ROLE_POLICY}::team-revoke-sessions::${revoked.deployment.custom(ROLE_POLICY)[0].parent}`],
            );
            assert.deepStrictEqual(shape(later), shape(revoked));
            assert.deepStrictEqual(changedInputs(revoked, later, ROLE_POLICY, "team-revoke-sessions"), ["policy"]);
        });

        it("accepts the cut-off as an Output (a StackReference)", async () => {
            const { deployment } = await deployTeam({ teamUid: TEAM, revokeSessionsIssuedBefore: pulumi.output(Promise.resolve(CUTOFF)) });
            assert.strictEqual(deployment.custom(ROLE_POLICY).filter((r) => r.inputs.name === REVOKE_SESSIONS_POLICY_NAME).length, 1);
        });
    });

    describe("disabled agent overrides", () => {
        it("creates no role for a disabled agent and gives it the override { disabled: true }", async () => {
            const { deployment, outputs } = await deployTeam({
                teamUid: TEAM,
                agentRoles: { agentOff: { disabled: true, region: "us-west-2" }, agentOn: { disabled: false } },
            });
            assert.deepStrictEqual(
                deployment
                    .custom(ROLE)
                    .map((r) => r.name)
                    .sort(),
                ["team-agent-agentOn", "team-role"],
            );
            assert.ok(deployment.custom(ROLE_POLICY).every((p) => !p.name.includes("agentOff")));
            assert.deepStrictEqual(outputs.agentOverrides.agentOff, { disabled: true });
            assert.deepStrictEqual(outputs.agentOverrides.agentOn, { role_arn: outputs.agentRoleArns.agentOn });
            assert.deepStrictEqual(Object.keys(outputs.agentRoleArns), ["agentOn"]);
        });

        it("gives a disabled agent no session revocation policy either", async () => {
            const { deployment } = await deployTeam({
                teamUid: TEAM,
                agentRoles: { agentOff: { disabled: true } },
                revokeSessionsIssuedBefore: CUTOFF,
            });
            assert.deepStrictEqual(
                deployment
                    .custom(ROLE_POLICY)
                    .map((p) => p.name)
                    .sort(),
                ["team-bedrock", "team-revoke-sessions"],
            );
        });
    });

    describe("refusals", () => {
        const now = Date.now();
        const future = new Date(now + 3_600_000).toISOString();
        const refusals: Array<[string, Record<string, unknown>, string, RegExp]> = [
            ["a wildcard revoked agent", { revokedAgentUids: ["*"] }, "revokedAgentUids[0]", /wildcard/],
            ["a revoked agent with a slash", { revokedAgentUids: ["ok1", "a/b"] }, "revokedAgentUids[1]", /'\/' or ':'/],
            ["a revoked agent list that is a string", { revokedAgentUids: "a1" }, "revokedAgentUids", /not a list/],
            ["an empty revoked user", { revokedUserUids: [""] }, "revokedUserUids[0]", /empty/],
            ["a revoked user pattern", { revokedUserUids: ["user*"] }, "revokedUserUids[0]", /wildcard/],
            ["a revoked user with a space", { revokedUserUids: ["a b"] }, "revokedUserUids[0]", /whitespace/],
            [
                "a cut-off in the future",
                { revokeSessionsIssuedBefore: future },
                "revokeSessionsIssuedBefore",
                /is in the future.*Give a time that has passed/,
            ],
            [
                "a cut-off that is not a time",
                { revokeSessionsIssuedBefore: "yesterday" },
                "revokeSessionsIssuedBefore",
                /not a valid ISO 8601.*such as 2026-11-25T13:30:00Z/,
            ],
            [
                "a cut-off without a time zone",
                { revokeSessionsIssuedBefore: "2026-01-01T00:00:00" },
                "revokeSessionsIssuedBefore",
                /not a valid ISO 8601 date and time with a time zone/,
            ],
            [
                "a cut-off with only a date",
                { revokeSessionsIssuedBefore: "2026-01-01" },
                "revokeSessionsIssuedBefore",
                /not a valid ISO 8601/,
            ],
            [
                "a cut-off on a day that does not exist",
                { revokeSessionsIssuedBefore: "2026-02-30T00:00:00Z" },
                "revokeSessionsIssuedBefore",
                /not a valid ISO 8601/,
            ],
            [
                "a cut-off at hour 24",
                { revokeSessionsIssuedBefore: "2026-01-01T24:00:00Z" },
                "revokeSessionsIssuedBefore",
                /not a valid ISO 8601/,
            ],
            ["a cut-off as epoch seconds", { revokeSessionsIssuedBefore: 1767225600 }, "revokeSessionsIssuedBefore", /not a time/],
            ["a disabled flag that is text", { agentRoles: { a1: { disabled: "yes" } } }, "agentRoles.a1.disabled", /not a boolean/],
        ];
        for (const [name, args, field, message] of refusals) {
            it(`refuses ${name}, naming ${field}, and registers nothing`, async () => {
                const { error, deployment } = await deployExpectingError({ teamUid: TEAM, ...args });
                assert.ok(error instanceof ValidationError, `expected a ValidationError, got ${error}`);
                assert.strictEqual((error as ValidationError).field, field);
                assert.match(error.message, message);
                assert.deepStrictEqual(
                    deployment.resources.map((r) => r.type),
                    [],
                );
            });
        }

        it("refuses a cut-off Output that resolves to a future time, and registers no child resource", async () => {
            const { error, deployment } = await deployExpectingError({
                teamUid: TEAM,
                revokeSessionsIssuedBefore: pulumi.output(Promise.resolve(future)),
            });
            assert.strictEqual((error as ValidationError).field, "revokeSessionsIssuedBefore");
            assert.deepStrictEqual(deployment.custom(), []);
        });

        it("refuses a cut-off Output that resolves empty, instead of leaving a policy without a time", async () => {
            const { error, deployment } = await deployExpectingError({ teamUid: TEAM, revokeSessionsIssuedBefore: pulumi.output("") });
            assert.strictEqual((error as ValidationError).field, "revokeSessionsIssuedBefore");
            assert.match(error.message, /resolved to an empty value/);
            assert.deepStrictEqual(deployment.custom(), []);
        });

        it("refuses a disabled flag that is not known while the program runs", async () => {
            const { error } = await deployExpectingError({ teamUid: TEAM, agentRoles: { a1: { disabled: pulumi.output(true) } } });
            assert.strictEqual((error as ValidationError).field, "agentRoles.a1.disabled");
            assert.match(error.message, /not known while the program runs/);
        });
    });

    describe("the cut-off time", () => {
        it("reads ISO 8601 times with Z, offsets, seconds left out and fractions", () => {
            assert.strictEqual(parseIsoTime("2026-01-01T00:00:00Z"), Date.UTC(2026, 0, 1));
            assert.strictEqual(parseIsoTime("2026-01-01T01:00+01:00"), Date.UTC(2026, 0, 1));
            assert.strictEqual(parseIsoTime("2025-12-31T23:59:59.5Z"), Date.UTC(2026, 0, 1) - 500);
            assert.strictEqual(parseIsoTime("2024-02-29T00:00:00Z"), Date.UTC(2024, 1, 29), "a leap day");
            assert.strictEqual(parseIsoTime("2025-02-29T00:00:00Z"), undefined, "not a leap year");
            assert.strictEqual(parseIsoTime("2026-01-01T00:00:00+25:00"), undefined);
        });

        it("accepts the current time and refuses a millisecond later", () => {
            const now = Date.UTC(2026, 10, 25, 13, 30);
            assert.strictEqual(assertPastTime("2026-11-25T13:30:00Z", "t", now), "2026-11-25T13:30:00Z");
            assert.throws(() => assertPastTime("2026-11-25T13:30:00.001Z", "t", now), /in the future \(it is now 2026-11-25T13:30:00Z\)/);
        });

        it("plans with the time it is given, so a plan is reproducible", () => {
            const plan = planTeamAccess(
                { teamUid: TEAM, revokeSessionsIssuedBefore: "2030-01-01T00:00:00Z" },
                { now: Date.UTC(2031, 0, 1) },
            );
            assert.strictEqual(plan.revoked.sessionsIssuedBefore, "2030-01-01T00:00:00Z");
        });
    });
});
