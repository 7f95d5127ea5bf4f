/**
 * `warp-bedrock audit`: from the file `aws iam get-account-authorization-details` writes (merged, or
 * pages one after another), and live through the AWS SDK with IAM's responses mocked exactly as IAM
 * sends them (URL-encoded documents, Marker pagination). Both paths give the same report.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { mockClient } from "aws-sdk-client-mock";
import {
    GetAccountAuthorizationDetailsCommand,
    GetOpenIDConnectProviderCommand,
    GetRoleCommand,
    IAMClient,
    ListOpenIDConnectProvidersCommand,
} from "@aws-sdk/client-iam";
import { main } from "../cli/main";
import type { AuditReport } from "../account/audit";

const FIXTURES = path.join(__dirname, "fixtures", "account");
const fixture = (name: string) => path.join(FIXTURES, name);
const DETAILS = fixture("authorization-details.json");

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = "";
    let err = "";
    const code = await main(args, { out: (t) => (out += t), err: (t) => (err += t) });
    return { code, out, err };
}

async function auditJson(...args: string[]): Promise<AuditReport> {
    const r = await run("audit", ...args, "--format", "json");
    assert.ok(r.code === 0 || r.code === 1, r.err);
    return JSON.parse(r.out);
}

const byName = (report: AuditReport, name: string) => report.roles.find((r) => r.name === name)!;

/** The fixture as IAM's API returns it: documents URL-encoded, dates as dates, split into two pages. */
const markersSent: (string | undefined)[] = [];

/**
 * aws-sdk-client-mock, kept here because moto cannot produce this case: its GetAccountAuthorizationDetails
 * answers in one page whatever the account holds, so pages linked by Marker only come from this mock
 * (tests/account-live-moto.test.ts reads 130 roles from moto over the wire).
 */
function liveIam(pages = 2) {
    const details = JSON.parse(fs.readFileSync(DETAILS, "utf8"));
    const encode = (doc: unknown) => encodeURIComponent(JSON.stringify(doc));
    const roles = details.RoleDetailList.map((r: any) => ({
        ...r,
        CreateDate: new Date(r.CreateDate),
        AssumeRolePolicyDocument: encode(r.AssumeRolePolicyDocument),
        RolePolicyList: r.RolePolicyList.map((p: any) => ({ ...p, PolicyDocument: encode(p.PolicyDocument) })),
    }));
    const policies = details.Policies.map((p: any) => ({
        ...p,
        CreateDate: new Date(p.CreateDate),
        UpdateDate: new Date(p.UpdateDate),
        PolicyVersionList: p.PolicyVersionList.map((v: any) => ({
            ...v,
            CreateDate: new Date(v.CreateDate),
            Document: encode(v.Document),
        })),
    }));
    const iam = mockClient(IAMClient);
    const cut = Math.ceil(roles.length / pages);
    const pageOf = (i: number) => ({
        RoleDetailList: roles.slice(i * cut, (i + 1) * cut),
        Policies: i === 0 ? policies : [],
        UserDetailList: [],
        GroupDetailList: [],
        IsTruncated: i < pages - 1,
        ...(i < pages - 1 ? { Marker: `marker-${i + 1}` } : {}),
    });
    // The markers as each call sent them (the SDK's paginator reuses one input object between pages).
    markersSent.length = 0;
    iam.on(GetAccountAuthorizationDetailsCommand).callsFake((input: any) => {
        markersSent.push(input.Marker);
        return pageOf(input.Marker ? Number(String(input.Marker).slice(7)) : 0);
    });
    iam.on(ListOpenIDConnectProvidersCommand).resolves({
        OpenIDConnectProviderList: [{ Arn: "arn:aws:iam::123456789012:oidc-provider/app.warp.dev" }],
    });
    iam.on(GetOpenIDConnectProviderCommand).resolves({
        Url: "app.warp.dev",
        ClientIDList: ["sts.amazonaws.com"],
        ThumbprintList: ["9e99a48a9960b14926bb7f3b02e22da2b0ab7280"],
        CreateDate: new Date("2026-05-18T15:50:00Z"),
        Tags: [],
    });
    iam.on(GetRoleCommand).callsFake((input: any) => {
        const r = roles.find((x: any) => x.RoleName === input.RoleName);
        return { Role: { ...r, MaxSessionDuration: 3600, Description: "made by the AWS CLI script" } };
    });
    return iam;
}

