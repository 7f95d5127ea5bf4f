/** Every trust rule folder's examples: the good ones get no finding of the rule, each bad one at least one. */
import * as assert from "assert";
import { analyzeTrustPolicy } from "../registry";
import { TRUST_EXAMPLES } from "./examples";
import { TRUST_RULES } from ".";

describe("trust rule folders: good and bad examples", () => {
    for (const rule of TRUST_RULES) {
        const examples = TRUST_EXAMPLES[rule.name];
        it(`${rule.name} has good and bad examples, judged as they say`, () => {
            assert.ok(examples !== undefined && examples.good.length > 0 && examples.bad.length > 0);
            for (const ex of examples.good) {
                const found = analyzeTrustPolicy(ex.policy, ex.config).findings.filter((f) => f.rule === rule.name);
                assert.deepStrictEqual(found, [], ex.change);
            }
            for (const ex of examples.bad) {
                const found = analyzeTrustPolicy(ex.policy, ex.config).findings.filter((f) => f.rule === rule.name);
                assert.ok(found.length > 0, ex.change);
                assert.ok(found.every((f) => f.tier === rule.tier));
            }
        });
    }
});
