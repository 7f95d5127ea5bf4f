import type { CliIO } from "./main";

// Placeholder until the lint command lands (issue 3); reports itself as unavailable.
export async function runLint(_argv: string[], io: CliIO): Promise<number> {
    io.err("warp-bedrock lint: not built yet\n");
    return 2;
}
