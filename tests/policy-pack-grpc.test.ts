/**
 * End to end, the way the engine runs a pack: `node <@pulumi/pulumi>/cmd/run-policy-pack <engine> <pack>`
 * in the pack's folder (ts-node with type checking), read the port it prints, then speak the Analyzer
 * protocol with the client @pulumi/pulumi/proto ships: GetAnalyzerInfo, Configure, Analyze and
 * AnalyzeStack with the properties a preview sends (unknowns as the engine's sentinel strings).
 *
 * run-policy-pack drops its <engine-address> argument (cmd/run-policy-pack/index.js shifts it off before
 * loading the pack), and the pack logs nothing through the engine, so no fake Engine server is needed;
 * an unused loopback address is passed where the engine would put its own.
 */
import * as assert from "assert";
import { ChildProcess, spawn } from "child_process";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");
const PACK_DIR = path.join(ROOT, "policy-pack");
const PULUMI_DIR = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
const fromPulumi = (id: string) => require(require.resolve(id, { paths: [PULUMI_DIR] }));

// The client must use the same grpc-js and google-protobuf instances as the generated code.
const grpc = fromPulumi("@grpc/grpc-js");
const { Struct } = fromPulumi("google-protobuf/google/protobuf/struct_pb");
const analyzerRpc = require("@pulumi/pulumi/proto/analyzer_grpc_pb");
const analyzer = require("@pulumi/pulumi/proto/analyzer_pb");

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const START_TIMEOUT_MS = 90_000;
const CALL_TIMEOUT_MS = 20_000;
const ACCOUNT = "123456789012";
const PROVIDER = `arn:aws:iam::${ACCOUNT}:oidc-provider/app.warp.dev`;

function trust(sub: string, condition?: Record<string, unknown>): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "WarpTeamPeople",
                Effect: "Allow",
                Principal: { Federated: PROVIDER },
                Action: "sts:AssumeRoleWithWebIdentity",
                Condition: condition ?? {
                    StringEquals: { "app.warp.dev:aud": "sts.amazonaws.com" },
                    StringLike: { "app.warp.dev:sub": sub },
                },
            },
        ],
    });
}

interface Diag {
    policyName: string;
    message: string;
    level: "advisory" | "mandatory" | "other";
    urn: string;
}

function diagnostics(response: any): Diag[] {
    return response.getDiagnosticsList().map((d: any) => ({
        policyName: d.getPolicyname(),
        message: d.getMessage(),
        level:
            d.getEnforcementlevel() === analyzer.EnforcementLevel.MANDATORY
                ? "mandatory"
                : d.getEnforcementlevel() === analyzer.EnforcementLevel.ADVISORY
                  ? "advisory"
                  : "other",
        urn: d.getUrn(),
    }));
}

const urn = (type: string, name: string) => `urn:pulumi:dev::warp::${type}::${name}`;

function analyzeRequest(type: string, name: string, props: Record<string, unknown>): any {
    const req = new analyzer.AnalyzeRequest();
    req.setType(type);
    req.setName(name);
    req.setUrn(urn(type, name));
    req.setProperties(Struct.fromJavaScript(props));
    req.setOptions(new analyzer.AnalyzerResourceOptions());
    return req;
}

function stackResource(
    type: string,
    name: string,
    props: Record<string, unknown>,
    propertyDependencies: Record<string, string[]> = {},
): any {
    const r = new analyzer.AnalyzerResource();
    r.setType(type);
    r.setName(name);
    r.setUrn(urn(type, name));
    r.setProperties(Struct.fromJavaScript(props));
    r.setOptions(new analyzer.AnalyzerResourceOptions());
    r.setDependenciesList(Object.values(propertyDependencies).flat());
    for (const [key, urns] of Object.entries(propertyDependencies)) {
        const deps = new analyzer.AnalyzerPropertyDependencies();
        deps.setUrnsList(urns);
        r.getPropertydependenciesMap().set(key, deps);
    }
    return r;
}

