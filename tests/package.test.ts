/**
 * The npm package as a user installs it: `npm pack`, then `npm install` of the tarball into a fresh
 * Pulumi TypeScript project, with no lock file of ours, beside the user's own @pulumi/pulumi and
 * @pulumi/aws: once with the newest versions the registry serves, once with the lowest this package
 * supports (the lower bounds of its peerDependencies). Needs the npm registry (npm's cache in ~/.npm
 * saves the downloads on later runs). In each project: one copy of each SDK, the program compiles with
 * Pulumi's template tsconfig and runs under mocks, the README's example unit test passes, every subpath
 * resolves under moduleResolution node, node16 and bundler, `warp-bedrock synth` and `lint` work from
 * the installed bin, and the shipped policy pack starts under run-policy-pack and answers over gRPC.
 */
import * as assert from "assert";
import { SpawnSyncReturns, spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as semver from "semver";
import { AGENT, TEAM, readmeTestCommand, writeProject } from "./support/consumer-project";
import { REPO } from "./support/run-cli";

interface PackedFile {
    path: string;
}

const pkg = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8"));
const README = fs.readFileSync(path.join(REPO, "README.md"), "utf8");

/** The child sees no npm_* variables of `npm test` (npm_config_local_prefix would point npm at this repo). */
function cleanEnv(): NodeJS.ProcessEnv {
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(npm_|TS_NODE_|INIT_CWD$)/i.test(k)));
    return { ...env, npm_config_update_notifier: "false", npm_config_fund: "false", npm_config_audit: "false" };
}

function run(cmd: string, args: string[], cwd: string, timeout = 300_000): SpawnSyncReturns<string> {
    return spawnSync(cmd, args, { cwd, encoding: "utf8", env: cleanEnv(), timeout });
}

/** The same, without blocking: the two consumer projects install side by side. */
function runAsync(cmd: string, args: string[], cwd: string): Promise<SpawnSyncReturns<string>> {
    return new Promise((resolve) => {
        const child = spawn(cmd, args, { cwd, env: cleanEnv() });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (d) => (stdout += d));
        child.stderr.on("data", (d) => (stderr += d));
        child.on("error", (error) => resolve({ pid: 0, output: [], stdout, stderr, status: null, signal: null, error }));
        child.on("close", (status, signal) => resolve({ pid: child.pid ?? 0, output: [], stdout, stderr, status, signal }));
    });
}

function ok(r: SpawnSyncReturns<string>, what: string): string {
    assert.strictEqual(r.status, 0, `${what} exited with ${r.status}${r.error ? ` (${r.error.message})` : ""}\n${r.stdout}\n${r.stderr}`);
    return r.stdout;
}

/** Relative link targets in the README (not URLs, not anchors). */
function readmeLinks(): string[] {
    return [...README.matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)].map((m) => m[1]).filter((l) => !/^[a-z]+:/i.test(l));
}

