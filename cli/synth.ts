import type { CliIO } from "./main";

// Placeholder until the synth command lands (issue 4); reports itself as unavailable.
export async function runSynth(_argv: string[], io: CliIO): Promise<number> {
    io.err("warp-bedrock synth: not built yet\n");
    return 2;
}
