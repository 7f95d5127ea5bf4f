/**
 * `warp-bedrock lint`: exit codes, text and JSON output (findings carry tier, witness and statements),
 * detection of document kinds, bad input (exit 2, nothing on standard output), and the same verdicts as
 * the policy pack (one engine).
 */
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../cli/main";
import { LintReport, lintFiles, parseLintArgs } from "../cli/lint";
import { analyzeResource, PackConfig } from "../policy-pack/in-process";
import { TRUST_RULES } from "../rules/registry";
import { BEDROCK_POLICY, role, trustPolicy } from "./support/resources";

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
        const write = (name: string, content: unknown) =>
            fs.writeFileSync(file(name), typeof content === "string" ? content : JSON.stringify(content, null, 2));
        write("trust-good.json", trustPolicy());
        write("trust-wild.json", trustPolicy("scoped_principal:*/user:*"));
        write("trust-staging.json", trustPolicy(undefined, {}, "staging.warp.dev"));
        write("trust-agents.json", trustPolicy("scoped_principal:TEAM_A/service_account:*"));
        write("permissions-good.json", BEDROCK_POLICY);
        write("permissions-wide.json", {
            Version: "2012-10-17",
            Statement: [{ Sid: "All", Effect: "Allow", Action: "bedrock:*", Resource: "*" }],
        });
        write("get-role.json", { Role: { RoleName: "warp", MaxSessionDuration: 43200, AssumeRolePolicyDocument: trustPolicy() } });
        write("get-role-policy.json", {
            RoleName: "warp",
            PolicyName: "p",
            PolicyDocument: { Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] },
        });
        write("ec2-trust.json", {
            Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
        });
        write("permissions-notresource.json", {
            Statement: [{ Effect: "Allow", Action: "sts:AssumeRole*", NotResource: "arn:aws:iam::111122223333:role/x" }],
        });
        write("mixed.json", { Statement: [...(trustPolicy().Statement as unknown[]), ...(BEDROCK_POLICY.Statement as unknown[])] });
        write("not-json.json", "{ Statement: [");
        write("not-a-policy.json", { hello: "world" });
        fs.mkdirSync(file("a-directory"));
    });

    after(() => {
        fs.rmSync(dir, { recursive: true, force: true });
    });

    describe("--account and --team", () => {
        const otherProvider = () =>
            JSON.stringify({
                Version: "2012-10-17",
                Statement: [
                    {
                        Effect: "Allow",
                        Principal: { Federated: "arn:aws:iam::999999999999:oidc-provider/app.warp.dev" },
                        Action: "sts:AssumeRoleWithWebIdentity",
                        Condition: {
                            StringEquals: { "app.warp.dev:aud": "sts.amazonaws.com" },
                            StringLike: { "app.warp.dev:sub": "scoped_principal:TEAM_A/user:*" },
                        },
                    },
                ],
            });

        it("without --account: the account of the provider ARN is assumed, and stderr says which", async () => {
            fs.writeFileSync(file("other-account.json"), otherProvider());
            const r = await lint("--team", "TEAM_A", file("other-account.json"));
            assert.strictEqual(r.code, 0, r.out + r.err);
            assert.match(r.err, /no --account given; assumed each role is in the account of its Warp provider ARN \(999999999999\)/);
            const json = JSON.parse((await lint("--format", "json", "--team", "TEAM_A", file("other-account.json"))).out);
            assert.strictEqual(json.files[0].accountAssumed, "999999999999");
        });

        it("with --account: another account's provider admits no Warp token (broken role, named)", async () => {
            fs.writeFileSync(file("other-account.json"), otherProvider());
            const r = await lint("--account", "123456789012", "--team", "TEAM_A", file("other-account.json"));
            assert.strictEqual(r.err, "");
            assert.match(r.out, /warp-trust-broken-role: .*a provider of account 999999999999, not of the role's account 123456789012/);
        });

        it("--account must be 12 digits", async () => {
            const r = await lint("--account", "12345", file("trust-good.json"));
            assert.strictEqual(r.code, 2);
            assert.strictEqual(r.out, "");
            assert.match(r.err, /--account: "12345" is not a 12-digit AWS account ID/);
        });

        it("--team: a role naming no Warp issuer is judged for everyone who gets in", async () => {
            fs.writeFileSync(
                file("lambda.json"),
                JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
                }),
            );
            assert.strictEqual((await lint(file("lambda.json"))).code, 0);
            const r = await lint("--team", "TEAM_A", file("lambda.json"));
            assert.strictEqual(r.code, 1, r.out);
            assert.match(r.out, /mandatory warp-trust-other-principals: .*lambda\.amazonaws\.com gets in/);
        });
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
            assert.match(
                r.out,
                /advisory warp-trust-team-allowlist: no team is configured, so any one team may be admitted; this role admits team TEAM_A\. Fix: Pin the organisation's teams with --team/,
            );
        });
        it("1 on a mandatory finding", async () => {
            assert.strictEqual((await lint("--team", "TEAM_A", file("trust-wild.json"))).code, 1);
            assert.strictEqual((await lint(file("permissions-wide.json"))).code, 1);
        });
        it("2 on a file that is not JSON, with a clear message and nothing on standard output", async () => {
            const r = await lint(file("not-json.json"));
            assert.strictEqual(r.code, 2);
            assert.match(r.err, /not-json\.json is not valid JSON/);
            assert.strictEqual(r.out, "");
        });
        it("2 on a missing file or a directory, even next to a file with findings, and no report", async () => {
            for (const format of ["text", "json"]) {
                const r = await lint("--format", format, file("permissions-wide.json"), file("missing.json"), file("a-directory"));
                assert.strictEqual(r.code, 2);
                assert.match(r.err, /cannot read .*missing\.json: no such file/);
                assert.match(r.err, /cannot read .*a-directory: it is a directory/);
                assert.doesNotMatch(r.err, /warp-role-bedrock-permissions-only/);
                assert.strictEqual(r.out, "", "a typo must never read as a report");
            }
        });
        it("2 on JSON that is not an IAM policy", async () => {
            const r = await lint(file("not-a-policy.json"));
            assert.strictEqual(r.code, 2);
            assert.match(r.err, /does not hold an IAM policy document/);
            assert.strictEqual(r.out, "");
        });
        it("2 on bad usage", async () => {
            for (const args of [
                [],
                ["--format", "xml", file("trust-good.json")],
                ["--team", "*", file("trust-good.json")],
                ["--actor-type", "admin", file("trust-good.json")],
                ["--bogus", file("trust-good.json")],
                ["--team"],
                ["--trust-policy-quota", "1000", file("trust-good.json")],
                ["--trust-policy-quota", "9000", file("trust-good.json")],
                ["--trust-policy-quota", "2.5e3", file("trust-good.json")],
            ]) {
                // One line of reason and one pointing to --help: never the usage text, never Node's advice on positionals.
                const r = await lint(...args);
                assert.strictEqual(r.code, 2, JSON.stringify(args));
                assert.match(r.err, /^warp-bedrock lint: .+\nRun warp-bedrock lint --help for usage\.\n$/);
                assert.strictEqual(r.out, "");
            }
        });
    });

    describe("IAM's size quotas", () => {
        it("refuses a trust policy over the account's role trust policy length quota, which --trust-policy-quota sets", async () => {
            const agents = Array.from({ length: 60 }, (_, i) => `scoped_principal:TEAM_A/service_account:agent${i}uid0000000000`);
            fs.writeFileSync(file("trust-long.json"), JSON.stringify(trustPolicy(agents), null, 4));
            const r = await lint("--format", "json", file("trust-long.json"));
            assert.strictEqual(r.code, 1);
            const over = (JSON.parse(r.out) as LintReport).findings.find((f) => f.rule === "warp-trust-iam-valid");
            assert.match(
                over?.message ?? "",
                /trust policy is \d+ characters without white space, over IAM's role trust policy length quota of 2048/,
            );
            assert.match(over?.remediation ?? "", /--trust-policy-quota/);
            const raised = await lint("--format", "json", "--trust-policy-quota", "8192", file("trust-long.json"));
            assert.ok(!(JSON.parse(raised.out) as LintReport).findings.some((f) => f.rule === "warp-trust-iam-valid"), raised.out);
        });
    });

    describe("text output", () => {
        it("prints one line per finding with file, statement, level, rule, message with its witness, and fix in lint's words", async () => {
            const r = await lint("--team", "TEAM_A", file("trust-wild.json"));
            const lines = r.out.trim().split("\n");
            assert.strictEqual(lines.length, 2, r.out);
            const [f] = JSON.parse((await lint("--format", "json", "--team", "TEAM_A", file("trust-wild.json"))).out).findings;
            assert.strictEqual(
                lines[0],
                `${file("trust-wild.json")}: Statement[0] (Sid "WarpTeamPeople"): mandatory warp-trust-team-allowlist: ${f.message}. Fix: ${f.remediation}`,
            );
            assert.ok(f.message.includes(`the role admits a team outside TEAM_A: ${f.witness.description} gets in`), f.message);
            assert.ok(f.remediation.includes("add it with --team") && !f.remediation.includes("allowedTeamUids"), f.remediation);
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
            assert.deepStrictEqual(
                report.files.map((f) => f.kind),
                ["trust", "permissions"],
            );
            assert.deepStrictEqual([...new Set(report.findings.map((f) => f.rule))].sort(), [
                "warp-role-bedrock-permissions-only",
                "warp-trust-team-allowlist",
            ]);
            assert.deepStrictEqual(
                report.files.map((f) => f.warpTrusted),
                [true, null],
            );
        });
        it("tells the kind by IAM's rule: NotResource and sts:AssumeRole* without Principal is a permissions policy", async () => {
            const report: LintReport = JSON.parse((await lint("--format", "json", file("permissions-notresource.json"))).out);
            assert.deepStrictEqual(
                report.files.map((f) => f.kind),
                ["permissions"],
            );
            assert.ok(
                report.findings.some(
                    (f) => f.rule === "warp-role-bedrock-permissions-only" && /may call sts:AssumeRole on arn:aws:iam::/.test(f.message),
                ),
            );
        });
        it("--kind overrides the reading, and a file that mixes both kinds is a validity finding", async () => {
            const forced: LintReport = JSON.parse((await lint("--format", "json", "--kind", "permissions", file("trust-good.json"))).out);
            assert.deepStrictEqual(
                forced.files.map((f) => f.kind),
                ["permissions"],
            );
            const mixed: LintReport = JSON.parse((await lint("--format", "json", file("mixed.json"))).out);
            assert.ok(
                mixed.findings.some(
                    (f) => f.rule === "warp-permissions-iam-valid" && f.level === "mandatory" && /Principal/.test(f.message),
                ),
            );
            const bad = await lint("--kind", "resource", file("trust-good.json"));
            assert.strictEqual(bad.code, 2);
            assert.strictEqual(bad.out, "");
        });
        it("reads aws iam get-role and get-role-policy output, including MaxSessionDuration", async () => {
            const r = await lint("--format", "json", "--team", "TEAM_A", file("get-role.json"), file("get-role-policy.json"));
            const report: LintReport = JSON.parse(r.out);
            assert.deepStrictEqual(
                report.files.map((f) => f.kind),
                ["trust", "permissions"],
            );
            assert.ok(report.findings.some((f) => f.rule === "warp-role-max-session-duration" && f.message.includes("43200")));
            assert.ok(
                report.findings.some((f) => f.rule === "warp-role-bedrock-permissions-only" && /may call s3:\w+ on /.test(f.message)),
            );
        });
        it("--actor-type narrows the actor types a role is meant for", async () => {
            const people = await lint("--format", "json", "--team", "TEAM_A", "--actor-type", "user", file("trust-agents.json"));
            assert.strictEqual(people.code, 1);
            const [f] = (JSON.parse(people.out) as LintReport).findings;
            assert.strictEqual(f.rule, "warp-trust-subject");
            assert.ok(
                f.witness &&
                    f.witness.request.kind === "web-identity" &&
                    f.witness.request.sub?.startsWith("scoped_principal:TEAM_A/service_account:"),
                JSON.stringify(f.witness),
            );
            assert.ok(f.remediation.includes("--actor-type"), f.remediation);
            assert.strictEqual((await lint("--team", "TEAM_A", "--actor-type", "service_account", file("trust-agents.json"))).code, 0);
            assert.strictEqual((await lint("--team", "TEAM_A", file("trust-agents.json"))).code, 0);
        });
        it("--issuer allows another Warp issuer", async () => {
            assert.strictEqual((await lint("--team", "TEAM_A", file("trust-staging.json"))).code, 1);
            assert.strictEqual(
                (await lint("--team", "TEAM_A", "--issuer", "app.warp.dev", "--issuer=staging.warp.dev", file("trust-staging.json"))).code,
                0,
            );
        });
    });

    describe("JSON output", () => {
        const KEYS = [
            "file",
            "rule",
            "level",
            "tier",
            "witness",
            "statements",
            "statementIndex",
            "sid",
            "location",
            "message",
            "remediation",
        ];
        it("has a stable, documented shape", async () => {
            const r = await lint("--format", "json", file("permissions-wide.json"), file("trust-good.json"));
            assert.strictEqual(r.code, 1);
            const report: LintReport = JSON.parse(r.out);
            assert.deepStrictEqual(Object.keys(report), ["schemaVersion", "exitCode", "summary", "files", "findings"]);
            assert.strictEqual(report.schemaVersion, 1);
            assert.strictEqual(report.exitCode, 1);
            assert.deepStrictEqual(report.summary, { files: 2, mandatory: 1, advisory: 1, errors: 0 });
            assert.deepStrictEqual(Object.keys(report.files[0]), ["file", "kind", "warpTrusted", "accountAssumed", "error", "findings"]);
            assert.deepStrictEqual(
                report.files.map((f) => f.error),
                [null, null],
            );
            const [f] = report.findings;
            assert.deepStrictEqual(Object.keys(f), KEYS);
            assert.deepStrictEqual(
                {
                    file: f.file,
                    rule: f.rule,
                    level: f.level,
                    tier: f.tier,
                    witness: f.witness,
                    statements: f.statements,
                    statementIndex: f.statementIndex,
                    sid: f.sid,
                    location: f.location,
                },
                {
                    file: file("permissions-wide.json"),
                    rule: "warp-role-bedrock-permissions-only",
                    level: "mandatory",
                    tier: "exposure",
                    witness: null,
                    statements: null,
                    statementIndex: 0,
                    sid: "All",
                    location: 'Statement[0] (Sid "All")',
                },
            );
        });
        it("an exposure carries its tier, witness as data and statements", async () => {
            const report: LintReport = JSON.parse((await lint("--format", "json", "--team", "TEAM_A", file("trust-wild.json"))).out);
            const [f] = report.findings;
            assert.deepStrictEqual(Object.keys(f), KEYS);
            assert.strictEqual(f.tier, "exposure");
            assert.deepStrictEqual(f.statements, [0]);
            assert.ok(f.witness, "witness");
            assert.strictEqual(f.witness.action, "sts:AssumeRoleWithWebIdentity");
            const request = f.witness.request;
            assert.ok(request.kind === "web-identity", JSON.stringify(request));
            assert.strictEqual(request.issuer, "app.warp.dev");
            assert.strictEqual(request.aud, "sts.amazonaws.com");
            assert.match(request.sub ?? "", /^scoped_principal:[^/]+\/user:/);
            assert.ok(!request.sub?.startsWith("scoped_principal:TEAM_A/"), request.sub);
            assert.ok(f.message.includes(f.witness.description));
        });
        it("advisory findings carry their tier and no witness", async () => {
            const report: LintReport = JSON.parse((await lint("--format", "json", "--team", "TEAM_A", file("trust-good.json"))).out);
            assert.deepStrictEqual(report.findings, []);
            const notes = (JSON.parse((await lint("--format", "json", file("get-role.json"))).out) as LintReport).findings;
            assert.deepStrictEqual(notes.map((f) => `${f.level} ${f.tier} ${f.rule}`).sort(), [
                "advisory convention warp-trust-team-allowlist",
                "advisory resource warp-role-max-session-duration",
            ]);
            assert.ok(
                notes.every((f) => f.witness === null && f.statements === null),
                JSON.stringify(notes),
            );
        });
    });

    describe("as a process", () => {
        const run = (...args: string[]) =>
            spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", path.join(ROOT, "cli", "main.ts"), "lint", ...args], {
                cwd: ROOT,
                encoding: "utf8",
                timeout: 60_000,
            });
        it("exits 1 on a mandatory finding and 2 on unreadable input", () => {
            const bad = run("--team", "TEAM_A", file("trust-wild.json"));
            assert.strictEqual(bad.status, 1, bad.stderr);
            assert.match(
                bad.stdout,
                /mandatory warp-trust-team-allowlist: the role admits a team outside TEAM_A: a token from app\.warp\.dev with sub "scoped_principal:/,
            );
            const unreadable = run(file("missing.json"));
            assert.strictEqual(unreadable.status, 2);
            assert.match(unreadable.stderr, /cannot read/);
            assert.strictEqual(unreadable.stdout, "");
            assert.strictEqual(run("--team", "TEAM_A", file("trust-good.json")).status, 0);
        });
    });

    describe("one engine: lint and the pack give the same verdicts", () => {
        const corpus = ["trust-unsafe.json", "trust-convention.json", "trust-safe.json", "trust-unrelated.json"].flatMap((name) =>
            (
                JSON.parse(fs.readFileSync(path.join(__dirname, "corpus", name), "utf8")) as Array<{
                    name: string;
                    policy: unknown;
                    config?: Record<string, unknown>;
                }>
            ).filter((c) => c.config === undefined),
        );
        const packConfig: PackConfig = Object.fromEntries(
            TRUST_RULES.filter((r) => r.configKeys.includes("allowedTeamUids")).map((r) => [r.name, { allowedTeamUids: ["TEAM_A"] }]),
        );

        it("on every corpus policy: the same rules at the same levels", () => {
            assert.ok(corpus.length > 80);
            const texts = new Map(corpus.map((c) => [`${c.name}.json`, JSON.stringify(c.policy)]));
            // --team says every file is meant for Warp, which the pack cannot know of an unrelated role: those are
            // compared without it (and with it, judged for everyone they let in, below).
            const unrelated = new Set(
                (
                    JSON.parse(fs.readFileSync(path.join(__dirname, "corpus", "trust-unrelated.json"), "utf8")) as Array<{ name: string }>
                ).map((c) => `${c.name}.json`),
            );
            const opts = parseLintArgs(["--team", "TEAM_A", ...[...texts.keys()].filter((f) => !unrelated.has(f))]);
            const plain = parseLintArgs([...texts.keys()].filter((f) => unrelated.has(f)));
            assert.ok(opts !== "help" && plain !== "help");
            const report = lintFiles(opts, (f) => texts.get(f)!);
            report.findings.push(...lintFiles(plain, (f) => texts.get(f)!).findings);
            for (const c of corpus) {
                const linted = report.findings.filter((f) => f.file === `${c.name}.json`).map((f) => `${f.level} ${f.rule}`);
                const packed = analyzeResource(role(c.name, c.policy), { config: packConfig })
                    .filter((d) => d.policyName.startsWith("warp-trust-"))
                    .map((d) => `${d.enforcementLevel} ${d.policyName}`);
                assert.deepStrictEqual(linted.sort(), packed.sort(), c.name);
            }
        });
    });
});
