/**
 * The permissions engine's time per permissions policy, for policies of 1, 5 and 20 statements, each
 * document distinct (its own account, regions and models), judged with one language cache as the pack
 * judges a preview. Prints the median and the 99th percentile. Run: `npm run bench`.
 */
import { parsePolicyDocument } from "../rules/iam/document";
import { LanguageCache } from "../rules/iam/languages";
import { analyzePermissions } from "../rules/permissions/engine";
import { percentile } from "./stats";

const POLICIES = Number(process.env.BENCH_POLICIES ?? 2000);
const INVOKE = ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"];
const REGIONS = ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-northeast-1"];

/** A realistic mix: the component's statements, narrowed ones, a metadata read, a revocation deny, a mistake. */
export function permissionsStatement(i: number, j: number): Record<string, unknown> {
    const account = String(100000000000 + i);
    const region = REGIONS[(i + j) % REGIONS.length];
    const model = `anthropic.claude-${i % 7}-${j}`;
    switch (j % 6) {
        case 0:
            return { Sid: `Models${j}`, Effect: "Allow", Action: INVOKE, Resource: [`arn:aws:bedrock:*::foundation-model/${model}*`] };
        case 1:
            return {
                Sid: `Profiles${j}`,
                Effect: "Allow",
                Action: INVOKE,
                Resource: [
                    `arn:aws:bedrock:${region}:${account}:inference-profile/*.${model}`,
                    `arn:aws:bedrock:${region}:${account}:application-inference-profile/*`,
                ],
            };
        case 2:
            return { Sid: `Exact${j}`, Effect: "Allow", Action: INVOKE, Resource: `arn:aws:bedrock:${region}::foundation-model/${model}` };
        case 3:
            return {
                Sid: `Revoke${j}`,
                Effect: "Deny",
                Action: "*",
                Resource: "*",
                Condition: { DateLessThan: { "aws:TokenIssueTime": `2026-0${1 + (i % 9)}-01T00:00:00Z` } },
            };
        case 4:
            return {
                Sid: `Metadata${j}`,
                Effect: "Allow",
                Action: ["bedrock:GetFoundationModel", "bedrock:ListFoundationModels"],
                Resource: "*",
            };
        default:
            return i % 4 === 0
                ? { Sid: `Mistake${j}`, Effect: "Allow", Action: "bedrock:*", Resource: `arn:aws:bedrock:${region}:${account}:*` }
                : {
                      Sid: `Wildcard${j}`,
                      Effect: "Allow",
                      Action: "bedrock:InvokeModel*",
                      Resource: `arn:aws:bedrock:${region}::foundation-model/${model}`,
                  };
    }
}

export function permissionsPolicy(i: number, statements: number): string {
    return JSON.stringify({ Version: "2012-10-17", Statement: Array.from({ length: statements }, (_, j) => permissionsStatement(i, j)) });
}

function judge(text: string, cache: LanguageCache): void {
    const parsed = parsePolicyDocument(text);
    if (parsed.ok) {
        analyzePermissions([{ label: "p", doc: parsed.doc }], { cache });
    }
}

export function benchPermissionsEngine(): string[] {
    const lines: string[] = [];
    for (const n of [1, 5, 20]) {
        const docs = Array.from({ length: POLICIES }, (_, i) => permissionsPolicy(i, n));
        const cache = new LanguageCache();
        // Warm-up on other documents (and the IAM data's first read): the JIT, not the per-document cost.
        for (let i = 0; i < 50; i++) {
            judge(permissionsPolicy(POLICIES + i, n), cache);
        }
        const times = docs.map((d) => {
            const start = process.hrtime.bigint();
            judge(d, cache);
            return Number(process.hrtime.bigint() - start) / 1e6;
        });
        lines.push(
            `permissions engine, ${String(n).padStart(2)} statements: median ${percentile(times, 0.5).toFixed(3)} ms, p99 ${percentile(times, 0.99).toFixed(3)} ms per policy (${POLICIES} distinct policies; target 1 ms median at 5)`,
        );
    }
    return lines;
}

if (require.main === module) {
    process.stdout.write(`${benchPermissionsEngine().join("\n")}\n`);
}
