/**
 * One concrete request (an action on a resource, with the context keys it carries) against the policies
 * that reach a role, decided as IAM's "Policy evaluation logic" decides it within one account: an
 * explicit Deny in any identity policy wins; else some Allow must apply; and when the role has a
 * permissions boundary, the boundary must allow the request too (and not deny it). The answer names the
 * statements that decided it, and says when a condition could not be decided or a policy was not seen.
 *
 * It reads policies through the same routes as the permissions engine (./role.ts), matches actions and
 * ARNs with the one matcher (../iam/match.ts) and conditions with the one condition reader
 * (../trust/conditions.ts: which values satisfy an operator, and what it gives on a missing key).
 * A key the request does not list is missing, except a global `aws:` key: most requests carry those
 * with values the caller did not give, so a condition on one is undecided.
 */
import { ConditionEntry, PolicyDocument, Statement, effectOf } from "../iam/document";
import { Lang, contains, not } from "../iam/languages";
import { VariableContext, actionMatches, arnLang, arnMatches, variableContext } from "../iam/match";
import { describeCondition, onMissingKey, valueSetOf } from "../trust/conditions";
import type { VariableKey } from "../trust/variables";
import { RoleInput, Route, bundledRoute } from "./role";

/** One request: an action on a resource, with the request context keys that matter for it. */
export interface PermissionRequest {
    action: string;
    resource: string;
    context: Readonly<Record<string, string>>;
}

/** A statement that decided a request, named by the route it came through. */
export interface DecidingStatement {
    policy: string;
    index: number;
    sid?: string;
}

export interface RequestDecision {
    /** `unknown`: a condition could not be decided or a policy was not seen, and either could change the answer. */
    decision: "allowed" | "implicit-deny" | "explicit-deny" | "boundary-deny" | "unknown";
    allowedBy: DecidingStatement[];
    deniedBy: DecidingStatement[];
    /** Statements with a condition the evaluator could not decide, in words. */
    undecided: string[];
    /** Policies whose documents the input does not hold (or that cannot be read). */
    unseen: string[];
    /** The role's permissions boundary, when it has one, and whether the input holds its document. */
    boundary?: { label: string; seen: boolean };
}

type Tri = boolean | undefined;

/** A condition on the request: true, false, or undefined when it cannot be decided from what the request lists. */
function conditionHolds(c: ConditionEntry, r: PermissionRequest, ctx: VariableContext): Tri {
    const key = Object.keys(r.context).find((k) => k.toLowerCase() === c.keyLower);
    if (key === undefined) {
        return c.keyLower.startsWith("aws:") ? undefined : onMissingKey(c);
    }
    const set = valueSetOf(c, ctx.variables ? { keyOf: (k) => variableKey(k, r) } : "literal");
    return set === undefined ? undefined : contains(set.lang, r.context[key]);
}

/**
 * A policy variable's key to a concrete request (../trust/variables.ts): a key the request does not list
 * has no value (a global `aws:` key excepted: the request carries those with values the caller did not
 * give); the value of a listed one is not substituted, so its condition stays undecided.
 */
function variableKey(keyLower: string, r: PermissionRequest): VariableKey {
    const listed = Object.keys(r.context).some((k) => k.toLowerCase() === keyLower);
    return listed || keyLower.startsWith("aws:") ? "unmodelled" : { absent: keyLower };
}

function listMatches(
    list: readonly string[] | undefined,
    not: readonly string[] | undefined,
    value: string,
    match: (p: string, v: string) => boolean,
) {
    return not !== undefined ? !not.some((p) => match(p, value)) : (list ?? []).some((p) => match(p, value));
}

/** Whether a statement applies to the request: false as soon as one part fails, undefined when a condition is undecided. */
function applies(s: Statement, r: PermissionRequest, ctx: VariableContext): Tri {
    if (
        !listMatches(s.actions, s.notActions, r.action, actionMatches) ||
        !listMatches(s.resources, s.notResources, r.resource, (p, v) => arnMatches(p, v, ctx))
    ) {
        return false;
    }
    let result: Tri = true;
    for (const c of s.conditions) {
        const holds = conditionHolds(c, r, ctx);
        if (holds === false) {
            return false;
        }
        if (holds === undefined) {
            result = undefined;
        }
    }
    return result;
}

/**
 * What one statement says about an action, conditions aside: its effect and the resources it covers (a
 * language of ARNs, for questions about every request at once, such as what one policy allows that
 * another does not); undefined when it does not name the action or IAM would not read its Effect.
 */
