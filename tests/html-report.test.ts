/**
 * `audit --format html` opened in a real browser: headless Chromium (Debian's package, installed by
 * scripts/install-chromium.sh) driven by playwright-core. Reports are made by the CLI from the bundled
 * snapshot, from hostile input, from a moto account and from a moto organization with an account the
 * auditor may not read; the test reads the rendered DOM and compares it with `audit --format json` on the
 * same input. A screenshot of each report is kept under tmp/report-screenshots/ for people to look at.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { TagRoleCommand } from "@aws-sdk/client-iam";
import { Chromium, OpenedPage } from "./support/browser";
import { Moto, withAwsEnv } from "./support/moto";
import { AUDIT_ROLE, createAuditor, createOrganization, iamIn, prepareMember, warpRole } from "./support/moto-org";
import { REPO, runCli } from "./support/run-cli";
import { pack, unpack } from "../cli/html-report/pack";

const SCREENSHOTS = path.join(REPO, "tmp", "report-screenshots");
const SNAPSHOT = path.join(REPO, "docs", "examples", "account.json");
const TEAM = "TeamHtml000000000001";
const HOSTILE_NAME = "<img src=x onerror=alert(1)>";
const HOSTILE_VALUE = "</script><script>window.__pwned = 1; alert(2)</script>";

let dir: string;
let browser: Chromium;

/** Runs the CLI for an HTML report into a fresh file; returns the file, checking the CLI's own contract. */
async function htmlReport(name: string, ...argv: string[]): Promise<string> {
    const out = path.join(dir, `${name}.html`);
    const r = await runCli("audit", ...argv, "--format", "html", "--out", out);
    assert.ok(r.code === 0 || r.code === 1, r.stderr);
    assert.strictEqual(r.stdout, "", "the page goes to --out, nothing to standard output");
    assert.match(r.stderr, /wrote .*\.html \(\d+ bytes\)/);
    return out;
}

async function jsonReport(...argv: string[]): Promise<any> {
    const r = await runCli("audit", ...argv, "--format", "json");
    return JSON.parse(r.stdout);
}

async function count(p: OpenedPage, id: string): Promise<number> {
    return Number(await p.page.textContent(`[data-count="${id}"] .n`));
}

async function shownRoles(p: OpenedPage): Promise<string[]> {
    return p.page.$$eval("tr.role", (rows) => rows.map((r) => r.getAttribute("data-arn") ?? ""));
}

async function openRole(p: OpenedPage, arn: string) {
    const row = `tr.role[data-arn="${arn}"]`;
    if ((await p.page.getAttribute(row, "aria-expanded")) !== "true") {
        await p.page.click(row);
    }
    return p.page.locator(`${row} + tr.detail-row .detail`);
}

