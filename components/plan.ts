/**
 * Validates everything an admin can pass (from a program, stack config or another Pulumi language)
 * and turns it into a plan: plain values only, no Pulumi. Every refusal is a ValidationError that
 * names the field, raised before the component registers any child resource.
 */
import { DEFAULT_SESSION_SECONDS, MAX_SESSION_SECONDS, MIN_SESSION_SECONDS, POLICY_PACK_NAME } from "../rules/constants";
import { ValidationError, isUnset, quoteValue } from "../rules/errors";
import { Issuer, normalizeIssuer } from "../rules/issuer";
import { Finding } from "../rules/findings";
import { analyzePermissionsPolicy, analyzeTrustPolicy } from "../rules/registry";
import { trustConfigFor } from "../rules/trust/config";
import { DEFAULT_TRUST_POLICY_LIMIT, INLINE_POLICY_LIMIT, MAX_TRUST_POLICY_LIMIT, iamPolicyLength } from "../rules/policy-size";
import { assertUid, subjectFor } from "../rules/subject";
import {
    assertDescription,
    assertIamPath,
    assertModelPattern,
    assertOidcProviderArn,
    assertPolicyArn,
    assertRegion,
    assertRoleName,
    assertTags,
    parseOidcProviderArn,
} from "../rules/aws-names";
import { BedrockScope, buildPermissionsPolicy } from "./permissions-policy";
import { TrustGrants, buildTrustPolicy, grantedSubjects, oidcProviderArnFor } from "./trust-policy";
import { RevocationPlan, buildRevokeSessionsPolicy, planRevocations, revokedSubjects, withRevokedSubjects } from "./revocation";
import type * as aws from "@pulumi/aws";

/** Name of the inline Bedrock policy on every role, unless `inlinePolicyName` names an adopted one. */
export const DEFAULT_INLINE_POLICY_NAME = "warp-bedrock-invoke";

const TEAM_UID_SOURCE = "Warp's Admin Panel (Settings > Teams)";
const AGENT_UID_SOURCE = "GET /api/v1/agent/identities or the agent's URL in the Oz web app";

interface AgentRolePlan {
    uid: string;
    /** Region the agent's override points at, when one was given. */
    region?: string;
    scope: BedrockScope;
}

interface RolePlan {
    name?: string;
    namePrefix?: string;
    path: string;
    description: string;
    maxSessionDuration: number;
    permissionsBoundaryArn?: string;
    /** The team role's inline policy name, when an adopted role's own name is kept. */
    inlinePolicyName?: string;
}

export interface TeamAccessPlan {
    issuer: Issuer;
    /** Set when an existing provider is reused; otherwise the component creates one. */
    oidcProviderArn?: string;
    grants: TrustGrants;
    subjects: string[];
    scope: BedrockScope;
    agentRoles: AgentRolePlan[];
    /** Agents whose override is turned off (`agentRoles: { <uid>: { disabled: true } }`): no role is created. */
    disabledAgentUids: string[];
    /** Principals refused by every role, and the cut-off for the roles' sessions. */
    revoked: RevocationPlan;
    role: RolePlan;
    tags: Record<string, string>;
    maxTrustPolicyLength: number;
}

function optionalBoolean(raw: Record<string, unknown>, key: string, fallback: boolean, field = key): boolean {
    const value = raw[key];
    if (value === undefined || value === null) {
        return fallback;
    }
    if (typeof value !== "boolean") {
        throw new ValidationError(field, `${quoteValue(value)} is not a boolean`, "Write true or false");
    }
    return value;
}

function optionalString(raw: Record<string, unknown>, field: string): string | undefined {
    const value = raw[field];
    if (value === undefined || value === null) {
        return undefined;
    }
    if (typeof value !== "string") {
        throw new ValidationError(field, `${quoteValue(value)} is not a string`, "Write the value as a string");
    }
    return value;
}

/** A list argument that may be left out (an empty list then). */
function optionalList(value: unknown, field: string): unknown[] {
    if (value === undefined || value === null) {
        return [];
    }
    if (!Array.isArray(value)) {
        throw new ValidationError(field, `${quoteValue(value)} is not a list`, "Write a list of values");
    }
    return value;
}

function uniqueSorted(values: string[]): string[] {
    return [...new Set(values)].sort();
}

