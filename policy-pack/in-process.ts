/**
 * Runs the pack's policies in this process, with the policy server's semantics: props behind the
 * unknown-checking proxy, enforcement levels from config, `description\nmessage` texts, the advisory
 * "can't run during preview" diagnostic when a policy trips over an unknown. Production code:
 * `warp-bedrock synth` runs the pack through it on what the stack program registered (synth/verdicts.ts),
 * so synth and `pulumi preview --policy-pack` give the same verdicts. The tests and the bench use it too.
 */
import {
    EnforcementLevel,
    Policies,
    PolicyResource,
    ResourceValidationPolicy,
    StackValidationPolicy,
    UnknownValueError,
    unknownCheckingProxy,
} from "@pulumi/policy";
import { policies as packPolicies } from "./policies";

export interface Diagnostic {
    policyName: string;
    enforcementLevel: EnforcementLevel;
    message: string;
    urn?: string;
}

export interface AnalyzedResource {
    type: string;
    name: string;
    urn: string;
    props: Record<string, unknown>;
    /** URNs of resources this one depends on. */
    dependencies?: string[];
    /** Property name to URNs of the resources its value came from. */
    propertyDependencies?: Record<string, string[]>;
}

export type PackConfig = Record<string, Record<string, unknown> & { enforcementLevel?: EnforcementLevel }>;

export interface AnalysisOptions {
    config?: PackConfig;
    policies?: Policies;
}

function levelOf(policy: { name: string; enforcementLevel?: EnforcementLevel }, config: PackConfig): EnforcementLevel {
    return config[policy.name]?.enforcementLevel ?? policy.enforcementLevel ?? "advisory";
}

function getConfigFor(name: string, config: PackConfig) {
    return <T extends object>(): T => {
        const { enforcementLevel: _ignored, ...rest } = config[name] ?? {};
        return rest as T;
    };
}

function reporter(policy: { name: string; description: string }, level: EnforcementLevel, out: Diagnostic[]) {
    return (message: unknown, urn?: string) => {
        if (typeof message === "object" && message !== null) {
            const info = message as { message?: string; enforcementLevel?: EnforcementLevel; urn?: string };
            out.push({
                policyName: policy.name,
                enforcementLevel: info.enforcementLevel ?? level,
                message: info.message ?? policy.description,
                urn: info.urn,
            });
            return;
        }
        out.push({
            policyName: policy.name,
            enforcementLevel: level,
            message: message ? `${policy.description}\n${message}` : policy.description,
            urn,
        });
    };
}

function isResourcePolicy(p: Policies[number]): p is ResourceValidationPolicy {
    return typeof (p as ResourceValidationPolicy).validateResource === "function";
}
function isStackPolicy(p: Policies[number]): p is StackValidationPolicy {
    return typeof (p as StackValidationPolicy).validateStack === "function";
}

function runGuarded<A, R>(policy: Policies[number], out: Diagnostic[], fn: (args: A, report: R) => unknown, args: A, report: R): void {
    try {
        const result = fn(args, report);
        if (result instanceof Promise) {
            throw new Error(`policy ${policy.name} is asynchronous; synth runs synchronous policies only`);
        }
    } catch (e) {
        if (e instanceof UnknownValueError) {
            out.push({
                policyName: policy.name,
                enforcementLevel: "advisory",
                message: `can't run policy '${policy.name}' during preview: ${(e as Error).message}`,
            });
            return;
        }
        throw e;
    }
}

const NO_OPTIONS = {
    protect: false,
    ignoreChanges: [],
    aliases: [],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    additionalSecretOutputs: [],
};
const NO_TAGS: ReadonlyMap<string, string> = new Map();
const notApplicable = (reason?: string): never => {
    throw new Error(reason ?? "not applicable");
};

function toPolicyResources(resources: readonly AnalyzedResource[]): PolicyResource[] {
    const byUrn = new Map<string, PolicyResource>();
    const built = resources.map((r) => {
        const pr = {
            type: r.type,
            props: unknownCheckingProxy(r.props),
            urn: r.urn,
            name: r.name,
            opts: NO_OPTIONS,
            dependencies: [] as PolicyResource[],
            propertyDependencies: {} as Record<string, PolicyResource[]>,
            isType: () => false,
            asType: () => undefined,
        } as PolicyResource;
        byUrn.set(r.urn, pr);
        return pr;
    });
    resources.forEach((r, i) => {
        const pr = built[i];
        pr.dependencies = (r.dependencies ?? []).map((u) => byUrn.get(u)).filter((x): x is PolicyResource => x !== undefined);
        for (const [k, urns] of Object.entries(r.propertyDependencies ?? {})) {
            pr.propertyDependencies[k] = urns.map((u) => byUrn.get(u)).filter((x): x is PolicyResource => x !== undefined);
        }
    });
    return built;
}

