import type { CliIO } from "./main";
export async function runAdopt(_argv: string[], io: CliIO): Promise<number> {
    io.err("warp-bedrock adopt: not built yet\n");
    return 2;
}
