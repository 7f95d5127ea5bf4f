import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { ComponentProvider } from "@pulumi/pulumi/provider/experimental";
import { TeamBedrockAccess, WarpOidcProvider } from "../components";
import { REPO } from "./support/run-cli";

const { Analyzer } = require("@pulumi/pulumi/provider/experimental/analyzer");

const TOKEN = "warp-bedrock-access:index:TeamBedrockAccess";
const PROVIDER_TOKEN = "warp-bedrock-access:index:WarpOidcProvider";

type Prop = {
    type?: string;
    $ref?: string;
    items?: Prop;
    additionalProperties?: Prop;
    description?: string;
    plain?: boolean;
    optional?: boolean;
};
type Schema = {
    name: string;
    resources: Record<
        string,
        {
            isComponent: boolean;
            inputProperties: Record<string, Prop>;
            requiredInputs: string[];
            properties: Record<string, Prop>;
            required: string[];
            description: string;
        }
    >;
    types: Record<string, { properties: Record<string, Prop>; required: string[] }>;
};

/** A property's type in one line: string, boolean, number, string[], map<string>, map<#AgentRoleArgs>. */
function shape(p: Prop): string {
    if (p.$ref) {
        return `#${p.$ref.split(":").pop()}`;
    }
    if (p.type === "array") {
        return `${shape(p.items!)}[]`;
    }
    if (p.type === "object" && p.additionalProperties) {
        return `map<${shape(p.additionalProperties)}>`;
    }
    return p.type!;
}

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

