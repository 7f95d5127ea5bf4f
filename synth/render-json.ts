/**
 * `--format json`: the plan as one JSON document. Map keys are sorted so the output diffs cleanly in
 * code review; policy documents keep the builders' own order (Version first, statements as written),
 * which is already deterministic and is the order reviewers read them in.
 */
import { SynthReport } from "./synth-report";

function policyDocuments(plan: SynthReport): Set<unknown> {
    const docs = new Set<unknown>();
    for (const role of plan.roles) {
        docs.add(role.trustPolicy);
        role.inlinePolicies.forEach((p) => docs.add(p.document));
    }
    for (const r of plan.resources) {
        ["assumeRolePolicy", "policy"].forEach((k) => r.inputs[k] !== undefined && docs.add(r.inputs[k]));
    }
    ["trustPolicy", "permissionsPolicy"].forEach((k) => plan.outputs[k] !== undefined && docs.add(plan.outputs[k]));
    return docs;
}

function sortKeys(value: unknown, keep: Set<unknown>): unknown {
    if (Array.isArray(value)) {
        return value.map((v) => sortKeys(v, keep));
    }
    if (value === null || typeof value !== "object" || keep.has(value)) {
        return value;
    }
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value as Record<string, unknown>).sort()) {
        out[k] = sortKeys((value as Record<string, unknown>)[k], keep);
    }
    return out;
}

export function renderJson(plan: SynthReport): string {
    const document = { format: "warp-bedrock-synth/v1", ...plan };
    return `${JSON.stringify(sortKeys(document, policyDocuments(plan)), null, 2)}\n`;
}
