#!/usr/bin/env node
/**
 * `npm run bench`: every bench/*.bench.ts in turn, each in its own Node process (TypeScript loaded
 * transpile-only), with a heading per benchmark. Exits non-zero if any benchmark fails to run.
 *   npm run bench                      all of them
 *   npm run bench -- pack-start        only those whose file name contains "pack-start"
 */
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const filters = process.argv.slice(2);
const benches = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith(".bench.ts") && (filters.length === 0 || filters.some((x) => f.includes(x))))
    .sort();
let failed = 0;
for (const file of benches) {
    process.stdout.write(`\n== ${file}\n`);
    const r = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", path.join(__dirname, file)], { stdio: "inherit", cwd: path.dirname(__dirname) });
    if (r.status !== 0) {
        failed++;
        process.stdout.write(`${file} failed (exit ${r.status})\n`);
    }
}
process.exitCode = failed > 0 ? 1 : 0;