function scopeFrom(regions: unknown, models: unknown, field: string): BedrockScope {
    return {
        regions: uniqueSorted(optionalList(regions, `${field}Regions`).map((r, i) => assertRegion(r, `${field}Regions[${i}]`))),
        models: uniqueSorted(optionalList(models, `${field}Models`).map((m, i) => assertModelPattern(m, `${field}Models[${i}]`))),
    };
}

function integerIn(raw: Record<string, unknown>, field: string, fallback: number, min: number, max: number, fix: string): number {
    const value = raw[field] ?? fallback;
    if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
        throw new ValidationError(field, `${quoteValue(value)} is not a whole number from ${min} to ${max}`, fix);
    }
    return value;
}

export interface PlanOptions {
    /** The current time in milliseconds, against which a session cut-off must lie in the past. */
    now?: number;
}

export function planTeamAccess(input: unknown, opts: PlanOptions = {}): TeamAccessPlan {
    const raw = argsObject(input);
    const teamUid = requiredTeamUid(raw);
    const issuer = normalizeIssuer(raw.issuer, "issuer");
    const oidcProviderArn = reusedProviderArn(raw, issuer);
    const grants = planGrants(raw, teamUid);
    const scope = scopeFrom(raw.bedrockRegions, raw.bedrockModels, "bedrock");
    const { agentRoles, disabledAgentUids } = planAgentRoles(raw.agentRoles, scope);
    const plan: TeamAccessPlan = {
        issuer,
        ...(oidcProviderArn ? { oidcProviderArn } : {}),
        grants,
        subjects: grantedSubjects(grants),
        scope,
        agentRoles,
        disabledAgentUids,
        revoked: planRevocations(raw, opts.now ?? Date.now()),
        role: planRole(raw, teamUid, issuer),
        tags: assertTags(raw.tags, "tags"),
        maxTrustPolicyLength: trustPolicyLengthQuota(raw),
    };
    // Size is checked now, with the longest partition name, so an oversize policy fails before anything exists;
    // the rules judge the documents once, when they are built for the real account.
    buildAccessDocuments(plan, { partition: "aws-us-gov", accountId: "000000000000" }, { checkAccount: false, selfCheck: false });
    return plan;
}

function argsObject(input: unknown): Record<string, unknown> {
    if (input === null || typeof input !== "object" || Array.isArray(input)) {
        throw new ValidationError("args", "must be an object", "Pass the component's arguments as an object");
    }
    return input as Record<string, unknown>;
}

function requiredTeamUid(raw: Record<string, unknown>): string {
    if (raw.teamUid === undefined || raw.teamUid === null) {
        throw new ValidationError("teamUid", "is required", `Copy your team's UID from ${TEAM_UID_SOURCE}`);
    }
    return assertUid(raw.teamUid, "teamUid", TEAM_UID_SOURCE);
}

/** The provider to reuse, when an ARN is given; unset or empty means the component creates one. */
function reusedProviderArn(raw: Record<string, unknown>, issuer: Issuer): string | undefined {
    return createsProvider(raw.oidcProviderArn) ? undefined : assertOidcProviderArn(raw.oidcProviderArn, "oidcProviderArn", issuer);
}

/** Whether the component creates the OIDC provider: no ARN of one to reuse is given. */
export function createsProvider(oidcProviderArn: unknown): boolean {
    return isUnset(oidcProviderArn);
}

/**
 * `namedAgents` is the stack file's friendly form; the component takes the typed keys only. Passed to the
 * component (a YAML or untyped program) it would be ignored, and beside `allNamedAgents` it contradicts it.
 */
function refuseStackConfigForm(raw: Record<string, unknown>): void {
    if (raw.namedAgents === undefined) {
        return;
    }
    const beside = raw.allNamedAgents !== undefined ? ` (here beside allNamedAgents: ${String(raw.allNamedAgents)})` : "";
    throw new ValidationError(
        "namedAgents",
        `is a stack config key, not an argument of the component${beside}`,
        "Pass allNamedAgents: true for every named agent, or namedAgentUids for chosen ones",
    );
}

