/** Runs `warp-bedrock` in this process through its real dispatcher and captures what it prints. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../cli/main";

export const REPO = path.resolve(__dirname, "../..");
export const example = (stack: string) => path.join(REPO, "examples", `Pulumi.${stack}.yaml`);

export interface CliResult {
    code: number;
    stdout: string;
    stderr: string;
}

export async function runCli(...argv: string[]): Promise<CliResult> {
    let stdout = "";
    let stderr = "";
    const code = await main(argv, { out: (t) => (stdout += t), err: (t) => (stderr += t) });
    return { code, stdout, stderr };
}

/** Writes a stack file into a fresh temporary directory and returns its path. */
export function stackFile(yaml: string, stack = "test"): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "warp-synth-"));
    const file = path.join(dir, `Pulumi.${stack}.yaml`);
    fs.writeFileSync(file, yaml);
    return file;
}
