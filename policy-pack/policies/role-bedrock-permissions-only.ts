/**
 * Stack-wide: every permission that reaches a Warp-trusted role, by any route IAM offers (the role's
 * inline policies and managed ARNs, RolePolicy, RolePolicyAttachment, PolicyAttachment,
 * RolePolicyAttachmentsExclusive), allows only Bedrock model invocation.
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import { roleBedrockPermissionsOnly as INFO } from "../../rules/resource-rules";
import {
    PermissionsRuleConfig,
    analyzePermissionsPolicy,
    checkManagedPolicyAttachment,
    permissionsConfig,
} from "../../rules/permissions-rules";
import { trustConfig } from "../../rules/trust/config";
import { BEDROCK_INVOKE_ACTIONS, RESOURCE_TYPES } from "../../rules/constants";
import { report, unknownInPreview } from "./report";
import { Known, readKnown } from "./resource-values";
import { STRING_LIST, schema, stringListSetting } from "./settings";
import { StackGraph, StackResource, WarpRole, attachedPolicies, buildStackGraph, rolesReachedBy } from "./stack-graph";

const RULE = INFO.name;
const LEVEL = INFO.level;

type Report = Parameters<StackValidationPolicy["validateStack"]>[1];

function checkDocument(reportViolation: Report, config: PermissionsRuleConfig, document: Known, subject: string, urn: string): void {
    if (!document.known) {
        report(reportViolation, LEVEL, unknownInPreview(INFO, "the permissions policy"), { subject, urn });
        return;
    }
    for (const f of analyzePermissionsPolicy(document.value, config).findings) {
        report(reportViolation, LEVEL, f, { subject, urn });
    }
}

/** What every check of one stack run shares: the reporter, the config and the stack's graph. */
interface Run {
    reportViolation: Report;
    config: PermissionsRuleConfig;
    graph: StackGraph;
}

/** Judge the resources of one stack. */
function validateBedrockPermissions(
    resources: readonly StackResource[],
    rawConfig: Record<string, unknown>,
    reportViolation: Report,
): void {
    const warpIssuers = trustConfig({ warpIssuers: stringListSetting(RULE, rawConfig, "warpIssuers") }).warpIssuers;
    const config = permissionsConfig({
        allowedActions: stringListSetting(RULE, rawConfig, "allowedActions"),
        allowedPolicyArns: stringListSetting(RULE, rawConfig, "allowedPolicyArns"),
    });
    const graph = buildStackGraph(resources, warpIssuers);
    if (graph.warpRoles.length === 0) {
        return;
    }
    const run: Run = { reportViolation, config, graph };
    for (const role of graph.warpRoles) {
        checkRoleOwnPolicies(run, role);
    }
    for (const r of resources) {
        checkPolicyResource(run, r);
    }
}

/** The role's own inline policies and managed policy ARNs. */
function checkRoleOwnPolicies({ reportViolation, config }: Run, role: WarpRole): void {
    const props = role.resource.props;
    const inline = readKnown(props, "inlinePolicies");
    if (!inline.known) {
        checkDocument(reportViolation, config, inline, `${role.label} (inlinePolicies)`, role.resource.urn);
    } else if (Array.isArray(inline.value)) {
        for (const p of inline.value as Array<Record<string, unknown>>) {
            if (p && (p.policy !== undefined || p.name !== undefined)) {
                const subject = `${role.label} inline policy ${String(p.name ?? "")}`.trim();
                checkDocument(reportViolation, config, { known: true, value: p.policy }, subject, role.resource.urn);
            }
        }
    }
    const managed = readKnown(props, "managedPolicyArns");
    if (managed.known && Array.isArray(managed.value)) {
        for (const arn of managed.value) {
            const f = typeof arn === "string" ? checkManagedPolicyAttachment(arn, config) : undefined;
            if (f) {
                report(reportViolation, LEVEL, f, { subject: `${role.label} (managedPolicyArns)`, urn: role.resource.urn });
            }
        }
    }
}

/** A resource that puts a policy on roles: RolePolicy, or one of the three attachment types. */
function checkPolicyResource(run: Run, r: StackResource): void {
    switch (r.type) {
        case RESOURCE_TYPES.rolePolicy:
            for (const role of rolesReachedBy(run.graph, r, "role")) {
                checkDocument(
                    run.reportViolation,
                    run.config,
                    readKnown(r.props, "policy"),
                    `${role.label} via RolePolicy ${r.name}`,
                    r.urn,
                );
            }
            break;
        case RESOURCE_TYPES.rolePolicyAttachment:
            checkAttachment(run, r, "role", "policyArn", "RolePolicyAttachment");
            break;
        case RESOURCE_TYPES.policyAttachment:
            checkAttachment(run, r, "roles", "policyArn", "PolicyAttachment");
            break;
        case RESOURCE_TYPES.rolePolicyAttachmentsExclusive:
            checkAttachment(run, r, "roleName", "policyArns", "RolePolicyAttachmentsExclusive");
            break;
    }
}

/** Every policy an attachment puts on every Warp role it reaches: its document when in the stack, else its ARN. */
function checkAttachment({ reportViolation, config, graph }: Run, r: StackResource, roleKey: string, arnKey: string, kind: string): void {
    for (const role of rolesReachedBy(graph, r, roleKey)) {
        for (const attached of attachedPolicies(graph, r, arnKey)) {
            const subject = `${role.label} via ${kind} ${r.name}`;
            if (attached.kind === "document") {
                checkDocument(reportViolation, config, attached.document, `${subject} (policy ${attached.from.name})`, r.urn);
            } else if (attached.kind === "arn") {
                const f = checkManagedPolicyAttachment(attached.arn, config);
                if (f) {
                    report(reportViolation, LEVEL, f, { subject, urn: r.urn });
                }
            } else {
                report(reportViolation, LEVEL, unknownInPreview(INFO, "the attached policy ARN"), { subject, urn: r.urn });
            }
        }
    }
}

export const roleBedrockPermissionsOnly: StackValidationPolicy = {
    name: RULE,
    description: INFO.description,
    enforcementLevel: LEVEL,
    remediationSteps: INFO.remediation,
    configSchema: schema({
        allowedActions: {
            ...STRING_LIST,
            default: [...BEDROCK_INVOKE_ACTIONS],
            description: "Actions a Warp-trusted role may be allowed. Wildcards are never accepted.",
        },
        allowedPolicyArns: {
            ...STRING_LIST,
            default: [],
            description: "Customer managed policy ARNs from outside the stack that you have reviewed and accept on Warp-trusted roles.",
        },
    }),
    validateStack: (args, reportViolation) =>
        validateBedrockPermissions(args.resources, args.getConfig<Record<string, unknown>>(), reportViolation),
};
