#!/usr/bin/env node
/**
 * Builds the policy pack's JavaScript: policy-pack/index.ts and everything it imports (the policies,
 * the rule engine in rules/, and the npm libraries they use, such as refa) bundled by esbuild into
 * one file, policy-pack/bin/index.js, which policy-pack/package.json names as `main`.
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
const path = require("path");

const PACK_DIR = path.resolve(__dirname, "..", "policy-pack");
const OUT_FILE = path.join(PACK_DIR, "bin", "index.js");

function runtimeDependencies() {
    return Object.keys(require(path.join(PACK_DIR, "package.json")).dependencies);
}

async function build() {
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
