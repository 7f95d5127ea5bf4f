/**
 * `warp-bedrock adopt`: for every shape the seed's AWS CLI script and the README describe, the hand-made
 * documents go in, the stack config that comes out runs through the real stack program under mocks,
 * and the registered documents must mean the same (the trust engine; ARN languages for permissions),
 * read the same where the hand-made text is already canonical, and match every import.json resource
 * by URN and parent.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { mockClient } from "aws-sdk-client-mock";
import {
    GetAccountAuthorizationDetailsCommand,
    GetOpenIDConnectProviderCommand,
    GetRoleCommand,
    IAMClient,
    ListOpenIDConnectProvidersCommand,
} from "@aws-sdk/client-iam";
import { main } from "../cli/main";
import { ImportFile, importUrns, sameText } from "../account/adopt";
import { permissionLosses } from "../account/adopt-permissions";
import { trustDifferences } from "../account/trust";
import { runStackProgram } from "../components/stack-program";
import { buildPermissionsPolicy } from "../components/permissions-policy";
import { buildTrustPolicy } from "../components/trust-policy";
import { normalizeIssuer } from "../rules/issuer";
import { TrustEngine } from "../rules/trust/engine";
import { RegisteredResource, installMocks, resolveOutput, settle } from "../synth/mock-deployment";
import { projectConfigDefaults } from "../synth/project-defaults";
import { readStackFile } from "../synth/stack-file";

const ACCOUNT = "210987654321";
const PROVIDER = `arn:aws:iam::${ACCOUNT}:oidc-provider/app.warp.dev`;
const TEAM = "TeamAuid0000000000001";
const AGENTS = ["AgentB1uid00000000001", "AgentB2uid00000000002"];
const INVOKE = ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"];

/** One statement as the seed's script writes it: aud pinned with StringEquals, sub with StringLike (or StringEquals for exact UIDs). */
function scriptStatement(sub: string | string[], operator: "StringLike" | "StringEquals" = "StringLike", sid?: string) {
    return {
        ...(sid ? { Sid: sid } : {}),
        Effect: "Allow",
        Principal: { Federated: PROVIDER },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition:
            operator === "StringLike"
                ? { StringEquals: { "app.warp.dev:aud": "sts.amazonaws.com" }, StringLike: { "app.warp.dev:sub": sub } }
                : { StringEquals: { "app.warp.dev:aud": "sts.amazonaws.com", "app.warp.dev:sub": sub } },
    };
}

const trust = (...statements: unknown[]) => ({ Version: "2012-10-17", Statement: statements });

/** The seed script's permissions policy: both invoke actions on every foundation model and inference profile. */
const SCRIPT_PERMISSIONS = {
    Version: "2012-10-17",
    Statement: [
        { Effect: "Allow", Action: INVOKE, Resource: ["arn:aws:bedrock:*::foundation-model/*", "arn:aws:bedrock:*:*:inference-profile/*"] },
    ],
};

const sub = (kind: "user" | "service_account", uid: string) => `scoped_principal:${TEAM}/${kind}:${uid}`;

interface Shape {
    what: string;
    role: string;
    trust: unknown;
    permissions: unknown;
    policyName: string;
    /** The hand-made text is what the component writes, so the registered text must equal it. */
    canonical?: boolean;
    config: Record<string, unknown>;
}

const ISSUER = normalizeIssuer("app.warp.dev");