/** Who the team role trusts: people, every named agent, or chosen ones; refuses a role that trusts nobody. */
function planGrants(raw: Record<string, unknown>, teamUid: string): TrustGrants {
    refuseStackConfigForm(raw);
    const grantUsers = optionalBoolean(raw, "grantUsers", true);
    const allNamedAgents = optionalBoolean(raw, "allNamedAgents", false);
    const namedAgentUids = uniqueSorted(
        optionalList(raw.namedAgentUids, "namedAgentUids").map((uid, i) => assertUid(uid, `namedAgentUids[${i}]`, AGENT_UID_SOURCE)),
    );
    if (allNamedAgents && namedAgentUids.length > 0) {
        throw new ValidationError(
            "namedAgentUids",
            "is set together with allNamedAgents, which already admits every named agent of the team",
            "Either set allNamedAgents: true, or list the agents in namedAgentUids, not both",
        );
    }
    if (!grantUsers && !allNamedAgents && namedAgentUids.length === 0) {
        throw new ValidationError(
            "grantUsers",
            "is false and no named agent is granted, so the role would trust nobody",
            "Turn on grantUsers, set allNamedAgents: true, or list agents in namedAgentUids",
        );
    }
    return { teamUid, grantUsers, allNamedAgents, namedAgentUids };
}

/** The per-agent roles, sorted by UID, apart from the agents whose override is turned off. */
function planAgentRoles(value: unknown, teamScope: BedrockScope): { agentRoles: AgentRolePlan[]; disabledAgentUids: string[] } {
    const { roleUids, disabledUids } = agentRoleUids(value);
    const settings = (value ?? {}) as Record<string, Record<string, unknown> | undefined>;
    // Every agent's settings are checked, a disabled agent's too.
    disabledUids.forEach((uid) => agentScope(uid, settings[uid] ?? {}, teamScope));
    const agentRoles = roleUids.map((uid): AgentRolePlan => {
        const { region, scope } = agentScope(uid, settings[uid] ?? {}, teamScope);
        return region ? { uid, region, scope } : { uid, scope };
    });
    return { agentRoles, disabledAgentUids: disabledUids };
}

/**
 * The agents of `agentRoles`, sorted: those that get a role of their own, and those whose override is
 * turned off. These decide how many roles exist, so the component asks before it registers anything
 * (on the plain map), and the plan again on the resolved arguments.
 */
