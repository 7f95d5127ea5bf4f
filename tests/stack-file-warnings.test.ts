/**
 * `synth` warns about keys the stack program will not read, with the key that was probably meant:
 * a misspelt setting (required or optional) and a setting under another project's name; and it prints
 * the warnings before anything else, so they also explain a run that fails for want of that key.
 */
import * as assert from "assert";
import { readStackFile } from "../synth/stack-file";
import { runCli, stackFile } from "./support/run-cli";

const TEAM = "TeamAuid0000000000001";

describe("synth: warnings about keys the stack program ignores", () => {
    it("names the required key a misspelt one stands for (teamUID)", () => {
        const { warnings, config } = readStackFile(stackFile(`config:\n  warp-bedrock-access:teamUID: ${TEAM}\n`));
        assert.strictEqual(warnings.length, 1);
        assert.match(
            warnings[0],
            /^warp-bedrock-access:teamUID is not a setting .* Did you mean warp-bedrock-access:teamUid \(a required setting/,
        );
        assert.strictEqual(config["warp-bedrock-access:teamUid"], undefined);
    });

    it("names the optional key a misspelt one stands for", () => {
        const { warnings } = readStackFile(stackFile(`config:\n  teamUid: ${TEAM}\n  bedrockModel: anthropic.claude-*\n`));
        assert.deepStrictEqual(warnings.length, 1);
        assert.match(warnings[0], /^warp-bedrock-access:bedrockModel .* Did you mean warp-bedrock-access:bedrockModels\?/);
    });

    it("names the key a setting under another project's name should be", () => {
        const { warnings } = readStackFile(
            stackFile(`config:\n  my-infra:teamUid: ${TEAM}\n  my-infra:namedAgentUid: [a1]\n  aws:region: eu-west-1\n`),
        );
        assert.strictEqual(warnings.length, 2);
        assert.match(
            warnings[0],
            /^my-infra:teamUid is under project my-infra, but this stack program is warp-bedrock-access and reads warp-bedrock-access:teamUid/,
        );
        assert.match(warnings[1], /^my-infra:namedAgentUid .* reads warp-bedrock-access:namedAgentUids/);
    });

    it("keeps the general warning for keys that resemble no setting", () => {
        const { warnings } = readStackFile(stackFile(`config:\n  teamUid: ${TEAM}\n  colour: blue\n  other:thing: 1\n`));
        assert.match(
            warnings[0],
            /^warp-bedrock-access:colour is not a setting of this stack program; it is ignored \(settings: teamUid, /,
        );
        assert.match(warnings[1], /^other:thing is neither a warp-bedrock-access nor an aws setting; it is ignored$/);
    });

    for (const [what, yaml] of [
        ["misspelt", `config:\n  warp-bedrock-access:teamUID: ${TEAM}\n`],
        ["under another project", `config:\n  my-infra:teamUid: ${TEAM}\n`],
    ]) {
        it(`prints the warning before the error when the required key is ${what}`, async () => {
            const r = await runCli("synth", stackFile(yaml));
            assert.strictEqual(r.code, 2);
            assert.strictEqual(r.stdout, "");
            const lines = r.stderr.split("\n");
            assert.match(lines[0], /^warning: .*warp-bedrock-access:teamUid/);
            assert.ok(
                lines.some((l) => l.startsWith("error: teamUid: is required")),
                r.stderr,
            );
        });
    }
});
