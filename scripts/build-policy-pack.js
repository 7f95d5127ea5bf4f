#!/usr/bin/env node
/**
 * Builds the policy pack's JavaScript: policy-pack/index.ts and everything it imports (the policies,
 * the rule engine in rules/, and the npm libraries they use, such as refa) bundled by esbuild into
 * one file, policy-pack/bin/index.js, which policy-pack/package.json names as `main`; and
 * policy-pack/npm-shrinkwrap.json, which pins the runtime dependencies (see shrinkwrap below).
 *
 * The folder policy-pack/ is then the whole pack: what `pulumi preview --policy-pack policy-pack`
 * loads in a checkout, what the npm package ships, and what `pulumi policy publish` uploads. Only
 * the pack's runtime dependencies (policy-pack/package.json `dependencies`: @pulumi/policy and the
 * @pulumi/pulumi it runs on) stay outside the bundle, so the engine's launcher starts the pack
 * without compiling TypeScript and the pack shares the SDK instance @pulumi/policy serves with.
 *
 *   node scripts/build-policy-pack.js        (run by `npm run build`, and so by `npm ci` / `npm pack`)
 */
"use strict";
const esbuild = require("esbuild");
const fs = require("fs");
const path = require("path");

const PACK_DIR = path.resolve(__dirname, "..", "policy-pack");
const OUT_FILE = path.join(PACK_DIR, "bin", "index.js");

function runtimeDependencies() {
    return Object.keys(require(path.join(PACK_DIR, "package.json")).dependencies);
}

/**
 * policy-pack/npm-shrinkwrap.json: the pack's runtime dependencies pinned to the versions this checkout's
 * package-lock.json installs (those `npm ci` put in npm's cache), so `npm install` in the pack's folder,
 * as `pulumi policy publish` users run it, installs what the tests ran and works offline.
 */
function shrinkwrap() {
    const lock = require(path.join(PACK_DIR, "..", "package-lock.json"));
    const pack = require(path.join(PACK_DIR, "package.json"));
    const packages = { "": { name: pack.name, version: pack.version, license: pack.license, dependencies: pack.dependencies } };
    // Node's lookup over the lock's paths: from `from`, the nearest node_modules/<name>.
    const locate = (from, name) => {
        for (let dir = from; ; dir = dir.slice(0, Math.max(0, dir.lastIndexOf("/node_modules/")))) {
            const key = `${dir ? `${dir}/` : ""}node_modules/${name}`;
            if (lock.packages[key]) {
                return key;
            }
            if (!dir) {
                return undefined;
            }
        }
    };
    const queue = Object.keys(pack.dependencies).map((name) => locate("", name));
    while (queue.length > 0) {
        const key = queue.pop();
        if (!key || packages[key]) {
            continue;
        }
        const { dev, peer, devOptional, ...entry } = lock.packages[key];
        packages[key] = devOptional ? { ...entry, optional: true } : entry;
        const deps = { ...entry.dependencies, ...entry.optionalDependencies };
        Object.keys(deps).forEach((name) => queue.push(locate(key, name)));
    }
    const sorted = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))));
    const doc = { name: pack.name, version: pack.version, lockfileVersion: 3, requires: true, packages: sorted };
    fs.writeFileSync(path.join(PACK_DIR, "npm-shrinkwrap.json"), `${JSON.stringify(doc, null, 2)}\n`);
}

async function build() {
    shrinkwrap();
    const external = runtimeDependencies().flatMap((name) => [name, `${name}/*`]);
    const result = await esbuild.build({
        entryPoints: [path.join(PACK_DIR, "index.ts")],
        outfile: OUT_FILE,
        bundle: true,
        platform: "node",
        target: "node20",
        format: "cjs",
        external,
        tsconfig: path.resolve(__dirname, "..", "tsconfig.json"),
        legalComments: "eof",
        logLevel: "warning",
        metafile: true,
    });
    return { outfile: OUT_FILE, inputs: Object.keys(result.metafile.inputs) };
}

module.exports = { build, OUT_FILE, PACK_DIR };

if (require.main === module) {
    build().catch((e) => {
        process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
        process.exitCode = 1;
    });
}
