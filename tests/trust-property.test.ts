/**
 * Property sweep: for random valid configurations, the set of subjects the simulator lets assume the
 * role is exactly the set the admin asked for, and no malformed UID is ever accepted.
 */
import * as assert from "assert";
import fc from "fast-check";
import { ValidationError } from "../rules/errors";
import { parseSubject, subjectFor } from "../rules/subject";
import { buildAccessDocuments, planTeamAccess } from "../components/plan";
import { ACCOUNT as ORACLE_ACCOUNT, trustAdmits } from "./support/iam-simulator";

const uid = fc.stringMatching(/^[A-Za-z0-9_-]{1,10}$/);
const config = fc
    .record({
        teamUid: uid,
        issuer: fc.constantFrom("app.warp.dev", "staging.warp.dev"),
        grantUsers: fc.boolean(),
        agents: fc.oneof(fc.constant<"all">("all"), fc.uniqueArray(uid, { maxLength: 5 })),
    })
    .filter((c) => c.grantUsers || c.agents === "all" || c.agents.length > 0);

type Config = typeof config extends fc.Arbitrary<infer T> ? T : never;

function intended(c: Config, sub: string): boolean {
    const parsed = parseSubject(sub);
    if (!parsed.ok || parsed.teamUid !== c.teamUid || parsed.principalUid === "*") {
        return false;
    }
    return parsed.actorType === "user" ? c.grantUsers : c.agents === "all" || c.agents.includes(parsed.principalUid);
}

