/** The reference blocks of docs/cli.md: each command's help, and a lint run, captured from the CLI itself. */
import * as path from "path";
import { main } from "../../cli/main";
import { INPUT_LIMITS } from "../../cli/input-file";
import { fence } from "./markdown";

export const COMMANDS = ["synth", "lint", "audit", "doctor", "adopt"] as const;

/** Runs the CLI in this process; returns its exit code and what it wrote. */
export async function runCli(argv: string[], cwd?: string): Promise<{ code: number; out: string; err: string }> {
    let out = "";
    let err = "";
    const before = process.cwd();
    if (cwd !== undefined) {
        process.chdir(cwd);
    }
    try {
        const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
        return { code, out, err };
    } finally {
        process.chdir(before);
    }
}

async function help(argv: string[]): Promise<string> {
    const r = await runCli(argv);
    if (r.code !== 0 || r.out === "") {
        throw new Error(`scripts/docs: warp-bedrock ${argv.join(" ")} exited ${r.code}: ${r.err}`);
    }
    return fence("text", `$ warp-bedrock ${argv.join(" ")}\n${r.out}`);
}

export const LINT_EXAMPLE = [
    "lint",
    "--team",
    "TeamAuid0000000000001",
    "docs/examples/trust-policy.json",
    "docs/examples/bedrock-policy.json",
];

async function lintExample(root: string): Promise<string> {
    const r = await runCli(LINT_EXAMPLE, root);
    return fence("text", `$ npx warp-bedrock ${LINT_EXAMPLE.join(" ")}\n${r.out}${r.err}(exit status ${r.code})`);
}

const LIMITED_INPUTS: Record<keyof typeof INPUT_LIMITS, string> = {
    authorizationDetails: "`--authorization-details FILE` (`audit`, `adopt`, `doctor`)",
    stackFile: "`STACK_CONFIG_FILE` (`synth`)",
    document: "policy files (`lint`), `--oidc-provider FILE`",
};

/** The size limits of the files the CLI reads, from cli/input-file.ts. */
function inputLimits(): string {
    const rows = (Object.keys(INPUT_LIMITS) as (keyof typeof INPUT_LIMITS)[]).map(
        (k) => `| ${LIMITED_INPUTS[k]} | ${INPUT_LIMITS[k] / (1024 * 1024)} MiB |`,
    );
    return ["| file | largest read |", "|---|---|", ...rows].join("\n");
}

export function cliBlocks(root: string): Record<string, () => Promise<string>> {
    const blocks: Record<string, () => Promise<string>> = {
        "help-main": () => help(["--help"]),
        "input-limits": async () => inputLimits(),
    };
    for (const c of COMMANDS) {
        blocks[`help-${c}`] = () => help([c, "--help"]);
    }
    blocks["lint-example"] = () => lintExample(path.resolve(root));
    return blocks;
}
