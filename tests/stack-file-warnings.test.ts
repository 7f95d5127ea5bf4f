/**
 * Keys of a stack file the stack program will not read. A near miss of a setting (a misspelt key, a
 * setting under another project's name) is an error naming the setting it resembles, in `synth` and in
 * the stack program, because left as a warning it yields a plan that quietly grants less than the admin
 * wrote; `ignoredKeys` opts a key out. A key that resembles no setting is a warning.
 */
import * as assert from "assert";
import { ValidationError } from "../rules/errors";
import { configKeyProblems, ignoredKeysFrom } from "../components/config-keys";
import { readStackFile } from "../synth/stack-file";
import { runCli, stackFile } from "./support/run-cli";

const TEAM = "TeamAuid0000000000001";

const refusal = (yaml: string): ValidationError => {
    try {
        readStackFile(stackFile(yaml));
    } catch (e) {
        if (e instanceof ValidationError) {
            return e;
        }
        throw e;
    }
    throw new Error("the stack file was read without an error");
};

describe("stack file keys the stack program does not read", () => {
    it("refuses a misspelt required key, naming the setting (teamUID)", () => {
        const e = refusal(`config:\n  warp-bedrock-access:teamUID: ${TEAM}\n`);
        assert.strictEqual(e.field, "warp-bedrock-access:teamUID");
        assert.match(e.problem, /resembles warp-bedrock-access:teamUid \(a required setting of a team stack\)$/);
        assert.match(e.fix, /^Rename the key to warp-bedrock-access:teamUid .* list it under warp-bedrock-access:ignoredKeys$/);
    });

    it("refuses a misspelt optional key (namedAgent, bedrockModel)", () => {
        assert.match(refusal(`config:\n  teamUid: ${TEAM}\n  namedAgent: all\n`).problem, /resembles warp-bedrock-access:namedAgents$/);
        assert.match(
            refusal(`config:\n  teamUid: ${TEAM}\n  bedrockModel: anthropic.claude-*\n`).problem,
            /resembles warp-bedrock-access:bedrockModels$/,
        );
    });

    it("refuses a setting under another project's name", () => {
        const e = refusal(`config:\n  my-infra:teamUid: ${TEAM}\n  aws:region: eu-west-1\n`);
        assert.strictEqual(e.field, "my-infra:teamUid");
        assert.match(
            e.problem,
            /^is under project my-infra, but this stack program is warp-bedrock-access and reads warp-bedrock-access:teamUid/,
        );
    });

    it("takes keys listed under ignoredKeys (by name or namespace:name) without error or warning", () => {
        const { warnings, config } = readStackFile(
            stackFile(
                `config:\n  teamUid: ${TEAM}\n  namedAgent: all\n  my-infra:tags: {}\n  ignoredKeys: [namedAgent, "my-infra:tags"]\n`,
            ),
        );
        assert.deepStrictEqual(warnings, []);
        assert.strictEqual(config["warp-bedrock-access:namedAgent"], "all");
        assert.throws(() => ignoredKeysFrom("namedAgent"), /ignoredKeys: "namedAgent" is not a list of key names/);
    });

    it("keeps a warning for keys that resemble no setting, and never checks aws: keys", () => {
        const { warnings } = readStackFile(stackFile(`config:\n  teamUid: ${TEAM}\n  colour: blue\n  other:thing: 1\n  aws:profile: x\n`));
        assert.strictEqual(warnings.length, 2);
        assert.match(
            warnings[0],
            /^warp-bedrock-access:colour is not a setting of this stack program; it is ignored \(settings: teamUid, /,
        );
        assert.match(warnings[1], /^other:thing is neither a warp-bedrock-access nor an aws setting; it is ignored$/);
        assert.deepStrictEqual(configKeyProblems(["warp-bedrock-access:teamUid", "aws:region"], new Set()), { errors: [], warnings: [] });
    });

    it("prints a warning before the plan, and a near miss as the one error with the file, exit 2", async () => {
        const warned = await runCli("synth", stackFile(`config:\n  teamUid: ${TEAM}\n  colour: blue\n`));
        assert.strictEqual(warned.code, 0, warned.stderr);
        assert.match(warned.stderr, /^warp-bedrock synth: warning: warp-bedrock-access:colour is not a setting/);
        const refused = await runCli("synth", stackFile(`config:\n  warp-bedrock-access:teamUID: ${TEAM}\n`));
        assert.strictEqual(refused.code, 2);
        assert.strictEqual(refused.stdout, "");
        const lines = refused.stderr.trimEnd().split("\n");
        assert.strictEqual(lines.length, 2, refused.stderr);
        assert.match(lines[0], /^warp-bedrock synth: warp-bedrock-access:teamUID: .*resembles warp-bedrock-access:teamUid/);
        assert.match(lines[1], /^ {2}in .*Pulumi\.test\.yaml, key warp-bedrock-access:teamUID$/);
    });
});
