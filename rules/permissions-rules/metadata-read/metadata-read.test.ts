/** metadata-read: its good examples pass, each bad example gets a finding of the rule with its level and tier. */
import * as assert from "assert";
import { judgeExample } from "../example-support";
import { examples } from "./examples";
import { rule } from ".";

describe("permissions rule metadata-read", () => {
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
