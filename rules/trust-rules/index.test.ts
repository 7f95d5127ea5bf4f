/** The registry of trust rules: one module per rule, each with its test beside it, listed once in report order. */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { RULE_NAMES } from "../registry";
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

    it("each rule is a folder: its module, its test and its good and bad examples", () => {
        for (const root of [__dirname, path.join(__dirname, "..", "permissions-rules"), path.join(__dirname, "..", "resource-rules")]) {
            const folders = fs.readdirSync(root).filter((f) => fs.statSync(path.join(root, f)).isDirectory());
            assert.ok(folders.length > 0);
            for (const f of folders) {
                for (const file of ["index.ts", `${f}.test.ts`, "examples.ts"]) {
                    assert.ok(fs.existsSync(path.join(root, f, file)), `${f} has no ${file}`);
                }
            }
            const rest = fs.readdirSync(root).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));
            assert.deepStrictEqual(
                rest.sort(),
                ["example-support.ts", "examples.ts", "index.ts", "rule.ts", ...(root === __dirname ? ["exposure.ts"] : [])].sort(),
            );
        }
        assert.strictEqual(
            fs.readdirSync(__dirname).filter((f) => fs.statSync(path.join(__dirname, f)).isDirectory()).length,
            TRUST_RULES.length,
        );
    });
});
