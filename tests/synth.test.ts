import * as assert from "assert";
import { buildAccessDocuments, planTeamAccess } from "../components/plan";
import { REPO, example, runCli, stackFile } from "./support/run-cli";

const TEAM_A = "TeamAuid0000000000001";
const TEAM_B = "TeamBuid0000000000002";
const PLACEHOLDER_PROVIDER = "arn:aws:iam::123456789012:oidc-provider/app.warp.dev";

async function synthJson(...args: string[]) {
    const r = await runCli("synth", ...args, "--format", "json");
    assert.strictEqual(r.code, 0, r.stderr);
    return JSON.parse(r.stdout);
}

describe("warp-bedrock synth", () => {
    describe("text (default)", () => {
        it("prints team-a's resources, policies, subjects in words, verdicts, and marks placeholders", async () => {
            const r = await runCli("synth", example("team-a"));
            assert.strictEqual(r.code, 0, r.stderr);
            assert.strictEqual(r.stderr, "");
            const out = r.stdout;
            assert.match(out, /^warp-bedrock synth: .*Pulumi\.team-a\.yaml \(stack team-a\)\n/);
            assert.match(out, /^account\s+123456789012\s+\(placeholder: pass --account-id\)$/m);
            assert.match(out, /^partition\s+aws\s+\(placeholder: pass --partition\)$/m);
            assert.match(out, /^region\s+us-east-1\s+\(aws:region in the stack file\)$/m);
            assert.match(out, /reuses arn:aws:iam::123456789012:oidc-provider\/app\.warp\.dev/);
            assert.match(
                out,
                /oidcProviderArn output of stack organization\/warp-bedrock-access\/account \(placeholder: pass --oidc-provider-arn\)/,
            );
            for (const [action, type, name] of [
                ["component", "warp-bedrock-access:index:TeamBedrockAccess", "warp-bedrock-access"],
                ["read", "pulumi:pulumi:StackReference", "organization/warp-bedrock-access/account"],
                ["create", "aws:iam/role:Role", "warp-bedrock-access-role"],
                ["create", "aws:iam/rolePolicy:RolePolicy", "warp-bedrock-access-bedrock"],
            ]) {
                assert.match(out, new RegExp(`^  ${action}\\s+${type.replace(/[/.]/g, "\\$&")}\\s+${name.replace(/[/.]/g, "\\$&")}$`, "m"));
            }
            assert.ok(out.includes(`- any person of team ${TEAM_A}`), out);
            assert.ok(out.includes(`- any named agent (service account) of team ${TEAM_A}`), out);
            assert.ok(out.includes(`scoped_principal:${TEAM_A}/service_account:*  [WarpTeamAllNamedAgents]`), out);
            // The documents are pretty-printed exactly as the component builds them.
            const plan = planTeamAccess({
                teamUid: TEAM_A,
                allNamedAgents: true,
                bedrockRegions: ["us-east-1", "us-west-2"],
                bedrockModels: ["anthropic.claude-*"],
                oidcProviderArn: PLACEHOLDER_PROVIDER,
            });
            const docs = buildAccessDocuments(plan, { partition: "aws", accountId: "123456789012" });
            const pretty = (doc: unknown) => JSON.stringify(doc, null, 2).replace(/^/gm, "    ");
            assert.ok(out.includes(`  Trust policy:\n${pretty(docs.team.trustPolicy)}\n`), "trust policy block");
            assert.ok(
                out.includes(
                    `  Inline policy warp-bedrock-invoke (resource warp-bedrock-access-bedrock):\n${pretty(docs.team.permissionsPolicy)}\n`,
                ),
                "permissions block",
            );
            assert.match(out, /Policy pack warp-bedrock-guard \(\d+ policies/);
            // The component's role admits only its team: an advisory note (no allowedTeamUids configured), never FAIL.
            assert.match(
                out,
                /^ {2}note {2}aws:iam\/role:Role warp-bedrock-access-role\n {4}advisory warp-trust-team-allowlist: role warp-bedrock-access-role: no team is configured, .* this role admits team TeamAuid0000000000001\./m,
            );
            assert.match(out, /^ {2}pass {2}aws:iam\/rolePolicy:RolePolicy warp-bedrock-access-bedrock$/m);
            assert.doesNotMatch(out, /^ {2}FAIL /m);
            assert.match(out, /Placeholders in this plan\n {2}- account 123456789012 is a placeholder/);
        });

        it("uses the account, partition and region from flags, and says where each came from", async () => {
            const r = await runCli(
                "synth",
                example("staging"),
                "--account-id",
                "210987654321",
                "--partition",
                "aws-us-gov",
                "--region",
                "us-gov-west-1",
            );
            assert.strictEqual(r.code, 0, r.stderr);
            assert.match(r.stdout, /^account\s+210987654321\s+\(from --account-id\)$/m);
            assert.match(r.stdout, /^partition\s+aws-us-gov\s+\(from --partition\)$/m);
            assert.match(r.stdout, /^region\s+us-gov-west-1\s+\(from --region\)$/m);
            assert.ok(r.stdout.includes('"Federated": "arn:aws-us-gov:iam::210987654321:oidc-provider/staging.warp.dev"'));
            assert.ok(!r.stdout.includes("123456789012"), "no placeholder account left");
            assert.ok(!/placeholder/.test(r.stdout.split("Resources")[0]), "header marks nothing as placeholder");
            // The pack allows only app.warp.dev by default: synth still prints the plan, with the verdict in it.
            assert.match(r.stdout, /mandatory warp-trust-issuer-allowlist: /);
        });

        it("describes named agents and per-agent roles of team-b", async () => {
            const r = await runCli("synth", example("team-b"));
            assert.strictEqual(r.code, 0, r.stderr);
            assert.ok(r.stdout.includes(`- the named agent AgentB1uid00000000001 of team ${TEAM_B}`));
            assert.ok(r.stdout.includes(`- the named agent AgentB2uid00000000002 of team ${TEAM_B}`));
            assert.ok(r.stdout.includes("Role warp-bedrock-access-agent-AgentB3uid00000000003"));
            assert.match(r.stdout, /IAM name warp-agent-AgentB3uid00000000003-<random suffix added by Pulumi>/);
            assert.ok(
                r.stdout.indexOf("Role warp-bedrock-access-role\n") < r.stdout.indexOf("Role warp-bedrock-access-agent-"),
                "team role first",
            );
        });

        it("shows the account stack creating and retaining the OIDC provider", async () => {
            const r = await runCli("synth", example("account"));
            assert.strictEqual(r.code, 0, r.stderr);
            assert.match(
                r.stdout,
                /creates https:\/\/app\.warp\.dev \(client IDs: sts\.amazonaws\.com\) as arn:aws:iam::123456789012:oidc-provider\/app\.warp\.dev/,
            );
            assert.match(r.stdout, /kept in AWS when this stack is destroyed/);
            assert.match(r.stdout, /create\s+aws:iam\/openIdConnectProvider:OpenIdConnectProvider\s+warp-oidc-oidc/);
            assert.ok(!r.stdout.includes("Role "), "no roles in the account stack");
        });
    });

    describe("json", () => {
        it("is one stable document with sorted keys, the recorded documents and the context", async () => {
            const first = await runCli("synth", example("team-b"), "--format", "json");
            const second = await runCli("synth", example("team-b"), "--format", "json");
            assert.strictEqual(first.code, 0, first.stderr);
            assert.strictEqual(first.stdout, second.stdout, "byte-identical across runs");
            const doc = JSON.parse(first.stdout);
            assert.deepStrictEqual(Object.keys(doc), [...Object.keys(doc)].sort());
            // Policy documents keep IAM's order (Version before Statement), as --help says.
            assert.deepStrictEqual(Object.keys(doc.roles[0].trustPolicy), ["Version", "Statement"]);
            const help = (await runCli("synth", "--help")).stdout;
            assert.match(help, /each IAM policy document in IAM's order/);
            assert.strictEqual(doc.format, "warp-bedrock-synth/v1");
            assert.strictEqual(doc.stack, "team-b");
            assert.deepStrictEqual(doc.context.accountId, { source: "placeholder", value: "123456789012" });
            assert.deepStrictEqual(doc.context.region, { source: "stack file", value: "eu-central-1" });
            assert.deepStrictEqual(doc.context.providerStack, {
                oidcProviderArn: { source: "placeholder", value: PLACEHOLDER_PROVIDER },
                stack: "organization/warp-bedrock-access/account",
            });
            assert.ok(doc.placeholders.some((p: string) => p.startsWith("account 123456789012 is a placeholder")));
            assert.deepStrictEqual(doc.oidcProvider, {
                action: "reuse",
                arn: PLACEHOLDER_PROVIDER,
                arnSource: "oidcProviderStack (placeholder)",
                fromStack: "organization/warp-bedrock-access/account",
            });
            assert.deepStrictEqual(
                doc.resources.map((r: { action: string; type: string; name: string }) => `${r.action} ${r.type} ${r.name}`),
                [
                    "component warp-bedrock-access:index:TeamBedrockAccess warp-bedrock-access",
                    "read pulumi:pulumi:StackReference organization/warp-bedrock-access/account",
                    "create aws:iam/role:Role warp-bedrock-access-agent-AgentB3uid00000000003",
                    "create aws:iam/role:Role warp-bedrock-access-role",
                    "create aws:iam/rolePolicy:RolePolicy warp-bedrock-access-agent-AgentB3uid00000000003-bedrock",
                    "create aws:iam/rolePolicy:RolePolicy warp-bedrock-access-bedrock",
                ],
            );
            const plan = planTeamAccess({
                teamUid: TEAM_B,
                namedAgentUids: ["AgentB1uid00000000001", "AgentB2uid00000000002"],
                agentRoles: { AgentB3uid00000000003: { region: "eu-central-1", models: ["anthropic.claude-sonnet-*"] } },
                maxSessionDuration: 3600,
                oidcProviderArn: PLACEHOLDER_PROVIDER,
            });
            const docs = buildAccessDocuments(plan, { partition: "aws", accountId: "123456789012" });
            const [team, agent] = doc.roles;
            assert.strictEqual(team.resource, "warp-bedrock-access-role");
            assert.deepStrictEqual(team.trustPolicy, docs.team.trustPolicy);
            assert.deepStrictEqual(team.inlinePolicies, [
                { document: docs.team.permissionsPolicy, name: "warp-bedrock-invoke", resource: "warp-bedrock-access-bedrock" },
            ]);
            assert.strictEqual(team.maxSessionDuration, 3600);
            assert.deepStrictEqual(
                team.subjects.map((s: { description: string }) => s.description),
                [
                    `any person of team ${TEAM_B} (interactive agents and cloud runs they start)`,
                    `the named agent AgentB1uid00000000001 of team ${TEAM_B}`,
                    `the named agent AgentB2uid00000000002 of team ${TEAM_B}`,
                ],
            );
            assert.deepStrictEqual(agent.trustPolicy, docs.agents.AgentB3uid00000000003.trustPolicy);
            assert.deepStrictEqual(agent.inlinePolicies[0].document, docs.agents.AgentB3uid00000000003.permissionsPolicy);
            assert.deepStrictEqual(doc.outputs.trustPolicy, docs.team.trustPolicy);
            assert.strictEqual(doc.outputs.agentOverrides.AgentB3uid00000000003.region, "eu-central-1");
            // Policy documents keep the builders' order (Version first); everything else is key-sorted.
            assert.deepStrictEqual(Object.keys(team.trustPolicy), ["Version", "Statement"]);
            assert.strictEqual(doc.verdicts.pack, "warp-bedrock-guard");
            for (const name of [
                "warp-trust-subject",
                "warp-trust-broken-role",
                "warp-role-bedrock-permissions-only",
                "warp-role-max-session-duration",
            ]) {
                assert.ok(doc.verdicts.policies.includes(name), name);
            }
            // Each role: only its team is admitted (advisory: no allowedTeamUids); the shipped example's session length draws nothing.
            const verdicts = Object.fromEntries(
                doc.verdicts.resources.map((v: { name: string; violations: Array<{ level: string; policy: string }> }) => [
                    v.name,
                    v.violations.map((x) => `${x.level} ${x.policy}`),
                ]),
            );
            const roleNotes = ["advisory warp-trust-team-allowlist"];
            assert.deepStrictEqual(verdicts, {
                "warp-bedrock-access-role": roleNotes,
                "warp-bedrock-access-agent-AgentB3uid00000000003": roleNotes,
                "warp-bedrock-access-bedrock": [],
                "warp-bedrock-access-agent-AgentB3uid00000000003-bedrock": [],
                "organization/warp-bedrock-access/account": [],
            });
            assert.deepStrictEqual(doc.verdicts.stack, []);
        });

        it("takes the account of a provider reused by ARN, and the reused ARN from --oidc-provider-arn", async () => {
            const byArn = stackFile(
                "config:\n  warp-bedrock-access:teamUid: T1\n  warp-bedrock-access:oidcProviderArn: arn:aws:iam::111122223333:oidc-provider/app.warp.dev\n",
            );
            const a = await synthJson(byArn);
            assert.deepStrictEqual(a.context.accountId, { source: "oidcProviderArn", value: "111122223333" });
            assert.strictEqual(a.oidcProvider.arnSource, "oidcProviderArn");
            assert.strictEqual(
                a.roles[0].trustPolicy.Statement[0].Principal.Federated,
                "arn:aws:iam::111122223333:oidc-provider/app.warp.dev",
            );

            const flagged = await synthJson(
                example("team-a"),
                "--oidc-provider-arn",
                "arn:aws:iam::444455556666:oidc-provider/app.warp.dev",
            );
            assert.deepStrictEqual(flagged.context.providerStack.oidcProviderArn, {
                source: "flag",
                value: "arn:aws:iam::444455556666:oidc-provider/app.warp.dev",
            });
            assert.strictEqual(flagged.context.accountId.value, "444455556666");
            assert.strictEqual(flagged.oidcProvider.arnSource, "oidcProviderStack (--oidc-provider-arn)");
            assert.ok(!flagged.placeholders.some((p: string) => p.includes("oidcProviderArn output")));
        });

        it("passes config as the Pulumi CLI would: a numeric-looking UID stays text, structured values arrive parsed", async () => {
            const file = stackFile(
                "config:\n  warp-bedrock-access:teamUid: 12345\n  grantUsers: false\n  warp-bedrock-access:namedAgents: [A1, A2]\n  warp-bedrock-access:maxSessionDuration: 5400\n",
            );
            const doc = await synthJson(file);
            assert.deepStrictEqual(doc.outputs.subjects, [
                "scoped_principal:12345/service_account:A1",
                "scoped_principal:12345/service_account:A2",
            ]);
            assert.strictEqual(doc.roles[0].maxSessionDuration, 5400);
            assert.deepStrictEqual(doc.context.region, { source: "placeholder", value: "us-east-1" });
        });
    });

    describe("errors", () => {
        const expectExit2 = async (args: string[], stderr: RegExp) => {
            const r = await runCli("synth", ...args);
            assert.strictEqual(r.code, 2, `exit code; stderr: ${r.stderr}`);
            assert.strictEqual(r.stdout, "", "no partial plan on stdout");
            assert.match(r.stderr, stderr);
            return r;
        };

        it("reports a component validation error with field and fix, exit 2, nothing on stdout", async () => {
            const file = stackFile("config:\n  warp-bedrock-access:teamUid: TeamX\n  warp-bedrock-access:bedrockRegions: [us-east-*]\n");
            const r = await expectExit2(
                [file],
                /^warp-bedrock synth: bedrockRegions\[0\]: "us-east-\*" is not an AWS region code\. Write a region code such as us-east-1/,
            );
            assert.ok(r.stderr.includes(`in ${file}, key warp-bedrock-access:bedrockRegions`));
        });

        it("reports errors that the program would only meet once the StackReference resolves", async () => {
            const file = stackFile(
                "config:\n  warp-bedrock-access:teamUid: TeamX\n  warp-bedrock-access:oidcProviderStack: org/p/account\n  warp-bedrock-access:namedAgentUids: [bad*uid]\n",
            );
            await expectExit2([file], /^warp-bedrock synth: namedAgentUids\[0\]: "bad\*uid" contains a wildcard/);
            // The mocks runtime is left usable: the next synth in this process works.
            assert.strictEqual((await runCli("synth", example("team-a"), "--format", "json")).code, 0);
        });

        it("reports stack-config mapping errors and a provider in another account", async () => {
            await expectExit2(
                [stackFile("config:\n  warp-bedrock-access:teamUid: T\n  warp-bedrock-access:namedAgents: some\n")],
                /^warp-bedrock synth: namedAgents: "some" is neither/,
            );
            await expectExit2(
                [stackFile("config:\n  warp-bedrock-access:grantUsers: true\n")],
                /^warp-bedrock synth: teamUid: is required\. Copy your team's UID/,
            );
            await expectExit2(
                [
                    stackFile(
                        "config:\n  warp-bedrock-access:teamUid: T\n  warp-bedrock-access:oidcProviderArn: arn:aws:iam::111122223333:oidc-provider/app.warp.dev\n",
                    ),
                    "--account-id",
                    "444455556666",
                ],
                /^warp-bedrock synth: oidcProviderArn: .* is in account 111122223333 \(aws\), but the role is being created in account 444455556666/,
            );
        });

        it("refuses namedAgents: all beside allNamedAgents: false instead of trusting every named agent", async () => {
            const file = stackFile(
                "config:\n  warp-bedrock-access:teamUid: T\n  warp-bedrock-access:namedAgents: all\n  warp-bedrock-access:allNamedAgents: false\n",
            );
            await expectExit2([file], /^warp-bedrock synth: namedAgents: is set together with allNamedAgents: false/);
        });

        it("validates flags", async () => {
            await expectExit2(
                [example("team-a"), "--account-id", "12345"],
                /^warp-bedrock synth: --account-id: "12345" is not an AWS account ID/,
            );
            await expectExit2(
                [example("team-a"), "--region", "us-east"],
                /^warp-bedrock synth: --region: "us-east" is not an AWS region code/,
            );
            await expectExit2(
                [example("team-a"), "--partition", "azure"],
                /^warp-bedrock synth: --partition: "azure" is not an AWS partition/,
            );
            await expectExit2(
                [example("team-a"), "--oidc-provider-arn", "arn:aws:iam::1:role/x"],
                /^warp-bedrock synth: --oidc-provider-arn: .* is not an IAM OIDC provider ARN/,
            );
            await expectExit2([example("team-a"), "--format", "yaml"], /--format must be text, json, aws-cli/);
            await expectExit2(
                [example("team-a"), "--verbose"],
                /^warp-bedrock synth: unknown option --verbose\nRun warp-bedrock synth --help for usage\.\n$/,
            );
            await expectExit2([], /give one stack config file/);
        });

        it("exits 2 on a missing file, invalid YAML, or an encrypted value", async () => {
            await expectExit2(
                [`${REPO}/examples/Pulumi.nope.yaml`],
                /^warp-bedrock synth: cannot read stack config file .*Pulumi\.nope\.yaml: no such file/,
            );
            await expectExit2([stackFile("config:\n  a: [1\n b")], /^warp-bedrock synth: .* is not valid YAML: /);
            await expectExit2([stackFile("- just\n- a list\n")], /is not a Pulumi stack config file/);
            await expectExit2(
                [stackFile("config:\n  warp-bedrock-access:teamUid:\n    secure: AAABAC==\n")],
                /warp-bedrock-access:teamUid is encrypted \(secure:\)/,
            );
        });

        it("warns about keys that resemble no setting, on stderr only", async () => {
            const r = await runCli(
                "synth",
                stackFile("config:\n  warp-bedrock-access:teamUid: T\n  warp-bedrock-access:colour: blue\n"),
                "--format",
                "json",
            );
            assert.strictEqual(r.code, 0, r.stderr);
            assert.match(
                r.stderr,
                /^warp-bedrock synth: warning: warp-bedrock-access:colour is not a setting of this stack program; it is ignored/,
            );
            JSON.parse(r.stdout);
        });

        it("refuses a near miss of a setting (namedAgent), exit 2 naming the key it resembles, unless ignoredKeys lists it", async () => {
            const yaml = "config:\n  warp-bedrock-access:teamUid: T\n  warp-bedrock-access:namedAgent: all\n";
            await expectExit2(
                [stackFile(yaml)],
                /^warp-bedrock synth: warp-bedrock-access:namedAgent: is not a setting of this stack program, and resembles warp-bedrock-access:namedAgents\. .*ignoredKeys\n {2}in /,
            );
            const r = await runCli("synth", stackFile(`${yaml}  warp-bedrock-access:ignoredKeys: [namedAgent]\n`), "--format", "json");
            assert.strictEqual(r.code, 0, r.stderr);
            assert.strictEqual(r.stderr, "");
            assert.deepStrictEqual(JSON.parse(r.stdout).outputs.subjects, ["scoped_principal:T/user:*"]);
        });

        for (const [what, text] of [
            ["an empty file", ""],
            ["a JSON map of other keys", '{"a":1}'],
            ["a YAML map of other keys", "foo: bar\n"],
            ["a list", "- just\n- a list\n"],
            ["a string", '"hello"\n'],
        ]) {
            it(`says ${what} is not a Pulumi stack config file, and what it holds`, async () => {
                const r = await expectExit2([stackFile(text)], /^warp-bedrock synth: .* is not a Pulumi stack config file: it holds /);
                assert.strictEqual(r.stderr.trimEnd().split("\n").length, 1, r.stderr);
            });
        }

        it("refuses a stack file larger than its limit before parsing it", async () => {
            const big = `config:\n  warp-bedrock-access:teamUid: T\n  warp-bedrock-access:tags:\n${"    k: v\n".repeat(120_000)}`;
            await expectExit2([stackFile(big)], /^warp-bedrock synth: cannot read stack config file .*: it is larger than 1\.0 MiB/);
        });

        it("refuses a repeated key, as Pulumi does", async () => {
            await expectExit2(
                [stackFile("config:\n  warp-bedrock-access:teamUid: T\n  warp-bedrock-access:teamUid: U\n")],
                /is not valid YAML: map keys must be unique; "warp-bedrock-access:teamUid" is repeated/,
            );
        });
    });

    describe("the shipped examples and the shipped pack", () => {
        const violations = (doc: any) =>
            doc.verdicts.resources
                .flatMap((r: any) => r.violations.map((v: any) => `${v.level} ${v.policy}`))
                .concat(doc.verdicts.stack.map((v: any) => `${v.level} ${v.policy}`));
        for (const stack of ["account", "team-a", "team-b"]) {
            it(`${stack} passes the pack's defaults (the only note: no team is pinned in the pack's config)`, async () => {
                const found = violations(await synthJson(example(stack)));
                assert.deepStrictEqual(
                    [...new Set(found)].filter((v) => v !== "advisory warp-trust-team-allowlist"),
                    [],
                );
            });
        }
        it("staging fails the defaults (staging.warp.dev is not allowed) and passes with examples/policy-config.staging.json", async () => {
            assert.ok(violations(await synthJson(example("staging"))).includes("mandatory warp-trust-issuer-allowlist"));
            const config = `${REPO}/examples/policy-config.staging.json`;
            assert.deepStrictEqual(violations(await synthJson(example("staging"), "--policy-pack-config", config)), []);
        });
        it("refuses a pack config that names no policy of the pack or sets a bad level, exit 2 naming the file", async () => {
            for (const [text, message] of [
                ['{"warp-nope": "mandatory"}', /names "warp-nope", which is not a policy of the pack/],
                ['{"warp-trust-audience": "loud"}', /sets warp-trust-audience to "loud"; an enforcement level is/],
                ["[1]", /holds an array/],
            ] as const) {
                const file = stackFile(text, "pack-config");
                const r = await runCli("synth", example("team-a"), "--policy-pack-config", file);
                assert.strictEqual(r.code, 2, r.stderr);
                assert.strictEqual(r.stdout, "");
                assert.match(r.stderr, new RegExp(`^warp-bedrock synth: --policy-pack-config: ${file.replace(/[.]/g, "\\.")} `));
                assert.match(r.stderr, message);
            }
        });
    });

    it("prints its usage with --help", async () => {
        const r = await runCli("synth", "--help");
        assert.strictEqual(r.code, 0);
        assert.match(r.stdout, /^usage: warp-bedrock synth STACK_CONFIG_FILE \[--format text\|json\|aws-cli\]/);
    });
});