export interface PreparedAnalysis {
    /** Run every enabled policy once, as a preview does; returns the diagnostics of this run. */
    run(): Diagnostic[];
}

/** One call of one policy, with the arguments and reporter the policy server would give it. */
interface Step {
    policy: Policies[number];
    fn: (args: any, report: any) => unknown;
    args: unknown;
    report: unknown;
}

type ReporterFor = (policy: Policies[number], level: EnforcementLevel) => unknown;

/** Every resource policy on every resource, each validation function as its own step. */
function resourceSteps(resources: readonly AnalyzedResource[], policies: Policies, config: PackConfig, reporterFor: ReporterFor): Step[] {
    const steps: Step[] = [];
    for (const resource of resources) {
        const props = unknownCheckingProxy(resource.props);
        for (const policy of policies) {
            const level = levelOf(policy, config);
            if (level === "disabled" || !isResourcePolicy(policy) || !policy.validateResource) {
                continue;
            }
            const report = reporterFor(policy, level);
            const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
            const args = {
                type: resource.type,
                props,
                urn: resource.urn,
                name: resource.name,
                opts: NO_OPTIONS,
                stackTags: NO_TAGS,
                isType: () => false,
                asType: () => undefined,
                getConfig: getConfigFor(policy.name, config),
                notApplicable,
            };
            steps.push(...validations.map((validate) => ({ policy, fn: validate, args, report })));
        }
    }
    return steps;
}

/** Every stack policy once, over all the resources. */
function stackSteps(resources: readonly AnalyzedResource[], policies: Policies, config: PackConfig, reporterFor: ReporterFor): Step[] {
    const policyResources = toPolicyResources(resources);
    const steps: Step[] = [];
    for (const policy of policies) {
        const level = levelOf(policy, config);
        if (level === "disabled" || !isStackPolicy(policy)) {
            continue;
        }
        const args = { resources: policyResources, getConfig: getConfigFor(policy.name, config), stackTags: NO_TAGS, notApplicable };
        steps.push({ policy, fn: policy.validateStack, args, report: reporterFor(policy, level) });
    }
    return steps;
}

/**
 * Builds what the policy server builds for each call (props behind the proxy, args, reporters) up
 * front, so `run` does only the pack's own work: the bench times `run`, the server's marshalling is
 * not the pack's cost.
 */
export function prepareAnalysis(
    resources: readonly AnalyzedResource[],
    options: AnalysisOptions & { resourcePolicies?: boolean; stackPolicies?: boolean } = {},
): PreparedAnalysis {
    const config = options.config ?? {};
    const sink: { out: Diagnostic[] } = { out: [] };
    const policies = options.policies ?? packPolicies;
    const reporterFor = (policy: Policies[number], level: EnforcementLevel) => {
        const effective = level === "remediate" ? "mandatory" : level;
        return (message: unknown, urn?: string) => reporter(policy, effective, sink.out)(message, urn);
    };
    // The policy server calls each policy with fresh arguments; the same objects are reused here because
    // the policies never mutate them, and building them is the server's cost, not the pack's.
    const steps: Step[] = [
        ...(options.resourcePolicies !== false ? resourceSteps(resources, policies, config, reporterFor) : []),
        ...(options.stackPolicies !== false ? stackSteps(resources, policies, config, reporterFor) : []),
    ];
    return {
        run() {
            sink.out = [];
            // Indexed: a for-of over 70,000 steps in a function run once allocates an iterator result per
            // step, which the bench would count as the pack's garbage.
            for (let i = 0; i < steps.length; i++) {
                const step = steps[i];
                runGuarded(step.policy, sink.out, step.fn, step.args, step.report);
            }
            return sink.out;
        },
    };
}

export function analyzeResource(resource: AnalyzedResource, options: AnalysisOptions = {}): Diagnostic[] {
    return prepareAnalysis([resource], { ...options, stackPolicies: false }).run();
}

export function analyzeStack(resources: readonly AnalyzedResource[], options: AnalysisOptions = {}): Diagnostic[] {
    return prepareAnalysis(resources, { ...options, resourcePolicies: false }).run();
}

/** What a preview reports: every resource on its own, then the stack as a whole. */
export function analyzeAll(resources: readonly AnalyzedResource[], options: AnalysisOptions = {}): Diagnostic[] {
    return prepareAnalysis(resources, options).run();
}
