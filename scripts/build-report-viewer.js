#!/usr/bin/env node
/**
 * Builds the HTML audit report's viewer: cli/html-report/viewer/main.ts and the npm libraries it uses
 * (preact and htm) bundled by esbuild into one browser script, dist/cli/html-report/viewer.js, which
 * `audit --format html` inlines into every report (so the installed package needs neither esbuild nor
 * the libraries). In a source checkout without dist/, cli/html-report/render.ts bundles it in memory
 * with this same function.
 *
 *   node scripts/build-report-viewer.js        (run by `npm run build`)
 */
"use strict";
const esbuild = require("esbuild");
const fs = require("fs");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const ENTRY = path.join(ROOT, "cli", "html-report", "viewer", "main.ts");
const OUT_FILE = path.join(ROOT, "dist", "cli", "html-report", "viewer.js");

/** The viewer's script text. */
function bundleViewer() {
    const result = esbuild.buildSync({
        entryPoints: [ENTRY],
        bundle: true,
        write: false,
        format: "iife",
        platform: "browser",
        target: "es2020",
        minify: true,
        charset: "ascii",
        legalComments: "eof",
        logLevel: "warning",
    });
    return result.outputFiles[0].text;
}

if (require.main === module) {
    fs.mkdirSync(path.dirname(OUT_FILE), { recursive: true });
    fs.writeFileSync(OUT_FILE, bundleViewer());
}

module.exports = { bundleViewer };
