/**
 * The reference blocks of docs/policy-pack.md, from the rule registry (name, tier, level, description,
 * remediation), each policy's configSchema, and findings the rules really report on small examples.
 */
import * as path from "path";
import * as prettier from "prettier";
import { PolicyResource, ResourceValidationPolicy, StackValidationPolicy, unknownCheckingProxy } from "@pulumi/policy";
import type { PolicyConfigSchema } from "@pulumi/policy";
import { policies } from "../../policy-pack/policies";
import { Finding, RuleInfo, describeLocation } from "../../rules/findings";
import { ALL_RULES, PERMISSIONS_RULES, analyzeTrustPolicy, permissionsFindings } from "../../rules/registry";
import { TRUST_RULES } from "../../rules/trust-rules";
import { TRUST_EXAMPLES } from "../../rules/trust-rules/examples";
import { PERMISSIONS_EXAMPLES } from "../../rules/permissions-rules/examples";
import { judgeExample } from "../../rules/permissions-rules/example-support";
import { exampleConfig } from "../example-config";
import { RESOURCE_EXAMPLES } from "../../rules/resource-rules/examples";
import type { ResourceExample } from "../../rules/resource-rules/example-support";
import { cell, code, fence, table } from "./markdown";

const TIER_WORDS: Record<RuleInfo["tier"], string> = {
    exposure: "exposure",
    validity: "validity",
    convention: "convention",
    resource: "resource",
};

function policyOf(name: string): ResourceValidationPolicy | StackValidationPolicy {
    const p = policies.find((x) => x.name === name);
    if (p === undefined) {
        throw new Error(`scripts/docs: rule ${name} has no policy in policy-pack/policies/index.ts`);
    }
    return p;
}

function schemaType(p: Record<string, unknown>): string {
    const items = p.items as Record<string, unknown> | undefined;
    if (p.type === "array" && items !== undefined) {
        return Array.isArray(items.enum)
            ? `list of ${(items.enum as string[]).map((v) => JSON.stringify(v)).join(" \\| ")}`
            : `list of ${String(items.type)}`;
    }
    const range = p.minimum !== undefined || p.maximum !== undefined ? ` (${p.minimum ?? ""}-${p.maximum ?? ""})` : "";
    return `${String(p.type)}${range}`;
}

function configTable(schema: PolicyConfigSchema | undefined): string {
    const props = (schema?.properties ?? {}) as Record<string, Record<string, unknown>>;
    const rows = Object.entries(props).map(([k, p]) => [
        code(k),
        schemaType(p),
        code(JSON.stringify(p.default)),
        cell(String(p.description ?? "")),
    ]);
    return table(["key", "type", "default", "description"], rows);
}

function findingLine(f: Finding): string {
    return `${describeLocation(f)}: ${f.level} ${f.rule}: ${f.message}. Fix: ${f.remediation}`;
}

function trustExample(rule: RuleInfo): string {
    const ex = TRUST_EXAMPLES[rule.name]?.bad[0];
    if (ex === undefined) {
        throw new Error(`scripts/docs: no bad example for ${rule.name} in its folder's examples.ts`);
    }
    const found = analyzeTrustPolicy(ex.policy, ex.config).findings.filter((f) => f.rule === rule.name);
    if (found.length === 0) {
        throw new Error(`scripts/docs: the example for ${rule.name} yields no finding of that rule`);
    }
    const parts = [
        `Example: the component's trust policy with ${ex.change}, judged with ${code(JSON.stringify(ex.config))}:`,
        fence("json", JSON.stringify(ex.policy, null, 2)),
        "The finding, as `warp-bedrock lint` prints it:",
        fence("text", found.map(findingLine).join("\n")),
    ];
    const witnessed = found.find((f) => f.witness !== undefined);
    if (witnessed !== undefined) {
        parts.push(
            `Its witness, the request that gets in (statements ${witnessed.statements?.join(", ")}):`,
            fence("json", JSON.stringify(witnessed.witness, null, 2)),
        );
    }
    return parts.join("\n\n");
}

function permissionsExample(rule: RuleInfo): string {
    const ex = PERMISSIONS_EXAMPLES[rule.name]?.bad[0];
    if (ex === undefined) {
        throw new Error(`scripts/docs: no bad example for ${rule.name} in its folder's examples.ts`);
    }
    const found = permissionsFindings(judgeExample(ex)).filter((f) => f.rule === rule.name);
    if (found.length === 0) {
        throw new Error(`scripts/docs: the example for ${rule.name} yields no finding of that rule`);
    }
    return [
        `Example: the policies reaching a Warp-trusted role, with ${ex.change}:`,
        fence("json", JSON.stringify(ex.policies, null, 2)),
        "The finding, as `warp-bedrock lint` prints it:",
        fence("text", found.map(findingLine).join("\n")),
    ].join("\n\n");
}

