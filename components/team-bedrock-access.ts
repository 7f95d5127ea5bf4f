import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { COMPONENT_TYPES } from "../rules/constants";
import { ValidationError, isUnset } from "../rules/errors";
import { accountContext } from "./account";
import { refusedOnce, validated } from "./inputs";
import { WarpOidcProvider } from "./oidc-provider";
import {
    AccessDocuments,
    RoleDocuments,
    TeamAccessPlan,
    buildAccessDocuments,
    planTeamAccess,
    DEFAULT_INLINE_POLICY_NAME,
    agentRoleUids,
    createsProvider,
    ImportIds,
    planImportIds,
} from "./plan";
import { REVOKE_SESSIONS_POLICY_NAME } from "./revocation";

export const TEAM_BEDROCK_ACCESS_TYPE = COMPONENT_TYPES.teamBedrockAccess;
export const INLINE_POLICY_NAME = DEFAULT_INLINE_POLICY_NAME;

/** Settings of a dedicated role for one named agent that uses the `inference_providers.aws` override. */
export interface AgentRoleArgs {
    /** Region the agent calls Bedrock in; becomes the override's `region` and limits the role to it. */
    region?: pulumi.Input<string>;
    /** Model-ID patterns this agent may invoke (for example `anthropic.claude-*`); defaults to `bedrockModels`. */
    models?: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * Turn the agent's override off: no role is created for it, and its override becomes `{ disabled: true }`.
     * It does not keep the agent out of the team role; revoke it with `revokedAgentUids` for that.
     */
    disabled?: boolean;
}

/** What a named agent puts in its `inference_providers.aws` override. */
export interface AgentOverride {
    /** ARN of the agent's dedicated role; absent when the override is disabled. */
    role_arn?: string;
    /** Region for the agent's Bedrock calls, when one was set. */
    region?: string;
    /** True when the agent's override is turned off (`agentRoles: { <uid>: { disabled: true } }`). */
    disabled?: boolean;
}

export interface TeamBedrockAccessArgs {
    /** The team's UID from Warp's Admin Panel: 1-64 letters, digits, '-' or '_'. */
    teamUid: pulumi.Input<string>;
    /** Warp issuer: `app.warp.dev` (default, production), `staging.warp.dev`, or a full `https://` issuer URL. */
    issuer?: pulumi.Input<string>;
    /**
     * ARN of an existing IAM OIDC provider for the issuer, to share it across stacks. When unset, the
     * component creates the provider (an account can hold only one per issuer URL).
     */
    oidcProviderArn?: pulumi.Input<string>;
    /** When the component creates the provider: keep it in AWS if this stack deletes it (default true). */
    retainOidcProvider?: boolean;
    /** Trust every person of the team (`scoped_principal:<team>/user:*`); default true. */
    grantUsers?: pulumi.Input<boolean>;
    /** Trust every named agent of the team (`scoped_principal:<team>/service_account:*`); default false. */
    allNamedAgents?: pulumi.Input<boolean>;
    /** Trust these named agents (service-account UIDs) one by one, matched exactly. */
    namedAgentUids?: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * Dedicated roles for named agents that use the `inference_providers.aws` override, keyed by agent UID;
     * each trusts only that agent.
     */
    agentRoles?: { [agentUid: string]: AgentRoleArgs };
    /** Regions agents may call Bedrock from; default every region. */
    bedrockRegions?: pulumi.Input<pulumi.Input<string>[]>;
    /** Model-ID patterns agents may invoke, such as `anthropic.claude-*`; default every model. */
    bedrockModels?: pulumi.Input<pulumi.Input<string>[]>;
    /** Exact IAM name of the team role (changing it replaces the role). */
    roleName?: pulumi.Input<string>;
    /** Prefix of the team role's generated name, at most 38 characters. */
    roleNamePrefix?: pulumi.Input<string>;
    /** IAM path of the roles; default `/`. */
    rolePath?: pulumi.Input<string>;
    /** Description of the team role. */
    roleDescription?: pulumi.Input<string>;
    /** Longest session in seconds, 3600-43200; default 3600. */
    maxSessionDuration?: pulumi.Input<number>;
    /** ARN of a managed policy to use as every role's permissions boundary. */
    permissionsBoundaryArn?: pulumi.Input<string>;
    /** Tags for every resource the component creates. */
    tags?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
    /** IAM's trust-policy length quota of the account; default 2048, at most 8192. Give the policy pack's warp-trust-iam-valid the same trustPolicyLengthQuota. */
    maxTrustPolicyLength?: pulumi.Input<number>;
    /**
     * Named agents (service-account UIDs) that may no longer assume any role, whatever the grants say: one
     * Deny statement on their exact subjects, updated in place. Their sessions already issued stay valid
     * until they expire; end those with `revokeSessionsIssuedBefore`.
     */
    revokedAgentUids?: pulumi.Input<pulumi.Input<string>[]>;
    /** People (user UIDs) of the team that may no longer assume any role, denied like `revokedAgentUids`. */
    revokedUserUids?: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * An ISO 8601 time that has passed, such as `2026-11-25T13:30:00Z`: every session of the roles issued
     * before it is refused from now on (the IAM console's "Revoke active sessions" policy,
     * AWSRevokeOlderSessions), the innocent included; sessions issued after it, new ones included, work at once.
     */
    revokeSessionsIssuedBefore?: pulumi.Input<string>;
    /**
     * Name of the team role's inline Bedrock policy; default `warp-bedrock-invoke`. Set it to an adopted
     * role's own policy name so `pulumi up` updates that policy instead of replacing it.
     */
    inlinePolicyName?: pulumi.Input<string>;
    /**
     * Adopt existing resources instead of creating them: sets the `import` resource option on the OIDC
     * provider (its ARN), the team role (its name) and its inline policy (`<role>:<policy>`). Plain strings,
     * since resource options must be known when the program runs. Pulumi imports only when the program's
     * inputs match the resource; `warp-bedrock adopt` writes an import file for `pulumi import` instead,
     * which also works when the documents' text differs.
     */
    importIds?: ImportIds;
}