describe("npm package", function () {
    this.timeout(600_000);
    const SDKS = ["@pulumi/pulumi", "@pulumi/aws"];
    // The newest versions are asked of the registry afresh; the rest of the tree may come from npm's cache.
    const newest = (name: string) =>
        `${name}@${ok(run("npm", ["view", `${name}@latest`, "version", "--prefer-online"], REPO), "npm view").trim()}`;
    const sdkSets: Array<[string, () => string[], boolean]> = [
        ["the newest SDKs the registry serves", () => SDKS.map(newest), true],
        ["the lowest supported SDKs", () => SDKS.map((n) => `${n}@${semver.minVersion(pkg.peerDependencies[n])!.version}`), false],
    ];

    let work: string;
    let files: string[];
    let tarball: string;
    /** Each consumer project's directory and its `npm install`, started once the tarball exists. */
    const installs = new Map<string, Promise<{ project: string; install: SpawnSyncReturns<string> }>>();

    before(() => {
        work = fs.mkdtempSync(path.join(os.tmpdir(), "warp-pack-"));
        // `npm pack` runs `prepare`, so the tarball holds a fresh build.
        const out = ok(run("npm", ["pack", "--json", "--pack-destination", work], REPO), "npm pack");
        const [info] = JSON.parse(out.slice(out.indexOf("[")));
        files = (info.files as PackedFile[]).map((f) => f.path).sort();
        tarball = path.join(work, info.filename);
        for (const [label, sdks] of sdkSets) {
            const project = fs.mkdtempSync(path.join(work, "consumer-"));
            fs.writeFileSync(
                path.join(project, "package.json"),
                JSON.stringify({ name: "consumer", version: "1.0.0", private: true, main: "bin/index.js" }, null, 2),
            );
            writeProject(project, README);
            // What the README tells a user to run, plus the template's own packages.
            const args = ["install", "--prefer-offline", ...sdks(), "typescript@^5", "@types/node@^20", tarball];
            installs.set(
                label,
                runAsync("npm", args, project).then((install) => ({ project, install })),
            );
        }
    });

    // Three node_modules trees take a while to delete: a detached `rm` does it after the suite has moved on.
    after(() => work && spawn("rm", ["-rf", work], { detached: true, stdio: "ignore" }).unref());

    it("ships the compiled package, the policy pack folder, examples, PulumiPlugin.yaml and LICENSE; no sources or test support", () => {
        for (const f of files) {
            assert.ok(!/(^|\/)(tests|bench|scripts)\//.test(f) && !/\.test\.(js|d\.ts)$/.test(f), `test, bench or build file ${f}`);
            assert.ok(!f.endsWith(".ts") || f.endsWith(".d.ts"), `TypeScript source ${f}`);
        }
        const expected = [
            "LICENSE",
            "README.md",
            "PulumiPlugin.yaml",
            "Pulumi.yaml",
            "dist/components/index.js",
            "dist/components/index.d.ts",
            "dist/cli/main.js",
            "dist/cli/html-report/viewer.js",
            "dist/testing/index.js",
            "dist/testing/index.d.ts",
            "policy-pack/PulumiPolicy.yaml",
            "policy-pack/package.json",
            "policy-pack/bin/index.js",
            "policy-pack/npm-shrinkwrap.json",
            "examples/Pulumi.team-a.yaml",
            "examples/yaml/Pulumi.yaml",
            "examples/python/__main__.py",
        ];
        expected.forEach((f) => assert.ok(files.includes(f), `${f} is packed`));
        assert.match(fs.readFileSync(path.join(REPO, "LICENSE"), "utf8"), /Apache License\s+Version 2\.0/);
        assert.strictEqual(pkg.license, "Apache-2.0");
    });

    it("every README link to a file points at a file the package ships", () => {
        const links = readmeLinks();
        assert.ok(links.length > 0);
        for (const link of links) {
            const target = link.replace(/^\.\//, "").replace(/\/$/, "");
            assert.ok(
                files.some((f) => f === target || f.startsWith(`${target}/`)),
                `README links to ${link}, which is not in the package`,
            );
        }
    });

    it("declares entry points, types, bin and engines pointing at packed files; the SDKs are peers", () => {
        const packed = (p: string) => files.includes(p.replace(/^\.\//, ""));
        assert.ok(packed(pkg.main) && packed(pkg.types));
        for (const [key, target] of Object.entries(pkg.exports as Record<string, string | Record<string, string>>)) {
            if (!key.includes("*")) {
                Object.values(typeof target === "string" ? { default: target } : target).forEach((t) =>
                    assert.ok(packed(t), `exports[${key}] ${t}`),
                );
            }
        }
        assert.ok(packed(pkg.bin["warp-bedrock"]));
        assert.match(pkg.engines.node, /^>=20/);
        assert.deepStrictEqual(Object.keys(pkg.peerDependencies).sort(), ["@pulumi/aws", "@pulumi/pulumi"]);
        assert.ok(!pkg.dependencies["@pulumi/pulumi"] && !pkg.dependencies["@pulumi/aws"], "the SDKs are the user's, never a copy of ours");
        for (const [name, range] of Object.entries(pkg.peerDependencies as Record<string, string>)) {
            assert.ok(!range.includes("~"), `${name}: a tilde range cannot be shared with the user's copy`);
            assert.ok(
                semver.satisfies(semver.minVersion(pkg.devDependencies[name])!, range),
                `${name}: the checkout develops against a supported version`,
            );
        }
    });

    for (const [label, , once] of sdkSets) {
        // Checks that do not depend on the SDK versions run in the first project only.
        const itOnce: (title: string, fn: () => void) => void = once ? it : () => undefined;
        describe(`installed into a new Pulumi project with ${label}`, () => {
            let project: string;
            const bin = () => path.join(project, "node_modules", ".bin", "warp-bedrock");
            const installed = () => path.join(project, "node_modules", "warp-bedrock-access");

            before(async () => {
                const done = await installs.get(label)!;
                project = done.project;
                ok(done.install, `npm install (${label})`);
            });

            it("has exactly one copy of @pulumi/pulumi and of @pulumi/aws", () => {
                const tree = JSON.parse(ok(run("npm", ["ls", "@pulumi/pulumi", "@pulumi/aws", "--all", "--json"], project), "npm ls"));
                const copies: Record<string, Set<string>> = { "@pulumi/pulumi": new Set(), "@pulumi/aws": new Set() };
                const walk = (deps: Record<string, any> = {}) => {
                    for (const [name, node] of Object.entries(deps)) {
                        copies[name]?.add(node.version);
                        walk(node.dependencies);
                    }
                };
                walk(tree.dependencies);
                for (const [name, versions] of Object.entries(copies)) {
                    assert.strictEqual(versions.size, 1, `${name}: ${[...versions].join(", ")}`);
                }
                // On disk too, wherever npm might have nested a copy.
                const dirs = (name: string) =>
                    run("find", [".", "-path", `*/node_modules/${name}/package.json`], project)
                        .stdout.trim()
                        .split("\n");
                assert.deepStrictEqual(dirs("@pulumi/pulumi"), ["./node_modules/@pulumi/pulumi/package.json"]);
                assert.deepStrictEqual(dirs("@pulumi/aws"), ["./node_modules/@pulumi/aws/package.json"]);
            });

            it("compiles with Pulumi's template tsconfig: the component is the user's pulumi.ComponentResource", () => {
                ok(run("npx", ["--no-install", "tsc", "-p", "tsconfig.json"], project), "tsc (moduleResolution node)");
            });

            itOnce("resolves every subpath under moduleResolution node, node16 and bundler", () => {
                ok(run("npx", ["--no-install", "tsc", "-p", "tsconfig.node.json"], project), "tsc (node)");
                ok(run("npx", ["--no-install", "tsc", "-p", "tsconfig.node16.json"], project), "tsc (node16)");
                ok(run("npx", ["--no-install", "tsc", "-p", "tsconfig.bundler.json"], project), "tsc (bundler)");
            });

            it("runs the README's example unit test with the README's command, in the template's project as is", () => {
                const command = readmeTestCommand(README);
                assert.deepStrictEqual(JSON.parse(fs.readFileSync(path.join(project, "tsconfig.json"), "utf8")).files, ["index.ts"]);
                const r = run("bash", ["-c", command], project);
                ok(r, command);
                assert.match(r.stdout, /# pass [1-9]/);
                assert.match(r.stdout, /# fail 0/);
            });

            itOnce("runs under the lowest Node.js the package declares, and every installed package supports it", () => {
                const declared = semver.minVersion(pkg.engines.node)!;
                assert.strictEqual(semver.major(process.version), declared.major, `the tests run on Node ${process.version}`);
                const manifests = run("find", ["node_modules", "-name", "package.json", "-path", "*/node_modules/*/package.json"], project)
                    .stdout.trim()
                    .split("\n");
                const unsupported = manifests.flatMap((m) => {
                    const manifest = JSON.parse(fs.readFileSync(path.join(project, m), "utf8"));
                    const range = manifest?.engines?.node;
                    return typeof range === "string" &&
                        manifest.name &&
                        semver.validRange(range) &&
                        !semver.satisfies(process.version, range)
                        ? [`${manifest.name}@${manifest.version} needs node ${range}`]
                        : [];
                });
                assert.deepStrictEqual(unsupported, []);
            });

            it("runs the program under the user's mocks on the user's SDK, one instance", () => {
                const script = `
                    const pulumi = require("@pulumi/pulumi");
                    const { warpBedrockMocks, valueOf } = require("warp-bedrock-access/testing");
                    pulumi.runtime.setMocks(warpBedrockMocks({ accountId: "111122223333" }), "consumer", "dev", false);
                    const program = require("./bin/index.js");
                    const { TeamBedrockAccess } = require("warp-bedrock-access");
                    Promise.all([valueOf(program.roleArn), valueOf(program.subjects), valueOf(program.urn)]).then(([roleArn, subjects, urn]) =>
                        console.log(JSON.stringify({ roleArn, subjects, urn, component: TeamBedrockAccess.prototype instanceof pulumi.ComponentResource })));`;
                const out = JSON.parse(ok(run(process.execPath, ["-e", script], project), "the program under mocks"));
                assert.match(out.roleArn, /^arn:aws:iam::111122223333:role\//);
                assert.deepStrictEqual(out.subjects.sort(), [
                    `scoped_principal:${TEAM}/service_account:${AGENT}`,
                    `scoped_principal:${TEAM}/user:*`,
                ]);
                assert.match(out.urn, /warp-bedrock-access:index:TeamBedrockAccess::team-a$/);
                assert.strictEqual(out.component, true);
            });

            it("runs `npx warp-bedrock synth` on a shipped example and `lint` on a file", () => {
                const example = path.join("node_modules", "warp-bedrock-access", "examples", "Pulumi.team-a.yaml");
                const text = ok(run("npx", ["--no-install", "warp-bedrock", "synth", example], project), "synth");
                assert.match(text, /^account\s+123456789012\s+\(placeholder: pass --account-id\)$/m);
                assert.ok(text.includes(`- any person of team ${TEAM}`));
                const plan = JSON.parse(ok(run(bin(), ["synth", example, "--format", "json"], project), "synth json"));
                const bad = run(bin(), ["synth", "Pulumi.missing.yaml"], project);
                assert.strictEqual(bad.status, 2);
                assert.strictEqual(bad.stdout, "");
                const good = path.join(project, "trust.json");
                fs.writeFileSync(good, JSON.stringify(plan.roles[0].trustPolicy, null, 2));
                ok(run(bin(), ["lint", "--team", TEAM, good], project), "lint");
                const open = path.join(project, "open-trust.json");
                fs.writeFileSync(
                    open,
                    JSON.stringify(plan.roles[0].trustPolicy).replace(new RegExp(`scoped_principal:${TEAM}/user:\\*`), "*"),
                );
                const rejected = run(bin(), ["lint", "--team", TEAM, open], project);
                assert.strictEqual(rejected.status, 1, rejected.stdout + rejected.stderr);
                assert.match(rejected.stdout + rejected.stderr, /mandatory warp-trust-/);
            });

            itOnce(
                "writes the HTML audit report from the installed package: the built viewer inlined, its docs linked, nothing fetched",
                () => {
                    const details = path.join("node_modules", "warp-bedrock-access", "docs", "examples", "account.json");
                    const r = run(
                        bin(),
                        ["audit", "--authorization-details", details, "--format", "html", "--out", "report.html"],
                        project,
                    );
                    assert.strictEqual(r.status, 1, r.stderr);
                    const page = fs.readFileSync(path.join(project, "report.html"), "utf8");
                    const viewer = fs.readFileSync(path.join(installed(), "dist", "cli", "html-report", "viewer.js"), "utf8");
                    assert.ok(page.includes(`<script>${viewer}</script>`), "the shipped viewer is inlined");
                    assert.match(page, /content="default-src 'none'; script-src 'sha256-/);
                    assert.ok(page.includes(`file://${fs.realpathSync(installed())}/docs/`), "rule links point at the installed docs");
                    assert.ok(!/(src|href)="https?:/.test(page), "nothing is loaded from the network");
                },
            );

            itOnce("runs `npx -p warp-bedrock-access warp-bedrock` from the installed package, asking the registry nothing", () => {
                const r = run("npx", ["--offline", "-p", "warp-bedrock-access", "warp-bedrock", "--help"], project);
                ok(r, "npx -p warp-bedrock-access");
                assert.match(r.stdout, /^usage: warp-bedrock/);
            });

            itOnce(
                "runs `npx --yes -p <tarball> warp-bedrock` outside any project, as the README says until the package is published",
                () => {
                    const elsewhere = fs.mkdtempSync(path.join(work, "no-project-"));
                    const r = run("npx", ["--prefer-offline", "--yes", "-p", tarball, "warp-bedrock", "--help"], elsewhere);
                    ok(r, "npx -p <tarball>");
                    assert.match(r.stdout, /^usage: warp-bedrock/);
                    // The form that works without a terminal (CI): without --yes, npx stops to ask.
                    assert.match(README, /npx --yes -p \/path\/to\/warp-bedrock-access-[\d.]+\.tgz warp-bedrock/);
                },
            );

            it("starts the shipped policy pack under run-policy-pack, and it answers over gRPC", () => {
                const packDir = path.join(installed(), "policy-pack");
                const out = JSON.parse(ok(run(process.execPath, ["pack-client.js", packDir], project, 90_000), "pack client"));
                assert.strictEqual(out.name, "warp-bedrock-guard");
                assert.strictEqual(out.version, pkg.version);
                assert.ok(out.policies.includes("warp-trust-subject"));
                assert.ok(
                    out.diagnostics.some((d: string) => d.startsWith("warp-trust-")),
                    JSON.stringify(out),
                );
            });

            itOnce("`npm install` in a copy of the pack folder works offline from npm's cache, and the copy starts", () => {
                const copy = path.join(project, "published-pack");
                fs.cpSync(path.join(installed(), "policy-pack"), copy, { recursive: true });
                ok(run("npm", ["install", "--offline", "--omit=dev"], copy), "npm install --offline in the pack folder");
                assert.ok(fs.existsSync(path.join(copy, "node_modules", "@pulumi", "policy")));
                const out = JSON.parse(ok(run(process.execPath, ["pack-client.js", copy], project, 90_000), "pack client (copy)"));
                assert.strictEqual(out.name, "warp-bedrock-guard");
            });
        });
    }
});
