import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DOC_DELIMITER, shq } from "../synth/aws-cli";
import { arg, bashSyntaxCheck, runScript } from "./support/fake-aws";
import { REPO, example, runCli, stackFile } from "./support/run-cli";

async function generate(...args: string[]): Promise<string> {
    const r = await runCli("synth", ...args, "--format", "aws-cli");
    assert.strictEqual(r.code, 0, r.stderr);
    assert.strictEqual(r.stderr, "");
    return r.stdout;
}

async function plan(...args: string[]) {
    const r = await runCli("synth", ...args, "--format", "json");
    assert.strictEqual(r.code, 0, r.stderr);
    return JSON.parse(r.stdout);
}

/** The documents embedded in the script's heredocs, in order. */
function embeddedDocuments(script: string): unknown[] {
    const re = new RegExp(`^read_document (\\w+) <<'${DOC_DELIMITER}'\\n([\\s\\S]*?)\\n${DOC_DELIMITER}$`, "gm");
    return [...script.matchAll(re)].map((m) => JSON.parse(m[2]));
}

/** Every document of the plan in the order the script embeds them: per role, trust then inline policies. */
function planDocuments(doc: { roles: { trustPolicy: unknown; inlinePolicies: { document: unknown }[] }[] }): unknown[] {
    return doc.roles.flatMap((r) => [r.trustPolicy, ...r.inlinePolicies.map((p) => p.document)]);
}

const inAccount = (doc: unknown, account: string, partition = "aws") =>
    JSON.parse(JSON.stringify(doc).split(":123456789012:").join(`:${account}:`).split("arn:aws:").join(`arn:${partition}:`));

const callsOf = (calls: string[][], command: string) => calls.filter((c) => c[0] === "iam" && c[1] === command);

describe("the AWS CLI version the docs name", () => {
    it("is the one the tests run (v1 from scripts/moto-requirements.txt), not a claim that v2 is needed", () => {
        const pinned = /^awscli==(\S+)$/m.exec(fs.readFileSync(path.join(REPO, "scripts", "moto-requirements.txt"), "utf8"))![1];
        const docs = fs.readFileSync(path.join(REPO, "docs", "cli.md"), "utf8");
        assert.ok(docs.includes(`the tests run it with v1, \`awscli\` ${pinned} from PyPI`), "docs/cli.md names the tested AWS CLI");
        assert.doesNotMatch(docs, /needs bash[^.]*the AWS CLI v2 and/);
    });
});