function isDeferred(value: unknown): boolean {
    return pulumi.Output.isInstance(value) || value instanceof Promise;
}

/** What must be known before the component registers: how many roles exist and which resources to create. */
interface RegistrationShape {
    /** Agents whose override is turned off: no role. */
    disabledUids: string[];
    /** Agents that get a role of their own. */
    roleUids: string[];
    /** Whether the roles get the session revocation policy. */
    revokeSessions: boolean;
    /** Whether the component creates the OIDC provider. */
    createProvider: boolean;
}

/**
 * Validate before registering anything, the component included: a refused input creates nothing.
 * The agent-role map decides how many roles exist, so its keys must be plain values.
 */
function registrationShape(args: TeamBedrockAccessArgs): RegistrationShape {
    if (isDeferred(args?.agentRoles)) {
        throw new ValidationError("agentRoles", "is not known while the program runs", "Pass agentRoles as a plain map keyed by agent UID");
    }
    // Whether an agent gets a role at all must be known now too, so `disabled` is a plain value.
    for (const [uid, settings] of Object.entries(args?.agentRoles ?? {})) {
        if (isDeferred((settings as AgentRoleArgs | undefined)?.disabled)) {
            throw new ValidationError(
                `agentRoles.${uid}.disabled`,
                "is not known while the program runs",
                "Write disabled: true or false as a plain value",
            );
        }
    }
    const { roleUids, disabledUids } = agentRoleUids(args?.agentRoles);
    return {
        disabledUids,
        roleUids,
        // As is whether the roles get the session revocation policy; a value that later resolves empty is refused.
        revokeSessions: !isUnset(args?.revokeSessionsIssuedBefore),
        // Whether to create the provider must be decided now; an ARN that later resolves empty is refused.
        createProvider: createsProvider(args?.oidcProviderArn),
    };
}

/** The validated plan, refusing a value that resolved empty although the shape was decided on it being set. */
function planOf(args: TeamBedrockAccessArgs, shape: RegistrationShape): pulumi.Output<TeamAccessPlan> {
    return validated(args ?? {}, (raw) => {
        const p = planTeamAccess(raw);
        if (!shape.createProvider && p.oidcProviderArn === undefined) {
            throw new ValidationError(
                "oidcProviderArn",
                "resolved to an empty value",
                "Give the ARN of the provider to reuse (for example the account stack's oidcProviderArn output), or leave it unset to create one",
            );
        }
        if (shape.revokeSessions && p.revoked.sessionsIssuedBefore === undefined) {
            throw new ValidationError(
                "revokeSessionsIssuedBefore",
                "resolved to an empty value",
                "Give the time before which sessions are refused, such as 2026-11-25T13:30:00Z, or leave it unset",
            );
        }
        return p;
    });
}

