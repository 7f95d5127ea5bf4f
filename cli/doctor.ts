import type { CliIO } from "./main";
export async function runDoctor(_argv: string[], io: CliIO): Promise<number> {
    io.err("warp-bedrock doctor: not built yet\n");
    return 2;
}
