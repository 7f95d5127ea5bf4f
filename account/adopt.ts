/**
 * `warp-bedrock adopt`, the pure part: a hand-made Warp role (and the OIDC provider it trusts) taken
 * under this project's stack program without a gap. It derives the stack config, builds the documents
 * the program would write from it, and compares meanings: who can assume the role (the trust engine)
 * and every Bedrock permission it has (ARN languages). Text that differs is updated in place by the
 * first `pulumi up` and is printed; a change of meaning refuses, naming the statement.
 */
import { createTwoFilesPatch } from "diff";
import * as YAML from "yaml";
import { ValidationError } from "../rules/errors";
import { STS_AUDIENCE } from "../rules/issuer";
import { TrustEngine } from "../rules/trust/engine";
import { describeRequest } from "../rules/trust/witness";
import { AccessDocuments, AccountContext, buildAccessDocuments, planTeamAccess, DEFAULT_INLINE_POLICY_NAME } from "../components/plan";
import { stackSettingsFromConfig } from "../components/stack-config";
import { COMPONENT_TYPES, PROJECT_NAME, RESOURCE_TYPES } from "../rules/constants";
import { deriveConfig } from "./adopt-config";
import { permissionLosses, permissionWidenings } from "./adopt-permissions";
import { AccountSnapshot, InlinePolicy, InputError, RoleRecord, findRole, providerFor } from "./snapshot";
import { trustDifferences } from "./trust";
import { trustConfigFor } from "../rules/trust/config";

const PROJECT = PROJECT_NAME;
/** The names and types the stack program registers (components/stack-program.ts, team-bedrock-access.ts, oidc-provider.ts). */
const PROGRAM = {
    component: { name: PROJECT_NAME, type: COMPONENT_TYPES.teamBedrockAccess },
    providerComponent: { type: COMPONENT_TYPES.warpOidcProvider },
    provider: { suffix: "-oidc", type: RESOURCE_TYPES.oidcProvider },
    role: { suffix: "-role", type: RESOURCE_TYPES.role },
    rolePolicy: { suffix: "-bedrock", type: RESOURCE_TYPES.rolePolicy },
    revokeSessions: { suffix: "-revoke-sessions", type: RESOURCE_TYPES.rolePolicy },
} as const;

export interface AdoptOptions {
    role: string;
    stack?: string;
    /**
     * `import` the provider into this stack, or `reuse` it by ARN (another stack owns it). Unset: import,
     * unless the provider is shared (see sharedProvider), which is then reused: never taken over by default.
     */
    provider?: "import" | "reuse";
    /** aws:region for the stack file. */
    region?: string;
}

interface ImportResource {
    type: string;
    name: string;
    logicalName?: string;
    id?: string;
    parent?: string;
    component?: boolean;
}

export interface ImportFile {
    nameTable: Record<string, string>;
    resources: ImportResource[];
}

export interface Adoption {
    stack: string;
    roleArn: string;
    /** Why the role cannot be reproduced exactly; empty when it can. */
    refusals: string[];
    /** Each textual change the first `pulumi up` makes in place. */
    differences: string[];
    notes: string[];
    config: Record<string, unknown>;
    stackFileName: string;
    stackFileText: string;
    importFile: ImportFile;
}

const ROLE_ARN = /^arn:([^:]+):iam::(\d{12}):role\//;

function sortKeys(v: unknown): unknown {
    if (Array.isArray(v)) {
        return v.map(sortKeys);
    }
    if (v !== null && typeof v === "object") {
        return Object.fromEntries(
            Object.keys(v as object)
                .sort()
                .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
        );
    }
    return v;
}

/** Equal as AWS compares policy JSON: key order and white space aside. */
export function sameText(a: unknown, b: unknown): boolean {
    return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}

function textDiff(what: string, before: unknown, after: unknown): string | undefined {
    if (sameText(before, after)) {
        return undefined;
    }
    const pretty = (v: unknown) => `${typeof v === "string" ? v : JSON.stringify(v, null, 2)}\n`;
    return createTwoFilesPatch(`${what} (today)`, `${what} (after pulumi up)`, pretty(before), pretty(after), "", "", {
        context: 2,
    }).replace(/^=+\n/, "");
}

function stackFile(stack: string, role: RoleRecord, config: Record<string, unknown>, region: string): string {
    const entries: Record<string, unknown> = { "aws:region": region };
    for (const [k, v] of Object.entries(config)) {
        entries[`${PROJECT}:${k}`] = v;
    }
    const doc = new YAML.Document({ config: entries });
    doc.commentBefore = ` Written by warp-bedrock adopt from ${role.arn}.\n Reproduces its trust and Bedrock permissions; run pulumi import --file import.json before the first pulumi up.`;
    return doc.toString();
}

