/**
 * The permissions that reach a role (inline policies, attached AWS and customer managed policies),
 * judged by the permissions rules (rules/permissions-rules.ts), and a small evaluator of one concrete
 * request against them, as IAM's policy evaluation logic decides within one account: an explicit Deny
 * wins, else some Allow must match, and a permissions boundary must allow it too.
 */
import type { Finding } from "../rules/findings";
import { ConditionEntry, PolicyDocument, Statement, effectOf, parsePolicyDocument } from "../rules/iam/document";
import { isAwsManagedPolicyArn } from "../rules/iam/facts";
import { contains, globs } from "../rules/iam/languages";
import { actionMatches, arnMatches } from "../rules/iam/match";
import { DEFAULT_PERMISSIONS_SETTINGS, Route, judgeRole } from "../rules/permissions/role";
import { permissionsFindings } from "../rules/registry";
import { plainFinding } from "../rules/permissions-rules/rule";
import { BEDROCK_INVOKE_ACTIONS } from "../rules/constants";
import type { AccountSnapshot, RoleRecord } from "./snapshot";

export type PolicySource = "inline" | "aws-managed" | "customer-managed";

interface ReachingPolicy {
    source: PolicySource;
    name: string;
    arn?: string;
    /** Undefined when the input does not hold the managed policy's document. */
    document?: unknown;
    findings: Finding[];
}

export interface RolePermissions {
    policies: ReachingPolicy[];
    /** Findings about the role's permissions as a whole (a role that can invoke nothing). */
    roleFindings: Finding[];
    /** No mandatory finding in any policy reaching the role. */
    bedrockOnly: boolean;
    boundary?: { arn: string; document?: unknown };
}

/** How one reaching policy enters the permissions engine: its document when the snapshot holds it, else its ARN. */
function routeOf(p: ReachingPolicy, index: number): Route<number> {
    const label = p.arn ?? `inline policy ${p.name}`;
    if (p.document !== undefined && p.source !== "aws-managed") {
        const form = p.source === "inline" ? "inline" : "managed";
        return { kind: "document", label, parsed: parsePolicyDocument(p.document), ref: index, form };
    }
    return p.arn !== undefined ? { kind: "arn", label, arn: p.arn, ref: index } : { kind: "unknown", label, ref: index };
}

/** Every policy reaching the role, judged together by the permissions engine, each finding filed under its policy. */
export function permissionsOf(
    role: RoleRecord,
    snapshot: AccountSnapshot,
    allowedActions: readonly string[] = BEDROCK_INVOKE_ACTIONS,
): RolePermissions {
    const policies: ReachingPolicy[] = role.inline.map((p) => ({ source: "inline", name: p.name, document: p.document, findings: [] }));
    for (const a of role.attached) {
        const managed = snapshot.policies.get(a.arn);
        const source = isAwsManagedPolicyArn(a.arn) ? "aws-managed" : "customer-managed";
        policies.push({
            source,
            name: a.name,
            arn: a.arn,
            ...(managed?.document !== undefined ? { document: managed.document } : {}),
            findings: [],
        });
    }
    const boundaryArn = role.permissionsBoundaryArn;
    const boundaryDoc = boundaryArn ? snapshot.policies.get(boundaryArn)?.document : undefined;
    const boundary: Route<number> | undefined =
        boundaryArn === undefined
            ? undefined
            : boundaryDoc !== undefined
              ? { kind: "document", label: `permissions boundary ${boundaryArn}`, parsed: parsePolicyDocument(boundaryDoc), ref: -1 }
              : { kind: "arn", label: `permissions boundary ${boundaryArn}`, arn: boundaryArn, ref: -1 };
    const judgement = judgeRole(
        { routes: policies.map(routeOf), boundary, wholeRole: true },
        { ...DEFAULT_PERMISSIONS_SETTINGS, allowedActions },
    );
    const roleFindings: Finding[] = [];
    for (const f of permissionsFindings(judgement)) {
        (f.ref !== undefined && f.ref >= 0 ? policies[f.ref].findings : roleFindings).push(plainFinding(f));
    }
    return {
        policies,
        roleFindings,
        bedrockOnly: [...policies.flatMap((p) => p.findings), ...roleFindings].every((f) => f.level !== "mandatory"),
        ...(boundaryArn ? { boundary: { arn: boundaryArn, ...(boundaryDoc !== undefined ? { document: boundaryDoc } : {}) } } : {}),
    };
}

/** One request: an action on a resource, with the request context keys that matter for it. */
export interface PermissionRequest {
    action: string;
    resource: string;
    context: Readonly<Record<string, string>>;
}

type StatementRef = { policy: string; index: number; sid?: string };

export interface RequestDecision {
    decision: "allowed" | "implicit-deny" | "explicit-deny" | "boundary-deny" | "unknown";
    allowedBy: StatementRef[];
    deniedBy: StatementRef[];
    /** Conditions the evaluator could not decide, in words. */
    undecided: string[];
    /** Policies whose documents the input does not hold. */
    unseen: string[];
}

/** StringLike: the one glob translation of rules/iam/languages.ts. */
function stringLike(pattern: string, value: string): boolean {
    return contains(globs([pattern]), value);
}