describe("warp-bedrock audit", () => {
    let dir: string;
    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "warp-audit-"));
        fs.writeFileSync(path.join(dir, "not-json.json"), "{ RoleDetailList: [");
        fs.writeFileSync(path.join(dir, "empty.json"), "");
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    describe("from an authorization-details file", () => {
        it("lists the roles a Warp issuer can assume, and the broken one, but not unrelated roles", async () => {
            const report = await auditJson("--authorization-details", DETAILS);
            assert.deepStrictEqual(report.roles.map((r) => r.name).sort(), [
                "WarpBedrockRole",
                "WarpBrokenRole",
                "WarpCustomerPolicyRole",
                "WarpUnsafeRole",
            ]);
            assert.strictEqual(byName(report, "WarpBrokenRole").status, "broken");
            assert.strictEqual(byName(report, "WarpBedrockRole").status, "warp-trusted");
            assert.strictEqual(report.summary.rolesInAccount, 5);
        });

        it("says who can assume each role, with the engine's witnesses for exposures", async () => {
            const report = await auditJson("--authorization-details", DETAILS);
            const good = byName(report, "WarpBedrockRole");
            assert.strictEqual(good.whoCanAssume.team, "TeamAuid0000000000001");
            assert.deepStrictEqual(good.whoCanAssume.exposures, []);
            assert.ok(good.whoCanAssume.admitted.some((a) => a.startsWith("every person of team TeamAuid0000000000001")));
            assert.ok(good.whoCanAssume.admitted.some((a) => a.startsWith("every named agent of team TeamAuid0000000000001")));
            const unsafe = byName(report, "WarpUnsafeRole");
            const audience = unsafe.whoCanAssume.exposures.find((e) => e.way === "audience");
            assert.ok(audience, "the role without an aud condition is exposed");
            assert.notStrictEqual((audience!.witness.request as any).aud, "sts.amazonaws.com");
            assert.ok(unsafe.findings.some((f) => f.rule === "warp-trust-audience" && f.level === "mandatory" && f.witness !== null));
        });

        it("judges the permissions reaching each role: inline, customer and AWS managed policies", async () => {
            const report = await auditJson("--authorization-details", DETAILS);
            assert.strictEqual(byName(report, "WarpBedrockRole").permissions.bedrockOnly, true);
            const customer = byName(report, "WarpCustomerPolicyRole").permissions;
            assert.deepStrictEqual(
                customer.policies.map((p) => [p.source, p.bedrockOnly, p.documentKnown]),
                [["customer-managed", true, true]],
            );
            assert.strictEqual(customer.permissionsBoundaryArn, "arn:aws:iam::123456789012:policy/DenyBedrockBoundary");
            const unsafe = byName(report, "WarpUnsafeRole");
            assert.strictEqual(unsafe.permissions.bedrockOnly, false);
            assert.ok(
                unsafe.findings.some(
                    (f) => f.rule === "warp-role-bedrock-permissions-only" && f.document.includes("AmazonBedrockFullAccess"),
                ),
            );
        });

        it("says what each role may do: the engine's allowed set in words, nothing when a boundary cuts it all, the witness beyond", async () => {
            const report = await auditJson("--authorization-details", DETAILS);
            const both = ["InvokeModel", "InvokeModelWithResponseStream"];
            const good = byName(report, "WarpBedrockRole").permissions.mayDo;
            assert.deepStrictEqual(good.invoke, [
                {
                    actions: both,
                    on: ["foundation models in any region", "inference profiles in any region"],
                    text: "InvokeModel and InvokeModelWithResponseStream on foundation models in any region; inference profiles in any region",
                },
            ]);
            assert.deepStrictEqual([good.beyond, good.unseen, good.assumptions], [[], [], []]);
            // Its boundary allows only s3:*, so the invoke grant of its customer managed policy reaches nothing.
            const cut = byName(report, "WarpCustomerPolicyRole").permissions.mayDo;
            assert.deepStrictEqual([cut.text, cut.invoke], ["nothing", []]);
            const unsafe = byName(report, "WarpUnsafeRole").permissions.mayDo;
            assert.deepStrictEqual(unsafe.invoke[0].actions, both);
            assert.deepStrictEqual(unsafe.beyond, [
                'bedrock:PutModelInvocationLoggingConfiguration on * (Statement[0] (Sid "BedrockAll") of arn:aws:iam::aws:policy/AmazonBedrockFullAccess)',
            ]);
            assert.match(unsafe.text, /; and beyond that: bedrock:PutModelInvocationLoggingConfiguration on \*/);
            const text = await run("audit", "--authorization-details", DETAILS);
            assert.ok(text.out.includes(`  permissions: Bedrock invoke only\n    may do: ${good.text}\n`), text.out);
            assert.ok(text.out.includes(`    may do: ${unsafe.text}\n`));
        });

        it("judges an AWS managed policy as the snapshot's default version has it, not the copy bundled with the package", async () => {
            const details = JSON.parse(fs.readFileSync(DETAILS, "utf8"));
            const managed = "arn:aws:iam::aws:policy/AmazonBedrockFullAccess";
            const setDefault = (doc: unknown) =>
                (details.Policies.find((p: any) => p.Arn === managed).PolicyVersionList = [
                    { VersionId: "v7", IsDefaultVersion: true, Document: doc },
                    {
                        VersionId: "v6",
                        IsDefaultVersion: false,
                        Document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] },
                    },
                ]);
            const file = path.join(dir, "managed-version.json");
            const unsafeRole = async () => {
                fs.writeFileSync(file, JSON.stringify(details));
                const role = byName(await auditJson("--authorization-details", file), "WarpUnsafeRole");
                return role.findings.filter((f) => f.document === `managed policy ${managed}`);
            };
            // Narrower than the bundled copy (bedrock:* and more): invocation only, so nothing to report on it.
            setDefault({
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Action: "bedrock:InvokeModel", Resource: "arn:aws:bedrock:*::foundation-model/*" }],
            });
            assert.deepStrictEqual(
                (await unsafeRole()).filter((f) => f.level === "mandatory"),
                [],
            );
            // Wider in a way the bundled copy is not: the witness is the account's statement.
            setDefault({
                Version: "2012-10-17",
                Statement: [{ Sid: "AccountOnly", Effect: "Allow", Action: "iam:PassRole", Resource: "*" }],
            });
            const wide = (await unsafeRole()).find((f) => f.rule === "warp-role-bedrock-permissions-only");
            assert.ok(wide, "the account's version is judged");
            assert.strictEqual(wide!.sid, "AccountOnly");
            assert.match(wide!.message, /iam:PassRole/);
        });

        it("text states each policy's assumptions once, findings one line each; JSON keeps each finding's whole message", async () => {
            // The snapshot without the managed policy's document: audit judges the bundled AmazonBedrockFullAccess,
            // whose conditioned statements carry assumptions.
            const details = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "docs", "examples", "account.json"), "utf8"));
            details.Policies = details.Policies.filter((p: any) => p.Arn !== "arn:aws:iam::aws:policy/AmazonBedrockFullAccess");
            const example = path.join(dir, "bundled-managed.json");
            fs.writeFileSync(example, JSON.stringify(details));
            const r = await run("audit", "--authorization-details", example);
            const lines = r.out.split("\n");
            const findings = lines.filter((l) => /^ {2}(mandatory|advisory) /.test(l));
            assert.ok(findings.length > 5, r.out);
            assert.ok(
                findings.every((l) => !l.includes("(assumed: Statement")),
                "no finding repeats the assumption list",
            );
            const stated = lines.filter((l) =>
                /^ {4}- Statement\[5\] \(Sid "MarketplaceModelEndpointMutatingAPIs"\).*assumed to hold$/.test(l),
            );
            assert.strictEqual(stated.length, 1, "each assumption once per policy");
            assert.match(r.out, /\n {2}assumed for managed policy arn:aws:iam::aws:policy\/AmazonBedrockFullAccess /);
            const json = JSON.parse((await run("audit", "--authorization-details", example, "--format", "json")).out) as AuditReport;
            assert.ok(json.findings.filter((f) => f.message.includes("(assumed: Statement[5]")).length > 1);
        });

        it("exits 1 on a mandatory finding and 0 on an account without one", async () => {
            assert.strictEqual((await run("audit", "--authorization-details", DETAILS)).code, 1);
            const details = JSON.parse(fs.readFileSync(DETAILS, "utf8"));
            details.RoleDetailList = details.RoleDetailList.filter((r: any) => r.RoleName === "WarpBedrockRole");
            const clean = path.join(dir, "clean.json");
            fs.writeFileSync(clean, JSON.stringify(details));
            const r = await run("audit", "--authorization-details", clean, "--team", "TeamAuid0000000000001", "--allow-actor-spanning");
            assert.strictEqual(r.code, 0, r.out);
            assert.match(r.out, /WarpBedrockRole/);
        });

        it("reads pages printed one after another as one account", async () => {
            const merged = await auditJson("--authorization-details", DETAILS);
            const pages = await auditJson("--authorization-details", fixture("authorization-details-pages.json"));
            assert.deepStrictEqual(pages, merged);
        });

        it("reports the OIDC provider check as not run without --oidc-provider, and runs it with one", async () => {
            const without = await auditJson("--authorization-details", DETAILS);
            assert.ok(without.roles.flatMap((r) => r.oidcProviders).every((p) => p.status === "not-run"));
            const good = await auditJson("--authorization-details", DETAILS, "--oidc-provider", fixture("oidc-provider-app.warp.dev.json"));
            assert.strictEqual(byName(good, "WarpBedrockRole").oidcProviders[0].status, "pass");
            const bad = await auditJson("--authorization-details", DETAILS, "--oidc-provider", fixture("oidc-provider-extra-client.json"));
            const check = byName(bad, "WarpBedrockRole").oidcProviders[0];
            assert.strictEqual(check.status, "fail");
            assert.match(check.message, /warp-desktop/);
            assert.ok(
                byName(bad, "WarpBedrockRole").findings.some((f) => f.rule === "warp-oidc-provider-client-id" && f.level === "mandatory"),
            );
        });

        it("writes SARIF 2.1.0 with one result per finding, mandatory as error", async () => {
            const r = await run("audit", "--authorization-details", DETAILS, "--format", "sarif");
            assert.strictEqual(r.code, 1);
            const log = JSON.parse(r.out);
            assert.strictEqual(log.version, "2.1.0");
            const run0 = log.runs[0];
            assert.strictEqual(run0.tool.driver.name, "warp-bedrock");
            const report = await auditJson("--authorization-details", DETAILS);
            const errors = run0.results.filter((x: any) => x.level === "error");
            assert.strictEqual(errors.length, report.summary.mandatory);
            for (const result of run0.results) {
                assert.strictEqual(run0.tool.driver.rules[result.ruleIndex].id, result.ruleId);
            }
            const audience = run0.results.find((x: any) => x.ruleId === "warp-trust-audience");
            assert.strictEqual(audience.locations[0].physicalLocation.artifactLocation.uri, DETAILS);
            assert.ok(audience.locations[0].physicalLocation.region.startLine > 1);
            assert.match(audience.locations[0].logicalLocations[0].fullyQualifiedName, /WarpUnsafeRole/);
        });
    });

    describe("bad input exits 2 with a clear message and nothing on standard output", () => {
        const cases: Array<[string, string[], RegExp]> = [
            ["a file that is not JSON", ["--authorization-details", "not-json.json"], /not valid JSON/],
            ["an empty file", ["--authorization-details", "empty.json"], /not valid JSON.*empty/],
            [
                "a file from another command",
                ["--authorization-details", "LIST_ROLES"],
                /aws iam list-roles.*not the output of aws iam get-account-authorization-details/,
            ],
            ["a missing file", ["--authorization-details", "missing.json"], /cannot read .*missing\.json: no such file/],
            ["an unknown format", ["--authorization-details", "DETAILS", "--format", "xml"], /--format must be text, json, sarif/],
            [
                "a provider file from another command",
                ["--authorization-details", "DETAILS", "--oidc-provider", "DETAILS"],
                /--oidc-provider: .* not the output of aws iam get-open-id-connect-provider/,
            ],
            ["a bad team", ["--authorization-details", "DETAILS", "--team", "team/*"], /--team/],
        ];
        for (const [what, args, message] of cases) {
            it(what, async () => {
                const resolved = args.map((a) =>
                    a === "DETAILS"
                        ? DETAILS
                        : a === "LIST_ROLES"
                          ? fixture("list-roles.json")
                          : a.endsWith(".json")
                            ? path.join(dir, a)
                            : a,
                );
                const r = await run("audit", ...resolved);
                assert.strictEqual(r.code, 2);
                assert.strictEqual(r.out, "");
                assert.match(r.err, message);
            });
        }
    });

    describe("live, through the AWS SDK", () => {
        let iam: ReturnType<typeof mockClient>;
        afterEach(() => iam?.restore());

        it("follows Marker across pages, decodes URL-encoded documents and gives the file's answer", async () => {
            iam = liveIam(3);
            const live = await auditJson();
            assert.strictEqual(iam.commandCalls(GetAccountAuthorizationDetailsCommand).length, 3);
            assert.deepStrictEqual(markersSent, [undefined, "marker-1", "marker-2"]);
            const file = await auditJson("--authorization-details", DETAILS, "--oidc-provider", fixture("oidc-provider-app.warp.dev.json"));
            const strip = (r: AuditReport) => r.roles.map((x) => ({ ...x, maxSessionDuration: null }));
            assert.deepStrictEqual(strip(live), strip(file));
            assert.strictEqual(live.source, "live");
            assert.strictEqual(byName(live, "WarpBedrockRole").maxSessionDuration, 3600);
            assert.strictEqual(byName(live, "WarpBedrockRole").oidcProviders[0].status, "pass");
        });

        // The missing provider, expired credentials and the other wire cases run against moto in
        // tests/account-live-moto.test.ts; these stay on the mock, for pages moto does not make.
        it("exits 2 when a later page fails, with nothing on standard output", async () => {
            iam = liveIam(2);
            iam.on(GetAccountAuthorizationDetailsCommand, { Marker: "marker-1" }).rejects(
                Object.assign(new Error("Rate exceeded"), { name: "Throttling" }),
            );
            const r = await run("audit", "--format", "sarif");
            assert.strictEqual(r.code, 2);
            assert.strictEqual(r.out, "");
            assert.match(r.err, /Throttling: Rate exceeded/);
        });
    });
});