async function screenshot(p: OpenedPage, name: string): Promise<void> {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await p.page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Nothing ran but the viewer: no dialog, no error, no request, no injected element or flag. */
async function assertInert(p: OpenedPage): Promise<void> {
    assert.deepStrictEqual(p.dialogs, [], "no dialog opened");
    assert.deepStrictEqual(p.errors, [], "no script error");
    assert.deepStrictEqual(p.requests, [], "no request after the file itself");
    assert.strictEqual(await p.page.evaluate(() => (window as any).__pwned), undefined, "no injected script ran");
    assert.strictEqual(await p.page.$$eval("#app img, #app script", (x) => x.length), 0, "no element made from data");
}

describe("the HTML audit report in headless Chromium", function () {
    this.timeout(240_000);

    before(async () => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "html-report-"));
        browser = await Chromium.launch();
    });
    after(async () => {
        await browser?.close();
        fs.rmSync(dir, { recursive: true, force: true });
    });

    describe("the bundled snapshot (docs/examples/account.json)", () => {
        let p: OpenedPage;
        let json: any;
        before(async () => {
            json = await jsonReport("--authorization-details", SNAPSHOT);
            p = await browser.open(await htmlReport("account", "--authorization-details", SNAPSHOT));
        });
        after(() => p?.page.close());

        it("shows the audit's counts in the summary", async () => {
            assert.strictEqual(await count(p, "accounts-read"), 1);
            assert.strictEqual(await count(p, "accounts-unreadable"), 0);
            assert.strictEqual(await count(p, "roles-read"), json.summary.rolesInAccount);
            assert.strictEqual(await count(p, "warp-roles"), json.summary.warpRoles);
            assert.strictEqual(await count(p, "mandatory"), json.summary.mandatory);
            assert.strictEqual(await count(p, "advisory"), json.summary.advisory);
            assert.strictEqual(await count(p, "broken-roles"), json.summary.brokenRoles);
            assert.deepStrictEqual((await shownRoles(p)).sort(), json.roles.map((r: any) => r.arn).sort());
            const rules = await p.page.$$eval("#rules tbody tr", (rows) => rows.map((r) => r.getAttribute("data-rule")));
            assert.deepStrictEqual(rules.sort(), [...new Set(json.findings.map((f: any) => f.rule))].sort());
            await assertInert(p);
        });

        it("shows a known exposure's witness and fix, with a link to the rule's section of the docs, in two clicks", async () => {
            const exposure = json.findings.find((f: any) => f.rule === "warp-trust-audience");
            assert.ok(exposure?.witness, "the snapshot's unsafe role has an audience exposure");
            await p.page.click('#rules tr[data-rule="warp-trust-audience"] a:not(.doc)');
            assert.deepStrictEqual(await shownRoles(p), [exposure.roleArn]);
            const detail = await openRole(p, exposure.roleArn);
            const box = detail.locator('.finding[data-rule="warp-trust-audience"]');
            assert.strictEqual(await box.locator(".witness code").textContent(), exposure.witness.description);
            assert.match((await box.locator(".fix").textContent()) ?? "", new RegExp(escapeRegExp(exposure.remediation.slice(0, 40))));
            const href = await box.locator("a.doc").getAttribute("href");
            assert.ok(href?.endsWith("/docs/policy-pack.md#warp-trust-audience"), href ?? "no link");
            const docs = fs.readFileSync(path.join(REPO, "docs", "policy-pack.md"), "utf8");
            assert.ok(docs.includes("### `warp-trust-audience`"), "the anchor is a section of the docs");
            await p.page.click("#filter-reset");
        });

        it("shows who may assume each role in the trust engine's words, and its documents pretty-printed one click away", async () => {
            for (const role of json.roles) {
                const detail = await openRole(p, role.arn);
                const who = await detail.locator("ul.who li").allTextContents();
                for (const line of role.whoCanAssume.admitted) {
                    assert.ok(who.includes(line), `${role.name}: ${line}`);
                }
                await detail.locator('button[data-doc="trust policy"]').click();
                const shown = (await detail.locator("pre.document").textContent()) ?? "";
                const snapshot = JSON.parse(fs.readFileSync(SNAPSHOT, "utf8"));
                const record = snapshot.RoleDetailList.find((r: any) => r.Arn === role.arn);
                assert.strictEqual(shown, JSON.stringify(record.AssumeRolePolicyDocument, null, 2));
            }
        });

        it("says what each role may do in the permissions engine's words: the models and regions it may invoke, and what lies beyond", async () => {
            for (const role of json.roles) {
                const detail = await openRole(p, role.arn);
                const shown = await detail.locator("ul.allowed li").allTextContents();
                const mayDo = role.permissions.mayDo;
                const expected = [
                    ...(mayDo.invoke.length === 0 ? [mayDo.beyond.length === 0 ? "nothing" : "no model invocation"] : []),
                    ...mayDo.invoke.map((i: any) => i.text),
                    ...mayDo.beyond.map((b: string) => `and beyond that: ${b}`),
                    ...mayDo.unseen.map((u: string) => `not counting what could not be read: ${u}`),
                    ...mayDo.assumptions.map((a: string) => `assuming ${a}`),
                ];
                assert.deepStrictEqual(shown, expected, role.name);
            }
            const byName = (name: string) => json.roles.find((r: any) => r.name === name);
            const good = await (await openRole(p, byName("WarpBedrockRole").arn)).locator("ul.allowed li").allTextContents();
            assert.deepStrictEqual(good, [
                "InvokeModel and InvokeModelWithResponseStream on foundation models in any region; inference profiles in any region",
            ]);
            const unsafe = await (await openRole(p, byName("WarpUnsafeRole").arn)).locator("ul.allowed li.exposure").allTextContents();
            assert.deepStrictEqual(unsafe, [
                'and beyond that: bedrock:PutModelInvocationLoggingConfiguration on * (Statement[0] (Sid "BedrockAll") of arn:aws:iam::aws:policy/AmazonBedrockFullAccess)',
            ]);
        });

        it("filters by rule, tier and account, and hides what does not match", async () => {
            const all = await shownRoles(p);
            const clean = json.roles.filter((r: any) => r.findings.length === 0).map((r: any) => r.arn);
            await p.page.selectOption("#filter-tier", "exposure");
            const exposed = json.roles.filter((r: any) => r.findings.some((f: any) => f.tier === "exposure")).map((r: any) => r.arn);
            assert.deepStrictEqual((await shownRoles(p)).sort(), exposed.sort());
            assert.ok(exposed.length < all.length, "the tier filter hides the role without an exposure");
            await p.page.selectOption("#filter-tier", "none");
            assert.deepStrictEqual((await shownRoles(p)).sort(), clean.sort());
            await p.page.selectOption("#filter-tier", "");
            await p.page.fill("#filter-text", "WarpBedrockRole");
            assert.deepStrictEqual(
                await shownRoles(p),
                all.filter((a) => a.endsWith("/WarpBedrockRole")),
            );
            await p.page.click("#filter-reset");
            assert.deepStrictEqual(await shownRoles(p), all);
            const first = `tr.role[data-arn="${all[0]}"]`;
            const before = await p.page.getAttribute(first, "aria-expanded");
            await p.page.focus(first);
            await p.page.keyboard.press("Enter");
            const after = await p.page.getAttribute(first, "aria-expanded");
            assert.strictEqual(after, before === "true" ? "false" : "true", "Enter on a focused role opens or closes it");
            await screenshot(p, "account");
            await assertInert(p);
        });
    });

    it("renders hostile role names, tags and policy values as text, runs nothing and requests nothing", async () => {
        const snapshot = JSON.parse(fs.readFileSync(SNAPSHOT, "utf8"));
        const role = snapshot.RoleDetailList[1];
        role.RoleName = HOSTILE_NAME;
        role.Arn = `arn:aws:iam::123456789012:role/${HOSTILE_NAME}`;
        role.Tags = [{ Key: "owner", Value: HOSTILE_VALUE }];
        role.AssumeRolePolicyDocument.Statement[0].Sid = HOSTILE_VALUE;
        role.RolePolicyList = [
            {
                PolicyName: HOSTILE_NAME,
                PolicyDocument: {
                    Version: "2012-10-17",
                    Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: HOSTILE_VALUE }],
                },
            },
        ];
        const input = path.join(dir, "hostile.json");
        fs.writeFileSync(input, JSON.stringify(snapshot));
        const file = await htmlReport("hostile", "--authorization-details", input);
        const text = fs.readFileSync(file, "utf8");
        assert.ok(!text.includes("<img"), "no hostile markup in the file");
        assert.strictEqual(text.match(/<\/script>/g)?.length, 2, "only the file's own two script elements end");
        assert.match(text, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'sha256-[^']+';/);
        const p = await browser.open(file);
        try {
            assert.ok((await p.page.locator(".role-name").allTextContents()).includes(HOSTILE_NAME), "the name shows as text");
            const detail = await openRole(p, role.Arn);
            assert.ok(((await detail.textContent()) ?? "").includes(`owner=${HOSTILE_VALUE}`), "the tag shows as text");
            assert.ok((await detail.locator("ul.may-do").textContent())?.includes(HOSTILE_VALUE), "the policy value shows as text");
            await detail.locator(`button[data-doc="inline policy ${HOSTILE_NAME}"]`).click();
            assert.ok((await detail.locator("pre.document").textContent())?.includes(JSON.stringify(HOSTILE_VALUE)));
            const enforced = await p.page.evaluate(async () => {
                const refused = async (f: () => unknown) => {
                    try {
                        await f();
                        return false;
                    } catch {
                        return true;
                    }
                };
                return {
                    innerHTML: await refused(() => (document.body.innerHTML = "<b>markup</b>")),
                    fetch: await refused(() => fetch("http://127.0.0.1:9/beacon")),
                };
            });
            assert.deepStrictEqual(enforced, { innerHTML: true, fetch: true }, "the page's CSP is in force");
            p.errors.length = 0; // the refusals above are reported on the console
            await screenshot(p, "hostile");
            await assertInert(p);
        } finally {
            await p.page.close();
        }
    });

    it("lists the roles that admit no one (a Warp host named, no Warp token let in) and an empty account", async () => {
        const snapshot = JSON.parse(fs.readFileSync(SNAPSHOT, "utf8"));
        const role = snapshot.RoleDetailList[0];
        role.AssumeRolePolicyDocument.Statement[0].Principal = { Federated: "arn:aws:iam::999999999999:oidc-provider/app.warp.dev" };
        const input = path.join(dir, "broken.json");
        fs.writeFileSync(input, JSON.stringify(snapshot));
        const json = await jsonReport("--authorization-details", input);
        assert.strictEqual(json.summary.brokenRoles, 1);
        const p = await browser.open(await htmlReport("broken", "--authorization-details", input));
        try {
            assert.strictEqual(await count(p, "broken-roles"), 1);
            assert.deepStrictEqual(await p.page.locator("#broken li").allTextContents(), [role.Arn]);
            assert.match((await p.page.textContent(`tr.role[data-arn="${role.Arn}"]`)) ?? "", /admits no one/);
            await assertInert(p);
        } finally {
            await p.page.close();
        }
        fs.writeFileSync(input, JSON.stringify({ ...snapshot, RoleDetailList: [] }));
        const empty = await browser.open(await htmlReport("empty", "--authorization-details", input));
        try {
            assert.strictEqual(await count(empty, "warp-roles"), 0);
            assert.strictEqual(await empty.page.textContent("#shown-count"), "0 of 0 roles");
            await assertInert(empty);
        } finally {
            await empty.page.close();
        }
    });

    describe("against moto", () => {
        let moto: Moto;
        before(async () => {
            moto = await Moto.shared();
        });

        it("a live account: the exposed role's witness, the clean role clean, a hostile tag inert", async () => {
            await moto.reset();
            const iam = moto.iam();
            await prepareMember(iam, "123456789012");
            await warpRole(iam, "123456789012", "WarpTeamRole", `scoped_principal:${TEAM}/user:*`);
            await warpRole(iam, "123456789012", "WarpAnyTeam", "scoped_principal:*/user:*");
            await iam.send(new TagRoleCommand({ RoleName: "WarpAnyTeam", Tags: [{ Key: "note", Value: HOSTILE_VALUE }] }));
            const args = ["--team", TEAM];
            const json = await withAwsEnv(moto.env(), () => jsonReport(...args));
            const file = await withAwsEnv(moto.env(), () => htmlReport("moto-account", ...args));
            const p = await browser.open(file);
            try {
                assert.strictEqual(await count(p, "warp-roles"), json.summary.warpRoles);
                assert.strictEqual(await count(p, "mandatory"), json.summary.mandatory);
                const exposed = json.roles.find((r: any) => r.name === "WarpAnyTeam");
                const witness = exposed.whoCanAssume.exposures[0].witness.description;
                const detail = await openRole(p, exposed.arn);
                assert.ok((await detail.locator(".witness code").allTextContents()).includes(witness), witness);
                await p.page.selectOption("#filter-tier", "exposure");
                assert.deepStrictEqual(await shownRoles(p), [exposed.arn]);
                await p.page.click("#filter-reset");
                await screenshot(p, "moto-account");
                await assertInert(p);
            } finally {
                await p.page.close();
            }
        });

        it("an organization with an account the auditor may not read: listed with its reason, filters by account", async () => {
            await moto.reset();
            const members = await createOrganization(moto.endpoint, 3);
            const [exposed, refused, clean] = members;
            for (const account of [...members, "123456789012"]) {
                const iam = account === "123456789012" ? moto.iam() : await iamIn(moto.endpoint, account);
                await prepareMember(iam, account);
                await warpRole(iam, account, "WarpTeamRole", `scoped_principal:${TEAM}/user:*`);
            }
            await warpRole(await iamIn(moto.endpoint, exposed), exposed, "WarpAnyTeam", "scoped_principal:*/user:*");
            const env = await createAuditor(moto, refused);
            const args = ["--organization", "--role-name", AUDIT_ROLE, "--team", TEAM];
            await moto.authorization(true);
            let json: any;
            let file: string;
            try {
                json = await withAwsEnv(env, () => jsonReport(...args));
                file = await withAwsEnv(env, () => htmlReport("moto-organization", ...args));
            } finally {
                await moto.authorization(false);
            }
            const p = await browser.open(file);
            try {
                assert.strictEqual(await count(p, "accounts-read"), json.summary.audited);
                assert.strictEqual(await count(p, "accounts-unreadable"), 1);
                const reason = json.accounts.find((a: any) => a.accountId === refused).reason;
                assert.match(
                    (await p.page.textContent(`#unreadable li[data-account="${refused}"]`)) ?? "",
                    new RegExp(escapeRegExp(reason)),
                );
                assert.strictEqual(await count(p, "warp-roles"), json.summary.warpRoles);
                const bars = await p.page.$$eval("#findings-chart g.bar", (g) => g.map((x) => x.getAttribute("data-account")));
                assert.ok(bars.includes(exposed) && !bars.includes(clean), `bars: ${bars.join(", ")}`);
                assert.deepStrictEqual(
                    await p.page.$$eval("#findings-chart g.unread", (g) => g.map((x) => x.getAttribute("data-account"))),
                    [refused],
                );
                await p.page.click(`#findings-chart g.bar[data-account="${exposed}"]`);
                const shown = await shownRoles(p);
                assert.ok(shown.length > 0 && shown.every((a) => a.includes(`::${exposed}:`)), shown.join(", "));
                await p.page.selectOption("#filter-account", clean);
                assert.deepStrictEqual(await shownRoles(p), [`arn:aws:iam::${clean}:role/WarpTeamRole`]);
                await p.page.click("#filter-reset");
                assert.strictEqual((await shownRoles(p)).length, json.summary.warpRoles + json.summary.brokenRoles);
                await screenshot(p, "moto-organization");
                await assertInert(p);
            } finally {
                await p.page.close();
            }
        });
    });
});

