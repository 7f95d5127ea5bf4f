/**
 * describe (rules/trust/describe.ts) is the one description of who gets in, for synth, audit, adopt and
 * doctor: each group is checked against the engine's own admitsToken, and a pattern that spans teams is
 * described as any team, never as one team the engine picked as a representative.
 */
import * as assert from "assert";
import { TrustEngine, admitsToken, analyzeTrust } from "../rules/trust/engine";
import { describeAdmitted, describeAdmittedLines, describeGroup } from "../rules/trust/describe";

const PROVIDER = "arn:aws:iam::123456789012:oidc-provider/app.warp.dev";
const policy = (sub: string | string[]) => ({
    Version: "2012-10-17",
    Statement: [
        {
            Effect: "Allow",
            Principal: { Federated: PROVIDER },
            Action: "sts:AssumeRoleWithWebIdentity",
            Condition: { StringEquals: { "app.warp.dev:aud": "sts.amazonaws.com" }, StringLike: { "app.warp.dev:sub": sub } },
        },
    ],
});

describe("describe: the one description of who gets in", () => {
    const engine = new TrustEngine();

    it("scoped_principal:* is every person and named agent of any team, with the other-team exposure", () => {
        const answer = analyzeTrust(policy("scoped_principal:*"), {}, engine);
        const set = describeAdmitted(answer, engine);
        assert.deepStrictEqual(set.groups.map(describeGroup), [
            "every person of any team (app.warp.dev): interactive agents and the cloud runs they start",
            "every named agent of any team (app.warp.dev)",
        ]);
        assert.ok(!describeAdmittedLines(set).some((l) => /team a\b/.test(l)));
        for (const sub of ["scoped_principal:T1/user:u1", "scoped_principal:Other/service_account:x"]) {
            assert.strictEqual(admitsToken(answer, engine, "app.warp.dev", sub), true);
        }
    });

    it("a team's people only: one group, all of them, and no agent", () => {
        const answer = analyzeTrust(policy("scoped_principal:TEAM_A/user:*"), { allowedTeamUids: ["TEAM_A"] }, engine);
        const set = describeAdmitted(answer, engine);
        assert.deepStrictEqual(set.groups.map(describeGroup), [
            "every person of team TEAM_A (app.warp.dev): interactive agents and the cloud runs they start",
        ]);
        assert.strictEqual(admitsToken(answer, engine, "app.warp.dev", "scoped_principal:TEAM_A/service_account:x"), false);
    });

    it("named agents: the UIDs listed, scoped to the issuer and team asked for", () => {
        const answer = analyzeTrust(
            policy(["scoped_principal:TEAM_A/service_account:a1", "scoped_principal:TEAM_A/service_account:a2"]),
            {},
            engine,
        );
        const [g] = describeAdmitted(answer, engine, { issuers: ["app.warp.dev"], teams: ["TEAM_A"] }).groups;
        assert.deepStrictEqual([g.scope, g.uids, g.more], ["some", ["a1", "a2"], false]);
        assert.deepStrictEqual(describeAdmitted(answer, engine, { issuers: ["staging.warp.dev"], teams: ["TEAM_A"] }).groups, []);
    });
});
