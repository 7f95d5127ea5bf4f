/**
 * The npm package as people install it: `npm pack`, then an offline install of the tarball into a
 * fresh project, then the component and the `warp-bedrock` bin used from there.
 *
 * Offline: a project without a lockfile would resolve the newest versions of every dependency, which
 * the npm cache may not hold. So the consumer gets a lockfile pinning the exact versions this repo's
 * package-lock.json installs (its non-dev entries), and `npm ci --offline` takes them from the cache
 * that `npm ci` in this repo filled.
 */
import * as assert from "assert";
import { SpawnSyncReturns, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO, example } from "./support/run-cli";

interface PackedFile {
    path: string;
}

function run(cmd: string, args: string[], cwd: string): SpawnSyncReturns<string> {
    return spawnSync(cmd, args, { cwd, encoding: "utf8", env: { ...process.env, npm_config_update_notifier: "false" } });
}

function consumerLock(tarball: string) {
    const lock = JSON.parse(fs.readFileSync(path.join(REPO, "package-lock.json"), "utf8"));
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8"));
    const spec = `file:${tarball}`;
    const packages: Record<string, unknown> = {
        "": { name: "consumer", version: "1.0.0", dependencies: { [pkg.name]: spec } },
        [`node_modules/${pkg.name}`]: { version: pkg.version, resolved: spec, license: pkg.license, dependencies: pkg.dependencies, bin: pkg.bin, engines: pkg.engines },
    };
    for (const [key, entry] of Object.entries(lock.packages as Record<string, Record<string, unknown>>)) {
        if (key === "" || entry.dev) {
            continue;
        }
        const { devOptional, ...rest } = entry;
        packages[key] = devOptional ? { ...rest, optional: true } : rest;
    }
    return {
        manifest: { name: "consumer", version: "1.0.0", private: true, dependencies: { [pkg.name]: spec } },
        lock: { name: "consumer", version: "1.0.0", lockfileVersion: 3, requires: true, packages },
    };
}