describe("policy pack over gRPC, started the way the engine starts it", function () {
    this.timeout(START_TIMEOUT_MS + 30_000);
    let child: ChildProcess | undefined;
    let client: any;
    let stderr = "";

    function call<T>(method: string, request: unknown): Promise<T> {
        return new Promise((resolve, reject) => {
            const deadline = new Date(Date.now() + CALL_TIMEOUT_MS);
            client[method](request, { deadline }, (err: Error | null, response: T) => (err ? reject(err) : resolve(response)));
        });
    }

    before(async () => {
        const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("TS_NODE_")));
        child = spawn(process.execPath, [path.join(PULUMI_DIR, "cmd", "run-policy-pack"), "127.0.0.1:1", "."], {
            cwd: PACK_DIR,
            env,
            stdio: ["ignore", "pipe", "pipe"],
        });
        child.stderr!.on("data", (d) => (stderr += d.toString()));
        const port = await new Promise<number>((resolve, reject) => {
            let stdout = "";
            const timer = setTimeout(
                () => reject(new Error(`no port within ${START_TIMEOUT_MS} ms; stderr:\n${stderr}`)),
                START_TIMEOUT_MS,
            );
            child!.stdout!.on("data", (d) => {
                stdout += d.toString();
                const m = /^(\d+)\s*$/m.exec(stdout);
                if (m) {
                    clearTimeout(timer);
                    resolve(Number(m[1]));
                }
            });
            child!.on("exit", (code) => {
                clearTimeout(timer);
                reject(new Error(`run-policy-pack exited with ${code}; stderr:\n${stderr}`));
            });
        });
        client = new analyzerRpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    });

    after(() => {
        client?.close();
        if (child && child.exitCode === null) {
            child.kill("SIGKILL");
        }
    });

    it("GetAnalyzerInfo describes the pack and every policy", async () => {
        const Empty = analyzerRpc.AnalyzerService.getAnalyzerInfo.requestType;
        const info: any = await call("getAnalyzerInfo", new Empty());
        assert.strictEqual(info.getName(), "warp-bedrock-guard");
        assert.strictEqual(info.getVersion(), require(path.join(PACK_DIR, "package.json")).version);
        const policies = new Map<string, any>(info.getPoliciesList().map((p: any) => [p.getName(), p]));
        for (const name of [
            "warp-trust-audience",
            "warp-trust-subject",
            "warp-trust-team-allowlist",
            "warp-trust-issuer-allowlist",
            "warp-trust-other-principals",
            "warp-trust-iam-valid",
            "warp-role-bedrock-permissions-only",
            "warp-oidc-provider-client-id",
        ]) {
            const p = policies.get(name);
            assert.ok(p, `missing ${name}`);
            assert.strictEqual(p.getEnforcementlevel(), analyzer.EnforcementLevel.MANDATORY, name);
            assert.ok(p.getDescription().length > 30 && p.getRemediationSteps().length > 20, name);
            assert.ok(p.getConfigschema().getProperties().toJavaScript().warpIssuers, name);
        }
        for (const name of [
            "warp-trust-policy-unknown",
            "warp-trust-principal-form",
            "warp-trust-action-form",
            "warp-trust-subject-form",
            "warp-trust-policy-version",
            "warp-trust-broken-role",
        ]) {
            assert.strictEqual(policies.get(name)?.getEnforcementlevel(), analyzer.EnforcementLevel.ADVISORY, name);
        }
        assert.deepStrictEqual(
            policies.get("warp-trust-team-allowlist").getConfigschema().getProperties().toJavaScript().allowedTeamUids.default,
            [],
        );
    });

    it("before Configure, an admitted team is reported as advisory", async () => {
        const ds = diagnostics(
            await call(
                "analyze",
                analyzeRequest("aws:iam/role:Role", "team", { assumeRolePolicy: trust("scoped_principal:TEAM_A/user:*") }),
            ),
        );
        assert.deepStrictEqual(
            ds.map((d) => [d.policyName, d.level]),
            [["warp-trust-team-allowlist", "advisory"]],
        );
        assert.ok(ds[0].message.includes("no team is configured") && ds[0].message.includes("this role admits team TEAM_A"), ds[0].message);
    });

    it("Configure sets the team allowlist", async () => {
        const req = new analyzer.ConfigureAnalyzerRequest();
        const config = new analyzer.PolicyConfig();
        config.setEnforcementlevel(analyzer.EnforcementLevel.MANDATORY);
        config.setProperties(Struct.fromJavaScript({ allowedTeamUids: ["TEAM_A"] }));
        req.getPolicyconfigMap().set("warp-trust-team-allowlist", config);
        await call("configure", req);
    });

    it("Analyze passes a safe role", async () => {
        const ds = diagnostics(
            await call(
                "analyze",
                analyzeRequest("aws:iam/role:Role", "team", {
                    assumeRolePolicy: trust("scoped_principal:TEAM_A/user:*"),
                    maxSessionDuration: 3600,
                }),
            ),
        );
        assert.deepStrictEqual(ds, []);
    });

    it("Analyze stops a wildcard team, with the witness and what to write", async () => {
        const ds = diagnostics(
            await call("analyze", analyzeRequest("aws:iam/role:Role", "wide", { assumeRolePolicy: trust("scoped_principal:*/user:*") })),
        );
        assert.deepStrictEqual(
            ds.map((d) => `${d.policyName}:${d.level}`),
            ["warp-trust-team-allowlist:mandatory"],
        );
        const [team] = ds;
        assert.match(
            team.message,
            /the role admits a team outside TEAM_A: a token from app\.warp\.dev with sub "scoped_principal:[^"]+\/user:[^"]*" and aud "sts\.amazonaws\.com" gets in\. Fix: /,
        );
        assert.ok(!team.message.includes('sub "scoped_principal:TEAM_A/'), team.message);
        assert.ok(team.message.includes("allowedTeamUids in the policy's config"), team.message);
    });

    it("Analyze stops a role that also trusts another account", async () => {
        const doc = JSON.parse(trust("scoped_principal:TEAM_A/user:*"));
        doc.Statement.push({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::444455556666:root" }, Action: "sts:AssumeRole" });
        const ds = diagnostics(
            await call("analyze", analyzeRequest("aws:iam/role:Role", "shared", { assumeRolePolicy: JSON.stringify(doc) })),
        );
        assert.deepStrictEqual(
            ds.map((d) => `${d.policyName}:${d.level}`),
            ["warp-trust-other-principals:mandatory"],
        );
        assert.ok(ds[0].message.includes("any principal in account 444455556666"), ds[0].message);
    });

    it("Analyze reports a missing aud and a team outside the configured allowlist", async () => {
        const policy = trust("", { StringLike: { "app.warp.dev:sub": "scoped_principal:TEAM_B/service_account:*" } });
        const ds = diagnostics(await call("analyze", analyzeRequest("aws:iam/role:Role", "other", { assumeRolePolicy: policy })));
        assert.deepStrictEqual(ds.map((d) => `${d.policyName}:${d.level}`).sort(), [
            "warp-trust-audience:mandatory",
            "warp-trust-team-allowlist:mandatory",
        ]);
    });

    it("Analyze says, as advisory, that an unknown trust policy could not be checked in preview", async () => {
        const ds = diagnostics(
            await call("analyze", analyzeRequest("aws:iam/role:Role", "new", { assumeRolePolicy: UNKNOWN, name: "new-role" })),
        );
        assert.deepStrictEqual(
            ds.map((d) => [d.policyName, d.level]),
            [["warp-trust-policy-unknown", "advisory"]],
        );
        assert.ok(ds[0].message.includes("not known during preview"));
    });

    it("AnalyzeStack checks permissions reaching a Warp role and the provider's client IDs", async () => {
        const roleUrn = urn("aws:iam/role:Role", "team");
        const req = new analyzer.AnalyzeStackRequest();
        req.setResourcesList([
            stackResource("aws:iam/role:Role", "team", { assumeRolePolicy: trust("scoped_principal:TEAM_A/user:*"), name: "team-role" }),
            stackResource(
                "aws:iam/rolePolicy:RolePolicy",
                "team-bedrock",
                { role: UNKNOWN, policy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: "bedrock:*", Resource: "*" }] }) },
                { role: [roleUrn] },
            ),
            stackResource("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "admin", {
                role: "team-role",
                policyArn: "arn:aws:iam::aws:policy/AdministratorAccess",
            }),
            stackResource("aws:iam/openIdConnectProvider:OpenIdConnectProvider", "oidc", {
                url: "https://app.warp.dev",
                clientIdLists: ["sts.amazonaws.com", "web"],
            }),
            stackResource("aws:s3/bucket:Bucket", "unrelated", { bucket: "x" }),
        ]);
        const ds = diagnostics(await call("analyzeStack", req));
        const permissions = ds.filter((d) => d.policyName === "warp-role-bedrock-permissions-only");
        assert.ok(permissions.every((d) => d.level === "mandatory"));
        assert.ok(
            permissions.some(
                (d) =>
                    d.message.includes("bedrock:PutModelInvocationLoggingConfiguration on *") &&
                    d.urn === urn("aws:iam/rolePolicy:RolePolicy", "team-bedrock"),
            ),
            JSON.stringify(ds),
        );
        assert.ok(permissions.some((d) => d.message.includes("AdministratorAccess")));
        const provider = ds.filter((d) => d.policyName === "warp-oidc-provider-client-id");
        assert.strictEqual(provider.length, 1);
        assert.ok(provider[0].message.includes('"web"'));
    });

    describe("AnalyzeStack: every route a permission reaches a Warp role by", () => {
        const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/team-role`;
        const POLICY_ARN = `arn:aws:iam::${ACCOUNT}:policy/wide`;
        const WIDE = JSON.stringify({ Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] });
        const INVOKE = JSON.stringify({
            Statement: [
                {
                    Effect: "Allow",
                    Action: ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"],
                    Resource: ["arn:aws:bedrock:*::foundation-model/*", `arn:aws:bedrock:*:${ACCOUNT}:inference-profile/*`],
                },
            ],
        });
        const role = (props: Record<string, unknown> = {}) =>
            stackResource("aws:iam/role:Role", "team", {
                assumeRolePolicy: trust("scoped_principal:TEAM_A/user:*"),
                name: "team-role",
                arn: ROLE_ARN,
                ...props,
            });
        const policy = (doc: string, arn = POLICY_ARN) =>
            stackResource("aws:iam/policy:Policy", "wide", { name: "wide", arn, policy: doc });
        const routes: Record<string, (doc: string) => any[]> = {
            "Role.inlinePolicies": (doc) => [role({ inlinePolicies: [{ name: "extra", policy: doc }] })],
            "RolePolicy naming the role in another letter case": (doc) => [
                role(),
                stackResource("aws:iam/rolePolicy:RolePolicy", "rp", { role: "TEAM-ROLE", policy: doc }),
            ],
            "RolePolicy naming the role by ARN": (doc) => [
                role(),
                stackResource("aws:iam/rolePolicy:RolePolicy", "rp", { role: ROLE_ARN, policy: doc }),
            ],
            "RolePolicy naming the role by its output (unknown in preview)": (doc) => [
                role(),
                stackResource(
                    "aws:iam/rolePolicy:RolePolicy",
                    "rp",
                    { role: UNKNOWN, policy: doc },
                    { role: [urn("aws:iam/role:Role", "team")] },
                ),
            ],
            "Policy with RolePolicyAttachment": (doc) => [
                role(),
                policy(doc),
                stackResource("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "att", { role: "team-role", policyArn: POLICY_ARN }),
            ],
            "Policy with PolicyAttachment": (doc) => [
                role(),
                policy(doc),
                stackResource("aws:iam/policyAttachment:PolicyAttachment", "att", { roles: ["team-role"], policyArn: POLICY_ARN }),
            ],
            "Policy in managedPolicyArns by ARN": (doc) => [role({ managedPolicyArns: [POLICY_ARN] }), policy(doc)],
            "Policy in managedPolicyArns by an ARN unknown in preview": (doc) => [
                stackResource(
                    "aws:iam/role:Role",
                    "team",
                    { assumeRolePolicy: trust("scoped_principal:TEAM_A/user:*"), name: "team-role", managedPolicyArns: [UNKNOWN] },
                    { managedPolicyArns: [urn("aws:iam/policy:Policy", "wide")] },
                ),
                policy(doc, UNKNOWN),
            ],
        };

        const run = async (resources: any[]) => {
            const req = new analyzer.AnalyzeStackRequest();
            req.setResourcesList(resources);
            return diagnostics(await call("analyzeStack", req)).filter(
                (d) => d.policyName.startsWith("warp-role-bedrock") || d.policyName.startsWith("warp-permissions"),
            );
        };

        for (const [route, build] of Object.entries(routes)) {
            it(`${route}: * on * is an exposure with a witness; the invoke actions alone pass`, async () => {
                const wide = await run(build(WIDE));
                assert.ok(
                    wide.some(
                        (d) => d.policyName === "warp-role-bedrock-permissions-only" && d.level === "mandatory" && / on \*/.test(d.message),
                    ),
                    JSON.stringify(wide),
                );
                const safe = await run(build(INVOKE));
                assert.deepStrictEqual(
                    safe.filter((d) => d.level === "mandatory"),
                    [],
                    JSON.stringify(safe),
                );
            });
        }

        it("AWS managed policies by their documents: AdministratorAccess is an exposure, an unknown AWS ARN is reported", async () => {
            const admin = await run([role({ managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"] })]);
            assert.ok(
                admin.some((d) => d.level === "mandatory" && / on \*/.test(d.message)),
                JSON.stringify(admin),
            );
            const unknown = await run([role({ managedPolicyArns: ["arn:aws:iam::aws:policy/NoSuchManagedPolicy"] })]);
            assert.ok(
                unknown.some((d) => d.level === "mandatory" && /AWS managed policy data does not know/.test(d.message)),
                JSON.stringify(unknown),
            );
        });

        it("a permissions boundary in the stack cuts a wide Allow down to the invoke actions", async () => {
            const ds = await run([
                role({ inlinePolicies: [{ name: "wide", policy: WIDE }], permissionsBoundary: POLICY_ARN }),
                policy(INVOKE),
            ]);
            assert.deepStrictEqual(
                ds.filter((d) => d.level === "mandatory"),
                [],
                JSON.stringify(ds),
            );
        });

        it("a managed policy ARN unknown in preview with nothing linked is an advisory naming the role, never skipped", async () => {
            const ds = await run([
                role({ managedPolicyArns: [UNKNOWN] }),
                stackResource("aws:iam/rolePolicy:RolePolicy", "rp", { role: "team-role", policy: INVOKE }),
            ]);
            assert.ok(
                ds.some(
                    (d) =>
                        d.level === "advisory" && d.message.includes("managedPolicyArns[0]") && /not known during preview/.test(d.message),
                ),
                JSON.stringify(ds),
            );
        });
    });

    it("AnalyzeStack passes a stack of the component's shape", async () => {
        const req = new analyzer.AnalyzeStackRequest();
        req.setResourcesList([
            stackResource("aws:iam/role:Role", "team", { assumeRolePolicy: trust("scoped_principal:TEAM_A/user:*"), name: "team-role" }),
            stackResource("aws:iam/rolePolicy:RolePolicy", "team-bedrock", {
                role: "team-role",
                policy: JSON.stringify({
                    Statement: [
                        {
                            Effect: "Allow",
                            Action: ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"],
                            Resource: ["arn:aws:bedrock:*::foundation-model/*"],
                        },
                    ],
                }),
            }),
            stackResource("aws:iam/openIdConnectProvider:OpenIdConnectProvider", "oidc", {
                url: "https://app.warp.dev",
                clientIdLists: ["sts.amazonaws.com"],
            }),
        ]);
        assert.deepStrictEqual(diagnostics(await call("analyzeStack", req)), []);
    });
});
