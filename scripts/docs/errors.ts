/**
 * The "errors and their fixes" block of docs/configuration.md: bad stack configs run through
 * `warp-bedrock synth`, so each message is the one the component really gives.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runCli } from "./cli";
import { cell, code, table } from "./markdown";

const BAD_CONFIGS: ReadonlyArray<Record<string, unknown>> = [
    { teamUid: "Team*" },
    { teamUid: "team/user" },
    { issuer: "http://app.warp.dev" },
    { issuer: "warp.dev" },
    { oidcProviderArn: "arn:aws:iam::123456789012:oidc-provider/staging.warp.dev" },
    { grantUsers: false },
    { namedAgentUids: ["AgentB1uid00000000001", "a/b"] },
    { namedAgents: "some" },
    { bedrockRegions: ["us-east-*"] },
    { maxSessionDuration: 100 },
    { revokedAgents: ["Agent*"] },
];

function yamlLine(config: Record<string, unknown>): string {
    return Object.entries(config)
        .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
        .join("; ");
}

export async function errorsTable(): Promise<string> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "warp-docs-"));
    try {
        const rows: string[][] = [];
        for (const bad of BAD_CONFIGS) {
            const config = { teamUid: "TeamAuid0000000000001", ...bad };
            const file = path.join(dir, "Pulumi.bad.yaml");
            const lines = Object.entries(config).map(([k, v]) => `  warp-bedrock-access:${k}: ${JSON.stringify(v)}\n`);
            fs.writeFileSync(file, `config:\n${lines.join("")}`);
            const r = await runCli(["synth", file]);
            if (r.code !== 2 || r.out !== "") {
                throw new Error(`scripts/docs: synth accepted ${yamlLine(bad)} (exit ${r.code})`);
            }
            rows.push([code(yamlLine(bad)), cell(r.err.split("\n")[0].replace(/^warp-bedrock synth: /, ""))]);
        }
        return table(["stack config", "message (exit 2, nothing on standard output)"], rows);
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}
