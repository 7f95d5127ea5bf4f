/**
 * The reviewable plan: what the stack program registered, with policy documents parsed, roles tied to
 * their inline policies, granted subjects in plain words and the policy pack's verdicts. Every output
 * format (text, json, aws-cli) is rendered from this one model.
 */
import { COMPONENT_TYPES, PROJECT_NAME, RESOURCE_TYPES } from "../rules/constants";
import { effectOf } from "../rules/iam/document";
import { describeSubject } from "../rules/subject";
import { KNOWN_ISSUER_HOSTS } from "../rules/issuer";
import { AdmittedGroup, describeAdmitted, describeAdmittedLines } from "../rules/trust/describe";
import { TrustEngine, analyzeTrust } from "../rules/trust/engine";
import { RegisteredResource } from "./mock-deployment";
import { SynthContext, SynthRun } from "./synthesize";
import { VerdictReport, policyVerdicts } from "./verdicts";
import type { PackConfig } from "../policy-pack/in-process";

/** Inputs that hold a policy document as JSON text. */
const POLICY_INPUTS = new Set(["assumeRolePolicy", "policy"]);

export type PolicyDocument = { Version?: string; Statement?: unknown } & Record<string, unknown>;

interface PlannedResource {
    type: string;
    name: string;
    /** Name of the parent resource, when it has one. */
    parent?: string;
    /** `component` groups children; `create` is a cloud resource; `read` only reads (a StackReference). */
    action: "component" | "create" | "read";
    retainOnDelete: boolean;
    inputs: Record<string, unknown>;
}

interface GrantedSubject {
    subject: string;
    description: string;
    sid?: string;
}

export interface PlannedRole {
    resource: string;
    name?: string;
    namePrefix?: string;
    path: string;
    description?: string;
    maxSessionDuration?: number;
    permissionsBoundary?: string;
    tags: Record<string, string>;
    trustPolicy: PolicyDocument;
    /** Who may assume the role: the trust engine's answer, in data and in words. */
    whoMayAssume: WhoMayAssume;
    /** Subjects the Allow statements name, as written. */
    subjects: GrantedSubject[];
    /** Subjects a Deny statement refuses although a grant may match them (revoked principals). */
    revokedSubjects: GrantedSubject[];
    /** Set when an inline policy refuses every session issued before a time (AWSRevokeOlderSessions). */
    sessionsRevoked?: SessionCutoff;
    inlinePolicies: { resource: string; name: string; document: PolicyDocument }[];
}

interface WhoMayAssume {
    groups: readonly AdmittedGroup[];
    /** Requests outside the intended set that get in, each as its witness says it. */
    outsiders: readonly string[];
    assumptions: readonly string[];
    lines: string[];
}

/** The engine's answer on a generated trust policy, against every Warp issuer and the one team it admits. */
function whoMayAssume(trustPolicy: PolicyDocument, engine = new TrustEngine()): WhoMayAssume {
    const answer = analyzeTrust(trustPolicy, { allowedIssuers: KNOWN_ISSUER_HOSTS }, engine);
    const set = describeAdmitted(answer, engine);
    return { ...set, lines: describeAdmittedLines(set) };
}

interface SessionCutoff {
    /** Sessions whose aws:TokenIssueTime is before this time are denied every action. */
    issuedBefore: string;
    /** The inline policy that says so. */
    policy: string;
}

export interface PlannedProvider {
    /** `create`: this stack creates it; `reuse`: the roles trust an existing provider. */
    action: "create" | "reuse";
    arn: string;
    /** Where a reused provider's ARN came from. */
    arnSource?: "oidcProviderStack (placeholder)" | "oidcProviderStack (--oidc-provider-arn)" | "oidcProviderArn";
    fromStack?: string;
    resource?: string;
    url?: string;
    clientIds?: string[];
    tags?: Record<string, string>;
    retainOnDelete?: boolean;
}

export interface SynthReport {
    stackFile: string;
    stack: string;
    project: string;
    context: SynthContext;
    /** Everything in this plan that is not a real value of the reader's account, in words. */
    placeholders: string[];
    oidcProvider?: PlannedProvider;
    resources: PlannedResource[];
    roles: PlannedRole[];
    /** Named agents whose `inference_providers.aws` override is turned off: no role, override `{ disabled: true }`. */
    disabledAgents: string[];
    outputs: Record<string, unknown>;
    verdicts: VerdictReport;
}

