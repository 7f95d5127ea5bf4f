/**
 * The component checks its own documents with the engine and the rules the pack and lint use, for its
 * team and issuer: a mandatory finding, a broken role or a role Warp cannot assume stops the program.
 * Conventions do not: they admit no outsider.
 */
import * as assert from "assert";
import { buildAccessDocuments, checkAgainstRules, planTeamAccess } from "../components/plan";

describe("the component's documents pass the policy pack's rules", () => {
    const plan = planTeamAccess({ teamUid: "Team1", namedAgentUids: ["a1"] });
    const docs = buildAccessDocuments(plan, { partition: "aws", accountId: "123456789012" }).team;
    const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));
    const people = (d: typeof docs) => (d.trustPolicy.Statement as any)[0];

    it("accepts what the builders produce", () => assert.doesNotThrow(() => checkAgainstRules(plan, docs, "123456789012")));

    it("accepts a trust policy that spans actor types: a convention, no outsider gets in", () => {
        const spanning = clone(docs);
        people(spanning).Condition.StringLike["app.warp.dev:sub"] = "scoped_principal:Team1/*";
        assert.doesNotThrow(() => checkAgainstRules(plan, spanning, "123456789012"));
    });

    it("stops on a trust policy for another team, naming the witness", () => {
        const bad = clone(docs);
        people(bad).Condition.StringLike["app.warp.dev:sub"] = "scoped_principal:Team2/user:*";
        assert.throws(
            () => checkAgainstRules(plan, bad, "123456789012"),
            /warp-trust-team-allowlist: the role admits a team outside Team1: a token from app\.warp\.dev with sub "scoped_principal:Team2\/user:/,
        );
    });

    it("stops on a trust policy without the audience", () => {
        const bad = clone(docs);
        delete people(bad).Condition.StringEquals;
        assert.throws(() => checkAgainstRules(plan, bad, "123456789012"), /rules \(warp-trust-audience: /);
    });

    it("stops on a trust policy that admits tokens without sub", () => {
        const bad = clone(docs);
        people(bad).Condition = {
            StringEquals: { "app.warp.dev:aud": "sts.amazonaws.com" },
            StringLikeIfExists: { "app.warp.dev:sub": "scoped_principal:Team1/user:*" },
        };
        assert.throws(() => checkAgainstRules(plan, bad, "123456789012"), /warp-trust-subject: .*no sub claim/);
    });

    it("stops on a trust policy that also trusts another account", () => {
        const bad = clone(docs);
        (bad.trustPolicy.Statement as any[]).push({
            Effect: "Allow",
            Principal: { AWS: "arn:aws:iam::444455556666:root" },
            Action: "sts:AssumeRole",
        });
        assert.throws(() => checkAgainstRules(plan, bad, "123456789012"), /warp-trust-other-principals: .*account 444455556666/);
    });

    it("stops on a broken trust policy that admits none of the team", () => {
        const bad = clone(docs);
        for (const s of bad.trustPolicy.Statement as any[]) {
            s.Condition = {
                StringEquals: { "staging.warp.dev:aud": "sts.amazonaws.com" },
                StringLike: { "staging.warp.dev:sub": "scoped_principal:Team1/user:*" },
            };
        }
        assert.throws(
            () => checkAgainstRules(plan, bad, "123456789012"),
            /^Error: internal error: a generated policy breaks the warp-bedrock-guard rules \(warp-trust-broken-role: /,
        );
    });

    it("stops on permissions wider than Bedrock invocation", () => {
        const bad = clone(docs);
        (bad.permissionsPolicy.Statement as any)[0].Action = "bedrock:*";
        assert.throws(() => checkAgainstRules(plan, bad, "123456789012"), /rules \(warp-role-bedrock-permissions-only: /);
    });
});

describe("each role is judged once, for its real account", () => {
    it("planning checks sizes without the rules; building for the account runs them once per role", () => {
        const registry = require("../rules/registry");
        const original = registry.analyzeTrustPolicy;
        let calls = 0;
        registry.analyzeTrustPolicy = (...args: unknown[]) => {
            calls++;
            return original(...args);
        };
        try {
            const plan = planTeamAccess({ teamUid: "Team1", namedAgentUids: ["a1"], agentRoles: { a2: {} } });
            assert.strictEqual(calls, 0);
            buildAccessDocuments(plan, { partition: "aws", accountId: "123456789012" });
            assert.strictEqual(calls, 2, "one team role and one agent role");
        } finally {
            registry.analyzeTrustPolicy = original;
        }
    });

    it("a provider of another account is refused by the self-check (the account is known)", () => {
        const plan = planTeamAccess({ teamUid: "Team1" });
        const docs = buildAccessDocuments(plan, { partition: "aws", accountId: "123456789012" }).team;
        const moved = JSON.parse(JSON.stringify(docs).split("123456789012").join("999999999999"));
        assert.throws(() => checkAgainstRules(plan, moved, "123456789012"), /does not federate to the issuer|broken|internal error/);
    });
});
