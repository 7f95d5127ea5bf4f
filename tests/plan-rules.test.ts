import * as assert from "assert";
import { buildAccessDocuments, checkAgainstRules, planTeamAccess } from "../components/plan";

describe("the component's documents pass the policy pack's rules", () => {
    const plan = planTeamAccess({ teamUid: "Team1", namedAgentUids: ["a1"] });
    const docs = buildAccessDocuments(plan, { partition: "aws", accountId: "123456789012" }).team;
    const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));

    it("accepts what the builders produce", () => assert.doesNotThrow(() => checkAgainstRules(plan, docs)));

    it("stops on a trust policy that spans actor types", () => {
        const bad = clone(docs);
        (bad.trustPolicy.Statement as any)[0].Condition.StringLike["app.warp.dev:sub"] = "scoped_principal:Team1/*";
        assert.throws(() => checkAgainstRules(plan, bad), /warp-trust-subject/);
    });

    it("stops on a trust policy for another team", () => {
        const bad = clone(docs);
        (bad.trustPolicy.Statement as any)[0].Condition.StringLike["app.warp.dev:sub"] = "scoped_principal:Team2/user:*";
        assert.throws(() => checkAgainstRules(plan, bad), /warp-trust-team-allowlist/);
    });

    it("stops on a trust policy without the audience", () => {
        const bad = clone(docs);
        delete (bad.trustPolicy.Statement as any)[0].Condition.StringEquals;
        assert.throws(() => checkAgainstRules(plan, bad), /warp-trust-audience/);
    });

    it("stops on permissions wider than Bedrock invocation", () => {
        const bad = clone(docs);
        (bad.permissionsPolicy.Statement as any)[0].Action = "bedrock:*";
        assert.throws(() => checkAgainstRules(plan, bad), /warp-role-bedrock-permissions-only/);
    });
});
