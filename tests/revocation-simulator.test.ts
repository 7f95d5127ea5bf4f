/**
 * Incident response proved with the IAM policy simulator: a revoked agent or person is refused while
 * another agent and another person of the team still get in, in every grant mode; sessions issued
 * before the cut-off are denied a Bedrock invoke, and sessions issued after it are allowed.
 */
import * as assert from "assert";
import { AccessDocuments, buildAccessDocuments, planTeamAccess } from "../components/plan";
import { REVOKE_SESSIONS_POLICY_NAME } from "../components/revocation";
import { INLINE_POLICY_NAME } from "../components";
import { subjectFor } from "../rules/subject";
import { ACCOUNT, policiesAllow, trustAdmits } from "./support/iam-simulator";
import { deployTeam } from "./support/deploy";

const TEAM = "TeamRev01";
const NOW = Date.parse("2026-11-25T14:00:00Z");
const CUTOFF = "2026-11-25T12:00:00Z";

const agent = (uid: string) => subjectFor(TEAM, "service_account", uid);
const person = (uid: string) => subjectFor(TEAM, "user", uid);

function documents(args: Record<string, unknown>): AccessDocuments {
    return buildAccessDocuments(planTeamAccess({ teamUid: TEAM, ...args }, { now: NOW }), { partition: "aws", accountId: ACCOUNT });
}

async function admits(policy: unknown, sub: string, issuerId = "app.warp.dev"): Promise<boolean> {
    return trustAdmits(policy, { issuerId, sub, aud: "sts.amazonaws.com" });
}

/**
 * Would AWS allow this call for a session of the role, under the role's inline policies? The policies are
 * the session's identity policies; aws:TokenIssueTime is a global condition key the simulator keeps.
 */
const sessionMay = policiesAllow;