export function statementReach(s: Statement, action: string): { effect: "allow" | "deny"; resources: Lang } | undefined {
    const effect = effectOf(s.effect);
    if ((effect !== "allow" && effect !== "deny") || !listMatches(s.actions, s.notActions, action, actionMatches)) {
        return undefined;
    }
    return { effect, resources: s.notResources !== undefined ? not(arnLang(s.notResources)) : arnLang(s.resources ?? []) };
}

/** What one policy says about the request: the statements that apply, and those that might. */
interface PolicyVerdict {
    allows: DecidingStatement[];
    denies: DecidingStatement[];
    maybeAllow: boolean;
    maybeDeny: boolean;
    undecided: string[];
}

function refOf(policy: string, s: Statement): DecidingStatement {
    return s.sid !== undefined ? { policy, index: s.index, sid: s.sid } : { policy, index: s.index };
}

function describeUndecided(policy: string, s: Statement): string {
    const where = `Statement[${s.index}]${s.sid ? ` (Sid ${JSON.stringify(s.sid)})` : ""}`;
    return `${policy} ${where} has a condition the check cannot decide offline (${s.conditions.map(describeCondition).join(", ")})`;
}

function verdictOf(label: string, doc: PolicyDocument, r: PermissionRequest): PolicyVerdict {
    const out: PolicyVerdict = { allows: [], denies: [], maybeAllow: false, maybeDeny: false, undecided: [] };
    // IAM reads policy variables only under Version 2012-10-17; otherwise `${...}` is literal text.
    const ctx = variableContext(doc.version, r.context["aws:PrincipalAccount"]);
    for (const s of doc.statements) {
        const effect = effectOf(s.effect);
        if (effect !== "allow" && effect !== "deny") {
            continue;
        }
        const a = applies(s, r, ctx);
        if (a === undefined) {
            out.undecided.push(describeUndecided(label, s));
            out[effect === "allow" ? "maybeAllow" : "maybeDeny"] = true;
        } else if (a) {
            out[effect === "allow" ? "allows" : "denies"].push(refOf(label, s));
        }
    }
    return out;
}

/** The document a route brings, an AWS managed ARN read from the bundled copy; undefined when the input does not hold it. */
function documentOf(route: Route): PolicyDocument | undefined {
    const r = route.kind === "arn" ? bundledRoute(route) : route;
    return r?.kind === "document" && r.parsed.ok ? r.parsed.doc : undefined;
}

/** The boundary's say on a request the identity policies allow. */
function boundaryCut(boundary: Route, r: PermissionRequest, out: RequestDecision): RequestDecision["decision"] | undefined {
    const label = boundary.label;
    const doc = documentOf(boundary);
    if (doc === undefined) {
        out.unseen.push(label);
        return "unknown";
    }
    const v = verdictOf(label, doc, r);
    out.undecided.push(...v.undecided);
    if (v.denies.length > 0 || (v.allows.length === 0 && !v.maybeAllow)) {
        out.deniedBy.push(...v.denies);
        return "boundary-deny";
    }
    return v.allows.length === 0 || v.maybeDeny ? "unknown" : undefined;
}

/** IAM's decision for one request against every route that reaches the role and its permissions boundary. */
export function decideRequest(input: RoleInput, r: PermissionRequest): RequestDecision {
    const out: RequestDecision = { decision: "implicit-deny", allowedBy: [], deniedBy: [], undecided: [], unseen: [] };
    if (input.boundary !== undefined) {
        out.boundary = { label: input.boundary.label, seen: documentOf(input.boundary) !== undefined };
    }
    let maybeAllow = false;
    let maybeDeny = false;
    for (const route of input.routes) {
        const doc = documentOf(route);
        if (doc === undefined) {
            out.unseen.push(route.kind === "arn" ? route.arn : route.label);
            continue;
        }
        const v = verdictOf(route.label, doc, r);
        out.allowedBy.push(...v.allows);
        out.deniedBy.push(...v.denies);
        out.undecided.push(...v.undecided);
        maybeAllow ||= v.maybeAllow;
        maybeDeny ||= v.maybeDeny;
    }
    if (out.deniedBy.length > 0) {
        out.decision = "explicit-deny";
    } else if (out.allowedBy.length === 0) {
        out.decision = maybeAllow || out.unseen.length > 0 ? "unknown" : "implicit-deny";
    } else {
        const cut = input.boundary === undefined ? undefined : boundaryCut(input.boundary, r, out);
        // A Deny that might apply, or a policy not seen, may still refuse what the rest allows.
        out.decision = cut ?? (maybeDeny || out.unseen.length > 0 ? "unknown" : "allowed");
    }
    return out;
}
