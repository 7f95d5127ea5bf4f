/**
 * The policy pack's verdicts on what synth recorded. Synth has no rules of its own: it runs the pack's
 * own policies in-process (policy-pack/in-process.ts), on the same inputs the engine would show them in
 * a preview, so synth and `pulumi preview --policy-pack policy-pack` cannot disagree.
 */
import { Diagnostic, PackConfig, analyzeResource, analyzeStack } from "../policy-pack/in-process";
import { policies } from "../policy-pack/policies";
import { POLICY_PACK_NAME } from "../rules/constants";
import { RegisteredResource } from "./mock-deployment";

interface Verdict {
    policy: string;
    level: string;
    message: string;
}

interface ResourceVerdict {
    type: string;
    name: string;
    violations: Verdict[];
}

export interface VerdictReport {
    pack: string;
    /** Every policy that ran, so "no violations" is not mistaken for "nothing checked". */
    policies: string[];
    resources: ResourceVerdict[];
    /** Stack-level reports not tied to one resource. */
    stack: Verdict[];
}

function verdict(d: Diagnostic): Verdict {
    return { policy: d.policyName, level: d.enforcementLevel, message: d.message };
}

/** `config`: the pack's config, as `--policy-pack-config` gives it to preview (default: the policies' own defaults). */
export function policyVerdicts(recorded: readonly RegisteredResource[], config: PackConfig = {}): VerdictReport {
    const custom = recorded.filter((r) => r.custom);
    const analyzed = custom.map((r) => ({ type: r.type, name: r.name, urn: r.urn, props: r.inputs, dependencies: r.dependencies }));
    const byUrn = new Map<string, ResourceVerdict>();
    const resources = analyzed.map((r) => {
        const v: ResourceVerdict = { type: r.type, name: r.name, violations: analyzeResource(r, { config }).map(verdict) };
        byUrn.set(r.urn, v);
        return v;
    });
    const stack: Verdict[] = [];
    for (const d of analyzeStack(analyzed, { config })) {
        const owner = d.urn !== undefined ? byUrn.get(d.urn) : undefined;
        (owner ? owner.violations : stack).push(verdict(d));
    }
    resources.sort((a, b) => (a.type + a.name < b.type + b.name ? -1 : a.type + a.name > b.type + b.name ? 1 : 0));
    return { pack: POLICY_PACK_NAME, policies: policies.map((p) => p.name), resources, stack };
}