describe("revocation, proved with the IAM simulator", () => {
    describe("revoked principals", () => {
        it("grant service_account:*: the revoked agent and person are refused, another agent and person of the team get in", async () => {
            const before = documents({ allNamedAgents: true });
            const after = documents({ allNamedAgents: true, revokedAgentUids: ["agentBad"], revokedUserUids: ["userBad"] });
            for (const sub of [agent("agentBad"), person("userBad"), agent("agentOk"), person("userOk")]) {
                assert.strictEqual(await admits(before.team.trustPolicy, sub), true, `${sub} gets in before the revocation`);
            }
            assert.strictEqual(await admits(after.team.trustPolicy, agent("agentBad")), false);
            assert.strictEqual(await admits(after.team.trustPolicy, person("userBad")), false);
            assert.strictEqual(await admits(after.team.trustPolicy, agent("agentOk")), true);
            assert.strictEqual(await admits(after.team.trustPolicy, person("userOk")), true);
            // Exact matching: a UID that merely starts with the revoked one is another principal.
            assert.strictEqual(await admits(after.team.trustPolicy, agent("agentBad2")), true);
            assert.strictEqual(await admits(after.team.trustPolicy, person("userBa")), true);
        });

        it("listed agents: the revoked listed agent is refused, the other listed agent and the people get in", async () => {
            const docs = documents({
                namedAgentUids: ["agentBad", "agentOk"],
                revokedAgentUids: ["agentBad"],
                revokedUserUids: ["userBad"],
            });
            assert.strictEqual(await admits(docs.team.trustPolicy, agent("agentBad")), false);
            assert.strictEqual(await admits(docs.team.trustPolicy, agent("agentOk")), true);
            assert.strictEqual(await admits(docs.team.trustPolicy, person("userBad")), false);
            assert.strictEqual(await admits(docs.team.trustPolicy, person("userOk")), true);
            // The grant itself is as written: the listed agents stay listed.
            const grant = (docs.team.trustPolicy.Statement as any[]).find((s) => s.Sid === "WarpTeamNamedAgents");
            assert.deepStrictEqual(grant.Condition.StringEquals["app.warp.dev:sub"], [agent("agentBad"), agent("agentOk")]);
        });

        it("per-agent roles: the revoked agent's role refuses it, another agent's role admits that agent, the team role still admits people", async () => {
            const docs = documents({
                agentRoles: { agentBad: {}, agentOk: { region: "us-west-2" } },
                revokedAgentUids: ["agentBad"],
                revokedUserUids: ["userBad"],
            });
            assert.strictEqual(await admits(docs.agents.agentBad.trustPolicy, agent("agentBad")), false);
            assert.strictEqual(await admits(docs.agents.agentOk.trustPolicy, agent("agentOk")), true);
            assert.strictEqual(await admits(docs.team.trustPolicy, person("userBad")), false);
            assert.strictEqual(await admits(docs.team.trustPolicy, person("userOk")), true);
            // Only the revoked agent's own role carries a Deny; the other role is unchanged.
            assert.deepStrictEqual(
                docs.agents.agentOk.trustPolicy,
                documents({ agentRoles: { agentOk: { region: "us-west-2" } } }).agents.agentOk.trustPolicy,
            );
        });

        it("refuses the revoked principal through the staging issuer too", async () => {
            const docs = documents({ issuer: "staging.warp.dev", allNamedAgents: true, revokedAgentUids: ["agentBad"] });
            assert.strictEqual(await admits(docs.team.trustPolicy, agent("agentBad"), "staging.warp.dev"), false);
            assert.strictEqual(await admits(docs.team.trustPolicy, agent("agentOk"), "staging.warp.dev"), true);
        });

        it("revoking one principal lets no outsider in: other teams, other actor types and other issuers stay out", async () => {
            const docs = documents({ allNamedAgents: true, revokedAgentUids: ["agentBad"], revokedUserUids: ["userBad"] });
            for (const sub of [
                subjectFor("OtherTeam", "service_account", "agentOk"),
                subjectFor("OtherTeam", "user", "userBad"),
                `scoped_principal:${TEAM}/robot:agentOk`,
            ]) {
                assert.strictEqual(await admits(docs.team.trustPolicy, sub), false, sub);
            }
            assert.strictEqual(await admits(docs.team.trustPolicy, agent("agentOk"), "staging.warp.dev"), false);
        });

        it("the component's trust policy output refuses the revoked principals the same way", async () => {
            const { outputs } = await deployTeam({
                teamUid: TEAM,
                namedAgentUids: ["agentBad", "agentOk"],
                revokedAgentUids: ["agentBad"],
                revokedUserUids: ["userBad"],
            });
            assert.strictEqual(await admits(outputs.trustPolicy, agent("agentBad")), false);
            assert.strictEqual(await admits(outputs.trustPolicy, person("userBad")), false);
            assert.strictEqual(await admits(outputs.trustPolicy, agent("agentOk")), true);
            assert.strictEqual(await admits(outputs.trustPolicy, person("userOk")), true);
        });
    });

    describe("revoked sessions", () => {
        const model = "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-5-sonnet-20240620-v1:0";

        for (const [label, pick] of [
            ["the team role", (d: AccessDocuments) => d.team],
            ["a per-agent role", (d: AccessDocuments) => d.agents.agentOk],
        ] as const) {
            it(`${label}: a Bedrock invoke from a session issued before the cut-off is denied, one issued after it is allowed`, async () => {
                const docs = pick(documents({ agentRoles: { agentOk: {} }, revokeSessionsIssuedBefore: CUTOFF }));
                assert.ok(docs.revokeSessionsPolicy, "the role gets the revocation policy");
                const policies = { [INLINE_POLICY_NAME]: docs.permissionsPolicy, [REVOKE_SESSIONS_POLICY_NAME]: docs.revokeSessionsPolicy };
                const at = (time: string) => ({ "aws:TokenIssueTime": time });
                for (const action of ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"]) {
                    assert.strictEqual(
                        await sessionMay(policies, action, model, at("2026-11-25T11:59:59Z")),
                        false,
                        `${action} before the cut-off`,
                    );
                    assert.strictEqual(
                        await sessionMay(policies, action, model, at("2026-11-25T08:00:00Z")),
                        false,
                        `${action} hours before the cut-off`,
                    );
                    assert.strictEqual(
                        await sessionMay(policies, action, model, at("2026-11-25T12:00:01Z")),
                        true,
                        `${action} after the cut-off`,
                    );
                    // DateLessThan is strict: a session issued at the cut-off itself still works.
                    assert.strictEqual(await sessionMay(policies, action, model, at(CUTOFF)), true, `${action} at the cut-off`);
                }
                // Without the revocation policy the old session would still work: the policy is what cuts it.
                assert.strictEqual(
                    await sessionMay(
                        { [INLINE_POLICY_NAME]: docs.permissionsPolicy },
                        "bedrock:InvokeModel",
                        model,
                        at("2026-11-25T11:59:59Z"),
                    ),
                    true,
                );
            });
        }

        it("writes the cut-off in UTC, so a time given with an offset cuts at the same instant", async () => {
            const docs = documents({ revokeSessionsIssuedBefore: "2026-11-25T13:00:00+01:00" });
            const policies = {
                [INLINE_POLICY_NAME]: docs.team.permissionsPolicy,
                [REVOKE_SESSIONS_POLICY_NAME]: docs.team.revokeSessionsPolicy,
            };
            assert.strictEqual(
                await sessionMay(policies, "bedrock:InvokeModel", model, { "aws:TokenIssueTime": "2026-11-25T11:59:00Z" }),
                false,
            );
            assert.strictEqual(
                await sessionMay(policies, "bedrock:InvokeModel", model, { "aws:TokenIssueTime": "2026-11-25T12:01:00Z" }),
                true,
            );
        });
    });
});