/** Runs one policy over example resources as the policy server would (props behind its proxy), collecting what it reports. */
function runPolicy(policy: ResourceValidationPolicy | StackValidationPolicy, ex: ResourceExample): string[] {
    const out: string[] = [];
    const report = (message: unknown) => {
        const info =
            typeof message === "object" && message !== null
                ? (message as { message: string; enforcementLevel: string })
                : { message: String(message), enforcementLevel: policy.enforcementLevel ?? "advisory" };
        out.push(`[${info.enforcementLevel}] ${policy.name}\n${info.message}`);
    };
    const getConfig = <T>() => ({}) as T;
    const resources = ex.resources.map((r) => ({
        ...r,
        urn: `urn:pulumi:dev::example::${r.type}::${r.name}`,
        props: unknownCheckingProxy(r.props),
    }));
    if ("validateResource" in policy && policy.validateResource !== undefined) {
        const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
        for (const r of resources) {
            for (const validate of validations) {
                void validate(
                    { ...r, opts: {}, isType: () => false, asType: () => undefined, getConfig, notApplicable: () => undefined } as never,
                    report as never,
                );
            }
        }
    }
    if ("validateStack" in policy) {
        const stack = resources.map(
            (r) =>
                ({
                    ...r,
                    opts: {},
                    dependencies: [],
                    propertyDependencies: {},
                    isType: () => false,
                    asType: () => undefined,
                }) as unknown as PolicyResource,
        );
        void policy.validateStack({ resources: stack, getConfig, notApplicable: () => undefined } as never, report as never);
    }
    return out;
}

function resourceExample(rule: RuleInfo): string {
    const ex = RESOURCE_EXAMPLES[rule.name]?.bad[0];
    if (ex === undefined) {
        throw new Error(`scripts/docs: no bad example for ${rule.name} in its folder's examples.ts`);
    }
    const reported = runPolicy(policyOf(rule.name), ex);
    if (reported.length === 0) {
        throw new Error(`scripts/docs: the example for ${rule.name} yields no finding`);
    }
    const shown = ex.resources.map((r) => ({ type: r.type, name: r.name, props: r.props }));
    return [
        `Example: ${ex.change}:`,
        fence("json", JSON.stringify(shown, null, 2)),
        "What the policy reports, with its level and name, as `pulumi preview` lists it (the preview also prints the policy's description):",
        fence("text", reported.join("\n\n")),
    ].join("\n\n");
}

function policySection(rule: RuleInfo): string {
    const policy = policyOf(rule.name);
    const kind = "validateStack" in policy ? "stack-wide (all resources of a stack at once)" : "each resource";
    return [
        `### ${code(rule.name)}`,
        table(["tier", "default level", "runs on"], [[TIER_WORDS[rule.tier], rule.level, kind]]),
        `**What it stops.** ${cell(rule.description)}`,
        `**Remediation.** ${cell(rule.remediation)}`,
        `**Config** (besides ${code("enforcementLevel")}):`,
        configTable(policy.configSchema),
        rule.tier === "resource" ? resourceExample(rule) : PERMISSIONS_EXAMPLES[rule.name] ? permissionsExample(rule) : trustExample(rule),
    ].join("\n\n");
}

export function summaryTable(): string {
    return table(
        ["policy", "tier", "default level", "what it stops"],
        policies.map((p) => {
            const rule = ALL_RULES.find((r) => r.name === p.name);
            if (rule === undefined) {
                throw new Error(`scripts/docs: policy ${p.name} has no rule in rules/registry.ts`);
            }
            return [`[${code(p.name)}](#${p.name})`, rule.tier, rule.level, cell(rule.description)];
        }),
    );
}

/** The example config as `policy-pack/example-config.json` holds it: formatted by the project's Prettier config. */
export async function exampleConfigText(root: string): Promise<string> {
    const file = path.join(root, "policy-pack", "example-config.json");
    const options = (await prettier.resolveConfig(file)) ?? {};
    return prettier.format(JSON.stringify(exampleConfig()), { ...options, filepath: file });
}

export function policyPackBlocks(root: string): Record<string, () => string | Promise<string>> {
    return {
        "policy-summary": summaryTable,
        "trust-policies": () => TRUST_RULES.map(policySection).join("\n\n"),
        "permissions-policies": () => PERMISSIONS_RULES.map(policySection).join("\n\n"),
        "resource-policies": () =>
            ALL_RULES.filter((r) => r.tier === "resource")
                .map(policySection)
                .join("\n\n"),
        "example-config": async () => fence("json", await exampleConfigText(root)),
    };
}
