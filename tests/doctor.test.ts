/** `warp-bedrock doctor ROLE_ARN`: each reason a Bedrock call through the role fails, offline and live. */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { mockClient } from "aws-sdk-client-mock";
import {
    GetAccountAuthorizationDetailsCommand,
    GetOpenIDConnectProviderCommand,
    GetRoleCommand,
    IAMClient,
    ListOpenIDConnectProvidersCommand,
    SimulatePrincipalPolicyCommand,
} from "@aws-sdk/client-iam";
import { main } from "../cli/main";
import type { DoctorReport } from "../account/doctor";
import { buildPermissionsPolicy } from "../components/permissions-policy";
import { policiesAllow } from "./support/iam-simulator";

const FIXTURES = path.join(__dirname, "fixtures", "account");
const DETAILS = path.join(FIXTURES, "authorization-details.json");
const PROVIDER_FILE = path.join(FIXTURES, "oidc-provider-app.warp.dev.json");
const ACCOUNT = "123456789012";
const TEAM = "TeamAuid0000000000001";
const arnOf = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
const PROFILE = "us.anthropic.claude-sonnet-4-20250514-v1:0";

async function run(...args: string[]) {
    let out = "";
    let err = "";
    const code = await main(args, { out: (t) => (out += t), err: (t) => (err += t) });
    return { code, out, err };
}

async function doctor(...args: string[]): Promise<{ code: number; report: DoctorReport }> {
    const r = await run("doctor", ...args, "--format", "json");
    assert.ok(r.code === 0 || r.code === 1, r.err);
    return { code: r.code, report: JSON.parse(r.out) };
}

const status = (report: DoctorReport, id: string) => report.checks.filter((c) => c.id === id).map((c) => c.status);

/** The fixture with one more role, written to a temporary file. */
function withRole(dir: string, name: string, role: Record<string, unknown>): string {
    const details = JSON.parse(fs.readFileSync(DETAILS, "utf8"));
    const base = details.RoleDetailList.find((r: any) => r.RoleName === "WarpBedrockRole");
    details.RoleDetailList.push({ ...base, RoleName: name, Arn: arnOf(name), ...role });
    const file = path.join(dir, `${name}.json`);
    fs.writeFileSync(file, JSON.stringify(details, null, 2));
    return file;
}