describe("warp-bedrock synth --format aws-cli", () => {
    for (const stack of ["account", "team-a", "team-b", "staging"]) {
        it(`${stack}: is valid bash and embeds exactly the plan's documents`, async () => {
            const script = await generate(example(stack));
            const check = bashSyntaxCheck(script);
            assert.ok(check.ok, check.stderr);
            assert.match(script, /^#!\/usr\/bin\/env bash\n/);
            assert.match(script, /^set -euo pipefail$/m);
            assert.deepStrictEqual(embeddedDocuments(script), planDocuments(await plan(example(stack))));
        });
    }

    it("creates a team's roles and inline policies in a fresh account, with that account in every ARN", async () => {
        const script = await generate(example("team-b"));
        const doc = await plan(example("team-b"));
        const run = runScript(script, { account: "111122223333", providers: ["arn:aws:iam::111122223333:oidc-provider/app.warp.dev"] });
        assert.strictEqual(run.code, 0, run.stderr);
        assert.deepStrictEqual(run.calls[0].slice(0, 2), ["sts", "get-caller-identity"]);
        assert.strictEqual(callsOf(run.calls, "create-open-id-connect-provider").length, 0, "a reused provider is never created");
        assert.strictEqual(
            arg(callsOf(run.calls, "get-open-id-connect-provider")[0], "--open-id-connect-provider-arn"),
            "arn:aws:iam::111122223333:oidc-provider/app.warp.dev",
        );

        const created = callsOf(run.calls, "create-role");
        assert.deepStrictEqual(
            created.map((c) => arg(c, "--role-name")),
            ["warp-bedrock-access-role-team-b", "warp-agent-AgentB3uid00000000003-team-b"],
        );
        created.forEach((c, i) => {
            assert.deepStrictEqual(
                JSON.parse(arg(c, "--assume-role-policy-document")!),
                inAccount(doc.roles[i].trustPolicy, "111122223333"),
            );
            assert.strictEqual(arg(c, "--max-session-duration"), "3600");
            assert.strictEqual(arg(c, "--path"), "/");
            assert.strictEqual(arg(c, "--description"), doc.roles[i].description);
        });
        assert.deepStrictEqual(JSON.parse(arg(created[1], "--tags")!), [
            { Key: "team", Value: "team-b" },
            { Key: "warp:agent-uid", Value: "AgentB3uid00000000003" },
        ]);
        const puts = callsOf(run.calls, "put-role-policy");
        assert.strictEqual(puts.length, 2);
        puts.forEach((c, i) => {
            assert.strictEqual(arg(c, "--policy-name"), "warp-bedrock-invoke");
            assert.strictEqual(arg(c, "--role-name"), created[i][created[i].indexOf("--role-name") + 1]);
            assert.deepStrictEqual(
                JSON.parse(arg(c, "--policy-document")!),
                inAccount(doc.roles[i].inlinePolicies[0].document, "111122223333"),
            );
        });
        assert.ok(!run.calls.flat().some((a) => a.includes("123456789012")), "no placeholder account reaches AWS");
        assert.match(
            run.stdout,
            /named agent AgentB3uid00000000003: set its inference_providers\.aws override to \{"role_arn": "arn:aws:iam::111122223333:role\/warp-agent-AgentB3uid00000000003-team-b", "region": "eu-central-1"\}/,
        );
        assert.match(
            run.stdout,
            /team role: set arn:aws:iam::111122223333:role\/warp-bedrock-access-role-team-b as the team's Bedrock role in Warp/,
        );

        // Run again: the roles exist, so their trust policies are updated instead of created.
        const again = runScript(script, {}, run.state);
        assert.strictEqual(again.code, 0, again.stderr);
        assert.strictEqual(callsOf(again.calls, "create-role").length, 0);
        const updated = callsOf(again.calls, "update-assume-role-policy");
        assert.deepStrictEqual(
            updated.map((c) => arg(c, "--role-name")),
            ["warp-bedrock-access-role-team-b", "warp-agent-AgentB3uid00000000003-team-b"],
        );
        assert.deepStrictEqual(JSON.parse(arg(updated[0], "--policy-document")!), inAccount(doc.roles[0].trustPolicy, "111122223333"));
        assert.strictEqual(callsOf(again.calls, "put-role-policy").length, 2);
        assert.match(again.stdout, /role warp-bedrock-access-role-team-b exists: updating its trust policy/);
    });

    it("puts the caller's partition into the ARNs", async () => {
        const script = await generate(example("team-a"));
        const doc = await plan(example("team-a"));
        const run = runScript(script, {
            account: "222233334444",
            partition: "aws-cn",
            providers: ["arn:aws-cn:iam::222233334444:oidc-provider/app.warp.dev"],
        });
        assert.strictEqual(run.code, 0, run.stderr);
        const put = callsOf(run.calls, "put-role-policy")[0];
        assert.deepStrictEqual(
            JSON.parse(arg(put, "--policy-document")!),
            inAccount(doc.roles[0].inlinePolicies[0].document, "222233334444", "aws-cn"),
        );
        assert.ok(arg(put, "--policy-document")!.includes("arn:aws-cn:bedrock:us-east-1::foundation-model/anthropic.claude-*"));
    });

    it("stops before touching roles when the reused provider does not exist", async () => {
        const run = runScript(await generate(example("team-a")), { account: "111122223333" });
        assert.strictEqual(run.code, 1);
        assert.match(
            run.stderr,
            /reuses the OIDC provider arn:aws:iam::111122223333:oidc-provider\/app\.warp\.dev \(the oidcProviderArn output of stack organization\/warp-bedrock-access\/account\), which does not exist/,
        );
        assert.deepStrictEqual(callsOf(run.calls, "create-role"), []);
        assert.deepStrictEqual(callsOf(run.calls, "put-role-policy"), []);
    });

    it("creates the provider once, and leaves an existing one alone", async () => {
        const script = await generate(example("account"));
        const first = runScript(script, { account: "111122223333" });
        assert.strictEqual(first.code, 0, first.stderr);
        const [create] = callsOf(first.calls, "create-open-id-connect-provider");
        assert.strictEqual(arg(create, "--url"), "https://app.warp.dev");
        assert.strictEqual(arg(create, "--client-id-list"), "sts.amazonaws.com");
        assert.deepStrictEqual(JSON.parse(arg(create, "--tags")!), [{ Key: "owner", Value: "platform-team" }]);
        assert.deepStrictEqual(first.state.providers, ["arn:aws:iam::111122223333:oidc-provider/app.warp.dev"]);

        const second = runScript(script, {}, first.state);
        assert.strictEqual(second.code, 0, second.stderr);
        assert.deepStrictEqual(callsOf(second.calls, "create-open-id-connect-provider"), []);
        assert.match(
            second.stdout,
            /OIDC provider arn:aws:iam::111122223333:oidc-provider\/app\.warp\.dev already exists: leaving it as is/,
        );
        assert.strictEqual(arg(callsOf(second.calls, "add-client-id-to-open-id-connect-provider")[0], "--client-id"), "sts.amazonaws.com");
    });

    it("refuses another account when the plan's account was given", async () => {
        const run = runScript(await generate(example("staging"), "--account-id", "210987654321"), { account: "111122223333" });
        assert.strictEqual(run.code, 1);
        assert.match(run.stderr, /these credentials are for account 111122223333, but the plan is for account 210987654321/);
        assert.deepStrictEqual(
            run.calls.map((c) => c.slice(0, 2).join(" ")),
            ["sts get-caller-identity"],
        );
    });

    it("quotes hostile values so they reach AWS verbatim and never run", async () => {
        const marker = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "quote-")), "pwned");
        const hostile = `O'Brien "q" $(touch ${marker}) \`touch ${marker}\` $HOME \\ ; & |`;
        const file = stackFile(
            [
                "config:",
                "  warp-bedrock-access:teamUid: T1",
                `  warp-bedrock-access:roleDescription: ${JSON.stringify(`it's ${hostile}`)}`,
                "  warp-bedrock-access:tags:",
                `    owner: ${JSON.stringify(hostile)}`,
                "",
            ].join("\n"),
            "quote-me",
        );
        const script = await generate(file);
        assert.ok(bashSyntaxCheck(script).ok);
        const run = runScript(script, { account: "111122223333" });
        assert.strictEqual(run.code, 0, run.stderr);
        assert.ok(!fs.existsSync(marker), "no command substitution ran");
        const [createRole] = callsOf(run.calls, "create-role");
        assert.strictEqual(arg(createRole, "--description"), `it's ${hostile}`);
        assert.deepStrictEqual(JSON.parse(arg(createRole, "--tags")!), [{ Key: "owner", Value: hostile }]);
        assert.strictEqual(arg(callsOf(run.calls, "create-open-id-connect-provider")[0], "--url"), "https://app.warp.dev");
    });

    it("shq quotes any string for bash", () => {
        for (const s of ["", "plain", "it's", "'", "''", "a\nb", '$(x) `y` "z" \\']) {
            const check = bashSyntaxCheck(`printf '%s' ${shq(s)}`);
            assert.ok(check.ok, `${JSON.stringify(s)}: ${check.stderr}`);
        }
    });
});