describe("audit --format html --out: the safe writer's refusals", () => {
    let out: string;
    beforeEach(() => {
        out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "html-out-")), "report.html");
    });

    it("refuses a file that exists without --force (exit 2, nothing written), and replaces it with --force", async () => {
        fs.writeFileSync(out, "old");
        const r = await runCli("audit", "--authorization-details", SNAPSHOT, "--format", "html", "--out", out);
        assert.strictEqual(r.code, 2);
        assert.strictEqual(r.stdout, "");
        assert.match(r.stderr, /--out: .*report\.html already exists/);
        assert.strictEqual(fs.readFileSync(out, "utf8"), "old");
        const forced = await runCli("audit", "--authorization-details", SNAPSHOT, "--format", "html", "--out", out, "--force");
        assert.strictEqual(forced.code, 1, forced.stderr);
        assert.match(fs.readFileSync(out, "utf8"), /^<!doctype html>/);
    });

    it("never writes through a symbolic link, even with --force", async () => {
        const target = path.join(path.dirname(out), "elsewhere");
        fs.writeFileSync(target, "keep");
        fs.symlinkSync(target, out);
        const r = await runCli("audit", "--authorization-details", SNAPSHOT, "--format", "html", "--out", out, "--force");
        assert.strictEqual(r.code, 2);
        assert.match(r.stderr, /symbolic link/);
        assert.strictEqual(fs.readFileSync(target, "utf8"), "keep");
    });

    it("takes --out and --force only with --format html, and writes the page to standard output without --out", async () => {
        const r = await runCli("audit", "--authorization-details", SNAPSHOT, "--format", "json", "--out", out);
        assert.strictEqual(r.code, 2);
        assert.match(r.stderr, /--out goes with --format html/);
        assert.ok(!fs.existsSync(out));
        const page = await runCli("audit", "--authorization-details", SNAPSHOT, "--format", "html");
        assert.match(page.stdout, /^<!doctype html>[\s\S]*<script type="application\/json" id="report-data">/);
    });
});

describe("the report's embedded data", () => {
    it("stores repeated strings once and gives back every string as it was, markers included", () => {
        const data = {
            a: ["^0", "~x", "\u0001", "repeated string", "repeated string", "short", "short"],
            b: { c: "repeated string", n: 3, z: null },
        };
        const packed = pack(data);
        assert.deepStrictEqual(packed.strings, ["repeated string"]);
        assert.deepStrictEqual(unpack(JSON.parse(JSON.stringify(packed))), data);
    });
});

function escapeRegExp(s: string): string {
    return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
