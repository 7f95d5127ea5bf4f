/**
 * The trust engine's time per trust policy, for policies of 1, 5 and 20 statements, each document
 * distinct (its own team and agent UIDs), judged with one engine as the pack judges a preview. Prints the
 * median and the 99th percentile. Run: `npm run bench` (or this file alone with ts-node).
 */
import { TrustEngine, analyzeTrust } from "../rules/trust/engine";
import { percentile } from "./stats";

const POLICIES = Number(process.env.BENCH_POLICIES ?? 2000);
const PROVIDER = "arn:aws:iam::123456789012:oidc-provider/app.warp.dev";
const AUD = { "app.warp.dev:aud": "sts.amazonaws.com" };

/** A realistic mix: people, all agents, listed agents, a revocation deny, a wildcard-team mistake. */
function statement(i: number, j: number): Record<string, unknown> {
    const team = `TEAM${i % 50}`;
    const base = { Effect: "Allow", Principal: { Federated: PROVIDER }, Action: "sts:AssumeRoleWithWebIdentity" };
    switch (j % 5) {
        case 0:
            return {
                ...base,
                Sid: `People${j}`,
                Condition: { StringEquals: AUD, StringLike: { "app.warp.dev:sub": `scoped_principal:${team}/user:*` } },
            };
        case 1:
            return {
                ...base,
                Sid: `Agents${j}`,
                Condition: { StringEquals: AUD, StringLike: { "app.warp.dev:sub": `scoped_principal:${team}/service_account:*` } },
            };
        case 2:
            return {
                ...base,
                Sid: `Listed${j}`,
                Condition: {
                    StringEquals: {
                        ...AUD,
                        "app.warp.dev:sub": [
                            `scoped_principal:${team}/service_account:sa${i}x${j}`,
                            `scoped_principal:${team}/service_account:sb${i}x${j}`,
                        ],
                    },
                },
            };
        case 3:
            return {
                ...base,
                Effect: "Deny",
                Sid: `Revoked${j}`,
                Condition: { StringEquals: { "app.warp.dev:sub": `scoped_principal:${team}/user:u${i}x${j}` } },
            };
        default:
            return {
                ...base,
                Sid: `Mistake${j}`,
                Condition: {
                    StringEquals: AUD,
                    StringLike: { "app.warp.dev:sub": i % 2 ? `scoped_principal:${team}*` : `scoped_principal:*/user:*` },
                },
            };
    }
}

export function policy(i: number, statements: number): string {
    return JSON.stringify({ Version: "2012-10-17", Statement: Array.from({ length: statements }, (_, j) => statement(i, j)) });
}

export function benchEngine(): string[] {
    const lines: string[] = [];
    for (const n of [1, 5, 20]) {
        const docs = Array.from({ length: POLICIES }, (_, i) => policy(i, n));
        const engine = new TrustEngine();
        const config = { allowedTeamUids: ["TEAM0"] };
        // Warm-up on other documents: the JIT, not the per-document cost, is what a first call pays.
        for (let i = 0; i < 50; i++) {
            analyzeTrust(policy(POLICIES + i, n), config, engine);
        }
        const times = docs.map((d) => {
            const start = process.hrtime.bigint();
            analyzeTrust(d, config, engine);
            return Number(process.hrtime.bigint() - start) / 1e6;
        });
        lines.push(
            `trust engine, ${String(n).padStart(2)} statements: median ${percentile(times, 0.5).toFixed(3)} ms, p99 ${percentile(times, 0.99).toFixed(3)} ms per policy (${POLICIES} distinct policies)`,
        );
    }
    return lines;
}

if (require.main === module) {
    process.stdout.write(`${benchEngine().join("\n")}\n`);
}
