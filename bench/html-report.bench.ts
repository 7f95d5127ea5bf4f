/**
 * The HTML audit report of a large organization: 50 accounts of 40 Warp roles each (2,000 roles; one in
 * 20 the bundled example's unsafe role, with its 15 findings, the others its safe role) and one account
 * that could not be read. Measures building the file (audit of every snapshot, then the page), its size,
 * and how long headless Chromium takes to show it: from navigation to the role table (wall clock, and the
 * page's own DOMContentLoaded, which comes after the viewer's synchronous render), then one filter
 * change, and listing every role (the table shows 200 at first, "show more" adds 200). Targets: under 5 MB, shown in under 2 s. Run: `npm run bench -- html-report`. Figures:
 * docs/audit-report.md#size-and-speed.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { auditAccount } from "../account/audit";
import { snapshotFromDetails } from "../account/snapshot";
import { AccountInput, reportData } from "../cli/html-report/model";
import { renderHtml } from "../cli/html-report/render";
import { Chromium } from "../tests/support/browser";
import { median, time } from "./stats";

const REPO = path.resolve(__dirname, "..");
const ACCOUNTS = 50;
const ROLES = 40;
const LOADS = 5;

function accountInputs(): AccountInput[] {
    const base = JSON.parse(fs.readFileSync(path.join(REPO, "docs", "examples", "account.json"), "utf8"));
    const [safe, unsafe] = base.RoleDetailList;
    const out: AccountInput[] = [];
    for (let a = 0; a < ACCOUNTS; a++) {
        const id = String(100000000000 + a * 7919);
        const roles = Array.from({ length: ROLES }, (_, j) => {
            const r = structuredClone((a * ROLES + j) % 20 === 0 ? unsafe : safe);
            r.RoleName = `${r.RoleName}-${j}`;
            r.Arn = `arn:aws:iam::${id}:role/${r.RoleName}`;
            return r;
        });
        const page = JSON.parse(JSON.stringify({ ...base, RoleDetailList: roles }).replace(/123456789012/g, id));
        const provider = { arn: `arn:aws:iam::${id}:oidc-provider/app.warp.dev`, url: "app.warp.dev", clientIds: ["sts.amazonaws.com"] };
        const snapshot = snapshotFromDetails([page], "live", [provider]);
        out.push({ accountId: id, name: `member-${a}`, reason: null, report: auditAccount(snapshot), snapshot });
    }
    out.push({
        accountId: "999999999999",
        name: "suspended",
        reason: "sts:AssumeRole failed: AccessDenied",
        report: null,
        snapshot: undefined,
    });
    return out;
}

/** Opens the report LOADS times in fresh pages: time to the role table, DOMContentLoaded, a filter change, every row listed. */
async function inBrowser(file: string, roles: number): Promise<Record<"wall" | "dcl" | "filter" | "showAll", number[]>> {
    const browser = await Chromium.launch();
    const wall: number[] = [];
    const dcl: number[] = [];
    const filter: number[] = [];
    const showAll: number[] = [];
    try {
        for (let i = 0; i < LOADS; i++) {
            const start = Date.now();
            const p = await browser.open(file);
            wall.push(Date.now() - start);
            dcl.push(
                await p.page.evaluate(
                    () => (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).domContentLoadedEventEnd,
                ),
            );
            const t = Date.now();
            await p.page.selectOption("#filter-tier", "exposure");
            await p.page.waitForSelector(`#shown-count[data-shown="${roles / 20}"]`);
            filter.push(Date.now() - t);
            await p.page.selectOption("#filter-tier", "");
            const all = Date.now();
            while ((await p.page.$("#show-more")) !== null) {
                await p.page.click("#show-more");
            }
            await p.page.waitForSelector(`#role-table tbody tr.role:nth-child(${roles})`);
            showAll.push(Date.now() - all);
            if (p.errors.length > 0 || p.requests.length > 0) {
                throw new Error(`the page made requests or errors: ${[...p.requests, ...p.errors].join("; ")}`);
            }
            await p.page.close();
        }
    } finally {
        await browser.close();
    }
    return { wall, dcl, filter, showAll };
}

async function main(): Promise<void> {
    let inputs: AccountInput[] = [];
    const auditMs = time(() => (inputs = accountInputs()));
    let html = "";
    const renderMs = time(() => {
        html = renderHtml(
            reportData(inputs, { kind: "organization", source: "benchmark", docsBase: "https://example.com/docs/", generatedAt: "now" }),
        );
    });
    const roles = inputs.reduce((n, a) => n + (a.report?.roles.length ?? 0), 0);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "warp-bench-html-")), "report.html");
    fs.writeFileSync(file, html);
    const bytes = Buffer.byteLength(html);
    console.log(
        `${ACCOUNTS + 1} accounts (1 not read), ${roles} Warp roles: audit ${auditMs.toFixed(0)} ms, page ${renderMs.toFixed(0)} ms`,
    );
    console.log(`file: ${(bytes / 1e6).toFixed(2)} MB (target under 5 MB)`);
    const { wall, dcl, filter, showAll } = await inBrowser(file, roles);
    console.log(`open to role table (wall clock, median of ${LOADS}): ${median(wall)} ms (target under 2,000 ms)`);
    console.log(`DOMContentLoaded in the page (after the viewer's render), median: ${median(dcl).toFixed(0)} ms`);
    console.log(`tier filter to exposures (${roles / 20} roles shown), median: ${median(filter)} ms`);
    console.log(`"show more" until all ${roles} rows are in the table, median: ${median(showAll)} ms`);
    if (process.env.KEEP_REPORT) {
        console.log(file);
    } else {
        fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
}

void main().catch((e) => {
    console.error(e);
    process.exitCode = 1;
});