const SHAPES: Shape[] = [
    {
        what: "the whole team (the script's scoped_principal:<team>/*)",
        role: "WarpBedrockRole",
        trust: trust(scriptStatement(`scoped_principal:${TEAM}/*`)),
        permissions: SCRIPT_PERMISSIONS,
        policyName: "WarpBedrockInvoke",
        config: { namedAgents: "all" },
    },
    {
        what: "people only (user:*)",
        role: "WarpBedrockPeople",
        trust: trust(scriptStatement(sub("user", "*"))),
        permissions: SCRIPT_PERMISSIONS,
        policyName: "WarpBedrockInvoke",
        config: {},
    },
    {
        what: "people plus all agents, in one statement with a list",
        role: "WarpPeopleAndAgents",
        trust: trust(scriptStatement([sub("user", "*"), sub("service_account", "*")])),
        permissions: SCRIPT_PERMISSIONS,
        policyName: "bedrock",
        config: { namedAgents: "all" },
    },
    {
        what: "people plus listed agents, agents first (README's documents, other order)",
        role: "WarpListedAgents",
        trust: trust(
            scriptStatement([sub("service_account", AGENTS[1]), sub("service_account", AGENTS[0])], "StringEquals"),
            scriptStatement(sub("user", "*")),
        ),
        permissions: SCRIPT_PERMISSIONS,
        policyName: "WarpBedrockInvoke",
        config: { namedAgents: AGENTS },
    },
    {
        what: "listed agents only",
        role: "WarpAgentsOnly",
        trust: trust(
            scriptStatement(
                AGENTS.map((a) => sub("service_account", a)),
                "StringEquals",
            ),
        ),
        permissions: SCRIPT_PERMISSIONS,
        policyName: "WarpBedrockInvoke",
        config: { grantUsers: false, namedAgents: AGENTS },
    },
    {
        what: "a per-agent role (one agent, its own region and models)",
        role: "warp-agent-AgentB3uid00000000003",
        trust: trust(scriptStatement(sub("service_account", "AgentB3uid00000000003"), "StringEquals")),
        permissions: {
            Version: "2012-10-17",
            Statement: [
                {
                    Effect: "Allow",
                    Action: INVOKE,
                    Resource: [
                        "arn:aws:bedrock:eu-central-1::foundation-model/anthropic.claude-sonnet-*",
                        `arn:aws:bedrock:eu-central-1:${ACCOUNT}:inference-profile/*.anthropic.claude-sonnet-*`,
                    ],
                },
            ],
        },
        policyName: "invoke",
        config: {
            grantUsers: false,
            namedAgents: ["AgentB3uid00000000003"],
            bedrockRegions: ["eu-central-1"],
            bedrockModels: ["anthropic.claude-sonnet-*"],
        },
    },
    {
        what: "people plus listed agents exactly as the component and README write them (canonical text)",
        role: "WarpCanonical",
        trust: buildTrustPolicy(PROVIDER, ISSUER, { teamUid: TEAM, grantUsers: true, allNamedAgents: false, namedAgentUids: AGENTS }),
        permissions: buildPermissionsPolicy("aws", ACCOUNT, { regions: [], models: [] }),
        policyName: "warp-bedrock-invoke",
        canonical: true,
        config: { namedAgents: AGENTS },
    },
];

/** An authorization-details file as the AWS CLI writes it, holding these roles. */
function detailsFile(
    dir: string,
    roles: Array<{ name: string; trust: unknown; inline: Array<[string, unknown]>; tags?: Record<string, string> }>,
): string {
    const file = path.join(dir, `details-${roles.map((r) => r.name).join("-")}.json`);
    const RoleDetailList = roles.map((r) => ({
        Path: "/",
        RoleName: r.name,
        RoleId: "AROAEXAMPLEEXAMPLE01",
        Arn: `arn:aws:iam::${ACCOUNT}:role/${r.name}`,
        CreateDate: "2026-05-18T15:51:00+00:00",
        AssumeRolePolicyDocument: r.trust,
        InstanceProfileList: [],
        RolePolicyList: r.inline.map(([PolicyName, PolicyDocument]) => ({ PolicyName, PolicyDocument })),
        AttachedManagedPolicies: [],
        Tags: Object.entries(r.tags ?? {}).map(([Key, Value]) => ({ Key, Value })),
        RoleLastUsed: {},
    }));
    fs.writeFileSync(file, JSON.stringify({ UserDetailList: [], GroupDetailList: [], RoleDetailList, Policies: [] }, null, 4));
    return file;
}

