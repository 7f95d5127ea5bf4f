/**
 * `warp-bedrock audit --organization` against moto: an organization with clean member accounts, one
 * with an exposed role, one whose AssumeRole the management caller is refused, and a suspended one.
 * moto grants AssumeRole into any account, even for a role that does not exist, unless its IAM
 * authorization is on; the audit runs with it on, so every call is signed by a real IAM user of the
 * management account whose policy allows (and for one account denies) what it does.
 */
import * as assert from "assert";
import { CloseAccountCommand, OrganizationsClient } from "@aws-sdk/client-organizations";
import Ajv from "ajv-draft-04";
import { FAKE_CREDENTIALS, Moto, startFaultProxy, THROTTLING, withAwsEnv } from "./support/moto";
import { AUDIT_ROLE, createAuditor, createOrganization, iamIn, prepareMember, warpRole } from "./support/moto-org";
import { runCli } from "./support/run-cli";

const TEAM = "TeamOrg0000000000001";

describe("audit --organization against moto", function () {
    this.timeout(180_000);
    let moto: Moto;
    let members: string[];
    let clean: string[];
    let exposed: string;
    let refused: string;
    let suspended: string;
    let auditorEnv: Record<string, string>;

    before(async () => {
        moto = await Moto.shared();
        members = await createOrganization(moto.endpoint, 5);
        [exposed, refused, suspended, ...clean] = members;
        for (const account of members) {
            const iam = await iamIn(moto.endpoint, account);
            await prepareMember(iam, account);
            await warpRole(iam, account, "WarpTeamRole", `scoped_principal:${TEAM}/user:*`);
        }
        // The management account is in ListAccounts too: it gets the audit role like any member.
        await prepareMember(moto.iam(), "123456789012");
        await warpRole(moto.iam(), "123456789012", "WarpTeamRole", `scoped_principal:${TEAM}/user:*`);
        clean.push("123456789012");
        // The exposed account also has a role any team's people can assume.
        await warpRole(await iamIn(moto.endpoint, exposed), exposed, "WarpAnyTeam", "scoped_principal:*/user:*");
        const org = new OrganizationsClient({ region: "us-east-1", endpoint: moto.endpoint, credentials: FAKE_CREDENTIALS });
        await org.send(new CloseAccountCommand({ AccountId: suspended }));
        auditorEnv = await createAuditor(moto, refused);
    });

    async function audit(...args: string[]) {
        await moto.authorization(true);
        try {
            return await withAwsEnv(auditorEnv, () =>
                runCli("audit", "--organization", "--role-name", AUDIT_ROLE, "--team", TEAM, ...args),
            );
        } finally {
            await moto.authorization(false);
        }
    }

    it("audits every account, finds the exposed role with a witness, lists the refused and suspended ones, and is not clean", async () => {
        const r = await audit("--format", "json", "--concurrency", "3");
        assert.strictEqual(r.code, 1, r.stderr);
        const report = JSON.parse(r.stdout);
        const byId = new Map(report.accounts.map((a: any) => [a.accountId, a]));
        assert.deepStrictEqual([...byId.keys()].filter((id) => members.includes(id as string)).sort(), [...members].sort());
        for (const id of clean) {
            const a: any = byId.get(id);
            assert.strictEqual(a.status, "audited", id);
            assert.strictEqual(a.report.summary.mandatory, 0, id);
            assert.deepStrictEqual(
                a.report.roles.map((x: any) => x.name),
                ["WarpTeamRole"],
            );
        }
        const hit: any = byId.get(exposed);
        const exposure = hit.report.roles.find((x: any) => x.name === "WarpAnyTeam").whoCanAssume.exposures[0];
        assert.ok(exposure, "the any-team role is exposed");
        assert.match(exposure.witness.description, /scoped_principal:(?!TeamOrg0000000000001)/);
        assert.ok(hit.report.findings.some((f: any) => f.level === "mandatory" && f.roleArn.endsWith("role/WarpAnyTeam")));
        const no: any = byId.get(refused);
        assert.strictEqual(no.status, "unreadable");
        assert.match(no.reason, /sts:AssumeRole into arn:aws:iam::\d{12}:role\/WarpAudit failed: AccessDenied/);
        const closed: any = byId.get(suspended);
        assert.strictEqual(closed.status, "unreadable");
        assert.match(closed.reason, /suspended|closure/i);
        assert.strictEqual(report.summary.unreadable, 2);
        // Progress on standard error, one plain line per account (not a terminal here).
        assert.strictEqual(r.stderr.trim().split("\n").length, report.accounts.length, r.stderr);
        assert.match(r.stderr, /^\[1\/\d+\] account \d{12}/);
    });

    it("--accounts picks clean accounts: exit 0, text report, nothing on stdout but the report", async () => {
        const r = await audit("--accounts", clean.join(","));
        assert.strictEqual(r.code, 0, r.stderr + r.stdout);
        assert.match(r.stdout, /^warp-bedrock audit: organization, role WarpAudit assumed in 3 account\(s\)/);
        assert.match(r.stdout, /3 account\(s\): 3 audited, 0 not read/);
        assert.doesNotMatch(r.stdout, /\[\d+\/\d+\]/);
    });

    it("SARIF: schema-valid 2.1.0, the account in each result's location, the unread account an error", async () => {
        const r = await audit("--format", "sarif");
        assert.strictEqual(r.code, 1);
        const log = JSON.parse(r.stdout) as any;
        const ajv = new Ajv({ strict: false, validateFormats: false, unicodeRegExp: false });
        const schema = require("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json");
        const valid: boolean = ajv.validate(schema, { ...log });
        assert.ok(valid, ajv.errorsText());
        const results = log.runs[0].results;
        for (const res of results) {
            assert.match(res.locations[0].logicalLocations[0].fullyQualifiedName, /^account\/\d{12}/);
            assert.match(res.properties.accountId, /^\d{12}$/);
        }
        assert.ok(results.some((x: any) => x.ruleId === "warp-account-unreadable" && x.properties.accountId === refused));
        assert.ok(results.some((x: any) => x.level === "error" && x.properties.accountId === exposed && x.properties.witness));
        assert.strictEqual(log.runs[0].invocations[0].executionSuccessful, false);
    });

    it("an account throttled past the SDK's retries is listed as not read (exit 1)", async () => {
        const target = clean[0];
        // moto never throttles: a proxy answers the account's reads with Throttling, every attempt.
        const proxy = await startFaultProxy(moto.endpoint, (op) => (op === "GetAccountAuthorizationDetails" ? THROTTLING : undefined));
        try {
            const r = await withAwsEnv({ ...auditorEnv, AWS_ENDPOINT_URL: proxy.endpoint, AWS_MAX_ATTEMPTS: "2" }, () =>
                runCli("audit", "--organization", "--role-name", AUDIT_ROLE, "--accounts", target, "--format", "json"),
            );
            assert.strictEqual(r.code, 1, r.stderr);
            const a = JSON.parse(r.stdout).accounts[0];
            assert.strictEqual(a.status, "unreadable");
            assert.match(a.reason, /GetAccountAuthorizationDetails failed \(after 2 attempts\): Throttling: Rate exceeded/);
            assert.strictEqual(proxy.calls.filter((c) => c.fault === "Throttling").length, 2);
        } finally {
            await proxy.close();
        }
    });

    it("bad input exits 2 with nothing on stdout", async () => {
        for (const [args, message] of [
            [["--accounts", "12345"], /not a 12-digit AWS account ID/],
            [["--accounts", "999999999999"], /999999999999 is not in the organization/],
            [["--concurrency", "0"], /--concurrency needs a whole number/],
        ] as const) {
            const r = await audit(...args);
            assert.strictEqual(r.code, 2, r.stderr);
            assert.strictEqual(r.stdout, "");
            assert.match(r.stderr, message);
        }
        for (const [args, message] of [
            [["--organization"], /--organization needs --role-name/],
            [["--role-name", AUDIT_ROLE], /--role-name goes with --organization/],
            [["--organization", "--role-name", "bad/name"], /--role-name: "bad\/name" is not an IAM role name/],
            [
                ["--organization", "--role-name", AUDIT_ROLE, "--authorization-details", "x.json"],
                /cannot be combined with --authorization-details/,
            ],
        ] as const) {
            const r = await withAwsEnv(auditorEnv, () => runCli("audit", ...args));
            assert.strictEqual(r.code, 2, r.stderr);
            assert.strictEqual(r.stdout, "");
            assert.match(r.stderr, message);
        }
    });
});
