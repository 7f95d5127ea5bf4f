/**
 * `pulumi preview --policy-pack ./policy-pack` through the real CLI (v3.106.0, which loads a Node pack
 * through pulumi-analyzer-policy), with the stand-in aws plugin on moto: every bundled example, a program
 * that adds unsafe roles beside the component, and `--policy-pack-config` changing the verdict.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { Moto } from "../tests/support/moto";
import { Engine, POLICY_PACK, exampleConfig } from "./support/engine";

const PROVIDER_ARN = "arn:aws:iam::123456789012:oidc-provider/app.warp.dev";
const TEAM_A = "TeamAuid0000000000001";

const trust = (sub: string) =>
    JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Principal: { Federated: PROVIDER_ARN },
                Action: "sts:AssumeRoleWithWebIdentity",
                Condition: { StringEquals: { "app.warp.dev:aud": "sts.amazonaws.com" }, StringLike: { "app.warp.dev:sub": sub } },
            },
        ],
    });

/** The stack program plus a hand-written role any Warp team gets into, and a role with more than Bedrock. */
const UNSAFE_PROGRAM = `import * as aws from "@pulumi/aws";
import outputs = require("./stack");

new aws.iam.Role("hand-written", { name: "hand-written-warp", assumeRolePolicy: ${JSON.stringify(trust("scoped_principal:*"))} });
const extra = new aws.iam.Role("extra-access", { name: "extra-access-warp", assumeRolePolicy: ${JSON.stringify(trust(`scoped_principal:${TEAM_A}/user:*`))} });
new aws.iam.RolePolicy("extra-inline", {
    role: extra.name,
    policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] }),
});
new aws.iam.RolePolicyAttachment("extra-admin", { role: extra.name, policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" });

export = outputs;
`;

/** policy-pack/example-config.json with the placeholders filled in, as docs/policy-pack.md says to. */
function filledConfig(dir: string, teams: string[], issuers: string[]): string {
    const text = fs
        .readFileSync(path.join(POLICY_PACK, "example-config.json"), "utf8")
        .replace(/\["REPLACE_WITH_TEAM_UID_1", "REPLACE_WITH_TEAM_UID_2"\]/g, JSON.stringify(teams))
        .replace(/\["app\.warp\.dev"\]/g, JSON.stringify(issuers));
    const file = path.join(dir, `policy-config-${teams.join("-")}-${issuers.join("-")}.json`);
    fs.writeFileSync(file, text);
    return file;
}

describe("engine: pulumi preview with the policy pack", function () {
    let moto: Moto;
    let engine: Engine;
    let project: string;
    const pack = ["--policy-pack", POLICY_PACK];

    before(async () => {
        moto = await Moto.start();
        engine = await Engine.start(moto);
        project = engine.project("examples", { "unsafe.ts": UNSAFE_PROGRAM });
        for (const stack of ["account", "staging", "team-a", "team-b"]) {
            await engine.initStack(project, stack, exampleConfig(stack));
        }
        // The team examples read the provider ARN from the account stack through a StackReference.
        const up = await engine.up(project, "account");
        assert.strictEqual(up.code, 0, up.output);
    });

    after(() => {
        engine?.cleanup();
        moto?.stop();
    });

    for (const stack of ["account", "team-a", "team-b"]) {
        it(`${stack}: the bundled example passes the pack`, async () => {
            const r = await engine.preview(project, stack, ...pack);
            assert.strictEqual(r.code, 0, r.output);
            assert.match(r.output, /warp-bedrock-guard/, "the pack ran");
            assert.doesNotMatch(r.output, /mandatory/);
        });
    }

    it("staging: blocked, because the pack allows only app.warp.dev unless configured", async () => {
        const r = await engine.preview(project, "staging", ...pack);
        assert.notStrictEqual(r.code, 0, r.output);
        assert.match(r.output, /mandatory/);
        assert.match(r.output, /warp-trust-issuer-allowlist/);
        assert.match(r.output, /staging\.warp\.dev/);
    });

    it("--policy-pack-config: the example config allowing staging and its team passes the staging stack", async () => {
        const config = filledConfig(engine.dir, ["StagingTeamUid0000003"], ["app.warp.dev", "staging.warp.dev"]);
        const r = await engine.preview(project, "staging", ...pack, "--policy-pack-config", config);
        assert.strictEqual(r.code, 0, r.output);
        assert.doesNotMatch(r.output, /mandatory/);
    });

    it("--policy-pack-config: the example config with only another team blocks team-a (warp-trust-team-allowlist)", async () => {
        const config = filledConfig(engine.dir, ["SomeOtherTeam00000009"], ["app.warp.dev"]);
        const r = await engine.preview(project, "team-a", ...pack, "--policy-pack-config", config);
        assert.notStrictEqual(r.code, 0, r.output);
        assert.match(r.output, /mandatory/);
        assert.match(r.output, /warp-trust-team-allowlist/);
        assert.match(r.output, new RegExp(TEAM_A));
    });

    describe("a program that adds unsafe roles beside the component", () => {
        let r: { code: number; output: string };

        before(async () => {
            const unsafe = engine.project(
                "unsafe",
                { "unsafe.ts": UNSAFE_PROGRAM },
                "name: warp-bedrock-access\nruntime: nodejs\nmain: unsafe.ts\n",
            );
            await engine.initStack(unsafe, "unsafe", exampleConfig("team-a"));
            r = await engine.preview(unsafe, "unsafe", ...pack);
        });

        it("exits non-zero with mandatory violations", () => {
            assert.notStrictEqual(r.code, 0, r.output);
            assert.match(r.output, /mandatory/);
        });

        it("names the hand-written trust document that admits every team, with a witness", () => {
            assert.match(r.output, /\[mandatory\]\s+warp-trust-team-allowlist\s+\(aws:iam\/role:Role: hand-written\)/);
            assert.match(r.output, /role hand-written \(hand-written-warp\).*sub "scoped_principal:another-team\/user:alice".* gets in/);
        });

        it("names the extra inline policy and the attached AdministratorAccess", () => {
            assert.match(r.output, /\[mandatory\]\s+warp-role-bedrock-permissions-only\s+\(aws:iam\/rolePolicy:RolePolicy: extra-inline\)/);
            assert.match(r.output, /via RolePolicy extra-inline, Statement\[0\]: the role may call s3:/);
            assert.match(
                r.output,
                /\[mandatory\]\s+warp-role-bedrock-permissions-only\s+\(aws:iam\/rolePolicyAttachment:RolePolicyAttachment: extra-admin\)/,
            );
            assert.match(r.output, /via RolePolicyAttachment extra-admin \(AWS managed arn:aws:iam::aws:policy\/AdministratorAccess\)/);
        });

        it("leaves the component's own role without a mandatory finding", () => {
            assert.doesNotMatch(r.output, /\[mandatory\][^\n]*warp-bedrock-access-role/);
        });
    });
});