describe("warp-bedrock doctor", () => {
    let dir: string;
    before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "warp-doctor-"))));
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    describe("offline, from an authorization-details file", () => {
        it("passes a working role; checks it cannot run are shown as not run and do not fail", async () => {
            const { code, report } = await doctor(
                arnOf("WarpBedrockRole"),
                "--authorization-details",
                DETAILS,
                "--model",
                PROFILE,
                "--region",
                "us-east-1",
            );
            assert.strictEqual(code, 0);
            assert.deepStrictEqual(status(report, "role-exists"), ["pass"]);
            assert.deepStrictEqual(status(report, "oidc-provider"), ["not-run"]);
            assert.deepStrictEqual(status(report, "trust-people"), ["pass"]);
            assert.deepStrictEqual(status(report, "permissions"), ["pass"]);
            assert.deepStrictEqual(status(report, "boundary-and-deny"), ["pass"]);
            assert.deepStrictEqual(status(report, "session-duration"), ["not-run"]);
            assert.deepStrictEqual(status(report, "trust-others"), ["pass"]);
            assert.deepStrictEqual(status(report, "permissions-others"), ["pass"]);
        });

        it("is no clean bill for a role that may do more than invoke: the check fails with a witness (exit 1) and points at audit", async () => {
            // A working role whose inline policy also lets it pass any role: Warp's calls succeed, yet it may do more.
            const details = JSON.parse(fs.readFileSync(DETAILS, "utf8"));
            const base = details.RoleDetailList.find((r: any) => r.RoleName === "WarpBedrockRole");
            const extra = {
                PolicyName: "AlsoPassRole",
                PolicyDocument: {
                    Version: "2012-10-17",
                    Statement: [{ Effect: "Allow", Action: "iam:PassRole", Resource: `arn:aws:iam::\${aws:PrincipalAccount}:role/*` }],
                },
            };
            const file = withRole(dir, "WarpWideRole", { RolePolicyList: [...base.RolePolicyList, extra] });
            const { code, report } = await doctor(arnOf("WarpWideRole"), "--authorization-details", file);
            assert.strictEqual(code, 1);
            assert.deepStrictEqual(status(report, "trust-others"), ["pass"]);
            const beyond = report.checks.find((c) => c.id === "permissions-others")!;
            assert.strictEqual(beyond.status, "fail");
            assert.match(beyond.detail, /the role may do more: .*iam:PassRole on arn:aws:iam::123456789012:role\//);
            assert.match(beyond.fix, /warp-bedrock audit/);
        });

        it("is no clean bill for a role that admits others: the check fails (exit 1), says so and points at audit", async () => {
            const r = await run("doctor", arnOf("WarpUnsafeRole"), "--authorization-details", DETAILS);
            assert.strictEqual(r.code, 1, r.out);
            assert.match(r.out, /FAIL +the trust policy admits no one else\n +the role also admits others: .*another-team/);
            assert.match(r.out, /fix: Run warp-bedrock audit/);
            assert.doesNotMatch(r.out, /team a\b/, "no made-up team when --team is not given");
            assert.match(r.out, /\d+ passed, [1-9]\d* failed/);
        });

        it("runs the provider check with --oidc-provider", async () => {
            const { report } = await doctor(arnOf("WarpBedrockRole"), "--authorization-details", DETAILS, "--oidc-provider", PROVIDER_FILE);
            assert.deepStrictEqual(status(report, "oidc-provider"), ["pass"]);
            const bad = await doctor(
                arnOf("WarpBedrockRole"),
                "--authorization-details",
                DETAILS,
                "--oidc-provider",
                path.join(FIXTURES, "oidc-provider-extra-client.json"),
            );
            assert.deepStrictEqual(
                status(bad.report, "oidc-provider"),
                ["pass"],
                "sts.amazonaws.com is listed, so STS accepts Warp's tokens",
            );
        });

        it("fails a cross-region profile when the foundation model is allowed only in the source region", async () => {
            const regionOnly = {
                Version: "2012-10-17",
                Statement: [
                    {
                        Effect: "Allow",
                        Action: ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"],
                        Resource: [
                            "arn:aws:bedrock:us-east-1::foundation-model/*",
                            `arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/*`,
                        ],
                    },
                ],
            };
            const file = withRole(dir, "RegionOnly", { RolePolicyList: [{ PolicyName: "invoke", PolicyDocument: regionOnly }] });
            const direct = await doctor(
                arnOf("RegionOnly"),
                "--authorization-details",
                file,
                "--model",
                "anthropic.claude-3-haiku-20240307-v1:0",
                "--region",
                "us-east-1",
            );
            assert.deepStrictEqual(status(direct.report, "permissions"), ["pass"]);
            const { code, report } = await doctor(
                arnOf("RegionOnly"),
                "--authorization-details",
                file,
                "--model",
                PROFILE,
                "--region",
                "us-east-1",
            );
            assert.strictEqual(code, 1);
            const perm = report.checks.find((c) => c.id === "permissions")!;
            assert.strictEqual(perm.status, "fail");
            assert.match(perm.detail, /foundation-model\/anthropic\.claude-sonnet-4-20250514-v1:0/);
            assert.match(perm.detail, /us-west-2|us-east-2/);
        });

        it("passes the component's region-limited policy for a cross-region profile (routed models)", async () => {
            const policy = buildPermissionsPolicy("aws", ACCOUNT, { regions: ["us-east-1"], models: ["anthropic.claude-*"] });
            const file = withRole(dir, "ComponentRole", {
                RolePolicyList: [{ PolicyName: "warp-bedrock-invoke", PolicyDocument: policy }],
            });
            const { report } = await doctor(
                arnOf("ComponentRole"),
                "--authorization-details",
                file,
                "--model",
                PROFILE,
                "--region",
                "us-east-1",
            );
            assert.deepStrictEqual(status(report, "permissions"), ["pass"]);
            const elsewhere = await doctor(
                arnOf("ComponentRole"),
                "--authorization-details",
                file,
                "--model",
                PROFILE,
                "--region",
                "eu-west-1",
            );
            assert.deepStrictEqual(
                status(elsewhere.report, "permissions"),
                ["fail"],
                "a profile in a region outside bedrockRegions is not allowed",
            );
        });

        it("checks a named agent's token with the engine", async () => {
            const ok = await doctor(
                arnOf("WarpBedrockRole"),
                "--authorization-details",
                DETAILS,
                "--team",
                TEAM,
                "--agent",
                "AgentB1uid00000000001",
            );
            assert.deepStrictEqual(status(ok.report, "trust-agent"), ["pass"]);
            assert.deepStrictEqual(status(ok.report, "trust-people"), [], "people are checked with --agent only when --people is given");
            const peopleOnly = await doctor(
                arnOf("WarpCustomerPolicyRole"),
                "--authorization-details",
                DETAILS,
                "--agent",
                "AgentB1uid00000000001",
                "--people",
            );
            assert.deepStrictEqual(status(peopleOnly.report, "trust-agent"), ["fail"]);
            assert.deepStrictEqual(status(peopleOnly.report, "trust-people"), ["pass"]);
            assert.match(peopleOnly.report.checks.find((c) => c.id === "trust-agent")!.fix, /service_account:AgentB1uid00000000001/);
            const otherTeam = await doctor(arnOf("WarpBedrockRole"), "--authorization-details", DETAILS, "--team", "OtherTeam");
            assert.deepStrictEqual(status(otherTeam.report, "trust-people"), ["fail"]);
        });

        it("fails when a permissions boundary or an explicit Deny cuts the calls", async () => {
            const boundary = await doctor(
                arnOf("WarpCustomerPolicyRole"),
                "--authorization-details",
                DETAILS,
                "--model",
                "anthropic.claude-3-haiku-20240307-v1:0",
                "--region",
                "us-east-1",
            );
            assert.deepStrictEqual(status(boundary.report, "boundary-and-deny"), ["fail"]);
            assert.match(boundary.report.checks.find((c) => c.id === "boundary-and-deny")!.detail, /DenyBedrockBoundary/);
            const deny = {
                Version: "2012-10-17",
                Statement: [{ Sid: "NoStreaming", Effect: "Deny", Action: "bedrock:InvokeModelWithResponseStream", Resource: "*" }],
            };
            const base = JSON.parse(fs.readFileSync(DETAILS, "utf8")).RoleDetailList.find((r: any) => r.RoleName === "WarpBedrockRole");
            const file = withRole(dir, "Denied", {
                RolePolicyList: [...base.RolePolicyList, { PolicyName: "deny", PolicyDocument: deny }],
            });
            const denied = await doctor(
                arnOf("Denied"),
                "--authorization-details",
                file,
                "--model",
                "anthropic.claude-3-haiku-20240307-v1:0",
                "--region",
                "us-east-1",
            );
            assert.strictEqual(denied.code, 1);
            assert.match(denied.report.checks.find((c) => c.id === "boundary-and-deny")!.detail, /NoStreaming/);
        });

        it("sees a permission that arrives only through an attached managed policy, cut by the boundary, as the account holds them", async () => {
            // The role's only Bedrock permission is AmazonBedrockFullAccess as this account's default version has it
            // (narrower than the copy bundled with the package: invocation in eu-west-1 only), under a boundary that
            // allows foundation models and no inference profile.
            const details = JSON.parse(fs.readFileSync(DETAILS, "utf8"));
            const base = details.RoleDetailList.find((r: any) => r.RoleName === "WarpBedrockRole");
            const managed = "arn:aws:iam::aws:policy/AmazonBedrockFullAccess";
            const boundaryArn = `arn:aws:iam::${ACCOUNT}:policy/ModelsOnlyBoundary`;
            const version = (doc: unknown) => [{ VersionId: "v9", IsDefaultVersion: true, Document: doc }];
            const allow = (Action: string, Resource: string) => ({
                Version: "2012-10-17",
                Statement: [{ Sid: "Only", Effect: "Allow", Action, Resource }],
            });
            details.Policies = details.Policies.filter((p: any) => p.Arn !== managed);
            details.Policies.push(
                {
                    PolicyName: "AmazonBedrockFullAccess",
                    Arn: managed,
                    PolicyVersionList: version(allow("bedrock:InvokeModel*", "arn:aws:bedrock:eu-west-1::foundation-model/*")),
                },
                {
                    PolicyName: "ModelsOnlyBoundary",
                    Arn: boundaryArn,
                    PolicyVersionList: version(allow("bedrock:*", "arn:aws:bedrock:*::foundation-model/*")),
                },
            );
            details.RoleDetailList.push({
                ...base,
                RoleName: "Attached",
                Arn: arnOf("Attached"),
                RolePolicyList: [],
                AttachedManagedPolicies: [{ PolicyName: "AmazonBedrockFullAccess", PolicyArn: managed }],
                PermissionsBoundary: { PermissionsBoundaryType: "Policy", PermissionsBoundaryArn: boundaryArn },
            });
            const file = path.join(dir, "attached.json");
            fs.writeFileSync(file, JSON.stringify(details));
            const call = (model: string, region: string) =>
                doctor(arnOf("Attached"), "--authorization-details", file, "--model", model, "--region", region);
            const direct = await call("anthropic.claude-3-haiku-20240307-v1:0", "eu-west-1");
            assert.deepStrictEqual(status(direct.report, "permissions"), ["pass"]);
            assert.match(direct.report.checks.find((c) => c.id === "permissions")!.detail, /AmazonBedrockFullAccess Statement\[0\]/);
            assert.deepStrictEqual(status(direct.report, "boundary-and-deny"), ["pass"]);
            // The bundled copy (bedrock:* on *) would allow us-east-1; the account's version does not.
            const elsewhere = await call("anthropic.claude-3-haiku-20240307-v1:0", "us-east-1");
            assert.deepStrictEqual(status(elsewhere.report, "permissions"), ["fail"]);
            const profile = await call("eu.anthropic.claude-3-haiku-20240307-v1:0", "eu-west-1");
            assert.deepStrictEqual(status(profile.report, "permissions"), ["fail"], "the managed policy does not allow the profile ARN");
            const wider = structuredClone(details);
            wider.Policies.find((p: any) => p.Arn === managed).PolicyVersionList = version(allow("bedrock:InvokeModel*", "*"));
            fs.writeFileSync(file, JSON.stringify(wider));
            const cut = await call("eu.anthropic.claude-3-haiku-20240307-v1:0", "eu-west-1");
            assert.deepStrictEqual(status(cut.report, "permissions"), ["pass"]);
            assert.deepStrictEqual(status(cut.report, "boundary-and-deny"), ["fail"]);
            assert.match(
                cut.report.checks.find((c) => c.id === "boundary-and-deny")!.detail,
                /ModelsOnlyBoundary does not allow .*inference-profile/,
            );
        });

        it("does not pass the Deny check when a policy the file does not hold, or a Deny it cannot decide, may refuse the calls", async () => {
            const model = ["--model", "anthropic.claude-3-haiku-20240307-v1:0", "--region", "us-east-1"];
            const outside = `arn:aws:iam::${ACCOUNT}:policy/NotInTheFile`;
            const unseen = withRole(dir, "Unseen", { AttachedManagedPolicies: [{ PolicyName: "NotInTheFile", PolicyArn: outside }] });
            const u = await doctor(arnOf("Unseen"), "--authorization-details", unseen, ...model);
            assert.deepStrictEqual(status(u.report, "permissions"), ["pass"], "the inline policy allows the calls");
            assert.deepStrictEqual(status(u.report, "boundary-and-deny"), ["not-run"]);
            assert.match(u.report.checks.find((c) => c.id === "boundary-and-deny")!.detail, /NotInTheFile is not in the input/);
            const base = JSON.parse(fs.readFileSync(DETAILS, "utf8")).RoleDetailList.find((r: any) => r.RoleName === "WarpBedrockRole");
            const ipDeny = {
                Version: "2012-10-17",
                Statement: [
                    { Effect: "Deny", Action: "*", Resource: "*", Condition: { NotIpAddress: { "aws:SourceIp": "203.0.113.0/24" } } },
                ],
            };
            const file = withRole(dir, "IpFenced", {
                RolePolicyList: [...base.RolePolicyList, { PolicyName: "fence", PolicyDocument: ipDeny }],
            });
            const d = await doctor(arnOf("IpFenced"), "--authorization-details", file, ...model);
            assert.deepStrictEqual(status(d.report, "boundary-and-deny"), ["not-run"]);
            assert.match(
                d.report.checks.find((c) => c.id === "boundary-and-deny")!.detail,
                /inline policy fence Statement\[0\] has a condition .*NotIpAddress aws:SourceIp/,
            );
        });

        it("a role the account does not have is bad input: exit 2, the reason on stderr, nothing on stdout", async () => {
            const r = await run("doctor", arnOf("NoSuchRole"), "--authorization-details", DETAILS, "--format", "json");
            assert.strictEqual(r.code, 2);
            assert.strictEqual(r.out, "");
            assert.match(r.err, /no role arn:aws:iam::123456789012:role\/NoSuchRole in the authorization-details file/);
            assert.match(r.err, /Fix: Check the ARN set in Warp/);
        });

        it("prints each check with its fix as text", async () => {
            const r = await run("doctor", arnOf("WarpCustomerPolicyRole"), "--authorization-details", DETAILS, "--agent", "A1");
            assert.strictEqual(r.code, 1);
            assert.match(r.out, /FAIL +the trust policy admits named agent A1/);
            assert.match(r.out, /fix: Add an Allow statement/);
        });
    });

    describe("bad input exits 2 with nothing on standard output", () => {
        const cases: Array<[string, string[], RegExp]> = [
            ["no ROLE_ARN", ["--authorization-details", DETAILS], /ROLE_ARN is required/],
            ["a bad region", [arnOf("WarpBedrockRole"), "--authorization-details", DETAILS, "--region", "us-east-*"], /--region/],
            ["a bad agent UID", [arnOf("WarpBedrockRole"), "--authorization-details", DETAILS, "--agent", "a/b"], /--agent/],
            [
                "a file from another command",
                [arnOf("WarpBedrockRole"), "--authorization-details", path.join(FIXTURES, "list-roles.json")],
                /aws iam list-roles/,
            ],
            [
                "sarif, which doctor does not write",
                [arnOf("WarpBedrockRole"), "--authorization-details", DETAILS, "--format", "sarif"],
                /--format must be text, json/,
            ],
        ];
        for (const [what, args, message] of cases) {
            it(what, async () => {
                const r = await run("doctor", ...args);
                assert.strictEqual(r.code, 2);
                assert.strictEqual(r.out, "");
                assert.match(r.err, message);
            });
        }
    });

    // aws-sdk-client-mock, kept because moto cannot produce these cases: it does not implement
    // iam:SimulatePrincipalPolicy (tests/aws-cli-moto.test.ts runs doctor live against moto, where that
    // check is reported as not run).
    describe("live", () => {
        let iam: ReturnType<typeof mockClient>;
        afterEach(() => iam?.restore());

        /**
         * iam:SimulatePrincipalPolicy answered by an independent simulator (@cloud-copilot/iam-simulate)
         * on the role's own identity policies (inline, and attached managed ones' default versions), so
         * the answer follows the role's policy, not the mock.
         */
        function simulatorFor(details: any) {
            return async (input: any) => {
                const role = details.RoleDetailList.find((r: any) => r.Arn === input.PolicySourceArn);
                const policies: Record<string, unknown> = {};
                for (const p of role.RolePolicyList) {
                    policies[p.PolicyName] = p.PolicyDocument;
                }
                for (const a of role.AttachedManagedPolicies) {
                    const managed = details.Policies.find((p: any) => p.Arn === a.PolicyArn);
                    policies[a.PolicyName] = managed.PolicyVersionList.find((v: any) => v.IsDefaultVersion).Document;
                }
                const context = Object.fromEntries((input.ContextEntries ?? []).map((e: any) => [e.ContextKeyName, e.ContextKeyValues[0]]));
                const results = [];
                for (const action of input.ActionNames) {
                    for (const resource of input.ResourceArns) {
                        const allowed = await policiesAllow(policies, action, resource, context);
                        results.push({
                            EvalActionName: action,
                            EvalResourceName: resource,
                            EvalDecision: allowed ? "allowed" : "implicitDeny",
                        });
                    }
                }
                return { EvaluationResults: results, IsTruncated: false };
            };
        }

        function liveAccount(change: (details: any) => void = () => undefined) {
            const details = JSON.parse(fs.readFileSync(DETAILS, "utf8"));
            change(details);
            const enc = (d: unknown) => encodeURIComponent(JSON.stringify(d));
            iam = mockClient(IAMClient);
            iam.on(GetAccountAuthorizationDetailsCommand).resolves({
                RoleDetailList: details.RoleDetailList.map((r: any) => ({
                    ...r,
                    CreateDate: new Date(r.CreateDate),
                    AssumeRolePolicyDocument: enc(r.AssumeRolePolicyDocument),
                    RolePolicyList: r.RolePolicyList.map((p: any) => ({ ...p, PolicyDocument: enc(p.PolicyDocument) })),
                })),
                Policies: details.Policies.map((p: any) => ({
                    ...p,
                    CreateDate: new Date(p.CreateDate),
                    UpdateDate: new Date(p.UpdateDate),
                    PolicyVersionList: p.PolicyVersionList.map((v: any) => ({
                        ...v,
                        CreateDate: new Date(v.CreateDate),
                        Document: enc(v.Document),
                    })),
                })),
                UserDetailList: [],
                GroupDetailList: [],
                IsTruncated: false,
            });
            iam.on(ListOpenIDConnectProvidersCommand).resolves({
                OpenIDConnectProviderList: [{ Arn: `arn:aws:iam::${ACCOUNT}:oidc-provider/app.warp.dev` }],
            });
            iam.on(GetOpenIDConnectProviderCommand).resolves({
                Url: "app.warp.dev",
                ClientIDList: ["sts.amazonaws.com"],
                ThumbprintList: [],
                CreateDate: new Date(),
            });
            iam.on(GetRoleCommand).callsFake((input: any) => ({
                Role: {
                    RoleName: input.RoleName,
                    Arn: arnOf(input.RoleName),
                    Path: "/",
                    RoleId: "AROA",
                    CreateDate: new Date(),
                    MaxSessionDuration: 3600,
                },
            }));
            iam.on(SimulatePrincipalPolicyCommand).callsFake(simulatorFor(details));
        }

        it("runs every check, asks IAM's simulator and says so", async () => {
            liveAccount();
            const { code, report } = await doctor(arnOf("WarpBedrockRole"), "--model", PROFILE, "--region", "us-east-1");
            assert.strictEqual(code, 0);
            assert.strictEqual(report.source, "live");
            assert.deepStrictEqual(status(report, "oidc-provider"), ["pass"]);
            assert.deepStrictEqual(status(report, "session-duration"), ["pass"]);
            const sim = report.checks.find((c) => c.id === "iam-simulation")!;
            assert.strictEqual(sim.status, "pass");
            assert.match(sim.title, /iam:SimulatePrincipalPolicy/);
            const calls = iam.commandCalls(SimulatePrincipalPolicyCommand).map((c) => c.args[0].input);
            assert.ok(calls.every((c) => c.PolicySourceArn === arnOf("WarpBedrockRole")));
            const routed = calls.find((c) => c.ContextEntries !== undefined)!;
            assert.deepStrictEqual(routed.ContextEntries![0].ContextKeyValues, [
                `arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/${PROFILE}`,
            ]);
        });

        it("fails naming the destination region the role's policy leaves out, as the simulator decides", async () => {
            liveAccount((details) => {
                const role = details.RoleDetailList.find((r: any) => r.RoleName === "WarpBedrockRole");
                role.RolePolicyList[0].PolicyDocument.Statement[0].Resource = [
                    "arn:aws:bedrock:us-east-1::foundation-model/*",
                    "arn:aws:bedrock:us-east-1:*:inference-profile/*",
                ];
            });
            const { code, report } = await doctor(arnOf("WarpBedrockRole"), "--model", PROFILE, "--region", "us-east-1");
            assert.strictEqual(code, 1);
            const sim = report.checks.find((c) => c.id === "iam-simulation")!;
            assert.strictEqual(sim.status, "fail");
            assert.match(
                sim.detail,
                /bedrock:InvokeModel on arn:aws:bedrock:us-east-2::foundation-model\/anthropic\.claude-sonnet-4-20250514-v1:0: implicitDeny/,
            );
            assert.ok(!sim.detail.includes("us-east-1"), sim.detail);
        });

        it("says in one line why the simulator could not be asked, never echoing the endpoint's HTML or XML", async () => {
            liveAccount();
            const html = "<html>\n<head><title>404 Not Found</title></head>\n<body><hr></body>\n</html>";
            iam.on(SimulatePrincipalPolicyCommand).rejects(
                new Error(
                    `Expected closing tag 'hr' (opened in line 3) instead of closing tag 'body'.:3:1\n  Deserialization error: ${html}`,
                ),
            );
            const { code, report } = await doctor(arnOf("WarpBedrockRole"), "--model", PROFILE, "--region", "us-east-1");
            assert.strictEqual(code, 0);
            const sim = report.checks.find((c) => c.id === "iam-simulation")!;
            assert.strictEqual(sim.status, "not-run");
            assert.strictEqual(
                sim.detail,
                "not asked: the endpoint did not answer as IAM does (it may not implement iam:SimulatePrincipalPolicy)",
            );
            iam.on(SimulatePrincipalPolicyCommand).rejects(Object.assign(new Error("User is not authorized"), { name: "AccessDenied" }));
            const denied = await doctor(arnOf("WarpBedrockRole"), "--model", PROFILE, "--region", "us-east-1");
            assert.match(
                denied.report.checks.find((c) => c.id === "iam-simulation")!.detail,
                /^not asked: the caller may not call .*\(AccessDenied\)$/,
            );
        });

        it("fails when the simulator denies", async () => {
            liveAccount();
            iam.on(SimulatePrincipalPolicyCommand).resolves({
                EvaluationResults: [{ EvalActionName: "bedrock:InvokeModel", EvalResourceName: "*", EvalDecision: "explicitDeny" }],
                IsTruncated: false,
            });
            const { code, report } = await doctor(
                arnOf("WarpBedrockRole"),
                "--model",
                "anthropic.claude-3-haiku-20240307-v1:0",
                "--region",
                "us-east-1",
            );
            assert.strictEqual(code, 1);
            assert.deepStrictEqual(status(report, "iam-simulation"), ["fail"]);
        });

        it("exits 2 with the SDK's message on expired credentials", async () => {
            iam = mockClient(IAMClient);
            iam.on(GetAccountAuthorizationDetailsCommand).rejects(
                Object.assign(new Error("The security token included in the request is expired"), { name: "ExpiredToken" }),
            );
            const r = await run("doctor", arnOf("WarpBedrockRole"));
            assert.strictEqual(r.code, 2);
            assert.strictEqual(r.out, "");
            assert.match(r.err, /ExpiredToken: The security token included in the request is expired/);
        });
    });
});
