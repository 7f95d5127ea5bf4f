/**
 * `adopt --out DIR` loses nothing: a file that exists is replaced only with --force, and then after its
 * diff is printed; a link in DIR (dangling or not) is never written through; files are renamed into place
 * from a temporary file in DIR; the default stack name passes the same check as --stack; every refusal of
 * bad input is exit 2 on standard error with nothing on standard output and nothing written.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawnSync } from "child_process";
import { REPO, runCli } from "./support/run-cli";

const ACCOUNT = path.join(REPO, "docs", "examples", "account.json");
const ROLE = "WarpBedrockRole";

let tmp: string;
const fresh = (name: string) => fs.mkdtempSync(path.join(tmp, `${name}-`));
const adopt = (out: string, ...more: string[]) =>
    runCli("adopt", "--authorization-details", ACCOUNT, "--role", ROLE, "--stack", "team-a", "--out", out, ...more);

async function refused(run: Promise<{ code: number; stdout: string; stderr: string }>, message: RegExp): Promise<void> {
    const r = await run;
    assert.strictEqual(r.code, 2, r.stderr);
    assert.strictEqual(r.stdout, "");
    assert.match(r.stderr, message);
    assert.ok(r.stderr.trimEnd().split("\n").length <= 2, r.stderr);
}

describe("adopt --out: safe writes", () => {
    before(() => {
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "warp-adopt-writes-"));
    });

    it("writes both files into a new directory, and a rerun with the same content changes nothing", async () => {
        const out = path.join(fresh("new"), "sub");
        const first = await adopt(out);
        assert.strictEqual(first.code, 0, first.stderr);
        assert.deepStrictEqual(fs.readdirSync(out).sort(), ["Pulumi.team-a.yaml", "import.json"], "no temporary file left behind");
        const again = await adopt(out);
        assert.strictEqual(again.code, 0, again.stderr);
        assert.match(again.stdout, /Pulumi\.team-a\.yaml \(unchanged\)/);
    });

    it("refuses to replace a stack file that holds something else, and writes nothing", async () => {
        const out = fresh("exists");
        const stackFile = path.join(out, "Pulumi.team-a.yaml");
        const precious = "encryptionsalt: v1:keepme\nconfig:\n  warp-bedrock-access:teamUid:\n    secure: v1:AAAA\n";
        fs.writeFileSync(stackFile, precious);
        await refused(adopt(out), /--out: .*Pulumi\.team-a\.yaml already exists with other content; nothing was written\. Pass --force/);
        assert.strictEqual(fs.readFileSync(stackFile, "utf8"), precious);
        assert.ok(!fs.existsSync(path.join(out, "import.json")), "no file written when one is refused");
    });

    it("with --force, prints the diff of what it replaces before the report, then replaces it", async () => {
        const out = fresh("force");
        const stackFile = path.join(out, "Pulumi.team-a.yaml");
        fs.writeFileSync(stackFile, "encryptionsalt: v1:keepme\nconfig: {}\n");
        fs.chmodSync(stackFile, 0o600);
        const r = await adopt(out, "--force");
        assert.strictEqual(r.code, 0, r.stderr);
        assert.match(r.stdout, /^Replacing \(--force\); the files on disk change as follows:\n/);
        assert.match(r.stdout, /^-encryptionsalt: v1:keepme$/m);
        assert.ok(r.stdout.indexOf("-encryptionsalt") < r.stdout.indexOf("Wrote:"));
        assert.match(fs.readFileSync(stackFile, "utf8"), /warp-bedrock-access:teamUid: TeamAuid0000000000001/);
        assert.strictEqual(fs.statSync(stackFile).mode & 0o777, 0o600, "the replaced file keeps its mode");
    });

    for (const [what, target] of [
        ["a link to a file outside DIR", "victim.json"],
        ["a dangling link", "nowhere/created.json"],
    ]) {
        it(`never writes through ${what} in DIR, even with --force`, async () => {
            const out = fresh("link");
            const outside = path.join(fresh("outside"), target);
            if (!target.includes("/")) {
                fs.writeFileSync(outside, "keep\n");
            }
            fs.symlinkSync(outside, path.join(out, "import.json"));
            for (const flags of [[], ["--force"]]) {
                await refused(adopt(out, ...flags), /--out: .*import\.json is a symbolic link; adopt never writes through a link/);
            }
            if (target.includes("/")) {
                assert.ok(!fs.existsSync(outside), "the dangling link's target was not created");
            } else {
                assert.strictEqual(fs.readFileSync(outside, "utf8"), "keep\n");
            }
            assert.ok(!fs.existsSync(path.join(out, "Pulumi.team-a.yaml")), "nothing written beside the link");
        });
    }

    it("refuses a default stack name (the role's name) that --stack would refuse, and writes nothing", async () => {
        const details = JSON.parse(fs.readFileSync(ACCOUNT, "utf8"));
        const role = details.RoleDetailList.find((r: { RoleName: string }) => r.RoleName === ROLE);
        role.RoleName = "Warp+Role=x,y@z";
        role.Arn = "arn:aws:iam::123456789012:role/Warp+Role=x,y@z";
        const file = path.join(fresh("odd"), "account.json");
        fs.writeFileSync(file, JSON.stringify(details));
        const out = fresh("odd-out");
        const r = runCli("adopt", "--authorization-details", file, "--role", "Warp+Role=x,y@z", "--out", out);
        await refused(r, /the default stack name, "Warp\+Role=x,y@z" is not a Pulumi stack name .*; pass --stack NAME/);
        assert.deepStrictEqual(fs.readdirSync(out), []);
        const named = await runCli(
            "adopt",
            "--authorization-details",
            file,
            "--role",
            "Warp+Role=x,y@z",
            "--stack",
            "team-a",
            "--out",
            out,
        );
        assert.strictEqual(named.code, 0, named.stderr);
    });

    for (const [flag, value, message] of [
        ["--stack", "..", /--stack: "\.\." is not a Pulumi stack name/],
        ["--stack", "te*m", /--stack: "te\*m" is not a Pulumi stack name/],
        ["--stack", "-rf", /--stack: "-rf" is not a Pulumi stack name/],
        ["--role", "../../evil", /--role: "\.\.\/\.\.\/evil" is neither an IAM role name .* nor a role ARN/],
    ] as const) {
        it(`refuses ${flag} ${value} with exit 2 on standard error`, async () => {
            const out = fresh("bad");
            const args = flag === "--role" ? ["--role", value, "--out", out] : ["--role", ROLE, `${flag}=${value}`, "--out", out];
            await refused(runCli("adopt", "--authorization-details", ACCOUNT, ...args), message);
            assert.deepStrictEqual(fs.readdirSync(out), []);
        });
    }

    it("says in Next: that the stack file goes beside Pulumi.yaml", async () => {
        const out = fresh("next");
        const r = await adopt(out);
        const step =
            /Next:\n {2}(test ! -e <project directory>\/Pulumi\.team-a\.yaml && cp .*Pulumi\.team-a\.yaml <project directory>\/) +# pulumi reads the stack file beside Pulumi\.yaml/.exec(
                r.stdout,
            );
        assert.ok(step, r.stdout);
        // Run as printed: into an empty project it copies; over an existing stack file (its encryptionsalt) it does nothing.
        const project = fresh("project");
        const runStep = () => spawnSync("bash", ["-c", step[1].replace(/<project directory>/g, project)], { encoding: "utf8" });
        assert.strictEqual(runStep().status, 0);
        assert.ok(fs.existsSync(path.join(project, "Pulumi.team-a.yaml")));
        const existing = "encryptionsalt: v1:abc\nconfig:\n  warp-bedrock-access:teamUid: Kept\n";
        fs.writeFileSync(path.join(project, "Pulumi.team-a.yaml"), existing);
        assert.notStrictEqual(runStep().status, 0);
        assert.strictEqual(fs.readFileSync(path.join(project, "Pulumi.team-a.yaml"), "utf8"), existing);
        fs.writeFileSync(path.join(out, "Pulumi.yaml"), "name: warp-bedrock-access\n");
        const inProject = await adopt(out, "--format", "json");
        assert.match(JSON.parse(inProject.stdout).next[0], /Pulumi\.team-a\.yaml is beside Pulumi\.yaml, where pulumi reads it/);
    });
});