function buildImportFile(
    role: RoleRecord,
    providerArn: string | undefined,
    inline: { bedrock?: string; revokeSessions?: string },
): ImportFile {
    const c = PROGRAM.component.name;
    const resources: ImportResource[] = [{ type: PROGRAM.component.type, name: c, component: true }];
    if (providerArn !== undefined) {
        resources.push({ type: PROGRAM.providerComponent.type, name: `${c}-provider`, logicalName: c, component: true, parent: c });
        resources.push({ type: PROGRAM.provider.type, name: `${c}${PROGRAM.provider.suffix}`, id: providerArn, parent: `${c}-provider` });
    }
    resources.push({ type: PROGRAM.role.type, name: `${c}${PROGRAM.role.suffix}`, id: role.name, parent: c });
    for (const [policy, name] of [
        [PROGRAM.rolePolicy, inline.bedrock],
        [PROGRAM.revokeSessions, inline.revokeSessions],
    ] as const) {
        if (name !== undefined) {
            resources.push({ type: policy.type, name: `${c}${policy.suffix}`, id: `${role.name}:${name}`, parent: c });
        }
    }
    // The parents are components this same file creates (Pulumi 3.94+), so no URN of an existing resource is needed.
    return { nameTable: {}, resources };
}

/** URNs the Pulumi CLI gives the import file's resources, parents resolved as `pulumi import` resolves them. */
export function importUrns(file: ImportFile, stack: string, project = PROJECT): Map<string, { urn: string; parentUrn?: string }> {
    const byName = new Map(file.resources.map((r) => [r.name, r]));
    const out = new Map<string, { urn: string; parentUrn?: string }>();
    const typeChain = (r: ImportResource): string => {
        const parent = r.parent !== undefined ? byName.get(r.parent) : undefined;
        return parent ? `${typeChain(parent)}$${r.type}` : r.type;
    };
    const urnOf = (r: ImportResource): string => {
        if (r.parent !== undefined && file.nameTable[r.parent] !== undefined) {
            const parentType = file.nameTable[r.parent].split("::")[2];
            return `urn:pulumi:${stack}::${project}::${parentType}$${r.type}::${r.logicalName ?? r.name}`;
        }
        return `urn:pulumi:${stack}::${project}::${typeChain(r)}::${r.logicalName ?? r.name}`;
    };
    for (const r of file.resources) {
        const parent =
            r.parent === undefined
                ? undefined
                : (file.nameTable[r.parent] ?? (byName.get(r.parent) ? urnOf(byName.get(r.parent)!) : undefined));
        out.set(r.name, { urn: urnOf(r), ...(parent ? { parentUrn: parent } : {}) });
    }
    return out;
}

function providerArnOf(role: RoleRecord, issuer: string): string | undefined {
    const m = new RegExp(`arn:[^"]+:iam::\\d{12}:oidc-provider/${issuer.replace(/[.]/g, "\\.")}`, "i").exec(
        JSON.stringify(role.trustPolicy ?? ""),
    );
    return m?.[0];
}

/**
 * Why the provider belongs to others, if it does: another role of the input trusts it, or its tags (when
 * the input has them) are not the ones this stack would write. Importing it would retag it as this team's.
 */
function sharedProvider(
    snapshot: AccountSnapshot,
    role: RoleRecord,
    providerArn: string,
    issuer: string,
    tags: unknown,
): string | undefined {
    const others = snapshot.roles.filter((r) => r !== role && JSON.stringify(r.trustPolicy ?? "").includes(providerArn));
    if (others.length > 0) {
        return `${others.length} other role(s) trust it, such as ${others[0].name}`;
    }
    const p = providerFor(snapshot, issuer);
    if (p?.tags !== undefined && Object.keys(p.tags).length > 0 && !sameText(p.tags, tags ?? {})) {
        return `its tags ${JSON.stringify(p.tags)} are not this role's`;
    }
    return undefined;
}

/** import or reuse: as asked, else reuse a shared provider (with a note saying why) and import one of the role's own. */
function providerMode(
    snapshot: AccountSnapshot,
    role: RoleRecord,
    opts: AdoptOptions,
    providerArn: string | undefined,
    derived: { issuer: string; config: Record<string, unknown> },
): { mode: "import" | "reuse"; notes: string[] } {
    const shared = providerArn === undefined ? undefined : sharedProvider(snapshot, role, providerArn, derived.issuer, derived.config.tags);
    if (shared === undefined) {
        return { mode: opts.provider ?? "import", notes: [] };
    }
    if (opts.provider === "import") {
        return {
            mode: "import",
            notes: [`the OIDC provider ${providerArn} looks shared (${shared}); --provider import makes this stack its owner`],
        };
    }
    const why = `the OIDC provider ${providerArn} is shared (${shared}): the stack reuses it by ARN and leaves it to its owner`;
    return { mode: "reuse", notes: [opts.provider === "reuse" ? why : `${why}; pass --provider import to take it over`] };
}

