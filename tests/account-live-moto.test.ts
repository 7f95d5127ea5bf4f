/**
 * The account tools' live path over the wire, against moto: roles made by hand through the SDK with
 * each kind of exposure, pages of GetAccountAuthorizationDetails, URL-encoded documents, and the
 * errors a user meets (AccessDenied and unknown keys from moto's own IAM authorization; throttling,
 * expired tokens and a role deleted mid-read through the fault proxy, because moto never sends those),
 * each with a clear message, the documented exit code and nothing on standard output.
 */
import * as assert from "assert";
import { CreateAccessKeyCommand, CreateRoleCommand, CreateUserCommand, IAMClient, PutRolePolicyCommand } from "@aws-sdk/client-iam";
import Ajv from "ajv-draft-04";
import { iamClient, loadSnapshotLive } from "../account/load-live";
import { DEFAULT_ACCOUNT, EXPIRED_TOKEN, Moto, startFaultProxy, THROTTLING, withAwsEnv } from "./support/moto";
import { INVOKE_ONLY, prepareMember } from "./support/moto-org";
import { runCli } from "./support/run-cli";

const TEAM = "TeamLive000000000001";
const ACCOUNT = DEFAULT_ACCOUNT;
const PROVIDER = `arn:aws:iam::${ACCOUNT}:oidc-provider/app.warp.dev`;
const AUD = { "app.warp.dev:aud": "sts.amazonaws.com" };
const SUB = (sub: string) => ({ "app.warp.dev:sub": sub });
const web = (condition: Record<string, unknown>, provider = PROVIDER) => ({
    Effect: "Allow",
    Principal: { Federated: provider },
    Action: "sts:AssumeRoleWithWebIdentity",
    Condition: condition,
});
const SAFE = web({ StringEquals: AUD, StringLike: SUB(`scoped_principal:${TEAM}/user:*`) });

/**
 * One role per way the trust engine names, each built by hand as an admin might. ("actor-type" exists
 * only when a policy config narrows the allowed actor types, which `audit` has no option for.)
 */
