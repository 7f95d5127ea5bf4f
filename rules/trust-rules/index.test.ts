/** The registry of trust rules: one module per rule, each with its test beside it, listed once in report order. */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { RULE_NAMES } from "../findings";
import { TRUST_RULES } from "./index";

describe("trust rules registry", () => {
    it("lists five mandatory exposure rules, then the mandatory validity rule, then five advisory conventions", () => {
        assert.deepStrictEqual(
            TRUST_RULES.map((r) => `${r.tier}/${r.level}`),
            [...Array(5).fill("exposure/mandatory"), "validity/mandatory", ...Array(5).fill("convention/advisory")],
        );
        assert.strictEqual(new Set(TRUST_RULES.map((r) => r.name)).size, TRUST_RULES.length);
        for (const r of TRUST_RULES) {
            assert.ok((RULE_NAMES as readonly string[]).includes(r.name), r.name);
        }
    });

    it("each rule module has its test beside it", () => {
        const dir = __dirname;
        const modules = fs
            .readdirSync(dir)
            .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && !["index.ts", "rule.ts", "exposure.ts"].includes(f));
        assert.strictEqual(modules.length, TRUST_RULES.length, modules.join(", "));
        for (const m of modules) {
            assert.ok(fs.existsSync(path.join(dir, m.replace(/\.ts$/, ".test.ts"))), `${m} has no test beside it`);
        }
    });
});
