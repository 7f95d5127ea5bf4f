/**
 * Everything that reaches one role, gathered by a caller (the pack from a stack, `lint` from files,
 * `audit` from an account snapshot) and judged by the permissions engine in one go. Policies arrive
 * already parsed; AWS managed policies are read from the managed-policy data by ARN; what cannot be
 * seen (a value unknown in preview, a customer managed policy from outside, an AWS managed ARN the data
 * does not know) is kept, so a rule can say so instead of skipping it.
 */
import type { ParsedDocument, PolicyDocument } from "../iam/document";
import { documentKind, documentLength, parsePolicyDocument } from "../iam/document";
import { INLINE_POLICY_LIMIT, MANAGED_POLICY_LIMIT, overQuota } from "../policy-size";
import { awsManagedPolicyDocument, isAwsManagedPolicyArn } from "../iam/facts";
import type { LanguageCache } from "../iam/languages";
import { PermissionsAnswer, PermissionsConfig, PolicySource, analyzePermissions } from "./engine";

/** How a document reaches the role, for IAM's size quotas: embedded (inline, RolePolicy) or a managed policy. Unset: unknown. */
export type PolicyForm = "inline" | "managed";

/** One route by which a policy reaches the role. `ref` is the caller's handle (a resource URN, a file). */
export type Route<R = unknown> =
    | { kind: "document"; label: string; parsed: ParsedDocument; ref?: R; form?: PolicyForm }
    | { kind: "arn"; label: string; arn: string; ref?: R }
    | { kind: "unknown"; label: string; ref?: R };

export interface RoleInput<R = unknown> {
    routes: readonly Route<R>[];
    /** Whether the routes are everything that reaches the role (a stack or account), not one file of it. */
    wholeRole?: boolean;
    /** The permissions boundary, when the role has one. */
    boundary?: Route<R>;
    /** The role's account, when known: what `${aws:PrincipalAccount}` stands for (else any account). */
    account?: string;
}

export interface PermissionsSettings extends PermissionsConfig {
    /** Customer managed policy ARNs from outside the stack that the organisation has reviewed. */
    allowedPolicyArns: readonly string[];
}

export const DEFAULT_PERMISSIONS_SETTINGS: PermissionsSettings = {
    allowedActions: ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"],
    allowedRegions: [],
    allowedModels: [],
    allowedPolicyArns: [],
};

export interface Unseen<R = unknown> {
    label: string;
    ref?: R;
    why: "unknown-in-preview" | "unknown-aws-managed" | "outside-stack";
    arn?: string;
}

export interface Invalid<R = unknown> {
    label: string;
    ref?: R;
    /** Statement index, absent for a document-level problem. */
    index?: number;
    sid?: string;
    problem: string;
}

export interface RoleJudgement<R = unknown> {
    answer: PermissionsAnswer<R>;
    unseen: Unseen<R>[];
    invalid: Invalid<R>[];
    /** The routes are everything that reaches the role, so what it cannot do is known. */
    wholeRole: boolean;
    /** No boundary document to cut with although the role has a boundary. */
    boundaryUnseen?: Unseen<R>;
    /** The documents the answer was computed from, for asking the engine what the role may invoke (./describe.ts). */
    sources: PolicySource<R>[];
    boundarySource?: PolicySource<R>;
}

/**
 * An AWS managed policy named by ARN alone, read from the copy bundled with the package (the preview's
 * only source: an account snapshot's default version, when it holds one, arrives as a document route
 * instead). Undefined when the bundled data does not know the ARN.
 */
export function bundledRoute<R>(route: Extract<Route<R>, { kind: "arn" }>): Extract<Route<R>, { kind: "document" }> | undefined {
    const doc = awsManagedPolicyDocument(route.arn);
    if (doc === undefined) {
        return undefined;
    }
    return { kind: "document", label: `${route.label} (AWS managed ${route.arn})`, parsed: parsePolicyDocument(doc), ref: route.ref };
}