const ACTION_ORDER: Record<string, number> = {
    [COMPONENT_TYPES.teamBedrockAccess]: 0,
    [COMPONENT_TYPES.warpOidcProvider]: 1,
    [RESOURCE_TYPES.stackReference]: 2,
    [RESOURCE_TYPES.oidcProvider]: 3,
    [RESOURCE_TYPES.role]: 4,
    [RESOURCE_TYPES.rolePolicy]: 5,
};

function parsePolicies(inputs: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(inputs)) {
        out[k] = POLICY_INPUTS.has(k) && typeof v === "string" ? (JSON.parse(v) as PolicyDocument) : v;
    }
    return out;
}

function asList(value: unknown): unknown[] {
    return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

/** The `<issuer>:sub` values each Allow statement admits, read from the document itself. */
function subjectsOf(doc: PolicyDocument): GrantedSubject[] {
    return subValues(doc, "allow");
}

/** The `<issuer>:sub` values Deny statements refuse: the revoked principals. */
function revokedSubjectsOf(doc: PolicyDocument): GrantedSubject[] {
    return subValues(doc, "deny");
}

/** The session cut-off an inline policy sets: a Deny of everything while aws:TokenIssueTime is before a time. */
function sessionCutoffOf(policies: PlannedRole["inlinePolicies"]): SessionCutoff | undefined {
    for (const p of policies) {
        for (const statement of asList(p.document.Statement) as Record<string, unknown>[]) {
            const before = (statement?.Condition as Record<string, Record<string, unknown>> | undefined)?.DateLessThan ?? {};
            const key = Object.keys(before).find((k) => k.toLowerCase() === "aws:tokenissuetime");
            if (effectOf(statement?.Effect) === "deny" && key !== undefined && asList(statement.Action).includes("*")) {
                return { issuedBefore: String(asList(before[key])[0]), policy: p.name };
            }
        }
    }
    return undefined;
}

function subValues(doc: PolicyDocument, effect: "allow" | "deny"): GrantedSubject[] {
    const found: GrantedSubject[] = [];
    for (const statement of asList(doc.Statement) as Record<string, unknown>[]) {
        if (effectOf(statement?.Effect) !== effect) {
            continue;
        }
        const conditions = (statement?.Condition ?? {}) as Record<string, Record<string, unknown>>;
        for (const operator of Object.keys(conditions)) {
            for (const [key, values] of Object.entries(conditions[operator] ?? {})) {
                if (!key.toLowerCase().endsWith(":sub")) {
                    continue;
                }
                for (const subject of asList(values)) {
                    const text = String(subject);
                    const sid = typeof statement.Sid === "string" ? statement.Sid : undefined;
                    found.push({ subject: text, description: describeSubject(text), ...(sid ? { sid } : {}) });
                }
            }
        }
    }
    return found;
}

function placeholderNotes(context: SynthContext, roles: PlannedRole[]): string[] {
    const notes: string[] = [];
    if (context.accountId.source === "placeholder") {
        notes.push(`account ${context.accountId.value} is a placeholder (pass --account-id)`);
    }
    if (context.partition.source === "placeholder") {
        notes.push(`partition ${context.partition.value} is a placeholder (pass --partition)`);
    }
    if (context.region.source === "placeholder") {
        notes.push(`region ${context.region.value} is a placeholder: the stack file sets no aws:region (pass --region)`);
    }
    if (context.providerStack?.oidcProviderArn.source === "placeholder") {
        notes.push(
            `the oidcProviderArn output of stack ${context.providerStack.stack} is a placeholder built from the account, partition and issuer (pass --oidc-provider-arn)`,
        );
    }
    if (roles.some((r) => r.name === undefined)) {
        notes.push("role names Pulumi generates end in a random suffix when deployed; ARNs and names here show 0000000… in its place");
    }
    return notes;
}

export function buildSynthReport(run: SynthRun, packConfig: PackConfig = {}): SynthReport {
    const sorted = [...run.resources].sort(
        (a, b) => (ACTION_ORDER[a.type] ?? 9) - (ACTION_ORDER[b.type] ?? 9) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
    );
    const roles = plannedRoles(sorted);
    const oidcProvider = plannedProvider(run, sorted);
    return {
        stackFile: run.stack.file,
        stack: run.stack.stack,
        project: PROJECT_NAME,
        context: run.context,
        placeholders: placeholderNotes(run.context, roles),
        ...(oidcProvider ? { oidcProvider } : {}),
        resources: plannedResources(sorted),
        roles,
        disabledAgents: Object.entries((run.outputs.agentOverrides ?? {}) as Record<string, { disabled?: unknown }>)
            .filter(([, o]) => o?.disabled === true)
            .map(([uid]) => uid)
            .sort(),
        outputs: parsePoliciesInOutputs(run.outputs),
        verdicts: policyVerdicts(run.resources, packConfig),
    };
}

/** Every resource with what the deployment would do to it, and its parent by name. */
function plannedResources(sorted: readonly RegisteredResource[]): PlannedResource[] {
    const byUrn = new Map(sorted.map((r) => [r.urn, r]));
    return sorted.map((r) => {
        const parent = r.parent ? byUrn.get(r.parent)?.name : undefined;
        return {
            type: r.type,
            name: r.name,
            ...(parent !== undefined ? { parent } : {}),
            action: !r.custom ? "component" : r.read || r.type === RESOURCE_TYPES.stackReference ? "read" : "create",
            retainOnDelete: r.retainOnDelete,
            inputs: parsePolicies(r.inputs),
        };
    });
}

/** The team role first: it is the one every reviewer looks for; per-agent roles follow by name. */
function plannedRoles(sorted: readonly RegisteredResource[]): PlannedRole[] {
    const isAgentRole = (r: RegisteredResource) =>
        typeof (r.inputs.tags as Record<string, unknown> | undefined)?.["warp:agent-uid"] === "string";
    const roleResources = sorted
        .filter((r) => r.type === RESOURCE_TYPES.role)
        .sort((a, b) => Number(isAgentRole(a)) - Number(isAgentRole(b)));
    const engine = new TrustEngine();
    return roleResources.map((r) => plannedRole(r, sorted, engine));
}

function plannedRole(r: RegisteredResource, sorted: readonly RegisteredResource[], engine: TrustEngine): PlannedRole {
    const inputs = parsePolicies(r.inputs);
    const trustPolicy = inputs.assumeRolePolicy as PolicyDocument;
    const inlinePolicies = sorted
        .filter((p) => p.type === RESOURCE_TYPES.rolePolicy && p.dependencies.includes(r.urn))
        .map((p) => ({
            resource: p.name,
            name: String(p.inputs.name),
            document: JSON.parse(String(p.inputs.policy)) as PolicyDocument,
        }));
    const sessionsRevoked = sessionCutoffOf(inlinePolicies);
    return {
        resource: r.name,
        ...(typeof inputs.name === "string" ? { name: inputs.name } : {}),
        ...(typeof inputs.namePrefix === "string" ? { namePrefix: inputs.namePrefix } : {}),
        path: typeof inputs.path === "string" ? inputs.path : "/",
        ...(typeof inputs.description === "string" ? { description: inputs.description } : {}),
        ...(typeof inputs.maxSessionDuration === "number" ? { maxSessionDuration: inputs.maxSessionDuration } : {}),
        ...(typeof inputs.permissionsBoundary === "string" ? { permissionsBoundary: inputs.permissionsBoundary } : {}),
        tags: (inputs.tags ?? {}) as Record<string, string>,
        trustPolicy,
        whoMayAssume: whoMayAssume(trustPolicy, engine),
        subjects: subjectsOf(trustPolicy),
        revokedSubjects: revokedSubjectsOf(trustPolicy),
        ...(sessionsRevoked ? { sessionsRevoked } : {}),
        inlinePolicies,
    };
}

/** The provider this stack creates, or the one its roles reuse and where that ARN came from. */
function plannedProvider(run: SynthRun, sorted: readonly RegisteredResource[]): PlannedProvider | undefined {
    const providerResource = sorted.find((r) => r.type === RESOURCE_TYPES.oidcProvider);
    const exportedArn = typeof run.outputs.oidcProviderArn === "string" ? run.outputs.oidcProviderArn : undefined;
    if (providerResource) {
        return {
            action: "create",
            arn: exportedArn ?? "",
            resource: providerResource.name,
            url: String(providerResource.inputs.url),
            clientIds: (providerResource.inputs.clientIdLists ?? []) as string[],
            tags: (providerResource.inputs.tags ?? {}) as Record<string, string>,
            retainOnDelete: providerResource.retainOnDelete,
        };
    }
    if (exportedArn === undefined) {
        return undefined;
    }
    const fromStack = run.context.providerStack;
    return {
        action: "reuse",
        arn: exportedArn,
        arnSource: fromStack
            ? fromStack.oidcProviderArn.source === "placeholder"
                ? "oidcProviderStack (placeholder)"
                : "oidcProviderStack (--oidc-provider-arn)"
            : "oidcProviderArn",
        ...(fromStack ? { fromStack: fromStack.stack } : {}),
    };
}

function parsePoliciesInOutputs(outputs: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(outputs)) {
        out[k] = (k === "trustPolicy" || k === "permissionsPolicy") && typeof v === "string" ? JSON.parse(v) : v;
    }
    return out;
}
