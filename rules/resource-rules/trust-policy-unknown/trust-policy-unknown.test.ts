import * as assert from "assert";
import { trustPolicyUnknown as rule } from "./index";
import { examples } from "./examples";
import { UNKNOWN } from "../example-support";

const known = (ex: (typeof examples.bad)[number]) =>
    ex.resources[0].props.assumeRolePolicy === UNKNOWN ? { known: false as const, path: ".assumeRolePolicy" } : { known: true as const };

describe("warp-trust-policy-unknown", () => {
    it("says nothing about a trust policy known in preview", () => {
        for (const ex of examples.good) {
            assert.deepStrictEqual(rule.check(known(ex)), [], ex.change);
        }
    });

    it("notes, as advisory, a trust policy the preview does not know, and where in it", () => {
        for (const ex of examples.bad) {
            const [f] = rule.check(known(ex));
            assert.strictEqual(f.level, "advisory");
            assert.match(f.message, /^the trust policy \(assumeRolePolicy\) is not known during preview/);
        }
        assert.match(
            rule.check({ known: false, path: ".Statement[0].Principal.Federated" })[0].message,
            /at \.Statement\[0\]\.Principal\.Federated/,
        );
    });
});
