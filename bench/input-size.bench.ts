/**
 * `synth` and `audit` time against the size of what they read, to show both are linear in their input
 * and that a file past its limit is refused at once. Runs the real CLI dispatcher in-process (no Node
 * start-up in the figures). Run: `npm run bench -- input-size`. Figures: docs/cli.md#input-limits.
 *
 *   synth: a team stack file with N tag keys (IAM allows 50: the run ends at validation, after the
 *          YAML is parsed, which was quadratic in N before), then one over the 1 MiB limit.
 *   audit: an authorization-details file with N roles (copies of the bundled example's two roles,
 *          each judged by the trust engine), up to about 20 MB; roles that share their policies are
 *          judged once (account/permissions.ts), so the last rows give every role an inline policy
 *          of its own: each role judged by the permissions engine, as before roles shared judgements.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../cli/main";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "warp-bench-input-"));
const REPO = path.resolve(__dirname, "..");

function tagsStackFile(keys: number): string {
    const lines = ["config:", "  warp-bedrock-access:teamUid: TeamAuid0000000000001", "  warp-bedrock-access:tags:"];
    for (let i = 0; i < keys; i++) {
        lines.push(`    key${i}: value${i}`);
    }
    const file = path.join(dir, `Pulumi.tags-${keys}.yaml`);
    fs.writeFileSync(file, `${lines.join("\n")}\n`);
    return file;
}

/** Each role's inline policies made its own: one more statement naming the role (a policy of its own if it has none). */
function ownPolicies(r: any, i: number): void {
    if ((r.RolePolicyList ?? []).length === 0) {
        r.RolePolicyList = [{ PolicyName: "own", PolicyDocument: { Version: "2012-10-17", Statement: [] } }];
    }
    for (const p of r.RolePolicyList) {
        const statements = Array.isArray(p.PolicyDocument.Statement) ? p.PolicyDocument.Statement : [p.PolicyDocument.Statement];
        p.PolicyDocument.Statement = [
            ...statements,
            { Effect: "Allow", Action: "bedrock:InvokeModel", Resource: `arn:aws:bedrock:*::foundation-model/model-${i}` },
        ];
    }
}

function snapshot(roles: number, distinct = false): string {
    const base = JSON.parse(fs.readFileSync(path.join(REPO, "docs", "examples", "account.json"), "utf8"));
    const list = Array.from({ length: roles }, (_, i) => {
        const r = structuredClone(base.RoleDetailList[i % base.RoleDetailList.length]);
        r.RoleName = `${r.RoleName}${i}`;
        r.Arn = `${r.Arn}${i}`;
        if (distinct) {
            ownPolicies(r, i);
        }
        return r;
    });
    const file = path.join(dir, `account-${roles}${distinct ? "-distinct" : ""}.json`);
    fs.writeFileSync(file, JSON.stringify({ ...base, RoleDetailList: list }, null, 2));
    return file;
}

async function timed(argv: string[]): Promise<{ ms: number; code: number }> {
    const start = process.hrtime.bigint();
    const code = await main(argv, { out: () => undefined, err: () => undefined });
    return { ms: Number(process.hrtime.bigint() - start) / 1e6, code };
}

function row(label: string, file: string, r: { ms: number; code: number }, units: number): void {
    const mb = fs.statSync(file).size / 1e6;
    const perUnit = (r.ms / units) * 1000;
    console.log(
        `${label.padEnd(28)} ${mb.toFixed(2).padStart(7)} MB  ${r.ms.toFixed(0).padStart(7)} ms  ${perUnit.toFixed(1).padStart(8)} µs/unit  exit ${r.code}`,
    );
}

async function run(): Promise<void> {
    // Warm the modules and the engine once, so the first row is not start-up.
    await timed(["synth", path.join(REPO, "examples", "Pulumi.team-a.yaml")]);
    console.log("synth, stack file with N tag keys (unit: a key)");
    for (const keys of [1_000, 5_000, 20_000, 40_000]) {
        const file = tagsStackFile(keys);
        row(`  ${keys} keys`, file, await timed(["synth", file]), keys);
    }
    const over = tagsStackFile(120_000);
    row("  120000 keys (over 1 MiB)", over, await timed(["synth", over]), 120_000);
    console.log("audit, authorization-details with N roles (unit: a role)");
    for (const roles of [500, 2_000, 5_000, 8_000, 16_000]) {
        const file = snapshot(roles);
        row(`  ${roles} roles`, file, await timed(["audit", "--authorization-details", file, "--format", "json"]), roles);
    }
    for (const roles of [500, 1_000]) {
        const distinct = snapshot(roles, true);
        row(
            `  ${roles} roles, own policies`,
            distinct,
            await timed(["audit", "--authorization-details", distinct, "--format", "json"]),
            roles,
        );
    }
    fs.rmSync(dir, { recursive: true, force: true });
}

run().catch((e) => {
    console.error(e);
    process.exitCode = 1;
});
