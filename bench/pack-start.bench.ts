/**
 * How long the policy pack takes to start, the way the engine starts it for every preview: from
 * `node <@pulumi/pulumi>/cmd/run-policy-pack <engine> <dir>` to the gRPC port the pack prints. Compared
 * with a minimal one-policy JavaScript pack started the same way in the same run, from a folder beside
 * this repository's (so both load the same @pulumi/policy, @pulumi/pulumi and TypeScript), in
 * alternating runs; medians and their ratio are reported. Target: this pack within 1.3x of the minimal one.
 * Run: `npm run bench` (after `npm run build`, which writes policy-pack/bin/index.js).
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");
const PACK_DIR = path.join(ROOT, "policy-pack");
const RUN_POLICY_PACK = path.join(path.dirname(require.resolve("@pulumi/pulumi/package.json")), "cmd", "run-policy-pack");
const ROUNDS = Number(process.env.BENCH_START_ROUNDS ?? 15);
const TARGET = 1.3;

const MINIMAL_PACK = `"use strict";
const { PolicyPack } = require("@pulumi/policy");
new PolicyPack("minimal", {
    policies: [{
        name: "no-public-bucket",
        description: "A bucket is not public.",
        enforcementLevel: "mandatory",
        validateResource: (args, reportViolation) => {
            if (args.type === "aws:s3/bucket:Bucket" && args.props.acl === "public-read") {
                reportViolation("public bucket");
            }
        },
    }],
});
`;

/** The minimal pack, in a git-ignored folder of the repository so module resolution matches the real pack's. */
function writeMinimalPack(): string {
    const dir = path.join(ROOT, "tmp", `minimal-pack-${process.pid}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "PulumiPolicy.yaml"), "runtime: nodejs\n");
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "minimal", version: "0.0.1", main: "index.js" }));
    fs.writeFileSync(path.join(dir, "index.js"), MINIMAL_PACK);
    return dir;
}

/** Milliseconds from spawning the launcher to the pack's port on its standard output. */
function startMs(dir: string): Promise<number> {
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("TS_NODE_")));
    return new Promise((resolve, reject) => {
        const started = process.hrtime.bigint();
        const child = spawn(process.execPath, [RUN_POLICY_PACK, "127.0.0.1:1", "."], { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"] });
        let out = "";
        let err = "";
        child.stderr.on("data", (d) => (err += d));
        child.stdout.on("data", (d) => {
            out += d;
            if (/^\d+\s*$/m.test(out)) {
                const ms = Number(process.hrtime.bigint() - started) / 1e6;
                child.removeAllListeners("exit");
                child.kill("SIGKILL");
                child.on("exit", () => resolve(ms));
            }
        });
        child.on("exit", (code) => reject(new Error(`${dir}: run-policy-pack exited with ${code} before printing a port\n${err}`)));
    });
}

function median(xs: number[]): number {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

async function main(): Promise<void> {
    if (!fs.existsSync(path.join(PACK_DIR, require(path.join(PACK_DIR, "package.json")).main))) {
        throw new Error("policy-pack/bin/index.js is missing: run `npm run build` first");
    }
    const minimalDir = writeMinimalPack();
    try {
        // One start of each first, so the file-system cache holds both.
        await startMs(PACK_DIR);
        await startMs(minimalDir);
        const pack: number[] = [];
        const minimal: number[] = [];
        for (let i = 0; i < ROUNDS; i++) {
            // Alternate which goes first, so drift in the machine's load falls on both alike.
            if (i % 2 === 0) {
                pack.push(await startMs(PACK_DIR));
                minimal.push(await startMs(minimalDir));
            } else {
                minimal.push(await startMs(minimalDir));
                pack.push(await startMs(PACK_DIR));
            }
        }
        const ratio = median(pack) / median(minimal);
        const lines = [
            `pack start to gRPC port (run-policy-pack, ${ROUNDS} alternating rounds, node ${process.version})`,
            `warp-bedrock-guard:     median ${median(pack).toFixed(0)} ms (min ${Math.min(...pack).toFixed(0)}, max ${Math.max(...pack).toFixed(0)})`,
            `minimal one-policy JS:  median ${median(minimal).toFixed(0)} ms (min ${Math.min(...minimal).toFixed(0)}, max ${Math.max(...minimal).toFixed(0)})`,
            `ratio:                  ${ratio.toFixed(2)}x`,
            `target:                 within ${TARGET}x: ${ratio <= TARGET ? "met" : "NOT met"}`,
        ];
        process.stdout.write(`${lines.join("\n")}\n`);
    } finally {
        fs.rmSync(minimalDir, { recursive: true, force: true });
    }
}

main().catch((e) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
});
