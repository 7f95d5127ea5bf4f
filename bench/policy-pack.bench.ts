/**
 * The pack's analysis cost per resource over a synthetic 10,000-resource stack, against the floor of
 * only parsing the same policy documents. Run: `npm run bench` (one Node thread; pin it to one core
 * with `taskset -c 0 npm run bench` where available).
 *
 * "Pack" is what a preview asks of the pack: every resource policy on every resource, then the stack
 * policies once, with props behind the policy server's unknown-checking proxy (policy-pack/in-process.ts).
 * What the server does before calling a policy (gRPC, protobuf decoding, building the arguments) is
 * prepared outside the timed region: it is the engine's cost, not the pack's, and the floor has none.
 */
import { prepareAnalysis } from "../policy-pack/in-process";
import { clearTrustAnswers } from "../policy-pack/policies/role-trust";
import { clearPermissionsCache } from "../policy-pack/policies/role-bedrock-permissions-only";
import { TRUST_RULES } from "../rules/registry";
import { TEAMS, documentsOf, syntheticStack } from "./synthetic-stack";
import { median, time } from "./stats";

const RESOURCES = Number(process.env.BENCH_RESOURCES ?? 10_000);
// The floor is a few milliseconds, so one scavenge or scheduler hiccup moves it by half; 21 rounds keep the median steady.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 21);
// An organisation pastes one block into every trust policy's config, as the README shows.
const TEAM_BLOCK = { allowedTeamUids: Array.from({ length: TEAMS }, (_, i) => `TEAM${i}`) };
const CONFIG = Object.fromEntries(TRUST_RULES.map((r) => [r.name, TEAM_BLOCK]));

function main(): void {
    const stack = syntheticStack(RESOURCES);
    const docs = documentsOf(stack);
    let sink = 0;
    let diagnostics = 0;
    const prepared = prepareAnalysis(stack, { config: CONFIG });
    const packRun = () => {
        // Every memo the pack keeps: the engine's compiled languages and its answers.
        clearTrustAnswers();
        clearPermissionsCache();
        diagnostics = prepared.run().length;
    };
    const floorRun = () => {
        for (const d of docs) {
            sink += JSON.parse(d).Statement.length;
        }
    };
    // Warm up both, so the JIT has compiled the paths being measured.
    for (let i = 0; i < 2; i++) {
        packRun();
        floorRun();
    }
    const pack: number[] = [];
    const floor: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
        pack.push(time(packRun));
        floor.push(time(floorRun));
    }
    const packMs = median(pack);
    const floorMs = median(floor);
    const perResource = (ms: number) => ((ms * 1000) / stack.length).toFixed(2);
    const lines = [
        `resources: ${stack.length} (${docs.length} policy documents), rounds: ${ROUNDS}, node ${process.version}`,
        `pack:       ${packMs.toFixed(1)} ms total, ${perResource(packMs)} µs/resource (${diagnostics} diagnostics)`,
        `parse only: ${floorMs.toFixed(1)} ms total, ${perResource(floorMs)} µs/resource`,
        `ratio:      ${(packMs / floorMs).toFixed(2)}x the parse-only floor`,
        `target:     10,000 resources under 1000 ms (the trust engine judges every Warp role): ${packMs * (10_000 / stack.length) < 1000 ? "met" : "NOT met"}`,
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
    if (sink < 0) {
        process.stdout.write("unreachable\n");
    }
}

main();
