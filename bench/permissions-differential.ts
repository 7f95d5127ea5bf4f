/**
 * The permissions engine against the IAM policy simulator on many random permissions policies (the
 * differential test of tests/permissions-differential.test.ts, at scale). Prints progress every 1,000
 * policies and the counts at the end; each disagreement is printed with its policy.
 *
 *   node -r ts-node/register/transpile-only bench/permissions-differential.ts [count=100000] [--seed N] [--probes N]
 *
 * --probes sets the probes per policy (half from the whole battery, half of the services it names).
 */
import { LanguageCache } from "../rules/iam/languages";
import { checkPolicy } from "../tests/support/permissions-differential";
import { probeBattery, probesFor, random, randomPolicy } from "../tests/support/permissions-generator";

async function main(): Promise<void> {
    const argv = process.argv.slice(2);
    const flag = (name: string, fallback: number) => {
        const i = argv.indexOf(name);
        return i >= 0 ? Number(argv[i + 1]) : fallback;
    };
    const count = Number(argv.find((a, i) => /^\d+$/.test(a) && !argv[i - 1]?.startsWith("--")) ?? 100_000);
    const seed = flag("--seed", 2026_14);
    const probes = flag("--probes", 16);
    const rnd = random(seed);
    const battery = probeBattery();
    const cache = new LanguageCache();
    const known: Record<string, number> = {};
    let disagreements = 0;
    let asked = 0;
    const start = Date.now();
    for (let i = 0; i < count; i++) {
        const policy = randomPolicy(rnd);
        const sample = probesFor(rnd, battery, policy, probes / 2, probes / 2);
        asked += sample.length;
        for (const d of await checkPolicy(policy, sample, cache)) {
            if (d.known !== undefined) {
                known[d.known] = (known[d.known] ?? 0) + 1;
            } else {
                disagreements++;
                console.log(`run ${i}: ${d.what}\n  ${JSON.stringify(d.policy)}`);
            }
        }
        if ((i + 1) % 1000 === 0) {
            console.log(`${i + 1} policies, ${asked} probes, ${disagreements} disagreements, ${Math.round((Date.now() - start) / 1000)} s`);
        }
    }
    console.log(`policies: ${count} (seed ${seed}), probes: ${asked}, battery: ${battery.length}`);
    console.log(`set aside (simulator limits): ${JSON.stringify(known)}`);
    console.log(`disagreements: ${disagreements}`);
    process.exitCode = disagreements > 0 ? 1 : 0;
}

main().catch((e) => {
    console.error(e);
    process.exitCode = 1;
});