const EXPOSED: Record<string, unknown[]> = {
    audience: [web({ StringLike: SUB(`scoped_principal:${TEAM}/user:*`) })],
    "no-subject": [web({ StringEquals: AUD })],
    "other-team": [web({ StringEquals: AUD, StringLike: SUB("scoped_principal:*/user:*") })],
    "other-warp-issuer": [
        SAFE,
        web(
            {
                StringEquals: { "staging.warp.dev:aud": "sts.amazonaws.com" },
                StringLike: { "staging.warp.dev:sub": `scoped_principal:${TEAM}/user:*` },
            },
            `arn:aws:iam::${ACCOUNT}:oidc-provider/staging.warp.dev`,
        ),
    ],
    "other-issuer": [
        SAFE,
        {
            Effect: "Allow",
            Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com` },
            Action: "sts:AssumeRoleWithWebIdentity",
        },
    ],
    "aws-principal": [SAFE, { Effect: "Allow", Principal: { AWS: "arn:aws:iam::999999999999:root" }, Action: "sts:AssumeRole" }],
    service: [SAFE, { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
    saml: [
        SAFE,
        { Effect: "Allow", Principal: { Federated: `arn:aws:iam::${ACCOUNT}:saml-provider/corp` }, Action: "sts:AssumeRoleWithSAML" },
    ],
};

async function createRole(iam: IAMClient, name: string, statements: unknown[], inline = INVOKE_ONLY) {
    const doc = JSON.stringify({ Version: "2012-10-17", Statement: statements });
    await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: doc }));
    await iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: "invoke", PolicyDocument: inline }));
}

describe("the account tools over the wire (moto)", function () {
    this.timeout(120_000);
    let moto: Moto;
    const run = (env: Record<string, string>, ...argv: string[]) => withAwsEnv(env, () => runCli(...argv));

    before(async () => {
        moto = await Moto.shared();
    });
    beforeEach(async () => {
        await moto.reset();
        await prepareMember(moto.iam(), ACCOUNT);
    });

    it("finds every kind of exposure in roles made through the SDK, with witnesses, in schema-valid SARIF", async () => {
        const iam = moto.iam();
        for (const [way, statements] of Object.entries(EXPOSED)) {
            await createRole(iam, `exposed-${way}`, statements);
        }
        await createRole(iam, "safe", [SAFE]);
        const json = await run(moto.env(), "audit", "--team", TEAM, "--format", "json");
        assert.strictEqual(json.code, 1, json.stderr);
        const report = JSON.parse(json.stdout);
        for (const way of Object.keys(EXPOSED)) {
            const role = report.roles.find((r: any) => r.name === `exposed-${way}`);
            assert.ok(role, `exposed-${way} is reported`);
            const hit = role.whoCanAssume.exposures.find((e: any) => e.way === way);
            assert.ok(hit, `${way}: ${JSON.stringify(role.whoCanAssume.exposures.map((e: any) => e.way))}`);
            assert.ok(hit.witness.description.length > 0, way);
            assert.ok(
                role.findings.some((f: any) => f.level === "mandatory" && f.witness),
                `${way} has a mandatory finding with a witness`,
            );
        }
        const safe = report.roles.find((r: any) => r.name === "safe");
        assert.deepStrictEqual(safe.whoCanAssume.exposures, []);
        assert.ok(safe.findings.every((f: any) => f.level !== "mandatory"));

        const sarif = await run(moto.env(), "audit", "--team", TEAM, "--format", "sarif");
        assert.strictEqual(sarif.code, 1);
        const log = JSON.parse(sarif.stdout) as Record<string, any>;
        const ajv = new Ajv({ strict: false, validateFormats: false, unicodeRegExp: false });
        const valid: boolean = ajv.validate(require("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"), { ...log });
        assert.ok(valid, ajv.errorsText());
        assert.strictEqual(log.version, "2.1.0");
        const errors = log.runs[0].results.filter((r: any) => r.level === "error");
        for (const way of Object.keys(EXPOSED)) {
            assert.ok(
                errors.some((r: any) => r.properties?.witness && r.message.text.includes(`role/exposed-${way}`)),
                `${way} in SARIF`,
            );
        }
    });

    it("reads more roles than a page of ListRoles holds and decodes URL-encoded documents exactly", async () => {
        const iam = moto.iam();
        // Characters the query protocol must encode: space, +, &, %, =, non-ASCII, quotes.
        const tricky = {
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "Invoke",
                    Effect: "Allow",
                    Action: ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"],
                    Resource: "arn:aws:bedrock:*::foundation-model/*",
                    Condition: { StringEquals: { "aws:PrincipalTag/team": 'a+b & c%20d = "é ü"' } },
                },
            ],
        };
        const ROLES = 130;
        for (let i = 0; i < ROLES; i++) {
            await createRole(iam, `warp-${String(i).padStart(3, "0")}`, [SAFE], JSON.stringify(tricky));
        }
        const proxy = await startFaultProxy(moto.endpoint, () => undefined);
        try {
            const snapshot = await withAwsEnv(moto.env(), () => loadSnapshotLive(iamClient({ endpoint: proxy.endpoint })));
            // moto answers GetAccountAuthorizationDetails in one page, whatever the count (ListRoles would
            // page at 100): pages linked by Marker are proved with a mock in tests/audit.test.ts.
            assert.ok(proxy.calls.some((c) => c.operation === "GetAccountAuthorizationDetails"));
            const warp = snapshot.roles.filter((r) => r.name.startsWith("warp-"));
            assert.strictEqual(warp.length, ROLES);
            for (const r of warp) {
                assert.deepStrictEqual(r.inline, [{ name: "invoke", document: tricky }]);
                assert.deepStrictEqual(r.trustPolicy, { Version: "2012-10-17", Statement: [SAFE] });
                assert.strictEqual(r.maxSessionDuration, 3600);
            }
            const r = await run(moto.env({ AWS_ENDPOINT_URL: proxy.endpoint }), "audit", "--team", TEAM, "--format", "json");
            assert.strictEqual(r.code, 0, r.stderr);
            assert.strictEqual(JSON.parse(r.stdout).summary.warpRoles, ROLES);
        } finally {
            await proxy.close();
        }
    });

    it("fails the provider check when the account has no provider for the issuer", async () => {
        await moto.reset();
        await createRole(moto.iam(), "warp-role", [SAFE]);
        const r = await run(moto.env(), "audit", "--team", TEAM, "--format", "json");
        assert.strictEqual(r.code, 1, r.stderr);
        const check = JSON.parse(r.stdout).roles[0].oidcProviders[0];
        assert.strictEqual(check.status, "fail");
        assert.match(check.message, /no IAM OIDC provider for https:\/\/app\.warp\.dev/);
    });

    it("retries Throttling through the SDK's retry strategy and then succeeds", async () => {
        await createRole(moto.iam(), "warp-role", [SAFE]);
        let throttled = 0;
        const proxy = await startFaultProxy(moto.endpoint, (op) =>
            op === "GetAccountAuthorizationDetails" && throttled++ < 2 ? THROTTLING : undefined,
        );
        try {
            const r = await run(moto.env({ AWS_ENDPOINT_URL: proxy.endpoint }), "audit", "--team", TEAM, "--format", "json");
            assert.strictEqual(r.code, 0, r.stderr);
            assert.strictEqual(JSON.parse(r.stdout).summary.warpRoles, 1);
            assert.deepStrictEqual(
                proxy.calls.filter((c) => c.operation === "GetAccountAuthorizationDetails").map((c) => c.fault ?? "ok"),
                ["Throttling", "Throttling", "ok"],
            );
        } finally {
            await proxy.close();
        }
    });

    describe("failures: a clear message, exit 2, nothing on standard output", () => {
        async function expectFailure(env: Record<string, string>, message: RegExp, ...argv: string[]) {
            for (const format of ["text", "json", "sarif"]) {
                const r = await run(env, "audit", "--format", format, ...argv);
                assert.strictEqual(r.code, 2, r.stderr);
                assert.strictEqual(r.stdout, "");
                assert.match(r.stderr, message);
            }
        }

        it("throttled past the SDK's retries", async () => {
            const proxy = await startFaultProxy(moto.endpoint, (op) => (op === "GetAccountAuthorizationDetails" ? THROTTLING : undefined));
            try {
                await expectFailure(
                    moto.env({ AWS_ENDPOINT_URL: proxy.endpoint, AWS_MAX_ATTEMPTS: "2" }),
                    /iam:GetAccountAuthorizationDetails failed \(after 2 attempts\): Throttling: Rate exceeded\. AWS kept throttling/,
                );
            } finally {
                await proxy.close();
            }
        });

        it("expired credentials", async () => {
            const proxy = await startFaultProxy(moto.endpoint, () => EXPIRED_TOKEN);
            try {
                await expectFailure(
                    moto.env({ AWS_ENDPOINT_URL: proxy.endpoint }),
                    /ExpiredToken: The security token included in the request is expired\. the AWS credentials have expired/,
                );
                await expectFailure(
                    moto.env({ AWS_ENDPOINT_URL: proxy.endpoint }),
                    /ExpiredToken/,
                    "--organization",
                    "--role-name",
                    "WarpAudit",
                );
            } finally {
                await proxy.close();
            }
        });

        it("a role deleted between the listing and its GetRole (NoSuchEntity)", async () => {
            await createRole(moto.iam(), "warp-role", [SAFE]);
            const proxy = await startFaultProxy(moto.endpoint, (op) =>
                op === "GetRole"
                    ? { status: 404, code: "NoSuchEntity", message: "The role with name warp-role cannot be found." }
                    : undefined,
            );
            try {
                await expectFailure(
                    moto.env({ AWS_ENDPOINT_URL: proxy.endpoint }),
                    /iam:GetRole for warp-role failed: NoSuchEntityException: The role with name warp-role cannot be found/,
                );
            } finally {
                await proxy.close();
            }
        });

        it("missing credentials", async () => {
            const env = moto.env();
            delete (env as Record<string, string | undefined>).AWS_ACCESS_KEY_ID;
            delete (env as Record<string, string | undefined>).AWS_SECRET_ACCESS_KEY;
            await expectFailure(env, /no AWS credentials were found/);
        });

        it("AccessDenied and unknown keys, from moto's IAM authorization", async () => {
            const iam = moto.iam();
            await iam.send(new CreateUserCommand({ UserName: "nobody" }));
            const key = (await iam.send(new CreateAccessKeyCommand({ UserName: "nobody" }))).AccessKey!;
            await moto.authorization(true);
            try {
                await expectFailure(
                    moto.env({ AWS_ACCESS_KEY_ID: key.AccessKeyId!, AWS_SECRET_ACCESS_KEY: key.SecretAccessKey! }),
                    /iam:GetAccountAuthorizationDetails failed: AccessDenied: .*nobody.*\. the caller may not make this call/,
                );
                await expectFailure(
                    moto.env({ AWS_ACCESS_KEY_ID: "AKIAUNKNOWN000000000", AWS_SECRET_ACCESS_KEY: "nope" }),
                    /InvalidClientTokenId/,
                );
            } finally {
                await moto.authorization(false);
            }
        });
    });

    it("doctor and adopt share the live path: --endpoint-url instead of AWS_ENDPOINT_URL", async () => {
        await createRole(moto.iam(), "warp-role", [SAFE]);
        const env = moto.env();
        delete (env as Record<string, string | undefined>).AWS_ENDPOINT_URL;
        const d = await run(env, "doctor", `arn:aws:iam::${ACCOUNT}:role/warp-role`, "--endpoint-url", moto.endpoint, "--format", "json");
        assert.strictEqual(d.code, 0, d.stderr);
        assert.ok(JSON.parse(d.stdout).checks.every((c: any) => c.status !== "fail"));
        const bad = await run(env, "audit", "--endpoint-url", "ftp://x");
        assert.strictEqual(bad.code, 2);
        assert.match(bad.stderr, /--endpoint-url must be an http or https URL/);
    });
});
