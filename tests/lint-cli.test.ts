/** `warp-bedrock lint`: exit codes, text and JSON output, detection of document kinds, bad input. */
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../cli/main";
import { LintReport } from "../cli/lint";
import { BEDROCK_POLICY, trustPolicy } from "./support/resources";

const ROOT = path.resolve(__dirname, "..");

async function lint(...args: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = "";
    let err = "";
    const code = await main(["lint", ...args], { out: (t) => (out += t), err: (t) => (err += t) });
    return { code, out, err };
}

describe("warp-bedrock lint", () => {
    let dir: string;
    const file = (name: string) => path.join(dir, name);

    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "warp-lint-"));
        const write = (name: string, content: unknown) => fs.writeFileSync(file(name), typeof content === "string" ? content : JSON.stringify(content, null, 2));
        write("trust-good.json", trustPolicy());
        write("trust-wild.json", trustPolicy("scoped_principal:*/user:*"));
        write("trust-staging.json", trustPolicy(undefined, {}, "staging.warp.dev"));
        write("permissions-good.json", BEDROCK_POLICY);
        write("permissions-wide.json", { Version: "2012-10-17", Statement: [{ Sid: "All", Effect: "Allow", Action: "bedrock:*", Resource: "*" }] });
        write("get-role.json", { Role: { RoleName: "warp", MaxSessionDuration: 43200, AssumeRolePolicyDocument: trustPolicy() } });
        write("get-role-policy.json", { RoleName: "warp", PolicyName: "p", PolicyDocument: { Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] } });
        write("ec2-trust.json", { Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }] });
        write("not-json.json", "{ Statement: [");
        write("not-a-policy.json", { hello: "world" });
        fs.mkdirSync(file("a-directory"));
    });

    after(() => {
        fs.rmSync(dir, { recursive: true, force: true });
    });

    describe("exit codes", () => {
        it("0 when clean", async () => {
            const r = await lint("--team", "TEAM_A", file("trust-good.json"), file("permissions-good.json"));
            assert.strictEqual(r.code, 0, r.out + r.err);
            assert.strictEqual(r.out, "2 files checked: 0 mandatory findings, 0 advisory findings\n");
        });
        it("0 with only advisory findings", async () => {
            const r = await lint(file("trust-good.json"));
            assert.strictEqual(r.code, 0);
            assert.match(r.out, /advisory warp-trust-team-allowlist: allowedTeamUids is not configured/);
        });
        it("1 on a mandatory finding", async () => {
            assert.strictEqual((await lint("--team", "TEAM_A", file("trust-wild.json"))).code, 1);
            assert.strictEqual((await lint(file("permissions-wide.json"))).code, 1);
        });
        it("2 on a file that is not JSON, with a clear message", async () => {
            const r = await lint(file("not-json.json"));
            assert.strictEqual(r.code, 2);
            assert.match(r.err, /not-json\.json is not valid JSON/);
        });
        it("2 on a missing file or a directory, even next to a file with findings", async () => {
            const r = await lint(file("permissions-wide.json"), file("missing.json"), file("a-directory"));
            assert.strictEqual(r.code, 2);
            assert.match(r.err, /cannot read .*missing\.json: no such file/);
            assert.match(r.err, /cannot read .*a-directory: it is a directory/);
            assert.match(r.out, /warp-role-bedrock-permissions-only/);
        });
        it("2 on JSON that is not an IAM policy", async () => {
            const r = await lint(file("not-a-policy.json"));
            assert.strictEqual(r.code, 2);
            assert.match(r.err, /does not hold an IAM policy document/);
        });
        it("2 on bad usage", async () => {
            for (const args of [[], ["--format", "xml", file("trust-good.json")], ["--team", "*", file("trust-good.json")], ["--bogus", file("trust-good.json")], ["--team"]]) {
                const r = await lint(...args);
                assert.strictEqual(r.code, 2, JSON.stringify(args));
                assert.match(r.err, /^warp-bedrock lint: .+\n\nusage: warp-bedrock lint/);
            }
        });
    });

    describe("text output", () => {
        it("prints one line per finding with file, statement, level, rule, message and fix", async () => {
            const r = await lint("--team", "TEAM_A", file("trust-wild.json"));
            const lines = r.out.trim().split("\n");
            assert.strictEqual(lines.length, 2, r.out);
            assert.strictEqual(
                lines[0],
                `${file("trust-wild.json")}: Statement[0] (Sid "WarpTeamPeople"): mandatory warp-trust-subject: StringLike on app.warp.dev:sub: subject "scoped_principal:*/user:*" has a wildcard in the team position, so it admits other teams. Fix: Name your team's UID literally: "StringLike": {"app.warp.dev:sub": ["scoped_principal:TEAM_A/user:*", "scoped_principal:TEAM_A/service_account:*"]}, or StringEquals with scoped_principal:TEAM_A/service_account:<agent-uid>.`,
            );
            assert.strictEqual(lines[1], "1 file checked: 1 mandatory finding, 0 advisory findings");
        });
        it("notes trust policies that do not trust Warp", async () => {
            const r = await lint(file("ec2-trust.json"));
            assert.strictEqual(r.code, 0);
            assert.match(r.out, /ec2-trust\.json: note: the trust policy does not trust a Warp issuer/);
        });
    });

    describe("documents", () => {
        it("tells trust policies from permissions policies per file", async () => {
            const r = await lint("--format", "json", "--team", "TEAM_A", file("trust-wild.json"), file("permissions-wide.json"));
            const report: LintReport = JSON.parse(r.out);
            assert.deepStrictEqual(report.files.map((f) => f.kind), ["trust", "permissions"]);
            assert.deepStrictEqual([...new Set(report.findings.map((f) => f.rule))].sort(), ["warp-role-bedrock-permissions-only", "warp-trust-subject"]);
        });
        it("reads aws iam get-role and get-role-policy output, including MaxSessionDuration", async () => {
            const r = await lint("--format", "json", "--team", "TEAM_A", file("get-role.json"), file("get-role-policy.json"));
            const report: LintReport = JSON.parse(r.out);
            assert.deepStrictEqual(report.files.map((f) => f.kind), ["trust", "permissions"]);
            assert.ok(report.findings.some((f) => f.rule === "warp-role-max-session-duration" && f.message.includes("43200")));
            assert.ok(report.findings.some((f) => f.rule === "warp-role-bedrock-permissions-only" && f.message.includes('"s3:*"')));
        });
        it("--issuer allows another Warp issuer", async () => {
            assert.strictEqual((await lint("--team", "TEAM_A", file("trust-staging.json"))).code, 1);
            assert.strictEqual((await lint("--team", "TEAM_A", "--issuer", "app.warp.dev", "--issuer=staging.warp.dev", file("trust-staging.json"))).code, 0);
        });
    });

    describe("JSON output", () => {
        it("has a stable, documented shape", async () => {
            const r = await lint("--format", "json", file("permissions-wide.json"), file("not-json.json"));
            assert.strictEqual(r.code, 2);
            const report: LintReport = JSON.parse(r.out);
            assert.deepStrictEqual(Object.keys(report), ["schemaVersion", "exitCode", "summary", "files", "findings"]);
            assert.strictEqual(report.schemaVersion, 1);
            assert.strictEqual(report.exitCode, 2);
            assert.deepStrictEqual(report.summary, { files: 2, mandatory: 2, advisory: 0, errors: 1 });
            assert.deepStrictEqual(Object.keys(report.files[0]), ["file", "kind", "warpTrusted", "error", "findings"]);
            assert.match(report.files[1].error ?? "", /is not valid JSON/);
            const [f] = report.findings;
            assert.deepStrictEqual(Object.keys(f), ["file", "rule", "level", "statementIndex", "sid", "location", "message", "remediation"]);
            assert.deepStrictEqual(
                { file: f.file, rule: f.rule, level: f.level, statementIndex: f.statementIndex, sid: f.sid, location: f.location },
                { file: file("permissions-wide.json"), rule: "warp-role-bedrock-permissions-only", level: "mandatory", statementIndex: 0, sid: "All", location: 'Statement[0] (Sid "All")' },
            );
        });
    });

    describe("as a process", () => {
        const run = (...args: string[]) =>
            spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", path.join(ROOT, "cli", "main.ts"), "lint", ...args], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
        it("exits 1 on a mandatory finding and 2 on unreadable input", () => {
            const bad = run("--team", "TEAM_A", file("trust-wild.json"));
            assert.strictEqual(bad.status, 1, bad.stderr);
            assert.match(bad.stdout, /warp-trust-subject/);
            const unreadable = run(file("missing.json"));
            assert.strictEqual(unreadable.status, 2);
            assert.match(unreadable.stderr, /cannot read/);
            assert.strictEqual(run("--team", "TEAM_A", file("trust-good.json")).status, 0);
        });
    });
});