function sourceOf<R>(route: Route<R>, settings: PermissionsSettings, out: RoleJudgement<R>): PolicySource<R> | undefined {
    if (route.kind === "unknown") {
        out.unseen.push({ label: route.label, ref: route.ref, why: "unknown-in-preview" });
        return undefined;
    }
    if (route.kind === "arn") {
        if (isAwsManagedPolicyArn(route.arn)) {
            const bundled = bundledRoute(route);
            if (bundled === undefined) {
                out.unseen.push({ label: route.label, ref: route.ref, why: "unknown-aws-managed", arn: route.arn });
                return undefined;
            }
            return sourceOf(bundled, settings, out);
        }
        if (!settings.allowedPolicyArns.includes(route.arn)) {
            out.unseen.push({ label: route.label, ref: route.ref, why: "outside-stack", arn: route.arn });
        }
        return undefined;
    }
    if (!route.parsed.ok) {
        out.invalid.push({ label: route.label, ref: route.ref, problem: `the policy ${route.parsed.problem}` });
        return undefined;
    }
    const doc = route.parsed.doc;
    for (const problem of doc.problems) {
        out.invalid.push({ label: route.label, ref: route.ref, problem: `the policy ${problem}` });
    }
    if (documentKind(doc) !== "permissions") {
        out.invalid.push({
            label: route.label,
            ref: route.ref,
            problem: "the permissions policy has statements with Principal or NotPrincipal, which IAM refuses in an identity-based policy",
        });
    }
    const size = sizeProblem(doc, route.form);
    if (size !== undefined) {
        out.invalid.push({ label: route.label, ref: route.ref, problem: size });
    }
    for (const s of doc.statements) {
        const where = s.sid !== undefined ? { index: s.index, sid: s.sid } : { index: s.index };
        for (const problem of statementProblems(s)) {
            out.invalid.push({ label: route.label, ref: route.ref, ...where, problem });
        }
    }
    return { label: route.label, doc, ref: route.ref };
}

/**
 * A document over IAM's size quota for its form ("IAM and AWS STS quotas"): a managed policy holds 6,144
 * characters; an inline one counts toward the role's 10,240, so one of unknown form is refused as either
 * only above 10,240. The role's inline aggregate is checked in `inlineAggregate`.
 */
function sizeProblem(doc: PolicyDocument, form: PolicyForm | undefined): string | undefined {
    const length = documentLength(doc);
    if (form === "managed" && length > MANAGED_POLICY_LIMIT) {
        return overQuota("the managed policy", length, MANAGED_POLICY_LIMIT, "managed policy length quota");
    }
    if (form === undefined && length > INLINE_POLICY_LIMIT) {
        const inline = overQuota("the policy", length, INLINE_POLICY_LIMIT, "quota for a role's inline policies in all");
        return `${inline}; as a managed policy it would be over IAM's ${MANAGED_POLICY_LIMIT} too`;
    }
    return undefined;
}

/** The role's inline policies over IAM's aggregate quota of 10,240 characters, as one problem on the last of them. */
function inlineAggregate<R>(routes: readonly Route<R>[], out: RoleJudgement<R>): void {
    const inline = routes.filter((r): r is Extract<Route<R>, { kind: "document" }> => r.kind === "document" && r.form === "inline");
    let total = 0;
    for (const r of inline) {
        total += r.parsed.ok ? documentLength(r.parsed.doc) : 0;
    }
    if (total > INLINE_POLICY_LIMIT) {
        const last = inline[inline.length - 1];
        out.invalid.push({
            label: last.label,
            ref: last.ref,
            problem: overQuota(
                `the role's ${inline.length} inline policies together`,
                total,
                INLINE_POLICY_LIMIT,
                "quota for a role's inline policies in all",
                "are",
            ),
        });
    }
}

/** What IAM refuses in a statement of an identity-based policy. */
function statementProblems(s: PolicySource["doc"]["statements"][number]): string[] {
    const out = s.problems.map((p) => `the statement ${p}`);
    if (s.actions === undefined && s.notActions === undefined) {
        out.push("the statement has neither Action nor NotAction");
    }
    if (s.resources === undefined && s.notResources === undefined) {
        out.push("the statement has neither Resource nor NotResource");
    }
    return out;
}

/** The engine's answer for a role, with what could not be seen and what IAM would refuse. */
export function judgeRole<R>(input: RoleInput<R>, settings: PermissionsSettings, cache?: LanguageCache): RoleJudgement<R> {
    const out: RoleJudgement<R> = {
        answer: undefined as unknown as PermissionsAnswer<R>,
        unseen: [],
        invalid: [],
        wholeRole: input.wholeRole ?? false,
        sources: [],
    };
    const inAccount = (s: PolicySource<R>): PolicySource<R> => (input.account !== undefined ? { ...s, account: input.account } : s);
    const sources = input.routes
        .map((r) => sourceOf(r, settings, out))
        .filter((s): s is PolicySource<R> => s !== undefined)
        .map(inAccount);
    inlineAggregate(input.routes, out);
    let boundary: PolicySource<R> | undefined;
    if (input.boundary !== undefined) {
        const probe: RoleJudgement<R> = { ...out, unseen: [], invalid: [] };
        const b = sourceOf(input.boundary, { ...settings, allowedPolicyArns: [] }, probe);
        boundary = b && inAccount(b);
        out.boundaryUnseen = probe.unseen[0];
    }
    out.sources = sources;
    if (boundary !== undefined) {
        out.boundarySource = boundary;
    }
    out.answer = analyzePermissions(sources, { boundary, config: settings, cache });
    return out;
}