/** Whether one condition holds for the request: true, false, or undefined when the evaluator cannot tell. */
function conditionHolds(c: ConditionEntry, context: Readonly<Record<string, string>>): boolean | undefined {
    const key = Object.keys(context).find((k) => k.toLowerCase() === c.keyLower);
    const value = key === undefined ? undefined : context[key];
    const values = c.values.map(String);
    if (value === undefined) {
        if (c.base === "null") {
            return values.includes("true");
        }
        // A missing key fails every operator but a negated one and any ...IfExists.
        return c.ifExists || c.base.startsWith("stringnot")
            ? true
            : c.keyLower.startsWith("bedrock:") || c.keyLower.startsWith("aws:")
              ? false
              : undefined;
    }
    switch (c.base) {
        case "stringequals":
            return values.includes(value);
        case "stringequalsignorecase":
            return values.some((v) => v.toLowerCase() === value.toLowerCase());
        case "stringlike":
            return values.some((v) => stringLike(v, value));
        case "arnlike":
        case "arnequals":
            return values.some((v) => arnMatches(v, value));
        case "stringnotequals":
            return !values.includes(value);
        case "stringnotlike":
            return !values.some((v) => stringLike(v, value));
        case "arnnotlike":
        case "arnnotequals":
            return !values.some((v) => arnMatches(v, value));
        case "null":
            return values.includes("false");
        default:
            return undefined;
    }
}

function matchesList(
    list: readonly string[] | undefined,
    not: readonly string[] | undefined,
    value: string,
    match: (p: string, v: string) => boolean,
): boolean {
    if (not !== undefined) {
        return !not.some((p) => match(p, value));
    }
    return (list ?? []).some((p) => match(p, value));
}

function statementApplies(s: Statement, r: PermissionRequest): boolean | undefined {
    if (
        !matchesList(s.actions, s.notActions, r.action, actionMatches) ||
        !matchesList(s.resources, s.notResources, r.resource, arnMatches)
    ) {
        return false;
    }
    let result: boolean | undefined = true;
    for (const c of s.conditions) {
        const holds = conditionHolds(c, r.context);
        if (holds === false) {
            return false;
        }
        if (holds === undefined) {
            result = undefined;
        }
    }
    return result;
}

function ref(policy: string, s: Statement): StatementRef {
    return s.sid !== undefined ? { policy, index: s.index, sid: s.sid } : { policy, index: s.index };
}

function docOf(value: unknown): PolicyDocument | undefined {
    const parsed = parsePolicyDocument(value);
    return parsed.ok ? parsed.doc : undefined;
}

function describeUndecided(policy: string, s: Statement): string {
    return `${policy} Statement[${s.index}]${s.sid ? ` (Sid ${JSON.stringify(s.sid)})` : ""} has a condition the check cannot decide offline (${s.conditions.map((c) => `${c.operator} ${c.key}`).join(", ")})`;
}

/**
 * Sorts the statements of one identity policy that apply to the request into allowedBy, deniedBy and
 * undecided; true when an undecided statement might allow it.
 */
function sortApplyingStatements(out: RequestDecision, label: string, doc: PolicyDocument, r: PermissionRequest): boolean {
    let maybeAllowed = false;
    for (const s of doc.statements) {
        const effect = effectOf(s.effect);
        const applies = statementApplies(s, r);
        if (applies === false) {
            continue;
        }
        if (applies === undefined) {
            out.undecided.push(describeUndecided(label, s));
            maybeAllowed ||= effect === "allow";
            continue;
        }
        (effect === "deny" ? out.deniedBy : effect === "allow" ? out.allowedBy : []).push(ref(label, s));
    }
    return maybeAllowed;
}

/**
 * The permissions boundary's say on a request the identity policies allow: unknown when the input lacks
 * its document, boundary-deny when it denies or does not allow the request, undefined when it lets it through.
 */
function boundaryCut(
    boundary: NonNullable<RolePermissions["boundary"]>,
    r: PermissionRequest,
    out: RequestDecision,
): "unknown" | "boundary-deny" | undefined {
    const label = `permissions boundary ${boundary.arn}`;
    const doc = boundary.document === undefined ? undefined : docOf(boundary.document);
    if (doc === undefined) {
        out.unseen.push(label);
        return "unknown";
    }
    const allows = doc.statements.filter((s) => effectOf(s.effect) === "allow" && statementApplies(s, r) !== false);
    const denies = doc.statements.filter((s) => effectOf(s.effect) === "deny" && statementApplies(s, r) === true);
    if (denies.length > 0 || allows.length === 0) {
        out.deniedBy.push(...denies.map((s) => ref(label, s)));
        return "boundary-deny";
    }
    return undefined;
}

/** IAM's decision for one request against the role's identity policies and permissions boundary. */
export function decide(perms: RolePermissions, r: PermissionRequest): RequestDecision {
    const out: RequestDecision = { decision: "implicit-deny", allowedBy: [], deniedBy: [], undecided: [], unseen: [] };
    let maybeAllowed = false;
    for (const p of perms.policies) {
        const label = p.arn ?? `inline policy ${p.name}`;
        const doc = p.document === undefined ? undefined : docOf(p.document);
        if (doc === undefined) {
            out.unseen.push(label);
            continue;
        }
        maybeAllowed = sortApplyingStatements(out, label, doc, r) || maybeAllowed;
    }
    if (out.deniedBy.length > 0) {
        out.decision = "explicit-deny";
        return out;
    }
    if (out.allowedBy.length === 0) {
        out.decision = maybeAllowed || out.unseen.length > 0 ? "unknown" : "implicit-deny";
        return out;
    }
    const cut = perms.boundary ? boundaryCut(perms.boundary, r, out) : undefined;
    if (cut !== undefined) {
        out.decision = cut;
        return out;
    }
    out.decision = out.undecided.length > 0 && out.allowedBy.length === 0 ? "unknown" : "allowed";
    return out;
}