/** Where the component's children go, and what the roles wait for. */
interface ChildContext {
    name: string;
    parent: pulumi.Resource;
    plan: pulumi.Output<TeamAccessPlan>;
    dependsOn: pulumi.Resource[];
    revokeSessions: boolean;
}

function revokeSessionsOn(ctx: ChildContext, role: aws.iam.Role, resourceName: string, roleDocs: pulumi.Output<RoleDocuments>): void {
    if (!ctx.revokeSessions) {
        return;
    }
    const policy = roleDocs.apply((d) => JSON.stringify(d.revokeSessionsPolicy));
    new aws.iam.RolePolicy(resourceName, { role: role.name, name: REVOKE_SESSIONS_POLICY_NAME, policy }, { parent: ctx.parent });
}

/** The team role, its inline Bedrock policy and, when sessions are revoked, the revocation policy. */
function teamRole(
    ctx: ChildContext,
    importIds: ImportIds,
    docs: pulumi.Output<AccessDocuments>,
    policies: { trustPolicy: pulumi.Output<string>; permissionsPolicy: pulumi.Output<string> },
): aws.iam.Role {
    const { name, plan, parent } = ctx;
    const role = new aws.iam.Role(
        `${name}-role`,
        {
            name: plan.role.name,
            namePrefix: plan.role.namePrefix,
            description: plan.role.description,
            path: plan.role.path,
            maxSessionDuration: plan.role.maxSessionDuration,
            permissionsBoundary: plan.role.permissionsBoundaryArn,
            assumeRolePolicy: policies.trustPolicy,
            tags: plan.tags,
        },
        { parent, dependsOn: ctx.dependsOn, ...(importIds.role ? { import: importIds.role } : {}) },
    );
    new aws.iam.RolePolicy(
        `${name}-bedrock`,
        { role: role.name, name: plan.role.apply((r) => r.inlinePolicyName ?? INLINE_POLICY_NAME), policy: policies.permissionsPolicy },
        { parent, ...(importIds.rolePolicy ? { import: importIds.rolePolicy } : {}) },
    );
    revokeSessionsOn(ctx, role, `${name}-revoke-sessions`, docs.team);
    return role;
}

/** A named agent's own role, trusted by that agent only, with its Bedrock policy; returns the agent's override. */
function agentRole(
    ctx: ChildContext,
    uid: string,
    docs: pulumi.Output<AccessDocuments>,
): { arn: pulumi.Output<string>; override: pulumi.Output<AgentOverride> } {
    const { name, plan, parent } = ctx;
    const agentDocs = docs.apply((d) => d.agents[uid]);
    const role = new aws.iam.Role(
        `${name}-agent-${uid}`,
        {
            // A prefix keeps the generated name inside IAM's 64 characters for any UID length.
            namePrefix: `warp-agent-${uid.slice(0, 26)}-`,
            description: pulumi.interpolate`Lets Warp named agent ${uid} of team ${plan.grants.teamUid} call Amazon Bedrock`,
            path: plan.role.path,
            maxSessionDuration: plan.role.maxSessionDuration,
            permissionsBoundary: plan.role.permissionsBoundaryArn,
            assumeRolePolicy: agentDocs.apply((d) => JSON.stringify(d.trustPolicy)),
            tags: plan.tags.apply((t) => ({ ...t, "warp:agent-uid": uid })),
        },
        { parent, dependsOn: ctx.dependsOn },
    );
    new aws.iam.RolePolicy(
        `${name}-agent-${uid}-bedrock`,
        { role: role.name, name: INLINE_POLICY_NAME, policy: agentDocs.apply((d) => JSON.stringify(d.permissionsPolicy)) },
        { parent },
    );
    revokeSessionsOn(ctx, role, `${name}-agent-${uid}-revoke-sessions`, agentDocs);
    const override = pulumi
        .all([role.arn, agentDocs])
        .apply(([arn, d]): AgentOverride => (d.region ? { role_arn: arn, region: d.region } : { role_arn: arn }));
    return { arn: role.arn, override };
}

