/**
 * The one test every permissions rule folder runs on its own examples: each good example gets no finding
 * of the rule, each bad one at least one, of the rule's name and tier, with a message and a fix.
 */
import * as assert from "assert";
import { PermissionsRuleExamples, judgeExample } from "../../rules/permissions-rules/example-support";
import type { PermissionsRule } from "../../rules/permissions-rules/rule";

export function checkRuleExamples(rule: PermissionsRule, examples: PermissionsRuleExamples): void {
    describe(`permissions rule ${rule.name}`, () => {
        for (const ex of examples.good) {
            it(`passes: ${ex.change}`, () => {
                assert.deepStrictEqual(rule.check(judgeExample(ex)), []);
            });
        }
        for (const ex of examples.bad) {
            it(`reports: ${ex.change}`, () => {
                const found = rule.check(judgeExample(ex));
                assert.ok(found.length > 0);
                for (const f of found) {
                    assert.strictEqual(f.rule, rule.name);
                    assert.strictEqual(f.tier, rule.tier);
                    assert.ok(f.remediation.length > 20 && f.message.length > 20);
                }
            });
        }
    });
}
