/**
 * The picture in docs/audit-report.md: the HTML report of the bundled snapshot (docs/examples/account.json and oidc-provider.json),
 * its exposed role opened, in headless Chromium (scripts/install-chromium.sh).
 *
 *   node -r ts-node/register/transpile-only scripts/report-screenshot.ts
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../cli/main";
import { Chromium } from "../tests/support/browser";

const REPO = path.resolve(__dirname, "..");
const OUT = path.join(REPO, "docs", "images", "audit-report.png");

async function screenshot(): Promise<void> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "report-shot-"));
    const file = path.join(dir, "report.html");
    process.chdir(REPO);
    const input = ["--authorization-details", "docs/examples/account.json", "--oidc-provider", "docs/examples/oidc-provider.json"];
    const code = await main(["audit", ...input, "--format", "html", "--out", file], {
        out: () => undefined,
        err: () => undefined,
    });
    if (code > 1) {
        throw new Error(`audit exited ${code}`);
    }
    const browser = await Chromium.launch();
    try {
        const p = await browser.open(file);
        await p.page.setViewportSize({ width: 1280, height: 1560 });
        await p.page.click('tr.role[data-arn$="/WarpUnsafeRole"]');
        await p.page.screenshot({ path: OUT });
    } finally {
        await browser.close();
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

void screenshot();
