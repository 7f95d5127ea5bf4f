/**
 * `pulumi policy publish` uploads only the pack's folder; the bundle step makes that folder carry the
 * rule engine. Checked here: nothing in the bundle reaches outside it, and the engine's own launcher
 * (type-checking ts-node) starts it.
 */
import * as assert from "assert";
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");
const PULUMI_DIR = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { bundle } = require("../policy-pack/bundle-for-publish.js");

function filesUnder(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

describe("policy pack bundle for publishing", function () {
    this.timeout(120_000);
    // Under the repository (its /tmp/ is git-ignored) so @pulumi/policy resolves as it would after `npm install`.
    const out = path.join(ROOT, "tmp", `policy-pack-bundle-${process.pid}`);

    before(() => {
        bundle(out);
    });

    after(() => {
        fs.rmSync(out, { recursive: true, force: true });
        try {
            fs.rmdirSync(path.dirname(out));
        } catch {
            // Another run's bundle is still there; leave the folder to it.
        }
    });

    it("holds the pack and the rules it needs, and no import leaves the bundle", () => {
        const files = filesUnder(out).map((f) => path.relative(out, f).replace(/\\/g, "/"));
        for (const f of ["index.ts", "PulumiPolicy.yaml", "package.json", "tsconfig.json", "policies/index.ts", "rules/trust-policy-rules.ts", "rules/subject.ts"]) {
            assert.ok(files.includes(f), `missing ${f}`);
        }
        assert.ok(!files.includes("harness.ts") && !files.includes("bundle-for-publish.js"));
        for (const f of files.filter((x) => x.endsWith(".ts"))) {
            const text = fs.readFileSync(path.join(out, f), "utf8");
            for (const m of text.matchAll(/from\s+"(\.{1,2}\/[^"]+)"/g)) {
                const target = path.resolve(path.dirname(path.join(out, f)), m[1]);
                assert.ok(target.startsWith(out + path.sep), `${f} imports ${m[1]}, outside the bundle`);
                assert.ok(fs.existsSync(`${target}.ts`) || fs.existsSync(path.join(target, "index.ts")), `${f} imports ${m[1]}, which is not in the bundle`);
            }
        }
        const pkg = JSON.parse(fs.readFileSync(path.join(out, "package.json"), "utf8"));
        assert.strictEqual(pkg.name, "warp-bedrock-guard");
        assert.ok(pkg.version && pkg.dependencies["@pulumi/policy"]);
        // Otherwise the service's launcher would type-check with its vendored TypeScript 3.8.
        assert.ok(pkg.devDependencies.typescript && pkg.devDependencies["ts-node"]);
    });

    it("starts under run-policy-pack, as the service runs a published pack", async () => {
        const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("TS_NODE_")));
        const child = spawn(process.execPath, [path.join(PULUMI_DIR, "cmd", "run-policy-pack"), "127.0.0.1:1", "."], { cwd: out, env, stdio: ["ignore", "pipe", "pipe"] });
        let stderr = "";
        child.stderr.on("data", (d) => (stderr += d.toString()));
        try {
            const port = await new Promise<number>((resolve, reject) => {
                const timer = setTimeout(() => reject(new Error(`no port within 90 s; stderr:\n${stderr}`)), 90_000);
                child.stdout.on("data", (d) => {
                    const m = /^(\d+)\s*$/m.exec(d.toString());
                    if (m) {
                        clearTimeout(timer);
                        resolve(Number(m[1]));
                    }
                });
                child.on("exit", (code) => {
                    clearTimeout(timer);
                    reject(new Error(`exited with ${code}; stderr:\n${stderr}`));
                });
            });
            assert.ok(port > 0);
        } finally {
            child.kill("SIGKILL");
        }
    });
});