describe("npm package", function () {
    this.timeout(120_000);
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "warp-pack-"));
    const project = path.join(work, "consumer");
    let files: string[];
    let tarball: string;
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8"));

    before(() => {
        // `npm pack` runs `prepare`, so the tarball holds a fresh build.
        const pack = run("npm", ["pack", "--json", "--pack-destination", work], REPO);
        assert.strictEqual(pack.status, 0, pack.stderr);
        const [info] = JSON.parse(pack.stdout.slice(pack.stdout.indexOf("[")));
        files = (info.files as PackedFile[]).map((f) => f.path).sort();
        tarball = path.join(work, info.filename);
    });

    after(() => fs.rmSync(work, { recursive: true, force: true }));

    it("holds compiled JavaScript and declarations only: no sources, tests or benchmarks", () => {
        for (const f of files) {
            assert.ok(f === "package.json" || f === "Pulumi.yaml" || /^(README|LICENSE)/i.test(f) || f.startsWith("dist/"), `unexpected file ${f}`);
            assert.ok(!/(^|\/)(tests|bench)\//.test(f), `test or bench file ${f}`);
            assert.ok(!f.endsWith(".ts") || f.endsWith(".d.ts"), `TypeScript source ${f}`);
        }
        for (const f of ["dist/components/index.js", "dist/components/index.d.ts", "dist/components/team-bedrock-access.d.ts", "dist/cli/main.js", "dist/synth/synthesize.js"]) {
            assert.ok(files.includes(f), `${f} is packed`);
        }
    });

    it("declares its entry points, types, bin and engines, all pointing at packed files", () => {
        const packed = (p: string) => files.includes(p.replace(/^\.\//, ""));
        assert.ok(packed(pkg.main), `main ${pkg.main}`);
        assert.ok(packed(pkg.types), `types ${pkg.types}`);
        assert.ok(packed(pkg.exports["."].default) && packed(pkg.exports["."].types), "exports['.']");
        assert.strictEqual(pkg.bin["warp-bedrock"], "dist/cli/main.js");
        assert.ok(packed(pkg.bin["warp-bedrock"]));
        assert.match(pkg.engines.node, /^>=20/);
        assert.match(fs.readFileSync(path.join(REPO, pkg.bin["warp-bedrock"]), "utf8"), /^#!\/usr\/bin\/env node\n/);
        // npm does not link a checkout's own bin, so `npx warp-bedrock` there runs the file directly.
        assert.ok(fs.statSync(path.join(REPO, pkg.bin["warp-bedrock"])).mode & 0o100, "the built bin is executable");
    });

    describe("installed offline into a new project", () => {
        before(() => {
            fs.mkdirSync(project);
            const { manifest, lock } = consumerLock(tarball);
            fs.writeFileSync(path.join(project, "package.json"), JSON.stringify(manifest, null, 2));
            fs.writeFileSync(path.join(project, "package-lock.json"), JSON.stringify(lock, null, 2));
            const install = run("npm", ["ci", "--offline", "--no-audit", "--no-fund"], project);
            assert.strictEqual(install.status, 0, `npm ci --offline failed (is the npm cache filled by npm ci in the repo?)\n${install.stderr}`);
        });

        it("imports the component by package name", () => {
            const script = [
                'const m = require("warp-bedrock-access");',
                'const pulumi = require("@pulumi/pulumi");',
                "console.log(JSON.stringify({",
                '  entry: require.resolve("warp-bedrock-access"),',
                "  component: m.TeamBedrockAccess.prototype instanceof pulumi.ComponentResource,",
                "  provider: m.WarpOidcProvider.prototype instanceof pulumi.ComponentResource,",
                "  token: m.TEAM_BEDROCK_ACCESS_TYPE,",
                '  subject: require("warp-bedrock-access/rules/subject").describeSubject("scoped_principal:T1/user:*"),',
                "}));",
            ].join("\n");
            const r = run(process.execPath, ["-e", script], project);
            assert.strictEqual(r.status, 0, r.stderr);
            const out = JSON.parse(r.stdout);
            assert.strictEqual(path.relative(project, out.entry), path.join("node_modules", "warp-bedrock-access", "dist", "components", "index.js"));
            assert.strictEqual(out.component, true);
            assert.strictEqual(out.provider, true);
            assert.strictEqual(out.token, "warp-bedrock-access:index:TeamBedrockAccess");
            assert.match(out.subject, /^any person of team T1/);
        });

        const bin = () => path.join(project, "node_modules", ".bin", "warp-bedrock");

        it("runs `warp-bedrock synth` from the installed bin", () => {
            const text = run(bin(), ["synth", example("team-a")], project);
            assert.strictEqual(text.status, 0, text.stderr);
            assert.match(text.stdout, /^account\s+123456789012\s+\(placeholder: pass --account-id\)$/m);
            assert.ok(text.stdout.includes("- any person of team TeamAuid0000000000001"));
            const json = run(bin(), ["synth", example("team-b"), "--format", "json"], project);
            assert.strictEqual(json.status, 0, json.stderr);
            assert.strictEqual(JSON.parse(json.stdout).roles.length, 2);
            const bad = run(bin(), ["synth", path.join(project, "Pulumi.missing.yaml")], project);
            assert.strictEqual(bad.status, 2);
            assert.strictEqual(bad.stdout, "");
        });

        it("runs `warp-bedrock lint` from the installed bin", () => {
            const plan = JSON.parse(run(bin(), ["synth", example("team-a"), "--format", "json"], project).stdout);
            const good = path.join(project, "trust.json");
            fs.writeFileSync(good, JSON.stringify(plan.roles[0].trustPolicy, null, 2));
            const ok = run(bin(), ["lint", "--team", "TeamAuid0000000000001", good], project);
            assert.strictEqual(ok.status, 0, ok.stdout + ok.stderr);
            const open = JSON.parse(JSON.stringify(plan.roles[0].trustPolicy).replace(/scoped_principal:TeamAuid0000000000001\/user:\*/, "*"));
            const bad = path.join(project, "open-trust.json");
            fs.writeFileSync(bad, JSON.stringify(open));
            const rejected = run(bin(), ["lint", "--team", "TeamAuid0000000000001", bad], project);
            assert.strictEqual(rejected.status, 1, rejected.stdout + rejected.stderr);
            assert.match(rejected.stdout + rejected.stderr, /warp-trust-subject/);
        });
    });
});
