/** SARIF 2.1.0 from `warp-bedrock lint --format sarif`, through the writer audit uses too (cli/sarif.ts). */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../cli/main";
import { toSarif } from "../cli/sarif";

async function run(...args: string[]) {
    let out = "";
    let err = "";
    const code = await main(args, { out: (t) => (out += t), err: (t) => (err += t) });
    return { code, out, err };
}

const PROVIDER = "arn:aws:iam::123456789012:oidc-provider/app.warp.dev";
const trust = (sub: string) => ({
    Version: "2012-10-17",
    Statement: [
        {
            Sid: "WarpTeamPeople",
            Effect: "Allow",
            Principal: { Federated: PROVIDER },
            Action: "sts:AssumeRoleWithWebIdentity",
            Condition: { StringEquals: { "app.warp.dev:aud": "sts.amazonaws.com" }, StringLike: { "app.warp.dev:sub": sub } },
        },
    ],
});

describe("SARIF output", () => {
    let dir: string;
    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "warp-sarif-"));
        fs.writeFileSync(path.join(dir, "wild.json"), JSON.stringify(trust("scoped_principal:*/user:*")));
        fs.writeFileSync(path.join(dir, "good.json"), JSON.stringify(trust("scoped_principal:TeamAuid0000000000001/user:*")));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("lint --format sarif gives one error result per mandatory finding, in its file and statement", async () => {
        const file = path.join(dir, "wild.json");
        const r = await run("lint", "--format", "sarif", file);
        assert.strictEqual(r.code, 1);
        const json = JSON.parse((await run("lint", "--format", "json", file)).out);
        const log = JSON.parse(r.out);
        assert.strictEqual(log.version, "2.1.0");
        assert.match(log.$schema, /sarif-2\.1\.0/);
        const results = log.runs[0].results;
        assert.strictEqual(results.length, json.findings.length);
        assert.strictEqual(results.filter((x: any) => x.level === "error").length, json.summary.mandatory);
        const team = results.find((x: any) => x.ruleId === "warp-trust-team-allowlist");
        assert.strictEqual(team.locations[0].physicalLocation.artifactLocation.uri, file);
        assert.match(team.locations[0].logicalLocations[0].fullyQualifiedName, /Statement\[0\]/);
        assert.ok(team.properties.witness, "exposures carry their witness");
    });

    it("results carry a region at the statement, in a policy file and in an authorization-details file", async () => {
        const policy = trust("scoped_principal:*/user:*");
        policy.Statement.unshift({ ...policy.Statement[0], Sid: "Narrow" } as any);
        (policy.Statement[0] as any).Condition = {
            StringEquals: { "app.warp.dev:aud": "sts.amazonaws.com", "app.warp.dev:sub": "scoped_principal:TeamAuid0000000000001/user:u1" },
        };
        const file = path.join(dir, "two-statements.json");
        const text = JSON.stringify(policy, null, 4);
        fs.writeFileSync(file, text);
        const log = JSON.parse((await run("lint", "--format", "sarif", file)).out);
        const team = log.runs[0].results.find((x: any) => x.ruleId === "warp-trust-team-allowlist");
        const line = team.locations[0].physicalLocation.region.startLine;
        // The line where Statement[1] opens: the one after the first statement's closing brace.
        assert.strictEqual(line, text.split("\n").indexOf("        },") + 2, text);
        const details = path.join(__dirname, "..", "docs", "examples", "account.json");
        const lines = fs.readFileSync(details, "utf8").split("\n");
        const audit = JSON.parse((await run("audit", "--authorization-details", details, "--format", "sarif")).out);
        const audience = audit.runs[0].results.find((x: any) => x.ruleId === "warp-trust-audience");
        const at = audience.locations[0].physicalLocation.region.startLine;
        assert.match(lines[at - 2], /"Statement": \[/, 'the trust policy\'s Statement[0] opens on the line after "Statement": [');
        assert.match(
            lines
                .slice(0, at)
                .reverse()
                .find((l) => /"Arn"/.test(l)) ?? "",
            /role\/WarpUnsafeRole/,
        );
    });

    it("lint --format sarif on a clean file has no results and exits 0", async () => {
        const r = await run("lint", "--format", "sarif", "--team", "TeamAuid0000000000001", path.join(dir, "good.json"));
        assert.strictEqual(r.code, 0);
        assert.deepStrictEqual(JSON.parse(r.out).runs[0].results, []);
    });

    it("lists every registered rule with its default level, and indexes results into that list", () => {
        const log = toSarif([
            { ruleId: "warp-trust-audience", level: "mandatory", message: "m" },
            { ruleId: "warp-oidc-provider-client-id", level: "note", message: "n" },
        ]);
        const rules = log.runs[0].tool.driver.rules!;
        assert.ok(rules.some((r) => r.id === "warp-role-bedrock-permissions-only" && r.defaultConfiguration?.level === "error"));
        const [a, b] = log.runs[0].results!;
        assert.strictEqual(rules[a.ruleIndex!].id, "warp-trust-audience");
        assert.strictEqual(a.level, "error");
        assert.strictEqual(b.level, "note");
    });
});
