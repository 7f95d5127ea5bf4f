/** bedrock-only: its good examples pass, each bad example gets a finding of the rule with its level and tier. */
import * as assert from "assert";
import { checkRuleExamples } from "../../../tests/support/permissions-rule-examples";
import { judgeExample } from "../example-support";
import { examples } from "./examples";
import { rule } from ".";

checkRuleExamples(rule, examples);

describe("permissions rule bedrock-only: witnesses and unseen policies", () => {
    it("names the pair IAM would allow, at the statement that allows it", () => {
        const [f] = rule.check(judgeExample(examples.bad[0]));
        assert.strictEqual(f.level, "mandatory");
        assert.strictEqual(f.statementIndex, 1);
        assert.match(f.message, /may call bedrock:PutModelInvocationLoggingConfiguration on \*/);
    });

    it("refuses an outside customer managed policy unless vouched for, and notes one unknown in preview", () => {
        const outside = { arn: "arn:aws:iam::111122223333:policy/team/bedrock" };
        const ex = { change: "outside", policies: [outside] };
        assert.match(rule.check(judgeExample(ex))[0].message, /not in this stack/);
        assert.deepStrictEqual(rule.check(judgeExample({ ...ex, config: { allowedPolicyArns: [outside.arn] } })), []);
        const unknown = rule.check(
            judgeExample({ change: "unknown AWS managed", policies: [{ arn: "arn:aws:iam::aws:policy/NoSuchPolicy" }] }),
        );
        assert.strictEqual(unknown[0].level, "mandatory");
        assert.match(unknown[0].message, /AWS managed policy data does not know/);
    });
});
