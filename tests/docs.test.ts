/**
 * The committed reference docs are what `npm run docs` writes: the generator runs in this process and
 * its output is compared with each file. A fact changed in the code (a config key, an arg's doc comment,
 * a rule's level or config, a finding's text, a command's help) fails here until the docs are regenerated.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { HEADER, ROOT, fillBlocks, renderDocs } from "../scripts/docs/generate";

describe("docs: the generated reference matches the code", function () {
    this.timeout(60_000);
    let rendered: Map<string, string>;

    before(async () => {
        rendered = await renderDocs(ROOT);
    });

    const FILES = [
        "docs/cli.md",
        "docs/configuration.md",
        "docs/policy-pack.md",
        "policy-pack/example-config.json",
        "rules/permissions-rules/examples.ts",
        "rules/permissions-rules/index.ts",
        "rules/trust-rules/examples.ts",
        "rules/trust-rules/index.ts",
    ];

    it("covers the three reference docs, the pack's example config and the rule lists of the rule folders", () => {
        assert.deepStrictEqual([...rendered.keys()].sort(), FILES);
    });

    for (const file of FILES) {
        it(`${file} is up to date (run \`npm run docs\` if not)`, () => {
            const committed = fs.readFileSync(path.join(ROOT, file), "utf8");
            const expected = rendered.get(file) ?? "";
            const a = committed.split("\n");
            const b = expected.split("\n");
            const line = a.findIndex((l, i) => l !== b[i]);
            assert.ok(
                committed === expected,
                `${file} differs from what \`npm run docs\` writes at line ${line + 1}:\n  committed: ${a[line]}\n  generated: ${b[line]}\nRun \`npm run docs\` and commit the result.`,
            );
        });
    }

    it("a generated doc says so, and by which command, on its first line", () => {
        for (const file of ["docs/configuration.md", "docs/policy-pack.md", "docs/cli.md"]) {
            assert.strictEqual(fs.readFileSync(path.join(ROOT, file), "utf8").split("\n")[0], HEADER, file);
            assert.match(HEADER, /npm run docs/);
        }
    });

    it("rewrites a stale block and refuses a doc that lost one", async () => {
        const stale = `${HEADER}\n# t\n<!-- BEGIN GENERATED: x -->\nold\n<!-- END GENERATED: x -->\nprose\n`;
        assert.strictEqual(
            await fillBlocks("t.md", stale, { x: () => "new" }),
            `${HEADER}\n# t\n<!-- BEGIN GENERATED: x -->\nnew\n<!-- END GENERATED: x -->\nprose\n`,
        );
        await assert.rejects(fillBlocks("t.md", "# t\n", { x: () => "new" }), /no <!-- BEGIN GENERATED: x -->/);
    });

    it("the reference names every policy of the pack and every stack config key", () => {
        const pack = rendered.get("docs/policy-pack.md") ?? "";
        const config = JSON.parse(rendered.get("policy-pack/example-config.json") ?? "{}");
        for (const name of Object.keys(config)) {
            assert.ok(pack.includes(`### \`${name}\``), name);
        }
        assert.match(pack, /Its witness, the request that gets in/);
    });
});
