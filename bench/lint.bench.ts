/**
 * `warp-bedrock lint` over 2,000 diverse policies in one process (the trust and permissions engines,
 * every rule, one language cache per run), against the floor of only reading and parsing the same files.
 * Each kind is measured on its own (1,000 files of 1 to 20 statements, every document distinct).
 * Target: at most 4x the read-and-parse floor for both kinds. Run: `npm run bench`.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { lintFiles } from "../cli/lint";
import { permissionsPolicy } from "./permissions-engine.bench";
import { policy as trustPolicy } from "./trust-engine.bench";
import { median, time } from "./stats";

const FILES = Number(process.env.BENCH_FILES ?? 1000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

function measure(kind: string, files: string[]): string {
    const opts = {
        teams: [],
        issuers: [],
        actorTypes: [],
        actions: [],
        allowActorSpanning: false,
        maxSessionDuration: 3600,
        format: "json" as const,
        files,
    };
    let sink = 0;
    const lint = () => {
        sink += lintFiles(opts).findings.length;
    };
    const floor = () => {
        for (const f of files) {
            sink += JSON.parse(fs.readFileSync(f, "utf8")).Statement.length;
        }
    };
    lint();
    floor();
    const l: number[] = [];
    const r: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
        l.push(time(lint));
        r.push(time(floor));
    }
    const ms = median(l);
    const floorMs = median(r);
    const ratio = ms / floorMs;
    return `lint, ${files.length} ${kind} policies: ${ms.toFixed(0)} ms vs read-and-parse ${floorMs.toFixed(0)} ms: ${ratio.toFixed(1)}x (target 4x: ${ratio <= 4 ? "met" : "NOT met"})${sink < 0 ? "" : ""}`;
}

function main(): void {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "warp-lint-bench-"));
    try {
        const write = (name: string, text: string) => {
            const file = path.join(dir, name);
            fs.writeFileSync(file, text);
            return file;
        };
        const sizes = [1, 2, 3, 5, 8, 20];
        const trust = Array.from({ length: FILES }, (_, i) => write(`trust-${i}.json`, trustPolicy(i, sizes[i % sizes.length])));
        const permissions = Array.from({ length: FILES }, (_, i) =>
            write(`permissions-${i}.json`, permissionsPolicy(i, sizes[i % sizes.length])),
        );
        process.stdout.write(`${[measure("trust", trust), measure("permissions", permissions)].join("\n")}\n`);
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

main();
