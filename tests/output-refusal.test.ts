/**
 * An input refused only once it resolves (it arrived as an Output) fails the program with one error, the
 * refusal itself with its message as written, however many child properties depend on it.
 */
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { TeamBedrockAccess, TeamBedrockAccessArgs } from "../components";
import { ValidationError } from "../rules/errors";
import { installMocks, settle } from "../synth/mock-deployment";

async function rejectionsOf(args: TeamBedrockAccessArgs) {
    const deployment = installMocks();
    const rejections: unknown[] = [];
    const onRejection = (e: unknown) => rejections.push(e);
    // Mocha's own listener re-emits each rejection to the others; count them alone, as a program would.
    const others = process.listeners("unhandledRejection");
    process.removeAllListeners("unhandledRejection");
    process.on("unhandledRejection", onRejection);
    try {
        new TeamBedrockAccess("team", args);
        await settle(deployment, 20);
    } finally {
        process.off("unhandledRejection", onRejection);
        others.forEach((l) => process.on("unhandledRejection", l));
    }
    return { rejections, deployment };
}

describe("a refusal of an input given as an Output", () => {
    // The refused component's children wait forever; fresh mocks drop them from the SDK's leak check.
    after(() => installMocks());

    const cases: Array<[string, TeamBedrockAccessArgs, string, RegExp]> = [
        [
            "a bad teamUid",
            { teamUid: pulumi.output("bad uid!"), namedAgentUids: ["a1"], agentRoles: { a2: {} } },
            "teamUid",
            /^teamUid: "bad uid!" contains whitespace/,
        ],
        [
            "a wildcard agent UID",
            { teamUid: "T1", namedAgentUids: pulumi.output(["*"]) },
            "namedAgentUids[0]",
            /^namedAgentUids\[0\]: .*wildcard/,
        ],
        [
            "a reused provider of another account (checked with the account)",
            {
                teamUid: "T1",
                oidcProviderArn: pulumi.output("arn:aws:iam::999999999999:oidc-provider/app.warp.dev"),
                agentRoles: { a2: {} },
            },
            "oidcProviderArn",
            /^oidcProviderArn: .*999999999999/,
        ],
    ];
    for (const [name, args, field, message] of cases) {
        it(`${name}: one error, the ValidationError as written, and no resource registered`, async () => {
            const { rejections, deployment } = await rejectionsOf(args);
            assert.strictEqual(rejections.length, 1, rejections.map(String).join("\n"));
            const [error] = rejections as ValidationError[];
            assert.ok(error instanceof ValidationError, String(error));
            assert.strictEqual(error.field, field);
            assert.match(error.message, message);
            assert.ok(!error.message.includes("error serializing"), error.message);
            assert.deepStrictEqual(deployment.custom(), []);
        });
    }
});
