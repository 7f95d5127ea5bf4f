/**
 * Stack-wide: every permission that reaches a Warp-trusted role, by any route IAM offers (the stack
 * adapter of the routes, ./stack-routes.ts), judged together by the permissions engine.
 * One pack policy per permissions rule (rules/permissions-rules/), each reporting its rule's findings
 * on the resource that brought the policy in.
 */
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { LanguageCache } from "../../rules/iam/languages";
import { DEFAULT_PERMISSIONS_SETTINGS, PermissionsSettings, RoleJudgement, judgeRole } from "../../rules/permissions/role";
import { PERMISSIONS_RULES } from "../../rules/registry";
import type { PermissionsRule } from "../../rules/permissions-rules/rule";
import { trustConfig } from "../../rules/trust/config";
import { report } from "./report";
import { STRING_LIST, schema, stringListSetting } from "./settings";
import { StackResource, WarpRole, buildStackGraph } from "./stack-graph";
import { At, stackRoutes } from "./stack-routes";

/** One compiled-language cache for the pack's process: the preview's documents share automata. */
let cache = new LanguageCache();

/** For measurements that must not profit from an earlier run. */
export function clearPermissionsCache(): void {
    cache = new LanguageCache();
}

function settingsOf(rule: string, raw: Record<string, unknown>): PermissionsSettings {
    const list = (key: keyof PermissionsSettings) => stringListSetting(rule, raw, key) ?? DEFAULT_PERMISSIONS_SETTINGS[key];
    return {
        allowedActions: list("allowedActions"),
        allowedRegions: list("allowedRegions"),
        allowedModels: list("allowedModels"),
        allowedPolicyArns: list("allowedPolicyArns"),
    };
}

/** The judgement of every Warp-trusted role of a stack, computed once per stack and settings for all the permissions policies. */
const judged = new WeakMap<readonly unknown[], Map<string, Array<{ role: WarpRole; judgement: RoleJudgement<At> }>>>();

function judgeStack(resources: readonly StackResource[], settings: PermissionsSettings, warpIssuers: readonly string[]) {
    const key = JSON.stringify([settings, warpIssuers]);
    let byKey = judged.get(resources);
    const hit = byKey?.get(key);
    if (hit !== undefined) {
        return hit;
    }
    const out = stackRoutes(buildStackGraph(resources, warpIssuers), resources).map(({ role, input }) => ({
        role,
        judgement: judgeRole(input, settings, cache),
    }));
    if (byKey === undefined) {
        byKey = new Map();
        judged.set(resources, byKey);
    }
    byKey.set(key, out);
    return out;
}

type Report = Parameters<StackValidationPolicy["validateStack"]>[1];

function validate(rule: PermissionsRule, resources: readonly StackResource[], raw: Record<string, unknown>, reportViolation: Report): void {
    const warpIssuers = trustConfig({ warpIssuers: stringListSetting(rule.name, raw, "warpIssuers") }).warpIssuers;
    for (const { role, judgement } of judgeStack(resources, settingsOf(rule.name, raw), warpIssuers)) {
        for (const f of rule.check(judgement)) {
            const at = f.ref ?? { urn: role.resource.urn, subject: role.label };
            report(reportViolation, rule.level, f, { subject: f.subject ?? at.subject, urn: at.urn });
        }
    }
}

const CONFIG = schema({
    allowedActions: {
        ...STRING_LIST,
        default: [...DEFAULT_PERMISSIONS_SETTINGS.allowedActions],
        description: "Actions a Warp-trusted role may be allowed (on the allowed models only).",
    },
    allowedRegions: {
        ...STRING_LIST,
        default: [],
        description: "Regions of the inference profiles a Warp-trusted role may invoke; empty: every region.",
    },
    allowedModels: {
        ...STRING_LIST,
        default: [],
        description: "Model-ID patterns (* and ?) a Warp-trusted role may invoke; empty: every model.",
    },
    allowedPolicyArns: {
        ...STRING_LIST,
        default: [],
        description: "Customer managed policy ARNs from outside the stack that you have reviewed and accept on Warp-trusted roles.",
    },
});

/** The CrossGuard policy of one permissions rule. */
function permissionsRulePolicy(rule: PermissionsRule): StackValidationPolicy {
    return {
        name: rule.name,
        description: rule.description,
        enforcementLevel: rule.level,
        remediationSteps: rule.remediation,
        configSchema: CONFIG,
        validateStack: (args, reportViolation) =>
            validate(rule, args.resources as readonly PolicyResource[], args.getConfig<Record<string, unknown>>(), reportViolation),
    };
}

export const permissionsPolicies: readonly StackValidationPolicy[] = PERMISSIONS_RULES.map(permissionsRulePolicy);

/** The exposure rule's policy, which tests and benchmarks run alone. */
export const roleBedrockPermissionsOnly = permissionsPolicies[0];
