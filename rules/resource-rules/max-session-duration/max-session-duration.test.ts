import * as assert from "assert";
import { DEFAULT_MAX_SESSION_DURATION, roleMaxSessionDuration as rule } from "./index";
import { examples } from "./examples";

const value = (ex: (typeof examples.bad)[number]) => ex.resources[0].props.maxSessionDuration;

describe("warp-role-max-session-duration", () => {
    it("passes IAM's default and the component's session length", () => {
        assert.deepStrictEqual(rule.check(undefined), []);
        assert.deepStrictEqual(rule.check(DEFAULT_MAX_SESSION_DURATION), []);
        for (const ex of examples.good) {
            assert.deepStrictEqual(rule.check(value(ex)), [], ex.change);
        }
    });

    it("reports a session above the ceiling, with the hours, at the rule's level", () => {
        const [f] = rule.check(43200);
        assert.strictEqual(f.rule, "warp-role-max-session-duration");
        assert.strictEqual(f.level, "advisory");
        assert.match(f.message, /43200 seconds \(12 h\), above the ceiling of 3600 seconds/);
        assert.deepStrictEqual(rule.check(43200, 43200), [], "a raised ceiling admits it");
        for (const ex of examples.bad) {
            assert.strictEqual(rule.check(value(ex)).length, 1, ex.change);
        }
    });

    it("reports a value that is not a number of seconds", () => {
        assert.match(rule.check("12h")[0].message, /maxSessionDuration "12h" is not a number of seconds/);
        assert.strictEqual(rule.check(Number.NaN).length, 1);
    });
});
