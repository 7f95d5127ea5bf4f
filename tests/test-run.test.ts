/**
 * The test run itself (issue 22): `npm run test:unit` leaves out every slow file, `npm test` runs every
 * file (the independent ones in parallel, the serial ones in one process sharing one moto server) and
 * prints one summary line.
 */
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const REPO = path.join(__dirname, "..");
const { SERIAL, HEAVY } = require("../scripts/test-files.js") as { SERIAL: string[]; HEAVY: string[] };
const read = (file: string) => fs.readFileSync(path.join(REPO, file), "utf8");
const testFiles = fs
    .readdirSync(path.join(REPO, "tests"))
    .filter((f) => f.endsWith(".test.ts"))
    .map((f) => `tests/${f}`)
    .filter((f) => f !== "tests/test-run.test.ts");

describe("the test run", () => {
    it("lists only files that exist, and every file that needs moto or npm pack is serial", () => {
        for (const file of [...SERIAL, ...HEAVY]) {
            assert.ok(fs.existsSync(path.join(REPO, file)), file);
        }
        for (const file of testFiles) {
            const text = read(file);
            if (/support\/moto"|"pack", "--json"/.test(text)) {
                assert.ok(SERIAL.includes(file), `${file} needs moto or packs the tarball: list it in SERIAL`);
            }
        }
    });

    it("shares one moto server: no test file starts its own", () => {
        for (const file of testFiles.filter((f) => read(f).includes("support/moto"))) {
            assert.doesNotMatch(read(file), /Moto\.start\(/, file);
        }
    });

    it("test:unit leaves out the serial and heavy files and runs two at a time; npm test runs all", () => {
        const unit = require("../.mocharc.unit.js");
        assert.deepStrictEqual(unit.ignore, [...SERIAL, ...HEAVY]);
        assert.strictEqual(unit.parallel, true);
        const parallel = require("../.mocharc.parallel.js");
        assert.deepStrictEqual(parallel.ignore, SERIAL);
        // The serial run replaces the spec (mocha appends command-line files to a config's spec, which
        // would run the whole suite a second time); a run of given files has no spec of its own.
        assert.deepStrictEqual(require("../.mocharc.serial.js").spec, SERIAL);
        assert.strictEqual(require("../.mocharc.files.js").spec, undefined);
        const pkg = JSON.parse(read("package.json"));
        assert.strictEqual(pkg.scripts["test:unit"], "mocha --config .mocharc.unit.js");
        assert.strictEqual(pkg.scripts.test, "bash scripts/test.sh");
        const script = read("scripts/test.sh");
        assert.match(script, /mocha --config \.mocharc\.parallel\.js/);
        assert.match(script, /mocha --config \.mocharc\.serial\.js/);
        assert.match(script, /mocha --config \.mocharc\.files\.js "\$@"/);
    });

    it("the reporter hands its counts to test.sh, which prints the one summary line", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "warp-test-run-"));
        try {
            const spec = path.join(dir, "tiny.test.js");
            fs.writeFileSync(spec, 'it("passes", () => {}); it("fails", () => { throw new Error("x"); });\n');
            const counts = path.join(dir, "counts");
            const mocha = path.join(REPO, "node_modules", ".bin", "mocha");
            const reporter = path.join(REPO, "scripts", "mocha-reporter.js");
            const env = { ...process.env, WARP_TEST_COUNTS: counts };
            for (let i = 0; i < 2; i++) {
                spawnSync(mocha, ["--no-config", "--reporter", reporter, spec], { env, encoding: "utf8" });
            }
            assert.strictEqual(fs.readFileSync(counts, "utf8"), "1 1 0\n1 1 0\n");
            const sum = /awk '([^']+)'/.exec(read("scripts/test.sh"))![1];
            const line = spawnSync("awk", [sum, counts], { encoding: "utf8" }).stdout;
            assert.strictEqual(line, "2 passed, 2 failed\n");
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
