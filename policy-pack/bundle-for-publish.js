#!/usr/bin/env node
/**
 * `pulumi policy publish` uploads only the pack's folder, but the policies import the shared rule
 * engine from ../rules. This writes a self-contained copy of the pack: the pack's files, the rule
 * modules the policies reach (and nothing else), with the imports rewritten to point inside the copy.
 *
 *   node policy-pack/bundle-for-publish.js [OUT_DIR]     (default: dist/policy-pack-publish)
 *   cd dist/policy-pack-publish && npm install && pulumi policy publish <org>
 */
"use strict";
const fs = require("fs");
const path = require("path");

const PACK_DIR = __dirname;
const ROOT = path.resolve(PACK_DIR, "..");
const RULES_DIR = path.join(ROOT, "rules");
const PACK_FILES = ["index.ts", "PulumiPolicy.yaml", "tsconfig.json"];
const IMPORT_RE = /(from\s+|require\()(["'])(\.{1,2}\/[^"']+)\2/g;

function relativeImports(file) {
    const text = fs.readFileSync(file, "utf8");
    return [...text.matchAll(IMPORT_RE)].map((m) => m[3]);
}

function resolveTs(fromFile, spec) {
    const base = path.resolve(path.dirname(fromFile), spec);
    for (const candidate of [`${base}.ts`, path.join(base, "index.ts")]) {
        if (fs.existsSync(candidate)) {
            return candidate;
        }
    }
    throw new Error(`${path.relative(ROOT, fromFile)}: cannot resolve import ${spec}`);
}

/** The pack's own sources (policies/) and every rule module they reach, transitively. */
function collectSources() {
    const packSources = [path.join(PACK_DIR, "index.ts"), ...fs.readdirSync(path.join(PACK_DIR, "policies")).filter((f) => f.endsWith(".ts")).map((f) => path.join(PACK_DIR, "policies", f))];
    const rules = new Set();
    const queue = [...packSources];
    while (queue.length > 0) {
        const file = queue.pop();
        for (const spec of relativeImports(file)) {
            const target = resolveTs(file, spec);
            const insidePack = target.startsWith(PACK_DIR + path.sep);
            const insideRules = target.startsWith(RULES_DIR + path.sep);
            if (!insidePack && !insideRules) {
                throw new Error(`${path.relative(ROOT, file)} imports ${spec}, outside policy-pack/ and rules/; the published pack could not load it`);
            }
            if (insidePack && path.basename(target) === "harness.ts") {
                throw new Error(`${path.relative(ROOT, file)} imports the test harness, which is not published`);
            }
            if (insideRules && !rules.has(target)) {
                rules.add(target);
                queue.push(target);
            }
        }
    }
    return { packSources, rules: [...rules].sort() };
}

function bundle(outDir) {
    const { packSources, rules } = collectSources();
    fs.rmSync(outDir, { recursive: true, force: true });
    fs.mkdirSync(path.join(outDir, "policies"), { recursive: true });
    fs.mkdirSync(path.join(outDir, "rules"), { recursive: true });
    for (const f of PACK_FILES.filter((f) => f !== "index.ts")) {
        fs.copyFileSync(path.join(PACK_DIR, f), path.join(outDir, f));
    }
    // In the copy, rules/ sits inside the pack, one level up from policies/ instead of two.
    for (const src of packSources) {
        const rel = path.relative(PACK_DIR, src);
        const text = fs.readFileSync(src, "utf8").replace(IMPORT_RE, (all, lead, quote, spec) => {
            const target = resolveTs(src, spec);
            if (!target.startsWith(RULES_DIR + path.sep)) {
                return all;
            }
            let rewritten = path.relative(path.dirname(path.join(outDir, rel)), path.join(outDir, "rules", path.relative(RULES_DIR, target))).replace(/\\/g, "/").replace(/\.ts$/, "");
            if (!rewritten.startsWith(".")) {
                rewritten = `./${rewritten}`;
            }
            return `${lead}${quote}${rewritten}${quote}`;
        });
        fs.writeFileSync(path.join(outDir, rel), text);
    }
    for (const r of rules) {
        fs.copyFileSync(r, path.join(outDir, "rules", path.relative(RULES_DIR, r)));
    }
    const pkg = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "package.json"), "utf8"));
    delete pkg.scripts;
    delete pkg.private;
    // Without them the launcher falls back to its vendored TypeScript 3.8; pin the compiler the tests use.
    const root = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
    const dev = { ...(root.dependencies ?? {}), ...(root.devDependencies ?? {}) };
    pkg.devDependencies = Object.fromEntries(["typescript", "ts-node", "@types/node"].filter((d) => dev[d]).map((d) => [d, dev[d]]));
    fs.writeFileSync(path.join(outDir, "package.json"), `${JSON.stringify(pkg, null, 4)}\n`);
    const tsconfig = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "tsconfig.json"), "utf8"));
    tsconfig.include = ["index.ts", "policies/**/*.ts", "rules/**/*.ts"];
    fs.writeFileSync(path.join(outDir, "tsconfig.json"), `${JSON.stringify(tsconfig, null, 4)}\n`);
    return { outDir, files: packSources.length + rules.length };
}

module.exports = { bundle, collectSources };

if (require.main === module) {
    const out = path.resolve(process.argv[2] ?? path.join(ROOT, "dist", "policy-pack-publish"));
    const result = bundle(out);
    process.stdout.write(`wrote the publishable pack (${result.files} sources) to ${path.relative(process.cwd(), result.outDir) || "."}\n`);
}