/**
 * The URNs the Pulumi engine gives the registered resources: a child's type is prefixed with its
 * parent's whole type chain (the mock monitor abbreviates it to the parent's own type, so the chain is
 * rebuilt from the recorded parents), and the stack resource is never a prefix.
 */
function engineUrns(resources: RegisteredResource[], stack: string): Map<string, { parentUrn?: string }> {
    const byMockUrn = new Map(resources.map((r) => [r.urn, r]));
    const chain = (r: RegisteredResource): string => {
        const parent = byMockUrn.get(r.parent);
        return parent && parent.type !== "pulumi:pulumi:Stack" ? `${chain(parent)}$${r.type}` : r.type;
    };
    const urnOf = (r: RegisteredResource) => `urn:pulumi:${stack}::warp-bedrock-access::${chain(r)}::${r.name}`;
    const out = new Map<string, { parentUrn?: string }>();
    for (const r of resources) {
        const parent = byMockUrn.get(r.parent);
        out.set(urnOf(r), parent && parent.type !== "pulumi:pulumi:Stack" ? { parentUrn: urnOf(parent) } : {});
    }
    return out;
}

async function run(...args: string[]) {
    let out = "";
    let err = "";
    const code = await main(args, { out: (t) => (out += t), err: (t) => (err += t) });
    return { code, out, err };
}

/** The stack program with the written stack file's config, as the Pulumi CLI would pass it. */
async function runProgram(stackFile: string, stack: string) {
    const { config } = readStackFile(stackFile);
    const deployment = installMocks({ config: { ...projectConfigDefaults(), ...config }, stack, accountId: ACCOUNT });
    const exported = runStackProgram(new pulumi.Config());
    for (const v of Object.values(exported)) {
        await resolveOutput(v);
    }
    await settle(deployment);
    return deployment;
}