function trustRefusals(role: RoleRecord, generated: unknown, issuer: string, engine: TrustEngine): string[] {
    return trustDifferences(role.trustPolicy, generated, trustConfigFor(issuer), engine).map((d) => {
        const where = d.statements.map((i) => `Statement[${i}]`).join(", ");
        return d.admittedBy === "before"
            ? `who can assume the role would change: trust policy ${where} lets in ${describeRequest(d.witness.request)}, which the component's trust policy would not`
            : `who can assume the role would change: the component's trust policy ${where} would let in ${describeRequest(d.witness.request)}, which the role does not admit today`;
    });
}

/** The role to adopt, or an input error naming where it was looked for. */
function roleToAdopt(snapshot: AccountSnapshot, opts: AdoptOptions): RoleRecord {
    const role = findRole(snapshot, opts.role);
    if (role === undefined) {
        throw new InputError(
            `--role: no role ${JSON.stringify(opts.role)} in ${snapshot.source === "live" ? "the account" : "the authorization-details file"} (${snapshot.roles.length} roles); warp-bedrock audit lists the roles Warp can assume`,
        );
    }
    return role;
}

function accountOf(role: RoleRecord): AccountContext {
    const m = ROLE_ARN.exec(role.arn);
    if (!m) {
        throw new InputError(`the role's ARN ${JSON.stringify(role.arn)} is not an IAM role ARN`);
    }
    return { partition: m[1], accountId: m[2] };
}

/** The documents and role description the stack program writes from this config; a config it rejects refuses. */
function programOutput(
    role: RoleRecord,
    config: Record<string, unknown>,
    account: AccountContext,
    outsiders?: string,
): { docs: AccessDocuments; description: string } {
    try {
        const plan = planTeamAccess(stackSettingsFromConfig((k) => config[k]).componentArgs);
        return { docs: buildAccessDocuments(plan, account), description: plan.role.description };
    } catch (e) {
        if (e instanceof ValidationError) {
            // A role that admits others: that is why no config expresses it, not the setting that then fails.
            throw new AdoptRefusal(
                outsiders !== undefined
                    ? `${role.arn} cannot be adopted: ${outsiders}`
                    : `${role.arn} cannot be expressed as this project's stack config: ${e.message}`,
            );
        }
        throw e;
    }
}

/** What adoption finds: changes of meaning that refuse, text the first `pulumi up` changes in place, and notes. */
interface Comparison {
    refusals: string[];
    differences: string[];
    notes: string[];
}

/** The role's Bedrock inline policy against the component's: lost permissions refuse, wider ones are noted. */
function bedrockPolicyComparison(
    bedrockPolicy: InlinePolicy | undefined,
    generated: unknown,
    account: AccountContext,
    engine: TrustEngine,
): Comparison {
    const inlineName = bedrockPolicy?.name ?? DEFAULT_INLINE_POLICY_NAME;
    if (!bedrockPolicy) {
        return {
            refusals: [],
            differences: [`inline policy ${inlineName}: the role has no inline Bedrock policy today; pulumi up creates it`],
            notes: [],
        };
    }
    const losses = permissionLosses(bedrockPolicy.document, generated, account, engine.cache);
    const widenings = permissionWidenings(bedrockPolicy.document, generated, account, engine.cache);
    const d = textDiff(`inline policy ${inlineName}`, bedrockPolicy.document, generated);
    return {
        refusals: losses.map((l) => `a permission would be lost: inline policy ${bedrockPolicy.name} ${l.message}`),
        differences: d ? [d] : [],
        notes: widenings.map(
            (w) =>
                `the component's policy also allows ${w.action} on, for example, ${w.example}, which inline policy ${bedrockPolicy.name} does not`,
        ),
    };
}

function descriptionDifferences(role: RoleRecord, description: string, source: AccountSnapshot["source"]): string[] {
    if (role.description === description) {
        return [];
    }
    return [
        role.description === undefined
            ? `role description: ${source === "file" ? "not in the authorization-details file" : "none"} today; pulumi up sets ${JSON.stringify(description)}`
            : `role description: ${JSON.stringify(role.description)} -> ${JSON.stringify(description)}`,
    ];
}

