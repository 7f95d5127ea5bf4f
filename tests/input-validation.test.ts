/**
 * Input the CLI cannot read is refused, never reported as clean: an authorization-details file of the
 * right keys but the wrong shape (checked against the shape AWS documents), a model that cannot
 * exist, a file past its size limit; every refusal is exit 2, one or two lines on standard error and
 * nothing on standard output, and no fix line redirects output onto the file the user passed.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { INPUT_LIMITS } from "../cli/input-file";
import { REPO, runCli } from "./support/run-cli";

const DETAILS = path.join(REPO, "tests", "fixtures", "account", "authorization-details.json");
const ROLE_ARN = "arn:aws:iam::123456789012:role/WarpBedrockRole";
const valid = JSON.parse(fs.readFileSync(DETAILS, "utf8"));

let dir: string;
const write = (name: string, content: string): string => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    return file;
};

async function refused(argv: string[], stderr: RegExp): Promise<string> {
    const r = await runCli(...argv);
    assert.strictEqual(r.code, 2, `exit code; stderr: ${r.stderr}; stdout: ${r.stdout.slice(0, 200)}`);
    assert.strictEqual(r.stdout, "");
    assert.match(r.stderr, stderr);
    assert.ok(r.stderr.trimEnd().split("\n").length <= 2, `one or two lines:\n${r.stderr}`);
    return r.stderr;
}

describe("input that cannot be read is refused, never reported clean", () => {
    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "warp-input-"));
    });

    describe("an authorization-details snapshot of the wrong shape names its first bad path", () => {
        const withRole = (change: (role: Record<string, unknown>) => void) => {
            const copy = structuredClone(valid);
            change(copy.RoleDetailList[0]);
            return JSON.stringify(copy);
        };
        const cases: Array<[string, string, RegExp]> = [
            ["RoleDetailList a number", '{"RoleDetailList": 5}', /: RoleDetailList is the number 5; AWS documents a list\./],
            [
                "a role name that is a number",
                withRole((r) => (r.RoleName = 7)),
                /: RoleDetailList\[0\]\.RoleName is the number 7; AWS documents a string\./,
            ],
            ["a role without its ARN", withRole((r) => delete r.Arn), /: RoleDetailList\[0\]\.Arn is missing; AWS documents a string\./],
            [
                "a tag without a value",
                withRole((r) => (r.Tags = [{ Key: "team" }])),
                /: RoleDetailList\[0\]\.Tags\[0\]\.Value is missing; AWS documents a string\./,
            ],
            [
                "an inline policy document that is a list",
                withRole((r) => (r.RolePolicyList = [{ PolicyName: "p", PolicyDocument: [1] }])),
                /: RoleDetailList\[0\]\.RolePolicyList\[0\]\.PolicyDocument is an array \(of 1 item\); AWS documents a policy document/,
            ],
            ["Policies a map", '{"RoleDetailList": [], "Policies": {}}', /: Policies is an empty map; AWS documents a list\./],
        ];
        for (const [what, text, message] of cases) {
            it(what, async () => {
                const file = write("details.json", text);
                const err = await refused(["audit", "--authorization-details", file], message);
                assert.match(err, /is not GetAccountAuthorizationDetails as AWS documents it/);
                // doctor and adopt read the same file the same way.
                await refused(["doctor", ROLE_ARN, "--authorization-details", file], message);
                await refused(["adopt", "--authorization-details", file, "--role", "WarpBedrockRole", "--out", dir], message);
            });
        }

        it("reads the documented shape (pages as a list, documents as text too) as before", async () => {
            const encoded = structuredClone(valid);
            encoded.RoleDetailList[0].AssumeRolePolicyDocument = encodeURIComponent(
                JSON.stringify(encoded.RoleDetailList[0].AssumeRolePolicyDocument),
            );
            const file = write("pages.json", JSON.stringify([encoded, { RoleDetailList: [], IsTruncated: false }]));
            const r = await runCli("audit", "--authorization-details", file, "--format", "json");
            const direct = await runCli("audit", "--authorization-details", DETAILS, "--format", "json");
            assert.strictEqual(r.stderr, "");
            assert.deepStrictEqual(JSON.parse(r.stdout).roles, JSON.parse(direct.stdout).roles);
        });
    });

    describe("what a file holds is said as what it is", () => {
        for (const [what, text, says] of [
            ["a list", "[1, 2]", /holds an array \(of 2 items\), not the output of aws iam get-account-authorization-details/],
            ["a JSON string", '"hello"', /holds the string "hello", not the output/],
            ["a number", "5", /holds the number 5, not the output/],
            ["a map of other keys", '{"a": 1}', /holds a map with keys a, not the output/],
        ] as const) {
            it(`${what}`, () => refused(["audit", "--authorization-details", write("other.json", text)], says));
        }

        for (const [what, text, says] of [
            ["a list", "[1, 2]", /does not hold an IAM policy document: it holds an array \(of 2 items\)$/m],
            ["a JSON string", '"hello"', /does not hold an IAM policy document: it holds the string "hello"$/m],
            ["an empty file", "", /policy\.json is empty, not an IAM policy document$/m],
        ] as const) {
            it(`lint: ${what}`, () => refused(["lint", "--team", "TeamAuid0000000000001", write("policy.json", text)], says));
        }

        it("never suggests redirecting output onto the file the user passed", async () => {
            const file = write("authorization-details.json", "[1]");
            const err = await refused(["audit", "--authorization-details", file], /Write the file with: aws iam/);
            assert.match(err, /--output json > authorization-details-new\.json$/m);
            const other = await refused(["audit", "--authorization-details", write("mine.json", "[1]")], /Write the file with/);
            assert.ok(!other.includes("> mine.json") && !other.includes(`> ${path.join(dir, "mine.json")}`), other);
        });
    });

    describe("doctor --model", () => {
        for (const model of ["not a model", "anthropic.claude-*", "claude", "arn:aws:iam::123456789012:role/x"]) {
            it(`refuses ${JSON.stringify(model)}, a model that cannot exist`, () =>
                refused(
                    ["doctor", ROLE_ARN, "--authorization-details", DETAILS, "--model", model, "--region", "us-east-1"],
                    /^warp-bedrock doctor: --model: .* is not a Bedrock model ID, inference profile ID or model ARN/,
                ));
        }
        for (const model of [
            "anthropic.claude-sonnet-4-20250514-v1:0",
            "us.anthropic.claude-sonnet-4-20250514-v1:0",
            "global.anthropic.claude-sonnet-4-5-20250929-v1:0",
            "arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0",
            "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123def456",
        ]) {
            it(`takes ${model}`, async () => {
                const r = await runCli("doctor", ROLE_ARN, "--authorization-details", DETAILS, "--model", model, "--region", "us-east-1");
                assert.notStrictEqual(r.code, 2, r.stderr);
            });
        }
    });

    describe("files past their size limit", () => {
        it("refuses an authorization-details file past the limit before reading it", async () => {
            const file = path.join(dir, "huge.json");
            const fd = fs.openSync(file, "w");
            fs.ftruncateSync(fd, INPUT_LIMITS.authorizationDetails + 1);
            fs.closeSync(fd);
            await refused(["audit", "--authorization-details", file], /cannot read .*huge\.json: it is larger than 256\.0 MiB/);
        });

        it("refuses a lint document past the limit", async () => {
            const file = write("big-policy.json", `{"Statement": [], "x": "${"a".repeat(INPUT_LIMITS.document)}"}`);
            await refused(["lint", "--team", "TeamAuid0000000000001", file], /big-policy\.json: it is larger than 1\.0 MiB/);
        });
    });

    describe("usage errors are one line and a pointer to --help", () => {
        for (const command of ["lint", "synth", "audit", "doctor", "adopt"]) {
            it(`${command}: an unknown flag is named as one`, async () => {
                const err = await refused([command, "--bogus"], new RegExp(`^warp-bedrock ${command}: unknown option --bogus\\n`));
                assert.match(err, new RegExp(`\\nRun warp-bedrock ${command} --help for usage\\.\\n$`));
                assert.ok(!err.includes("positional argument"), err);
            });
        }
        it("an unknown command", () => refused(["frob"], /^warp-bedrock: unknown command "frob"\nRun warp-bedrock --help for usage\.\n$/));
        it("a near miss of a command gets a suggestion, also after help", async () => {
            await refused(["lnt"], /^warp-bedrock: unknown command "lnt"; did you mean lint\?\n/);
            await refused(["help", "audt"], /^warp-bedrock: unknown command "audt"; did you mean audit\?\n/);
        });
        it("a command's control characters are escaped, not echoed", async () => {
            const err = await refused(["fr\u001b[2Job"], /unknown command "fr\\u001b\[2Job"/);
            assert.ok(!err.includes("\u001b"), err);
        });
        for (const command of ["lint", "synth", "audit", "doctor", "adopt"]) {
            it(`${command}: bad input is prefixed warp-bedrock ${command}:, like every command's`, () =>
                refused([command, path.join(dir, "missing.json")], new RegExp(`^warp-bedrock ${command}: `)));
        }
    });

    describe("hostile files: exit 2 naming the file, in one style", () => {
        const deep = (n: number) => `${"[".repeat(n)}${"]".repeat(n)}`;
        it("a YAML alias bomb in a stack file", async () => {
            const lines = ["config:", "  a0: &a0 [x, x, x, x, x, x, x, x, x, x]"];
            for (let i = 1; i < 12; i++) {
                lines.push(
                    `  a${i}: &a${i} [${Array(10)
                        .fill(`*a${i - 1}`)
                        .join(", ")}]`,
                );
            }
            const file = write("Pulumi.bomb.yaml", `${lines.join("\n")}\n  warp-bedrock-access:teamUid: T\n`);
            await refused(
                ["synth", file],
                new RegExp(`^warp-bedrock synth: ${file.replace(/[.]/g, "\\.")} .*YAML aliases .* expand too far`),
            );
        });
        it("a 100,000-deep JSON value, to lint and to audit, and a deep stack file", async () => {
            const file = write("deep.json", deep(100_000));
            await refused(["lint", file], /^warp-bedrock lint: .*deep\.json: it is nested too deeply/);
            await refused(["audit", "--authorization-details", file], /^warp-bedrock audit: .*deep\.json: it is nested too deeply/);
            const policy = write("deep-policy.json", `{"Version":"2012-10-17","Statement":${deep(100_000)}}`);
            await refused(["lint", policy], /deep-policy\.json: it is nested too deeply/);
            const yaml = write("Pulumi.deep.yaml", `config:\n  warp-bedrock-access:teamUid: ${deep(100_000)}\n`);
            await refused(["synth", yaml], /^warp-bedrock synth: .*Pulumi\.deep\.yaml .*nested too deeply/);
        });
        it("control characters and binary bytes from a file are escaped", async () => {
            const file = write(
                "binary.json",
                Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x01, 0x1b, 0x5b, 0x33, 0x31, 0x6d, 0xff, 0xfe, 0x7d]) as any,
            );
            const err = await refused(["lint", file], /^warp-bedrock lint: .*binary\.json is not valid JSON/);
            const raw = [...err].filter(
                (c) => c !== "\n" && (c.charCodeAt(0) < 0x20 || (c.charCodeAt(0) >= 0x7f && c.charCodeAt(0) <= 0x9f) || c === "\ufffd"),
            );
            assert.deepStrictEqual(raw, [], JSON.stringify(err));
            assert.match(err, /\\u001b/);
        });
        it("a list where a UID belongs is 'not a string'", () =>
            refused(
                ["synth", write("Pulumi.list.yaml", "config:\n  warp-bedrock-access:teamUid: [a, b]\n")],
                /^warp-bedrock synth: teamUid: is not a string \(got a list/,
            ));
    });

    describe("help and version", () => {
        it("help lint prints lint's own help, as lint --help does", async () => {
            const viaHelp = await runCli("help", "lint");
            assert.strictEqual(viaHelp.code, 0);
            assert.match(viaHelp.stdout, /^usage: warp-bedrock lint /);
            assert.strictEqual(viaHelp.stdout, (await runCli("lint", "--help")).stdout);
        });
        it("--version prints the package's version", async () => {
            const r = await runCli("--version");
            assert.strictEqual(r.code, 0);
            assert.strictEqual(r.stdout, `${JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")).version}\n`);
        });
    });
});
