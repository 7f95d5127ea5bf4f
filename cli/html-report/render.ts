/**
 * One self-contained HTML file: styles, the viewer script and the report's data inside, nothing fetched.
 * The data sits in a `<script type="application/json">` with every `<`, `>` and `&` escaped, so no
 * string from AWS can end the element or become markup; the viewer puts strings in text nodes only. A
 * Content-Security-Policy (`default-src 'none'`) admits the file's own script and style by their hashes
 * and nothing else: no other script, no request, no form, no base URL.
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import type { ReportData } from "./data";
import { STYLE } from "./style";
import { pack } from "./pack";

const BUILT_VIEWER = path.join(__dirname, "viewer.js");

let viewer: string | undefined;

/** The viewer bundle: built by `npm run build` (the installed package), or bundled now in a source checkout. */
function viewerScript(): string {
    if (viewer === undefined) {
        viewer = fs.existsSync(BUILT_VIEWER)
            ? fs.readFileSync(BUILT_VIEWER, "utf8")
            : (require("../../scripts/build-report-viewer.js") as { bundleViewer: () => string }).bundleViewer();
        if (/<\/script|<!--/i.test(viewer)) {
            throw new Error("the report viewer's bundle holds </script or <!--, so it cannot be inlined");
        }
    }
    return viewer;
}

const sha256 = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

/** JSON that is inert inside a script element: no `<`, `>` or `&`, and no line separators JavaScript minds. */
function embeddedJson(value: unknown): string {
    return JSON.stringify(value)
        .replace(/</g, "\\u003c")
        .replace(/>/g, "\\u003e")
        .replace(/&/g, "\\u0026")
        .replace(/\u2028/g, "\\u2028")
        .replace(/\u2029/g, "\\u2029");
}

export function renderHtml(data: ReportData): string {
    const script = viewerScript();
    const csp = [
        "default-src 'none'",
        `script-src ${sha256(script)}`,
        `style-src ${sha256(STYLE)}`,
        "base-uri 'none'",
        // No markup from strings at all: the DOM's HTML sinks (innerHTML and the like) refuse to run.
        "require-trusted-types-for 'script'",
        "trusted-types 'none'",
        "form-action 'none'",
    ].join("; ");
    return [
        "<!doctype html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
        '<meta name="referrer" content="no-referrer">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>Warp Bedrock access: audit report</title>",
        `<style>${STYLE}</style>`,
        "</head>",
        "<body>",
        '<div id="app"><noscript>This report needs JavaScript to show its data.</noscript></div>',
        `<script type="application/json" id="report-data">${embeddedJson(pack(data))}</script>`,
        `<script>${script}</script>`,
        "</body>",
        "</html>",
        "",
    ].join("\n");
}

/** Where the docs are: the installed package's docs/ folder (policy-pack.md holds a section per rule). */
export function defaultDocsBase(): string {
    for (const dir of [path.resolve(__dirname, "../../docs"), path.resolve(__dirname, "../../../docs")]) {
        if (fs.existsSync(path.join(dir, "policy-pack.md"))) {
            return `file://${dir.split(path.sep).map(encodeURIComponent).join("/")}/`;
        }
    }
    return "https://www.npmjs.com/package/warp-bedrock-access/";
}
