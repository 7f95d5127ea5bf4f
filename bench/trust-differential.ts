/**
 * The trust engine against the IAM policy simulator on many random trust policies (the differential test
 * of tests/trust-differential.test.ts, at scale). Prints counts; each disagreement is printed with its
 * seed, run index and policy, then shrunk by fast-check to a minimal policy.
 *
 *   node -r ts-node/register/transpile-only bench/trust-differential.ts [count=100000] [--seed N] [--workers N] [--all-probes]
 *
 * --all-probes asks the simulator every probe, including those no Allow statement can name (slower; it
 * shows the test's shortcut drops nothing). --workers splits the runs over child processes.
 */
import { fork } from "child_process";
import fc from "fast-check";
import { TrustEngine } from "../rules/trust/engine";
import { DiffConfig, DiffStats, Disagreement, configArb, differential, emptyStats, trustPolicyArb } from "../tests/support/trust-generator";

const CHUNK = 500;

interface Args {
    count: number;
    seed: number;
    workers: number;
    allProbes: boolean;
    first: number;
}

function parseArgs(argv: string[]): Args {
    const args: Args = { count: 100_000, seed: 7_2026, workers: 1, allProbes: false, first: 0 };
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        if (a === "--seed") args.seed = Number(argv[++i]);
        else if (a === "--workers") args.workers = Number(argv[++i]);
        else if (a === "--first") args.first = Number(argv[++i]);
        else if (a === "--all-probes") args.allProbes = true;
        else if (/^\d+$/.test(a)) args.count = Number(a);
        else throw new Error(`unknown argument ${a}`);
    }
    return args;
}

interface Found {
    seed: number;
    index: number;
    config: DiffConfig;
    policy: unknown;
    disagreements: Disagreement[];
}

/** Runs chunks [first, first + count) of CHUNK policies each; chunk c uses seed `seed + c`. */
async function runRange(args: Args, stats: DiffStats): Promise<Found[]> {
    const engine = new TrustEngine();
    const found: Found[] = [];
    const arb = fc.tuple(trustPolicyArb, configArb);
    for (let done = 0; done < args.count; done += CHUNK) {
        const chunk = Math.floor((args.first + done) / CHUNK);
        const seed = args.seed + chunk;
        const samples = fc.sample(arb, { seed, numRuns: Math.min(CHUNK, args.count - done) });
        for (let index = 0; index < samples.length; index++) {
            const [policy, config] = samples[index];
            const disagreements = await differential(policy, config, engine, stats, { allProbes: args.allProbes });
            const kind = disagreements.map((d) => d.check).join(",");
            if (disagreements.length > 0 && found.filter((f) => f.disagreements.map((d) => d.check).join(",") === kind).length < 3) {
                found.push({ seed, index, config, policy, disagreements });
            }
        }
    }
    return found;
}

function merge(into: DiffStats, from: DiffStats): void {
    for (const [k, v] of Object.entries(from) as Array<[keyof DiffStats, unknown]>) {
        if (typeof v === "number") {
            (into[k] as number) += v;
        } else {
            const m = into[k] as Record<string, number>;
            for (const [kk, vv] of Object.entries(v as Record<string, number>)) {
                m[kk] = (m[kk] ?? 0) + vv;
            }
        }
    }
}

async function shrink(f: Found, allProbes: boolean): Promise<string> {
    const engine = new TrustEngine();
    const result = await fc.check(
        fc.asyncProperty(
            fc.tuple(trustPolicyArb, configArb),
            async ([policy, config]) => (await differential(policy, config, engine, emptyStats(), { allProbes })).length === 0,
        ),
        { seed: f.seed, numRuns: f.index + 1 },
    );
    if (!result.failed || result.counterexample === null) {
        return "(did not reproduce)";
    }
    const [[policy, config]] = result.counterexample;
    const again = await differential(policy, config, engine, emptyStats(), { allProbes });
    return `${JSON.stringify(policy)}\n    config ${JSON.stringify(config)}\n    ${again.map((d) => `${d.check}: ${d.detail}`).join("\n    ")}`;
}

async function worker(args: Args): Promise<void> {
    const stats = emptyStats();
    const found = await runRange(args, stats);
    process.send!({ stats, found });
}

async function main(): Promise<void> {
    const args = parseArgs(process.argv.slice(2));
    if (process.env.TRUST_DIFF_WORKER === "1") {
        return worker(args);
    }
    const started = Date.now();
    const stats = emptyStats();
    let found: Found[] = [];
    if (args.workers <= 1) {
        found = await runRange(args, stats);
    } else {
        // Whole chunks per worker, so every policy has the same seed and index whatever the worker count.
        const chunks = Math.ceil(args.count / CHUNK);
        const per = Math.ceil(chunks / args.workers);
        const runs: Array<Promise<void>> = [];
        for (let w = 0; w < args.workers && w * per < chunks; w++) {
            const first = w * per * CHUNK;
            const count = Math.min(per * CHUNK, args.count - first);
            const child = fork(
                __filename,
                [String(count), "--seed", String(args.seed), "--first", String(first), ...(args.allProbes ? ["--all-probes"] : [])],
                {
                    env: { ...process.env, TRUST_DIFF_WORKER: "1" },
                },
            );
            runs.push(
                new Promise((resolve, reject) => {
                    child.on("message", (m: { stats: DiffStats; found: Found[] }) => {
                        merge(stats, m.stats);
                        found.push(...m.found);
                    });
                    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`worker exited with ${code}`))));
                }),
            );
        }
        await Promise.all(runs);
    }
    const seconds = (Date.now() - started) / 1000;
    console.log(
        `trust differential: ${stats.policies} policies, seed ${args.seed}, ${args.workers} worker(s), ${seconds.toFixed(1)} s (${((seconds * 1000) / stats.policies).toFixed(2)} ms per policy)${args.allProbes ? ", every probe asked" : ""}`,
    );
    console.log(JSON.stringify(stats, null, 2));
    const total = Object.values(stats.disagreements).reduce((a, b) => a + b, 0);
    console.log(`disagreements: ${total}`);
    for (const f of found.slice(0, 10)) {
        console.log(`\nseed ${f.seed} run ${f.index}: ${JSON.stringify(f.policy)}\n  config ${JSON.stringify(f.config)}`);
        f.disagreements.forEach((d) => console.log(`  ${d.check}: ${d.detail}`));
        console.log(`  shrunk: ${await shrink(f, args.allProbes)}`);
    }
    process.exitCode = total === 0 ? 0 : 1;
}

main().catch((e) => {
    console.error(e);
    process.exit(2);
});