export function agentRoleUids(value: unknown): { roleUids: string[]; disabledUids: string[] } {
    const map = value ?? {};
    if (typeof map !== "object" || Array.isArray(map) || map === null) {
        throw new ValidationError(
            "agentRoles",
            "must be a map from agent UID to { region?, models? }",
            "Write agentRoles as a map keyed by agent UID",
        );
    }
    const roleUids: string[] = [];
    const disabledUids: string[] = [];
    for (const [uid, settings] of Object.entries(map as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        (agentDisabled(uid, settings) ? disabledUids : roleUids).push(uid);
    }
    return { roleUids, disabledUids };
}

/** Checks an agent's UID and the shape of its settings; true when its override is turned off. */
function agentDisabled(uid: string, settings: unknown): boolean {
    assertUid(uid, `agentRoles[${quoteValue(uid)}]`, AGENT_UID_SOURCE);
    const field = `agentRoles.${uid}`;
    const s = (settings ?? {}) as Record<string, unknown>;
    if (typeof s !== "object" || Array.isArray(s)) {
        throw new ValidationError(
            field,
            "must be an object with optional region, models and disabled",
            "Write { region: us-east-1, models: [...] }, { disabled: true } or {}",
        );
    }
    return optionalBoolean(s, "disabled", false, `${field}.disabled`);
}

/** An agent's region and models, or the team's. */
function agentScope(uid: string, s: Record<string, unknown>, teamScope: BedrockScope): { region?: string; scope: BedrockScope } {
    const field = `agentRoles.${uid}`;
    const region = s.region === undefined || s.region === null ? undefined : assertRegion(s.region, `${field}.region`);
    const models = s.models === undefined || s.models === null ? undefined : s.models;
    const scope: BedrockScope = {
        regions: region ? [region] : teamScope.regions,
        models:
            models === undefined
                ? teamScope.models
                : uniqueSorted(optionalList(models, `${field}.models`).map((m, i) => assertModelPattern(m, `${field}.models[${i}]`))),
    };
    return region ? { region, scope } : { scope };
}

/** The team role's IAM settings: name or prefix (not both), path, description, session length, boundary. */
function planRole(raw: Record<string, unknown>, teamUid: string, issuer: Issuer): RolePlan {
    const name = optionalString(raw, "roleName");
    const namePrefix = optionalString(raw, "roleNamePrefix");
    if (name !== undefined && namePrefix !== undefined) {
        throw new ValidationError("roleNamePrefix", "is set together with roleName", "Set either roleName or roleNamePrefix, not both");
    }
    const boundary = optionalString(raw, "permissionsBoundaryArn");
    return {
        ...(name !== undefined ? { name: assertRoleName(name, "roleName", 64) } : {}),
        // Pulumi appends a 26-character unique suffix to a prefix, and IAM names stop at 64.
        ...(namePrefix !== undefined ? { namePrefix: assertRoleName(namePrefix, "roleNamePrefix", 38) } : {}),
        path: assertIamPath(optionalString(raw, "rolePath") ?? "/", "rolePath"),
        description: assertDescription(
            optionalString(raw, "roleDescription") ?? `Lets Warp agents of team ${teamUid} call Amazon Bedrock through ${issuer.id}`,
            "roleDescription",
        ),
        maxSessionDuration: integerIn(
            raw,
            "maxSessionDuration",
            DEFAULT_SESSION_SECONDS,
            MIN_SESSION_SECONDS,
            MAX_SESSION_SECONDS,
            `Give seconds from ${MIN_SESSION_SECONDS} (${MIN_SESSION_SECONDS / 3600} hour) to ${MAX_SESSION_SECONDS} (${MAX_SESSION_SECONDS / 3600} hours)`,
        ),
        ...(boundary !== undefined && boundary !== ""
            ? { permissionsBoundaryArn: assertPolicyArn(boundary, "permissionsBoundaryArn") }
            : {}),
        ...inlinePolicyNameOf(raw),
    };
}

function trustPolicyLengthQuota(raw: Record<string, unknown>): number {
    return integerIn(
        raw,
        "maxTrustPolicyLength",
        DEFAULT_TRUST_POLICY_LIMIT,
        DEFAULT_TRUST_POLICY_LIMIT,
        MAX_TRUST_POLICY_LIMIT,
        `Give IAM's trust-policy length quota for your account: ${DEFAULT_TRUST_POLICY_LIMIT} by default, at most ${MAX_TRUST_POLICY_LIMIT}`,
    );
}

export interface AccountContext {
    partition: string;
    accountId: string;
}

export interface RoleDocuments {
    trustPolicy: aws.iam.PolicyDocument;
    permissionsPolicy: aws.iam.PolicyDocument;
    /** The IAM console's AWSRevokeOlderSessions policy, when sessions are revoked. */
    revokeSessionsPolicy?: aws.iam.PolicyDocument;
}

export interface AccessDocuments {
    oidcProviderArn: string;
    team: RoleDocuments;
    agents: Record<string, RoleDocuments & { region?: string }>;
}

function agentGrants(teamUid: string, agentUid: string): TrustGrants {
    return { teamUid, grantUsers: false, allNamedAgents: false, namedAgentUids: [agentUid] };
}

/** A reused provider must be of the role's own account: IAM trusts no other. */
function assertProviderAccount(plan: TeamAccessPlan, account: AccountContext): void {
    const parsed = plan.oidcProviderArn ? parseOidcProviderArn(plan.oidcProviderArn) : undefined;
    if (parsed && (parsed.accountId !== account.accountId || parsed.partition !== account.partition)) {
        throw new ValidationError(
            "oidcProviderArn",
            `${quoteValue(plan.oidcProviderArn)} is in account ${parsed.accountId} (${parsed.partition}), but the role is being created in account ${account.accountId} (${account.partition}); IAM only trusts a provider of the role's own account`,
            "Reuse the provider of this account, or deploy with credentials for the provider's account",
        );
    }
}

/** All documents of a plan in one account. Throws when a document would exceed IAM's size limits. */
export function buildAccessDocuments(
    plan: TeamAccessPlan,
    account: AccountContext,
    opts = { checkAccount: true, selfCheck: true },
): AccessDocuments {
    const providerArn = plan.oidcProviderArn ?? oidcProviderArnFor(account.partition, account.accountId, plan.issuer);
    if (opts.checkAccount) {
        assertProviderAccount(plan, account);
    }
    const revokeSessionsPolicy = plan.revoked.sessionsIssuedBefore
        ? buildRevokeSessionsPolicy(plan.revoked.sessionsIssuedBefore)
        : undefined;
    /**
     * Sizes are checked for the grants, then for the documents with the revocations added (Deny statements
     * and a policy built from validated exact values, which may only take access away); the rules judge each
     * role once, with its revocations. Those may rightly leave a role that admits nobody (a revoked agent's
     * own role), which the rules would call broken.
     */
    const withRevocations = (grantsOnly: RoleDocuments, revokedSubs: string[], field: string, fix: string): RoleDocuments => {
        checkSizes(field, grantsOnly, plan.maxTrustPolicyLength, fix);
        const docs: RoleDocuments = {
            trustPolicy: withRevokedSubjects(grantsOnly.trustPolicy, providerArn, plan.issuer, revokedSubs),
            permissionsPolicy: grantsOnly.permissionsPolicy,
            ...(revokeSessionsPolicy ? { revokeSessionsPolicy } : {}),
        };
        const revokedField = plan.revoked.agentUids.length > 0 ? "revokedAgentUids" : "revokedUserUids";
        checkSizes(
            field,
            docs,
            plan.maxTrustPolicyLength,
            revokedSubs.length > 0 ? REVOKED_FIX : fix,
            revokedSubs.length > 0 ? revokedField : field,
        );
        if (opts.selfCheck) {
            checkAgainstRules(plan, docs, account.accountId, revokedSubs.length > 0);
        }
        return docs;
    };
    const team = withRevocations(
        {
            trustPolicy: buildTrustPolicy(providerArn, plan.issuer, plan.grants),
            permissionsPolicy: buildPermissionsPolicy(account.partition, account.accountId, plan.scope),
        },
        revokedSubjects(plan.grants.teamUid, plan.revoked),
        "namedAgentUids",
        "grant all named agents with allNamedAgents: true, or give agents their own roles with agentRoles",
    );
    const agents: AccessDocuments["agents"] = {};
    for (const agent of plan.agentRoles) {
        // A per-agent role admits only its agent, so only that agent's revocation belongs in it.
        const revokedHere = plan.revoked.agentUids.includes(agent.uid) ? [agentSubject(plan.grants.teamUid, agent.uid)] : [];
        const docs = withRevocations(
            {
                trustPolicy: buildTrustPolicy(providerArn, plan.issuer, agentGrants(plan.grants.teamUid, agent.uid)),
                permissionsPolicy: buildPermissionsPolicy(account.partition, account.accountId, agent.scope),
            },
            revokedHere,
            `agentRoles.${agent.uid}`,
            "narrow the agent's models",
        );
        agents[agent.uid] = agent.region ? { ...docs, region: agent.region } : docs;
    }
    return { oidcProviderArn: providerArn, team, agents };
}

/** What to do when the revocations push the trust policy over its size limit. */
const REVOKED_FIX =
    "revoke fewer principals at once (one removed from namedAgentUids needs no revocation), or give agents their own roles with agentRoles";

/**
 * The documents must pass the same rules the policy pack and the lint CLI enforce, for this team and
 * issuer only. A finding here means a bug in the builders, so it stops the program before anything exists.
 */
export function checkAgainstRules(plan: TeamAccessPlan, docs: RoleDocuments, accountId: string, mayAdmitNobody = false): void {
    const trust = analyzeTrustPolicy(
        docs.trustPolicy,
        trustConfigFor(plan.issuer.id, plan.grants.teamUid, {
            account: accountId,
            trustPolicyLengthQuota: plan.maxTrustPolicyLength,
        }),
    );
    const permissions = [docs.permissionsPolicy, ...(docs.revokeSessionsPolicy ? [docs.revokeSessionsPolicy] : [])];
    const mandatory: Finding[] = [...trust.findings, ...permissions.flatMap((p) => analyzePermissionsPolicy(p).findings)].filter(
        (f) => f.level === "mandatory",
    );
    const admitsNobody = !trust.answer.warpTrusted || trust.answer.broken;
    if ((admitsNobody && !mayAdmitNobody) || mandatory.length > 0) {
        // Name the rule that judged: a mandatory finding, or the broken-role rule's (an advisory tier) when none is.
        const judged = mandatory.length > 0 ? mandatory : trust.findings.filter((f) => f.rule === "warp-trust-broken-role");
        const why = judged.map((f) => `${f.rule}: ${f.message}`).join("; ") || "the trust policy does not federate to the issuer";
        throw new Error(`internal error: a generated policy breaks the ${POLICY_PACK_NAME} rules (${why}); please report this`);
    }
}

function checkSizes(field: string, docs: RoleDocuments, trustLimit: number, trustFix: string, trustField = field): void {
    const trustLength = iamPolicyLength(docs.trustPolicy);
    if (trustLength > trustLimit) {
        throw new ValidationError(
            trustField,
            `the trust policy would be ${trustLength} characters, over IAM's limit of ${trustLimit} (white space not counted)`,
            `To fit, ${trustFix}; or, if your account's quota for role trust policy length was raised, set maxTrustPolicyLength (at most ${MAX_TRUST_POLICY_LIMIT})`,
        );
    }
    // IAM counts all inline policies of a role together, the session revocation included.
    const permissionsLength =
        iamPolicyLength(docs.permissionsPolicy) + (docs.revokeSessionsPolicy ? iamPolicyLength(docs.revokeSessionsPolicy) : 0);
    if (permissionsLength > INLINE_POLICY_LIMIT) {
        const scopeField = field.startsWith("agentRoles.") ? `${field}.models` : "bedrockModels";
        throw new ValidationError(
            scopeField,
            `the Bedrock permissions policy would be ${permissionsLength} characters${docs.revokeSessionsPolicy ? " with the session revocation policy" : ""}, over IAM's ${INLINE_POLICY_LIMIT}-character limit for a role's inline policies`,
            "Use fewer regions or broader model patterns (for example anthropic.claude-* instead of each version)",
        );
    }
}

/** Subject admitted by a per-agent role. */
function agentSubject(teamUid: string, agentUid: string): string {
    return subjectFor(teamUid, "service_account", agentUid);
}

const POLICY_NAME = /^[\w+=,.@-]{1,128}$/;

function inlinePolicyNameOf(raw: Record<string, unknown>): { inlinePolicyName?: string } {
    const value = optionalString(raw, "inlinePolicyName");
    if (value === undefined || value === "") {
        return {};
    }
    if (!POLICY_NAME.test(value)) {
        throw new ValidationError(
            "inlinePolicyName",
            `${quoteValue(value)} is not an IAM policy name`,
            "Use 1-128 letters, digits and +=,.@_-",
        );
    }
    return { inlinePolicyName: value };
}

/** IDs of existing resources the component adopts (the `import` resource option) instead of creating them. */
export interface ImportIds {
    /** ARN of the OIDC provider the component would create. */
    oidcProvider?: string;
    /** Name of the team role. */
    role?: string;
    /** `<role name>:<policy name>` of the team role's inline Bedrock policy. */
    rolePolicy?: string;
}

/**
 * Resource options must be known when the program registers a resource, so `importIds` is a plain
 * object of plain strings, checked before anything registers.
 */
export function planImportIds(value: unknown): ImportIds {
    if (value === undefined || value === null) {
        return {};
    }
    if (typeof value !== "object" || Array.isArray(value)) {
        throw new ValidationError(
            "importIds",
            `${quoteValue(value)} is not a map`,
            "Write importIds as { oidcProvider?, role?, rolePolicy? } with plain strings",
        );
    }
    const out: Record<string, string> = {};
    for (const [key, id] of Object.entries(value as Record<string, unknown>)) {
        if (!["oidcProvider", "role", "rolePolicy"].includes(key)) {
            throw new ValidationError(
                `importIds.${key}`,
                "is not a resource the component can adopt",
                "Use oidcProvider, role or rolePolicy",
            );
        }
        if (id === undefined || id === null || id === "") {
            continue;
        }
        if (typeof id !== "string") {
            throw new ValidationError(
                `importIds.${key}`,
                `${quoteValue(id)} is not a plain string (resource options must be known when the program runs)`,
                "Write the resource's ID as a plain string",
            );
        }
        out[key] = id;
    }
    if (out.oidcProvider !== undefined && parseOidcProviderArn(out.oidcProvider) === undefined) {
        throw new ValidationError(
            "importIds.oidcProvider",
            `${quoteValue(out.oidcProvider)} is not an OIDC provider ARN`,
            "Write arn:<partition>:iam::<account>:oidc-provider/<issuer>",
        );
    }
    if (out.rolePolicy !== undefined && !/^[\w+=,.@-]+:[\w+=,.@-]+$/.test(out.rolePolicy)) {
        throw new ValidationError(
            "importIds.rolePolicy",
            `${quoteValue(out.rolePolicy)} is not <role name>:<policy name>`,
            "Write the role's name, a colon and the inline policy's name",
        );
    }
    return out;
}