/** Every agent of `agentRoles`: a role and its override, or `{ disabled: true }` for a disabled one. */
function agentRolesOf(ctx: ChildContext, shape: RegistrationShape, docs: pulumi.Output<AccessDocuments>) {
    const arns: { [uid: string]: pulumi.Output<string> } = {};
    const overrides: { [uid: string]: pulumi.Output<AgentOverride> } = {};
    for (const uid of shape.disabledUids) {
        overrides[uid] = pulumi.output({ disabled: true });
    }
    for (const uid of shape.roleUids) {
        const agent = agentRole(ctx, uid, docs);
        arns[uid] = agent.arn;
        overrides[uid] = agent.override;
    }
    return { arns: pulumi.output(arns), overrides: pulumi.output(overrides) };
}

/**
 * Gives one Warp team's agents Bedrock access in this AWS account through OIDC federation: an IAM role
 * trusted by Warp's issuer for the team's people and chosen named agents, per-agent roles for agents
 * that override their AWS settings, and an inline policy allowing only Bedrock model invocation.
 */
export class TeamBedrockAccess extends pulumi.ComponentResource {
    /** ARN of the team role; set it as the team's Bedrock role in Warp. */
    public readonly roleArn: pulumi.Output<string>;
    /** Name of the team role. */
    public readonly roleName: pulumi.Output<string>;
    /** ARN of the OIDC provider the roles trust (created or reused). */
    public readonly oidcProviderArn: pulumi.Output<string>;
    /** The team role's trust policy, JSON. */
    public readonly trustPolicy: pulumi.Output<string>;
    /** The team role's Bedrock permissions policy, JSON. */
    public readonly permissionsPolicy: pulumi.Output<string>;
    /** The `sub` patterns the team role admits. */
    public readonly subjects: pulumi.Output<string[]>;
    /** ARNs of the per-agent roles, by agent UID. */
    public readonly agentRoleArns: pulumi.Output<{ [agentUid: string]: string }>;
    /** The `inference_providers.aws` override each agent of `agentRoles` takes (`{ disabled: true }` when disabled), by agent UID. */
    public readonly agentOverrides: pulumi.Output<{ [agentUid: string]: AgentOverride }>;

    constructor(name: string, args: TeamBedrockAccessArgs, opts?: pulumi.ComponentResourceOptions) {
        const shape = registrationShape(args);
        const plan = planOf(args, shape);
        const importIds = planImportIds(args?.importIds);
        super(TEAM_BEDROCK_ACCESS_TYPE, name, {}, opts);

        const provider = shape.createProvider ? this.createOidcProvider(name, args, plan, importIds) : undefined;
        const docs: pulumi.Output<AccessDocuments> = pulumi
            .all([plan, accountContext({ parent: this })])
            .apply(refusedOnce(([p, account]) => buildAccessDocuments(p, account)));
        const ctx: ChildContext = { name, parent: this, plan, dependsOn: provider ? [provider] : [], revokeSessions: shape.revokeSessions };

        this.trustPolicy = docs.apply((d) => JSON.stringify(d.team.trustPolicy));
        this.permissionsPolicy = docs.apply((d) => JSON.stringify(d.team.permissionsPolicy));
        const role = teamRole(ctx, importIds, docs, { trustPolicy: this.trustPolicy, permissionsPolicy: this.permissionsPolicy });
        const agents = agentRolesOf(ctx, shape, docs);

        this.roleArn = role.arn;
        this.roleName = role.name;
        this.oidcProviderArn = docs.oidcProviderArn;
        this.subjects = plan.subjects;
        this.agentRoleArns = agents.arns;
        this.agentOverrides = agents.overrides;
        this.registerOutputs({
            roleArn: this.roleArn,
            roleName: this.roleName,
            oidcProviderArn: this.oidcProviderArn,
            trustPolicy: this.trustPolicy,
            permissionsPolicy: this.permissionsPolicy,
            subjects: this.subjects,
            agentRoleArns: this.agentRoleArns,
            agentOverrides: this.agentOverrides,
        });
    }

    private createOidcProvider(name: string, args: TeamBedrockAccessArgs, plan: pulumi.Output<TeamAccessPlan>, importIds: ImportIds) {
        return new WarpOidcProvider(
            name,
            {
                issuer: plan.issuer.url,
                tags: plan.tags,
                retainOnDelete: args.retainOidcProvider ?? true,
                ...(importIds.oidcProvider ? { importId: importIds.oidcProvider } : {}),
            },
            { parent: this },
        );
    }
}