describe("warp-bedrock adopt", () => {
    let dir: string;
    const engine = new TrustEngine();
    before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "warp-adopt-"))));
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    for (const shape of SHAPES) {
        it(`reproduces ${shape.what}`, async () => {
            const details = detailsFile(dir, [
                { name: shape.role, trust: shape.trust, inline: [[shape.policyName, shape.permissions]], tags: { team: "team-a" } },
            ]);
            const out = path.join(dir, shape.role);
            const stack = `adopt-${SHAPES.indexOf(shape)}`;
            const r = await run("adopt", "--authorization-details", details, "--role", shape.role, "--stack", stack, "--out", out);
            assert.strictEqual(r.code, 0, r.out + r.err);
            assert.match(r.out, /pulumi import --file/);
            const deployment = await runProgram(path.join(out, `Pulumi.${stack}.yaml`), stack);
            const roles = deployment.managed("aws:iam/role:Role");
            assert.strictEqual(roles.length, 1);
            const role = roles[0];
            const policies = deployment.managed("aws:iam/rolePolicy:RolePolicy");
            assert.strictEqual(policies.length, 1);
            const policy = policies[0];

            // Names are kept, so nothing is replaced.
            assert.strictEqual(role.inputs.name, shape.role);
            assert.strictEqual(policy.inputs.name, shape.policyName);
            assert.deepStrictEqual(role.inputs.tags, { team: "team-a" });

            // Equal in meaning: who can assume the role, and every Bedrock permission.
            const registeredTrust = JSON.parse(role.inputs.assumeRolePolicy);
            const registeredPermissions = JSON.parse(policy.inputs.policy);
            assert.deepStrictEqual(trustDifferences(shape.trust, registeredTrust, {}, engine), []);
            assert.deepStrictEqual(
                permissionLosses(shape.permissions, registeredPermissions, { partition: "aws", accountId: ACCOUNT }),
                [],
            );
            if (shape.canonical) {
                assert.ok(sameText(registeredTrust, shape.trust), "canonical trust text is kept as is");
                assert.ok(sameText(registeredPermissions, shape.permissions), "canonical permissions text is kept as is");
                assert.match(r.out, /The documents are the same text|role description/);
                assert.doesNotMatch(r.out, /trust policy \(today\)/);
            } else {
                assert.match(r.out, /trust policy \(today\)|inline policy .* \(today\)/, "text differences are printed");
            }

            // The stack file says what the shape means.
            const config = readStackFile(path.join(out, `Pulumi.${stack}.yaml`)).config;
            for (const [k, v] of Object.entries(shape.config)) {
                const written = config[`warp-bedrock-access:${k}`];
                assert.deepStrictEqual(typeof v === "string" ? written : JSON.parse(written), v, k);
            }

            // Every resource of the import file is one the program registers, with the same parent.
            const importFile: ImportFile = JSON.parse(fs.readFileSync(path.join(out, "import.json"), "utf8"));
            const byUrn = engineUrns(deployment.resources, stack);
            for (const [name, { urn, parentUrn }] of importUrns(importFile, stack)) {
                const registered = byUrn.get(urn);
                assert.ok(registered, `${name}: ${urn} is not registered by the program (registered: ${[...byUrn.keys()].join(", ")})`);
                if (parentUrn !== undefined) {
                    assert.strictEqual(registered.parentUrn, parentUrn, `${name}'s parent`);
                } else {
                    assert.strictEqual(registered.parentUrn, undefined, `${name} is a top-level resource`);
                }
            }
            const ids = Object.fromEntries(importFile.resources.filter((x) => x.id !== undefined).map((x) => [x.type, x.id]));
            assert.strictEqual(ids["aws:iam/role:Role"], shape.role);
            assert.strictEqual(ids["aws:iam/rolePolicy:RolePolicy"], `${shape.role}:${shape.policyName}`);
            assert.strictEqual(ids["aws:iam/openIdConnectProvider:OpenIdConnectProvider"], PROVIDER);
            const provider = deployment.managed("aws:iam/openIdConnectProvider:OpenIdConnectProvider");
            assert.strictEqual(provider.length, 1);
            assert.strictEqual(provider[0].inputs.url, "https://app.warp.dev");
        });
    }

    it("reuses the provider by ARN with --provider reuse, importing only the role and its policy", async () => {
        const s = SHAPES[1];
        const details = detailsFile(dir, [{ name: s.role, trust: s.trust, inline: [[s.policyName, s.permissions]] }]);
        const out = path.join(dir, "reuse");
        const r = await run("adopt", "--authorization-details", details, "--role", s.role, "--out", out, "--provider", "reuse");
        assert.strictEqual(r.code, 0, r.err);
        const deployment = await runProgram(path.join(out, `Pulumi.${s.role}.yaml`), s.role);
        assert.deepStrictEqual(deployment.managed("aws:iam/openIdConnectProvider:OpenIdConnectProvider"), []);
        const importFile: ImportFile = JSON.parse(fs.readFileSync(path.join(out, "import.json"), "utf8"));
        assert.deepStrictEqual(
            importFile.resources.filter((x) => !x.component).map((x) => x.type),
            ["aws:iam/role:Role", "aws:iam/rolePolicy:RolePolicy"],
        );
        assert.deepStrictEqual(
            trustDifferences(s.trust, JSON.parse(deployment.managed("aws:iam/role:Role")[0].inputs.assumeRolePolicy), {}, engine),
            [],
        );
    });

    describe("never takes over a shared OIDC provider by default", () => {
        const s = SHAPES[1];
        const importedTypes = (out: string) =>
            (JSON.parse(fs.readFileSync(path.join(out, "import.json"), "utf8")) as ImportFile).resources
                .filter((x) => !x.component)
                .map((x) => x.type);

        it("reuses by ARN a provider another role of the input trusts, and says so", async () => {
            const details = detailsFile(dir, [
                { name: s.role, trust: s.trust, inline: [[s.policyName, s.permissions]], tags: { team: "team-b" } },
                { name: "OtherTeamRole", trust: s.trust, inline: [[s.policyName, s.permissions]] },
            ]);
            const out = path.join(dir, "shared-by-role");
            const r = await run("adopt", "--authorization-details", details, "--role", s.role, "--out", out);
            assert.strictEqual(r.code, 0, r.out + r.err);
            assert.match(r.out, /is shared \(1 other role\(s\) trust it, such as OtherTeamRole\).*pass --provider import to take it over/);
            assert.doesNotMatch(r.out, /OIDC provider .* tags: /, "no retagging planned");
            assert.deepStrictEqual(importedTypes(out), ["aws:iam/role:Role", "aws:iam/rolePolicy:RolePolicy"]);
            assert.match(
                fs.readFileSync(path.join(out, `Pulumi.${s.role}.yaml`), "utf8"),
                /oidcProviderArn: arn:aws:iam::\d+:oidc-provider\/app\.warp\.dev/,
            );
        });

        it("reuses a provider whose tags name another owner; --provider import takes it over only when asked", async () => {
            const details = detailsFile(dir, [
                { name: s.role, trust: s.trust, inline: [[s.policyName, s.permissions]], tags: { team: "team-b" } },
            ]);
            const providerFile = path.join(dir, "provider-owned.json");
            const provider = JSON.parse(
                fs.readFileSync(path.join(__dirname, "fixtures", "account", "oidc-provider-app.warp.dev.json"), "utf8"),
            );
            fs.writeFileSync(providerFile, JSON.stringify({ ...provider, Tags: [{ Key: "owner", Value: "platform-team" }] }));
            const source = ["--authorization-details", details, "--oidc-provider", providerFile, "--role", s.role];
            const byDefault = await run("adopt", ...source, "--out", path.join(dir, "owned-default"));
            assert.strictEqual(byDefault.code, 0, byDefault.out + byDefault.err);
            assert.match(byDefault.out, /is shared \(its tags \{"owner":"platform-team"\} are not this role's\)/);
            assert.doesNotMatch(byDefault.out, /"team":"team-b"/);
            assert.deepStrictEqual(importedTypes(path.join(dir, "owned-default")), ["aws:iam/role:Role", "aws:iam/rolePolicy:RolePolicy"]);
            const asked = await run("adopt", ...source, "--provider", "import", "--out", path.join(dir, "owned-import"));
            assert.strictEqual(asked.code, 0, asked.out + asked.err);
            assert.match(asked.out, /looks shared .* --provider import makes this stack its owner/);
            assert.ok(importedTypes(path.join(dir, "owned-import")).includes("aws:iam/openIdConnectProvider:OpenIdConnectProvider"));
        });
    });

    it("refuses a role that admits every team and any audience with that reason, not a derived setting's error", async () => {
        const details = path.join(__dirname, "..", "docs", "examples", "account.json");
        const out = path.join(dir, "unsafe");
        const r = await run("adopt", "--authorization-details", details, "--role", "WarpUnsafeRole", "--out", out);
        assert.strictEqual(r.code, 1, r.out + r.err);
        assert.match(r.out, /its trust policy admits any audience and every team \(for example a token from app\.warp\.dev/);
        assert.doesNotMatch(r.out, /trust nobody|grantUsers/);
        assert.ok(!fs.existsSync(out), "nothing is written when refused");
    });

    describe("refuses, naming the statement, when meaning would change", () => {
        const cases: Array<[string, unknown, unknown, RegExp]> = [
            [
                "a trust statement without the aud condition",
                trust({
                    Effect: "Allow",
                    Principal: { Federated: PROVIDER },
                    Action: "sts:AssumeRoleWithWebIdentity",
                    Condition: { StringLike: { "app.warp.dev:sub": sub("user", "*") } },
                }),
                SCRIPT_PERMISSIONS,
                /who can assume the role would change: trust policy Statement\[0\] lets in a token from app\.warp\.dev .*aud/,
            ],
            [
                "a trust statement that also admits an AWS account",
                trust(scriptStatement(sub("user", "*")), {
                    Sid: "Ops",
                    Effect: "Allow",
                    Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
                    Action: "sts:AssumeRole",
                }),
                SCRIPT_PERMISSIONS,
                /who can assume the role would change: trust policy Statement\[1\] lets in any principal in account/,
            ],
            [
                "an extra permissions statement",
                trust(scriptStatement(sub("user", "*"))),
                {
                    Version: "2012-10-17",
                    Statement: [
                        ...SCRIPT_PERMISSIONS.Statement,
                        { Sid: "Logs", Effect: "Allow", Action: "bedrock:ListFoundationModels", Resource: "*" },
                    ],
                },
                /a permission would be lost: inline policy invoke Statement\[1\] \(Sid "Logs"\) allows bedrock:ListFoundationModels/,
            ],
            [
                "a condition the component does not write",
                trust(scriptStatement(sub("user", "*"))),
                {
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Sid: "Office",
                            Effect: "Allow",
                            Action: INVOKE,
                            Resource: "arn:aws:bedrock:*::foundation-model/*",
                            Condition: { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } },
                        },
                    ],
                },
                /Statement\[0\] \(Sid "Office"\) has a condition the component does not write \(IpAddress aws:SourceIp\)/,
            ],
        ];
        for (const [what, trustDoc, permissions, message] of cases) {
            it(what, async function () {
                const name = `Refused${cases.findIndex((c) => c[0] === what)}`;
                const details = detailsFile(dir, [{ name, trust: trustDoc, inline: [["invoke", permissions]] }]);
                const out = path.join(dir, name);
                const r = await run("adopt", "--authorization-details", details, "--role", name, "--out", out);
                assert.strictEqual(r.code, 1, r.out);
                assert.match(r.out, message);
                assert.ok(!fs.existsSync(out), "nothing is written when refused");
                const forced = await run("adopt", "--authorization-details", details, "--role", name, "--out", out, "--allow-changes");
                assert.strictEqual(forced.code, 0);
                assert.match(forced.out, /Written despite changes of meaning/);
                assert.match(forced.out, message);
                assert.ok(fs.existsSync(path.join(out, `Pulumi.${name}.yaml`)) && fs.existsSync(path.join(out, "import.json")));
            });
        }

        it("but not for a resource of another account, which the role cannot call anyway", async () => {
            const permissions = {
                Version: "2012-10-17",
                Statement: [
                    {
                        Effect: "Allow",
                        Action: INVOKE,
                        Resource: [
                            "arn:aws:bedrock:us-east-1::foundation-model/*",
                            `arn:aws:bedrock:us-east-1:${ACCOUNT}:application-inference-profile/abc`,
                            "arn:aws:bedrock:us-east-1:111122223333:inference-profile/x",
                        ],
                    },
                ],
            };
            const details = detailsFile(dir, [
                { name: "OtherAccount", trust: trust(scriptStatement(sub("user", "*"))), inline: [["invoke", permissions]] },
            ]);
            const r = await run(
                "adopt",
                "--authorization-details",
                details,
                "--role",
                "OtherAccount",
                "--out",
                path.join(dir, "other-account"),
            );
            assert.strictEqual(r.code, 0, r.out);
            assert.match(r.out, /warp-bedrock-access:bedrockRegions|Wrote/);
        });

        it("a broken role (names Warp, admits no Warp token), even with --allow-changes", async () => {
            const broken = trust(scriptStatement(sub("user", "*")), {
                Effect: "Deny",
                Principal: { Federated: PROVIDER },
                Action: "sts:AssumeRoleWithWebIdentity",
            });
            const details = detailsFile(dir, [{ name: "Broken", trust: broken, inline: [["invoke", SCRIPT_PERMISSIONS]] }]);
            const r = await run(
                "adopt",
                "--authorization-details",
                details,
                "--role",
                "Broken",
                "--out",
                path.join(dir, "broken"),
                "--allow-changes",
            );
            assert.strictEqual(r.code, 1);
            assert.match(r.out, /broken/);
        });
    });

    describe("bad input exits 2 with nothing on standard output", () => {
        it("a role that does not exist", async () => {
            const details = detailsFile(dir, [{ name: "Exists", trust: SHAPES[0].trust, inline: [] }]);
            const r = await run("adopt", "--authorization-details", details, "--role", "DoesNotExist");
            assert.strictEqual(r.code, 2);
            assert.strictEqual(r.out, "");
            assert.match(r.err, /no role "DoesNotExist"/);
        });
        it("a file that is not JSON, or from another command", async () => {
            const bad = path.join(dir, "bad.json");
            fs.writeFileSync(bad, "not json");
            for (const file of [bad, path.join(__dirname, "fixtures", "account", "list-roles.json")]) {
                const r = await run("adopt", "--authorization-details", file, "--role", "X");
                assert.strictEqual(r.code, 2);
                assert.strictEqual(r.out, "");
                assert.match(r.err, /--authorization-details/);
            }
        });
        it("no --role", async () => {
            const r = await run(
                "adopt",
                "--authorization-details",
                path.join(__dirname, "fixtures", "account", "authorization-details.json"),
            );
            assert.strictEqual(r.code, 2);
            assert.match(r.err, /--role NAME is required/);
        });
    });

    describe("live", () => {
        let iam: ReturnType<typeof mockClient>;
        afterEach(() => iam?.restore());

        it("reads the role through the SDK (URL-encoded documents) and writes the same files as from a file", async () => {
            const s = SHAPES[3];
            const enc = (d: unknown) => encodeURIComponent(JSON.stringify(d));
            iam = mockClient(IAMClient);
            iam.on(GetAccountAuthorizationDetailsCommand).resolves({
                RoleDetailList: [
                    {
                        Path: "/",
                        RoleName: s.role,
                        RoleId: "AROAEXAMPLEEXAMPLE01",
                        Arn: `arn:aws:iam::${ACCOUNT}:role/${s.role}`,
                        CreateDate: new Date("2026-05-18T15:51:00Z"),
                        AssumeRolePolicyDocument: enc(s.trust),
                        InstanceProfileList: [],
                        RolePolicyList: [{ PolicyName: s.policyName, PolicyDocument: enc(s.permissions) }],
                        AttachedManagedPolicies: [],
                        Tags: [],
                    },
                ],
                Policies: [],
                UserDetailList: [],
                GroupDetailList: [],
                IsTruncated: false,
            });
            iam.on(ListOpenIDConnectProvidersCommand).resolves({ OpenIDConnectProviderList: [{ Arn: PROVIDER }] });
            iam.on(GetOpenIDConnectProviderCommand).resolves({
                Url: "app.warp.dev",
                ClientIDList: ["sts.amazonaws.com", "other-client"],
                ThumbprintList: [],
                Tags: [],
                CreateDate: new Date(),
            });
            iam.on(GetRoleCommand).resolves({
                Role: {
                    RoleName: s.role,
                    Path: "/",
                    RoleId: "AROA",
                    Arn: `arn:aws:iam::${ACCOUNT}:role/${s.role}`,
                    CreateDate: new Date(),
                    MaxSessionDuration: 7200,
                    Description: "Warp Bedrock access",
                },
            });
            const out = path.join(dir, "live");
            const r = await run("adopt", "--role", s.role, "--out", out);
            assert.strictEqual(r.code, 0, r.err);
            assert.match(r.out, /clientIdLists: \["sts\.amazonaws\.com","other-client"\] -> \["sts\.amazonaws\.com"\]/);
            const config = readStackFile(path.join(out, `Pulumi.${s.role}.yaml`)).config;
            assert.strictEqual(config["warp-bedrock-access:maxSessionDuration"], "7200");
            assert.strictEqual(config["warp-bedrock-access:roleDescription"], "Warp Bedrock access");
            const deployment = await runProgram(path.join(out, `Pulumi.${s.role}.yaml`), s.role);
            assert.deepStrictEqual(
                trustDifferences(s.trust, JSON.parse(deployment.managed("aws:iam/role:Role")[0].inputs.assumeRolePolicy), {}, engine),
                [],
            );
        });
    });
});