describe("multi-language package: schema inferred by the SDK's analyzer", function () {
    this.timeout(120_000);
    let schema: Schema;

    before(async () => {
        const provider = new ComponentProvider({
            components: [TeamBedrockAccess, WarpOidcProvider],
            name: "warp-bedrock-access",
            dirname: REPO,
        });
        schema = JSON.parse(await provider.getSchema());
    });

    /** Runs the analyzer the way the component plugin does (package.json, tsconfig.json and sources of `dir`). */
    function analyzeAt(dir: string) {
        const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
        const analyzer = new Analyzer(dir, "warp-bedrock-access", pkg, new Set(["TeamBedrockAccess", "WarpOidcProvider"]));
        return {
            entry: path.relative(dir, analyzer.findProgramEntryPoint().fileName),
            components: Object.keys(analyzer.analyze().components).sort(),
        };
    }

    it("starts from the components' entry, not the stack program, and finds both components", () => {
        const { entry, components } = analyzeAt(REPO);
        // exports/main name compiled JS under dist/, which has no .ts twin, so the analyzer reads the root
        // index.ts: the components' entry, re-exporting components/index.ts and nothing else.
        assert.strictEqual(entry, "index.ts");
        const statements = fs
            .readFileSync(path.join(REPO, "index.ts"), "utf8")
            .split("\n")
            .filter((l) => l.trim() && !l.startsWith("//"));
        assert.deepStrictEqual(statements, ['export * from "./components";']);
        assert.strictEqual(
            YAML.parse(fs.readFileSync(path.join(REPO, "Pulumi.yaml"), "utf8")).main,
            "stack.ts",
            "the stack program is elsewhere",
        );
        assert.deepStrictEqual(components, ["TeamBedrockAccess", "WarpOidcProvider"]);
        assert.strictEqual(schema.name, "warp-bedrock-access");
        assert.deepStrictEqual(Object.keys(schema.resources).sort(), [TOKEN, PROVIDER_TOKEN]);
    });

    it("finds both components when the stack program imports neither", () => {
        // A copy of the package whose stack program uses no component, under the repository so
        // @pulumi/pulumi resolves (its tmp/ is git-ignored).
        const copy = path.join(REPO, "tmp", `schema-${process.pid}`);
        try {
            for (const f of [
                "package.json",
                "tsconfig.json",
                "index.ts",
                "components",
                "rules",
                "synth",
                "policy-pack/in-process.ts",
                "policy-pack/policies",
            ]) {
                fs.cpSync(path.join(REPO, f), path.join(copy, f), { recursive: true });
            }
            fs.writeFileSync(path.join(copy, "stack.ts"), "export = {};\n");
            fs.writeFileSync(
                path.join(copy, "components", "stack-program.ts"),
                "export function runStackProgram(): Record<string, never> {\n    return {};\n}\n",
            );
            assert.deepStrictEqual(analyzeAt(copy).components, ["TeamBedrockAccess", "WarpOidcProvider"]);
        } finally {
            fs.rmSync(copy, { recursive: true, force: true });
        }
    });

    it("has every TeamBedrockAccess input with its type and description, teamUid required", () => {
        const r = schema.resources[TOKEN];
        assert.strictEqual(r.isComponent, true);
        assert.match(r.description, /^Gives one Warp team's agents Bedrock access/);
        const expected: Record<string, [string, RegExp]> = {
            teamUid: ["string", /team's UID from Warp's Admin Panel/],
            issuer: ["string", /Warp issuer: `app\.warp\.dev`/],
            oidcProviderArn: ["string", /ARN of an existing IAM OIDC provider/],
            retainOidcProvider: ["boolean", /keep it in AWS if this stack deletes it/],
            grantUsers: ["boolean", /Trust every person of the team/],
            allNamedAgents: ["boolean", /Trust every named agent of the team/],
            namedAgentUids: ["string[]", /Trust these named agents/],
            agentRoles: ["map<#AgentRoleArgs>", /Dedicated roles for named agents/],
            bedrockRegions: ["string[]", /Regions agents may call Bedrock from/],
            bedrockModels: ["string[]", /Model-ID patterns agents may invoke/],
            roleName: ["string", /Exact IAM name of the team role/],
            roleNamePrefix: ["string", /Prefix of the team role's generated name/],
            rolePath: ["string", /IAM path of the roles/],
            roleDescription: ["string", /Description of the team role/],
            maxSessionDuration: ["number", /Longest session in seconds/],
            permissionsBoundaryArn: ["string", /permissions boundary/],
            tags: ["map<string>", /Tags for every resource/],
            maxTrustPolicyLength: ["number", /trust-policy length quota/],
            revokedAgentUids: ["string[]", /Named agents .* may no longer assume any role/],
            revokedUserUids: ["string[]", /People .* may no longer assume any role/],
            revokeSessionsIssuedBefore: ["string", /Revoke active sessions/],
            inlinePolicyName: ["string", /Name of the team role's inline Bedrock policy/],
            importIds: ["#ImportIds", /Adopt existing resources instead of creating them/],
        };
        assert.deepStrictEqual(Object.keys(r.inputProperties).sort(), Object.keys(expected).sort());
        for (const [name, [type, description]] of Object.entries(expected)) {
            const p = r.inputProperties[name];
            assert.strictEqual(shape(p), type, name);
            assert.match(p.description ?? "", description, name);
            assert.strictEqual(p.optional === true, name !== "teamUid", `${name} optional`);
        }
        assert.deepStrictEqual(r.requiredInputs, ["teamUid"]);
        // Values that decide how many resources exist, or resource options, must be known when constructing.
        assert.strictEqual(r.inputProperties.agentRoles.plain, true);
        assert.strictEqual(r.inputProperties.retainOidcProvider.plain, true);
        assert.strictEqual(r.inputProperties.teamUid.plain, undefined, "teamUid accepts an Output");
        assert.deepStrictEqual(Object.keys(schema.types["warp-bedrock-access:index:AgentRoleArgs"].properties).sort(), [
            "disabled",
            "models",
            "region",
        ]);
        // Whether an agent gets a role is decided while constructing, so `disabled` takes no Output.
        assert.strictEqual(schema.types["warp-bedrock-access:index:AgentRoleArgs"].properties.disabled.plain, true);
    });

    it("has every TeamBedrockAccess output", () => {
        const r = schema.resources[TOKEN];
        assert.deepStrictEqual(Object.fromEntries(Object.entries(r.properties).map(([k, p]) => [k, shape(p)])), {
            roleArn: "string",
            roleName: "string",
            oidcProviderArn: "string",
            trustPolicy: "string",
            permissionsPolicy: "string",
            subjects: "string[]",
            agentRoleArns: "map<string>",
            agentOverrides: "map<#AgentOverride>",
        });
        assert.deepStrictEqual(r.required, Object.keys(r.properties).sort());
        Object.entries(r.properties).forEach(([k, p]) => assert.ok(p.description, `${k} has a description`));
        const override = schema.types["warp-bedrock-access:index:AgentOverride"];
        assert.deepStrictEqual(Object.keys(override.properties).sort(), ["disabled", "region", "role_arn"]);
        // A disabled agent's override is { disabled: true }, without a role ARN.
        assert.deepStrictEqual(override.required ?? [], []);
    });

    it("has WarpOidcProvider's inputs and outputs", () => {
        const r = schema.resources[PROVIDER_TOKEN];
        assert.deepStrictEqual(Object.fromEntries(Object.entries(r.inputProperties).map(([k, p]) => [k, shape(p)])), {
            issuer: "string",
            retainOnDelete: "boolean",
            tags: "map<string>",
            importId: "string",
        });
        assert.deepStrictEqual(r.requiredInputs, []);
        assert.deepStrictEqual(Object.keys(r.properties).sort(), ["oidcProviderArn", "url"]);
    });

    it("examples/yaml uses the type token and only inputs and outputs the schema has", () => {
        const program = YAML.parse(fs.readFileSync(path.join(REPO, "examples/yaml/Pulumi.yaml"), "utf8"));
        assert.strictEqual(program.runtime, "yaml");
        assert.strictEqual(program.packages["warp-bedrock-access"], "../..");
        const uses = Object.values(program.resources as Record<string, { type: string; properties: Record<string, unknown> }>);
        assert.ok(uses.length > 0);
        for (const use of uses) {
            const resource = schema.resources[use.type];
            assert.ok(resource, `type ${use.type} is in the schema`);
            for (const key of Object.keys(use.properties)) {
                assert.ok(key in resource.inputProperties, `${key} is an input of ${use.type}`);
            }
            resource.requiredInputs.forEach((k) => assert.ok(k in use.properties, `required ${k} is set`));
        }
        const referenced = JSON.stringify(program.outputs).match(/\$\{\w+\.(\w+)/g) ?? [];
        assert.ok(referenced.length > 0);
        for (const ref of referenced) {
            assert.ok(ref.split(".")[1] in schema.resources[TOKEN].properties, `${ref} is an output`);
        }
    });

    it("examples/python passes only the schema's inputs, in Python's snake_case", () => {
        const source = fs.readFileSync(path.join(REPO, "examples/python/__main__.py"), "utf8");
        const call = /TeamBedrockAccess\(\s*"[^"]+",([\s\S]*?)\n\)/.exec(source);
        assert.ok(call, "the program constructs TeamBedrockAccess");
        const kwargs = [...call[1].matchAll(/^ {4}(\w+)=/gm)].map((m) => m[1]);
        const inputs = Object.keys(schema.resources[TOKEN].inputProperties).map(snake);
        assert.ok(kwargs.includes("team_uid"));
        kwargs.forEach((k) => assert.ok(inputs.includes(k), `${k} is an input`));
        const outputs = Object.keys(schema.resources[TOKEN].properties).map(snake);
        const used = [...source.matchAll(/access\.(\w+)/g)].map((m) => m[1]);
        assert.ok(used.length > 0);
        used.forEach((o) => assert.ok(outputs.includes(o), `${o} is an output`));
        const pulumiYaml = YAML.parse(fs.readFileSync(path.join(REPO, "examples/python/Pulumi.yaml"), "utf8"));
        assert.strictEqual(pulumiYaml.packages["warp-bedrock-access"], "../..");
    });
});