/** What stays on the role outside the stack, and what the input does not say. */
function unmanagedNotes(role: RoleRecord, managed: readonly (InlinePolicy | undefined)[]): string[] {
    const notes: string[] = [];
    if (role.maxSessionDuration === undefined) {
        notes.push(
            "MaxSessionDuration is not in the authorization-details file; the stack sets 3600 seconds (check aws iam get-role, or run adopt live)",
        );
    }
    for (const p of role.inline.filter((p) => !managed.includes(p))) {
        notes.push(`inline policy ${p.name} stays on the role; the stack does not manage it`);
    }
    for (const p of role.attached) {
        notes.push(`managed policy ${p.arn} stays attached; the stack does not manage it (warp-bedrock audit judges it)`);
    }
    return notes;
}

/** The OIDC provider as imported (its client IDs and tags become the stack's), or a note that the stack creates it. */
function providerComparison(
    snapshot: AccountSnapshot,
    issuer: string,
    importedProvider: string | undefined,
    mode: "import" | "reuse",
    config: Record<string, unknown>,
): Comparison {
    const out: Comparison = { refusals: [], differences: [], notes: [] };
    if (importedProvider === undefined) {
        if (mode === "import") {
            out.notes.push("no OIDC provider ARN is named in the trust policy; the stack creates the provider");
        }
        return out;
    }
    const p = providerFor(snapshot, issuer);
    if (p === undefined) {
        out.notes.push(
            `the OIDC provider ${importedProvider} is imported; its client IDs are not in the input (pass --oidc-provider), and pulumi up sets them to exactly ${STS_AUDIENCE}`,
        );
    } else if (!(p.clientIds.length === 1 && p.clientIds[0] === STS_AUDIENCE)) {
        out.differences.push(`OIDC provider ${p.arn} clientIdLists: ${JSON.stringify(p.clientIds)} -> ${JSON.stringify([STS_AUDIENCE])}`);
    }
    const tags = (config.tags as Record<string, string> | undefined) ?? {};
    if (p?.tags !== undefined && !sameText(p.tags, tags)) {
        out.differences.push(`OIDC provider ${importedProvider} tags: ${JSON.stringify(p.tags)} -> ${JSON.stringify(tags)}`);
    }
    return out;
}

export function planAdoption(snapshot: AccountSnapshot, opts: AdoptOptions, engine = new TrustEngine()): Adoption {
    const role = roleToAdopt(snapshot, opts);
    const account = accountOf(role);
    const stack = opts.stack ?? role.name;
    const derived = deriveConfig(role, engine);
    const config = { ...derived.config };
    if (derived.problem !== undefined) {
        throw new AdoptRefusal(`${role.arn} cannot be adopted: ${derived.problem}`);
    }
    const providerArn = providerArnOf(role, derived.issuer);
    const chosen = providerMode(snapshot, role, opts, providerArn, derived);
    if (chosen.mode === "reuse" && providerArn !== undefined) {
        config.oidcProviderArn = providerArn;
    }
    const { docs, description } = programOutput(role, config, account, derived.outsiders);
    const bedrock = bedrockPolicyComparison(derived.bedrockPolicy, docs.team.permissionsPolicy, account, engine);
    const trust = trustRefusals(role, docs.team.trustPolicy, derived.issuer, engine);
    if (trust.length > 0 && derived.problemIfTrustChanges !== undefined) {
        throw new AdoptRefusal(`${role.arn} cannot be adopted: ${derived.problemIfTrustChanges}`);
    }
    const trustDiff = textDiff("trust policy", role.trustPolicy, docs.team.trustPolicy);
    const revokeDiff = derived.revokeSessionsPolicy
        ? textDiff(
              `inline policy ${derived.revokeSessionsPolicy.name}`,
              derived.revokeSessionsPolicy.document,
              docs.team.revokeSessionsPolicy,
          )
        : undefined;
    const importedProvider = chosen.mode === "import" ? providerArn : undefined;
    const provider = providerComparison(snapshot, derived.issuer, importedProvider, chosen.mode, config);
    return {
        stack,
        roleArn: role.arn,
        refusals: [...trust, ...bedrock.refusals],
        differences: [
            ...bedrock.differences,
            ...(trustDiff ? [trustDiff] : []),
            ...(revokeDiff ? [revokeDiff] : []),
            ...descriptionDifferences(role, description, snapshot.source),
            ...provider.differences,
        ],
        notes: [
            ...derived.notes,
            ...bedrock.notes,
            ...unmanagedNotes(role, [derived.bedrockPolicy, derived.revokeSessionsPolicy]),
            ...provider.notes,
            ...chosen.notes,
        ],
        config,
        stackFileName: `Pulumi.${stack}.yaml`,
        stackFileText: stackFile(stack, role, config, opts.region ?? "us-east-1"),
        importFile: buildImportFile(role, importedProvider, {
            bedrock: derived.bedrockPolicy?.name,
            revokeSessions: derived.revokeSessionsPolicy?.name,
        }),
    };
}

/** The role cannot be expressed at all: exit 1 even with --allow-changes. */
export class AdoptRefusal extends Error {}
