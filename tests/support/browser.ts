/**
 * Headless Chromium (Debian's package, scripts/install-chromium.sh) driven by playwright-core, for the
 * HTML report's tests and benchmark: a fresh profile each launch, no network services of its own, and a
 * log of every request, dialog, console error and page error a page makes.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { BrowserContext, Page, chromium } from "playwright-core";

const CHROMIUM = "/usr/bin/chromium";

const FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
];

export interface OpenedPage {
    page: Page;
    /** Every URL the page asked for after the report itself. */
    requests: string[];
    dialogs: string[];
    errors: string[];
}

export class Chromium {
    private constructor(
        private readonly context: BrowserContext,
        private readonly profile: string,
    ) {}

    static async launch(): Promise<Chromium> {
        const profile = fs.mkdtempSync(path.join(os.tmpdir(), "report-chromium-"));
        const context = await chromium.launchPersistentContext(profile, {
            executablePath: CHROMIUM,
            headless: true,
            args: FLAGS,
            viewport: { width: 1280, height: 900 },
        });
        return new Chromium(context, profile);
    }

    /** Opens a report file from disk and waits for the viewer to render it. */
    async open(file: string): Promise<OpenedPage> {
        const page = await this.context.newPage();
        const url = `file://${path.resolve(file)}`;
        const opened: OpenedPage = { page, requests: [], dialogs: [], errors: [] };
        page.on("request", (r) => {
            if (r.url() !== url) {
                opened.requests.push(r.url());
            }
        });
        page.on("dialog", (d) => {
            opened.dialogs.push(d.message());
            void d.dismiss();
        });
        page.on("console", (m) => {
            if (m.type() === "error") {
                opened.errors.push(m.text());
            }
        });
        page.on("pageerror", (e) => opened.errors.push(e.message));
        await page.goto(url);
        await page.waitForSelector("#role-table");
        return opened;
    }

    async close(): Promise<void> {
        await this.context.close();
        fs.rmSync(this.profile, { recursive: true, force: true });
    }
}
