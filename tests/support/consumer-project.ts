/**
 * The files of a user's Pulumi TypeScript project, as Pulumi's `typescript` template lays it out, for
 * tests/package.test.ts: a program using the component, the README's example unit test (read from the
 * README, so the documented test is the one run), TypeScript configs for each moduleResolution, and a
 * gRPC client that starts a policy pack the way the engine does.
 */
import * as fs from "fs";
import * as path from "path";

export const TEAM = "TeamAuid0000000000001";
export const AGENT = "AgentB1uid00000000001";

/** The stack program: the component, assigned to the user's own pulumi.ComponentResource. */
const PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import { TeamBedrockAccess } from "warp-bedrock-access";

const access = new TeamBedrockAccess("team-a", {
    teamUid: "${TEAM}",
    namedAgentUids: ["${AGENT}"],
    bedrockModels: ["anthropic.claude-*"],
});
const resource: pulumi.ComponentResource = access;
export const urn: pulumi.Output<string> = resource.urn;
export const roleArn = access.roleArn;
export const trustPolicy = access.trustPolicy;
export const subjects = access.subjects;
`;

/** Every entry point of the package, by the names the README gives. */
const SUBPATHS = `import { TeamBedrockAccess, WarpOidcProvider } from "warp-bedrock-access";
import { describeSubject } from "warp-bedrock-access/rules/subject";
import { COMPONENT_INVOKES, valueOf, warpBedrockMocks } from "warp-bedrock-access/testing";

export const names: string[] = [TeamBedrockAccess.name, WarpOidcProvider.name, describeSubject("scoped_principal:T1/user:*")];
export const invokes: readonly string[] = COMPONENT_INVOKES;
export const helpers = [valueOf, warpBedrockMocks];
`;

const COMPILER_OPTIONS = {
    // Pulumi's typescript template.
    strict: true,
    outDir: "bin",
    target: "es2020",
    module: "commonjs",
    moduleResolution: "node",
    sourceMap: true,
    experimentalDecorators: true,
    pretty: false,
    noFallthroughCasesInSwitch: true,
    noImplicitReturns: true,
    forceConsistentCasingInFileNames: true,
};

/** The template's config (full type check, declarations of every package included) and one per resolution mode. */
function tsconfigs(): Record<string, unknown> {
    const only = (moduleResolution: string, module: string) => ({
        compilerOptions: { ...COMPILER_OPTIONS, module, moduleResolution, noEmit: true, skipLibCheck: true },
        files: ["subpaths.ts"],
    });
    return {
        // Exactly the template's: only index.ts is listed, so the README's unit test must compile without it.
        "tsconfig.json": { compilerOptions: COMPILER_OPTIONS, files: ["index.ts"] },
        "tsconfig.node.json": only("node", "commonjs"),
        "tsconfig.node16.json": only("node16", "node16"),
        "tsconfig.bundler.json": only("bundler", "esnext"),
    };
}

/** The first block of `language` in the README's unit-test section. */
function readmeBlock(readme: string, language: string): string {
    const at = readme.indexOf("### Unit-test a program that uses the component");
    if (at < 0) {
        throw new Error("README has no section 'Unit-test a program that uses the component'");
    }
    const m = new RegExp(`\`\`\`${language}\n([\\s\\S]*?)\`\`\``).exec(readme.slice(at));
    if (!m) {
        throw new Error(`README's unit-test section has no ${language} block`);
    }
    return m[1];
}

/** The README's example unit test: the first typescript block of its section. */
const readmeExampleTest = (readme: string): string => readmeBlock(readme, "typescript");

/** The command the README gives to run that test, exactly as written: the section's bash block. */
export const readmeTestCommand = (readme: string): string => readmeBlock(readme, "bash").trim();

/**
 * Run with node in the consumer project: starts the pack in argv[2] with the project's
 * @pulumi/pulumi/cmd/run-policy-pack, then asks it over gRPC for its info and to analyze one role
 * with an open subject. Prints {port, name, version, policies, diagnostics} as JSON.
 */
const PACK_CLIENT = `"use strict";
const path = require("path");
const { spawn } = require("child_process");
const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
const fromPulumi = (id) => require(require.resolve(id, { paths: [pulumiDir] }));
const grpc = fromPulumi("@grpc/grpc-js");
const { Struct } = fromPulumi("google-protobuf/google/protobuf/struct_pb");
const rpc = require("@pulumi/pulumi/proto/analyzer_grpc_pb");
const pb = require("@pulumi/pulumi/proto/analyzer_pb");

const child = spawn(process.execPath, [path.join(pulumiDir, "cmd", "run-policy-pack"), "127.0.0.1:1", "."], { cwd: process.argv[2], stdio: ["ignore", "pipe", "pipe"] });
let stderr = "";
child.stderr.on("data", (d) => (stderr += d));
const fail = (e) => { child.kill("SIGKILL"); console.error(String(e && e.stack || e) + "\\n" + stderr); process.exit(1); };
setTimeout(() => fail("no port within 60 s"), 60000).unref();
child.on("exit", (code) => fail("run-policy-pack exited with " + code));
const call = (client, method, req) => new Promise((resolve, reject) => client[method](req, { deadline: new Date(Date.now() + 20000) }, (e, r) => (e ? reject(e) : resolve(r))));
let out = "";
child.stdout.on("data", async (d) => {
    out += d;
    const m = /^(\\d+)\\s*$/m.exec(out);
    if (!m) return;
    child.stdout.removeAllListeners("data");
    try {
        const client = new rpc.AnalyzerClient("127.0.0.1:" + m[1], grpc.credentials.createInsecure());
        const info = await call(client, "getAnalyzerInfo", new rpc.AnalyzerService.getAnalyzerInfo.requestType());
        const req = new pb.AnalyzeRequest();
        req.setType("aws:iam/role:Role");
        req.setName("open");
        req.setUrn("urn:pulumi:dev::p::aws:iam/role:Role::open");
        const trust = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Federated: "arn:aws:iam::123456789012:oidc-provider/app.warp.dev" }, Action: "sts:AssumeRoleWithWebIdentity",
            Condition: { StringEquals: { "app.warp.dev:aud": "sts.amazonaws.com" }, StringLike: { "app.warp.dev:sub": "scoped_principal:*/user:*" } } }] };
        req.setProperties(Struct.fromJavaScript({ assumeRolePolicy: JSON.stringify(trust) }));
        req.setOptions(new pb.AnalyzerResourceOptions());
        const analyzed = await call(client, "analyze", req);
        console.log(JSON.stringify({
            port: Number(m[1]),
            name: info.getName(),
            version: info.getVersion(),
            policies: info.getPoliciesList().map((p) => p.getName()),
            diagnostics: analyzed.getDiagnosticsList().map((d) => d.getPolicyname()),
        }));
        client.close();
        child.removeAllListeners("exit");
        child.kill("SIGKILL");
        process.exit(0);
    } catch (e) {
        fail(e);
    }
});
`;

export function writeProject(dir: string, readme: string): void {
    const files: Record<string, string> = {
        "index.ts": PROGRAM,
        "index.test.ts": readmeExampleTest(readme),
        "subpaths.ts": SUBPATHS,
        "pack-client.js": PACK_CLIENT,
        "Pulumi.yaml": "name: consumer\nruntime: nodejs\n",
    };
    for (const [name, config] of Object.entries(tsconfigs())) {
        files[name] = JSON.stringify(config, null, 2);
    }
    for (const [name, text] of Object.entries(files)) {
        fs.writeFileSync(path.join(dir, name), text);
    }
}