describe("property: the trust policy admits exactly the intended subjects", () => {
    it("holds for random teams, issuers and grants", async () => {
        await fc.assert(
            fc.asyncProperty(config, uid, uid, async (c, someone, otherTeam) => {
                const plan = planTeamAccess({
                    teamUid: c.teamUid,
                    issuer: c.issuer,
                    grantUsers: c.grantUsers,
                    ...(c.agents === "all" ? { allNamedAgents: true } : { namedAgentUids: c.agents }),
                });
                const docs = buildAccessDocuments(plan, { partition: "aws", accountId: ORACLE_ACCOUNT });
                const listed = c.agents === "all" ? [] : c.agents;
                const candidates = [
                    subjectFor(c.teamUid, "user", someone),
                    subjectFor(c.teamUid, "service_account", someone),
                    ...listed.map((a) => subjectFor(c.teamUid, "service_account", a)),
                    ...listed.map((a) => subjectFor(c.teamUid, "user", a)),
                    ...listed.map((a) => subjectFor(c.teamUid === otherTeam ? `${otherTeam}x` : otherTeam, "service_account", a)),
                    subjectFor(`${c.teamUid}0`, "user", someone),
                    subjectFor(c.teamUid === otherTeam ? `${otherTeam}x` : otherTeam, "user", someone),
                    `scoped_principal:${c.teamUid}/robot:${someone}`,
                ];
                for (const sub of candidates) {
                    const admitted = await trustAdmits(docs.team.trustPolicy, { issuerId: c.issuer, sub, aud: "sts.amazonaws.com" });
                    assert.strictEqual(admitted, intended(c, sub), `${sub} with ${JSON.stringify(c)}`);
                    if (admitted) {
                        const other = c.issuer === "app.warp.dev" ? "staging.warp.dev" : "app.warp.dev";
                        const viaOther = await trustAdmits(docs.team.trustPolicy, {
                            issuerId: other,
                            sub,
                            aud: "sts.amazonaws.com",
                        });
                        assert.strictEqual(viaOther, false, `${sub} must not be admitted through ${other}`);
                    }
                }
                assert.deepStrictEqual(
                    new Set(plan.subjects.filter((s) => !s.endsWith(":*"))),
                    new Set(listed.map((a) => subjectFor(c.teamUid, "service_account", a))),
                );
            }),
            { numRuns: 60 },
        );
    });

    it("holds with revoked agents and people, in the team role and in per-agent roles", async () => {
        // Revocations drawn partly from the granted agents and the probed principals, so they often bite.
        const withRevocations = fc.record({
            c: config,
            someone: uid,
            other: uid,
            perAgent: fc.uniqueArray(uid, { maxLength: 3 }),
            revokeSomeone: fc.constantFrom("none", "user", "agent", "both"),
            revokeListed: fc.boolean(),
            revokePerAgent: fc.boolean(),
        });
        await fc.assert(
            fc.asyncProperty(withRevocations, async ({ c, someone, other, perAgent, revokeSomeone, revokeListed, revokePerAgent }) => {
                const listed = c.agents === "all" ? [] : c.agents;
                const revokedAgents = [
                    ...(revokeSomeone === "agent" || revokeSomeone === "both" ? [someone] : []),
                    ...(revokeListed ? listed.slice(0, 1) : []),
                    ...(revokePerAgent ? perAgent.slice(0, 1) : []),
                ];
                const revokedUsers = revokeSomeone === "user" || revokeSomeone === "both" ? [someone] : [];
                const plan = planTeamAccess(
                    {
                        teamUid: c.teamUid,
                        issuer: c.issuer,
                        grantUsers: c.grantUsers,
                        ...(c.agents === "all" ? { allNamedAgents: true } : { namedAgentUids: c.agents }),
                        agentRoles: Object.fromEntries(perAgent.map((a) => [a, {}])),
                        revokedAgentUids: revokedAgents,
                        revokedUserUids: revokedUsers,
                    },
                    { now: 0 },
                );
                const docs = buildAccessDocuments(plan, { partition: "aws", accountId: ORACLE_ACCOUNT });
                const isRevoked = (sub: string) => {
                    const parsed = parseSubject(sub);
                    return (
                        parsed.ok &&
                        parsed.teamUid === c.teamUid &&
                        (parsed.actorType === "user" ? revokedUsers : revokedAgents).includes(parsed.principalUid)
                    );
                };
                const candidates = [
                    subjectFor(c.teamUid, "user", someone),
                    subjectFor(c.teamUid, "user", other),
                    subjectFor(c.teamUid, "service_account", someone),
                    subjectFor(c.teamUid, "service_account", other),
                    ...listed.map((a) => subjectFor(c.teamUid, "service_account", a)),
                    ...perAgent.map((a) => subjectFor(c.teamUid, "service_account", a)),
                    subjectFor(`${c.teamUid}0`, "service_account", someone),
                ];
                for (const sub of candidates) {
                    const team = await trustAdmits(docs.team.trustPolicy, { issuerId: c.issuer, sub, aud: "sts.amazonaws.com" });
                    assert.strictEqual(
                        team,
                        intended(c, sub) && !isRevoked(sub),
                        `team role, ${sub}, revoked ${JSON.stringify({ revokedAgents, revokedUsers })}, ${JSON.stringify(c)}`,
                    );
                    for (const a of perAgent) {
                        const own = sub === subjectFor(c.teamUid, "service_account", a);
                        const admitted = await trustAdmits(docs.agents[a].trustPolicy, {
                            issuerId: c.issuer,
                            sub,
                            aud: "sts.amazonaws.com",
                        });
                        assert.strictEqual(
                            admitted,
                            own && !isRevoked(sub),
                            `role of agent ${a}, ${sub}, revoked ${JSON.stringify(revokedAgents)}`,
                        );
                    }
                }
            }),
            { numRuns: 40 },
        );
    });

    it("never accepts a team or agent UID holding a wildcard, separator, whitespace or other character", () => {
        const poison = fc.constantFrom("*", "?", "/", ":", " ", "\t", "$", "{", "}", ".", "é", "\n");
        const badUid = fc
            .tuple(fc.stringMatching(/^[A-Za-z0-9]{0,6}$/), poison, fc.stringMatching(/^[A-Za-z0-9]{0,6}$/))
            .map(([a, p, b]) => a + p + b);
        fc.assert(
            fc.property(badUid, fc.boolean(), (bad, asTeam) => {
                const args = asTeam ? { teamUid: bad } : { teamUid: "Team1", namedAgentUids: [bad] };
                assert.throws(
                    () => planTeamAccess(args),
                    (e: unknown) => e instanceof ValidationError && e.field === (asTeam ? "teamUid" : "namedAgentUids[0]"),
                );
            }),
            { numRuns: 300 },
        );
    });
});
