/**
 * Reads an IAM policy document the way IAM does, into one shape the rules can judge: Statement as an
 * object or a list, Action/Resource/Principal values as a string or a list, condition operators with
 * their `ForAnyValue:`/`ForAllValues:` qualifier and `IfExists` suffix split off. Operator names,
 * condition keys and element names are matched without regard to case, so a policy cannot slip past a
 * rule by writing `stringlike` or `App.Warp.Dev:Sub`; values keep their case, since IAM compares them
 * case-sensitively.
 */
import { iamPolicyLength } from "../policy-size";

export interface ConditionEntry {
    /** Operator as written, e.g. `ForAnyValue:StringLikeIfExists`. */
    operator: string;
    /** Lower-case operator without qualifier or IfExists, e.g. `stringlike`. */
    base: string;
    qualifier?: "foranyvalue" | "forallvalues";
    ifExists: boolean;
    key: string;
    keyLower: string;
    values: unknown[];
}

export interface PrincipalSpec {
    /** `"*"` or `{"AWS": "*"}`: every principal. */
    star: boolean;
    /** Principal type in lower case (`federated`, `aws`, `service`, `canonicaluser`) to the names listed. */
    byType: Map<string, string[]>;
}

/**
 * The one reading of a statement's Effect, for every caller (engines, `doctor`, `adopt`, `audit`, synth):
 * IAM User Guide, "IAM JSON policy elements: Effect": "Valid values for Effect are Allow and Deny. The
 * Effect value is case sensitive." So `"allow"`, `"DENY"` or a missing Effect is neither: IAM refuses
 * the document (the parser records the problem, the validity rules report it), and such a statement
 * neither allows nor denies anything.
 */
export function effectOf(effect: unknown): "allow" | "deny" | undefined {
    if (effect === "Allow") {
        return "allow";
    }
    return effect === "Deny" ? "deny" : undefined;
}

/** The problem with a statement's Effect, in IAM's words, or undefined when it is Allow or Deny. */
function effectProblem(effect: unknown): string | undefined {
    if (effectOf(effect) !== undefined) {
        return undefined;
    }
    if (effect === undefined) {
        return 'has no Effect, which IAM requires ("IAM JSON policy elements: Effect": the Effect element is required)';
    }
    const spelled = typeof effect === "string" && ["allow", "deny"].includes(effect.toLowerCase());
    return `has Effect ${JSON.stringify(effect)}; IAM accepts only "Allow" or "Deny"${spelled ? ', and "the Effect value is case sensitive"' : ""} ("IAM JSON policy elements: Effect")`;
}

/**
 * An action IAM accepts: `*`, or a service prefix, a colon and an action name ("IAM JSON policy elements:
 * Action": "specify a value using a service namespace as an action prefix ... followed by the name of the
 * action"; Access Analyzer: "Error – Invalid action format").
 */
const ACTION_FORM = /^[a-z0-9-]+:[^:]+$/i;

function actionProblems(stmt: Statement): string[] {
    const out: string[] = [];
    for (const a of [...(stmt.actions ?? []), ...(stmt.notActions ?? [])]) {
        if (a !== "*" && !ACTION_FORM.test(a)) {
            out.push(
                `has the action ${JSON.stringify(a)}, which is not "*" or <service>:<action>: IAM requires the service prefix and a colon before the action name ("IAM JSON policy elements: Action")`,
            );
        }
    }
    return out;
}

/** Element pairs of which IAM's grammar lets a statement hold one ("Grammar of the IAM JSON policy language"). */
const EXCLUSIVE: ReadonlyArray<[keyof Statement, keyof Statement, string, string]> = [
    ["actions", "notActions", "Action", "NotAction"],
    ["resources", "notResources", "Resource", "NotResource"],
    ["principal", "notPrincipal", "Principal", "NotPrincipal"],
];

/** What IAM refuses in a statement's grammar, beyond the elements' own values. */
function grammarProblems(stmt: Statement): string[] {
    const out: string[] = [];
    const effect = effectProblem(stmt.effect);
    if (effect !== undefined) {
        out.push(effect);
    }
    for (const [a, b, nameA, nameB] of EXCLUSIVE) {
        if (stmt[a] !== undefined && stmt[b] !== undefined) {
            out.push(
                `has both ${nameA} and ${nameB}; IAM's grammar allows one of them in a statement (<${nameA.toLowerCase()}_block> = ("${nameA}" | "${nameB}"), "Grammar of the IAM JSON policy language")`,
            );
        }
    }
    return [...out, ...actionProblems(stmt)];
}

export interface Statement {
    index: number;
    sid?: string;
    effect: unknown;
    principal?: PrincipalSpec;
    notPrincipal?: PrincipalSpec;
    actions?: string[];
    notActions?: string[];
    resources?: string[];
    notResources?: string[];
    conditions: ConditionEntry[];
    /** Elements IAM would refuse or that cannot be read, in words. */
    problems: string[];
}

export interface PolicyDocument {
    /** The Version element as written; IAM reads a document without one as 2008-10-17. */
    version?: unknown;
    statements: Statement[];
    /** Document-level problems (no Statement, Statement not a list of objects). */
    problems: string[];
}

export type ParsedDocument = { ok: true; doc: PolicyDocument } | { ok: false; problem: string };

/** Documents this module parsed, so an entry point given one does not parse it again. */
const PARSED = new WeakSet<object>();

/** Each parsed document's input (text or object), measured only when a size quota is checked. */
const SOURCES = new WeakMap<PolicyDocument, unknown>();

/** A document's size as IAM counts it against its quotas: characters, white space not counted. */
export function documentLength(doc: PolicyDocument): number {
    return iamPolicyLength(SOURCES.get(doc) ?? "");
}

/**
 * Parse a policy given as JSON text (also URL-encoded, as IAM's API returns it) or as an object. Given
 * the result of an earlier parse, returns it as is: callers parse once and pass the model on.
 */
export function parsePolicyDocument(input: unknown): ParsedDocument {
    if (typeof input === "object" && input !== null && PARSED.has(input)) {
        return input as ParsedDocument;
    }
    const read = readPolicyValue(input);
    const parsed: ParsedDocument = read.ok ? { ok: true, doc: normalizeDocument(read.value) } : read;
    if (parsed.ok) {
        SOURCES.set(parsed.doc, typeof input === "string" && !read.ok ? input : typeof input === "string" ? decoded(input) : input);
    }
    PARSED.add(parsed);
    return parsed;
}

/**
 * The first half of `parsePolicyDocument`: the document as a JSON object, not yet normalised. Lets a
 * caller that can judge a document in IAM's own spelling directly skip building the normalised copy,
 * and fall back to `normalizePolicyValue` for everything else.
 */
export function readPolicyValue(input: unknown): { ok: true; value: Record<string, unknown> } | { ok: false; problem: string } {
    let value = input;
    if (typeof input === "string") {
        let text = input.trim();
        if (text.startsWith("%7B") || text.startsWith("%7b")) {
            try {
                text = decodeURIComponent(text);
            } catch {
                return { ok: false, problem: "is URL-encoded but cannot be decoded" };
            }
        }
        try {
            value = JSON.parse(text);
        } catch (e) {
            return { ok: false, problem: `is not valid JSON (${e instanceof Error ? e.message : String(e)})` };
        }
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
        return { ok: false, problem: "is not a JSON object with a Statement" };
    }
    return { ok: true, value: value as Record<string, unknown> };
}

/** The second half of `parsePolicyDocument`, for a value `readPolicyValue` returned. */
export function normalizePolicyValue(value: Record<string, unknown>): PolicyDocument {
    const doc = normalizeDocument(value);
    SOURCES.set(doc, value);
    return doc;
}

/** Text as IAM stores it: URL-encoded text decoded. */
function decoded(text: string): string {
    const trimmed = text.trim();
    if (!/^%7b/i.test(trimmed)) {
        return text;
    }
    try {
        return decodeURIComponent(trimmed);
    } catch {
        return text;
    }
}

/** An element's lower-case name when `key` is IAM's own spelling of it. */
function exactElement(key: string): string | undefined {
    switch (key) {
        case "Statement":
            return "statement";
        case "Version":
            return "version";
        case "Id":
            return "id";
        case "Sid":
            return "sid";
        case "Effect":
            return "effect";
        case "Principal":
            return "principal";
        case "NotPrincipal":
            return "notprincipal";
        case "Action":
            return "action";
        case "NotAction":
            return "notaction";
        case "Resource":
            return "resource";
        case "NotResource":
            return "notresource";
        case "Condition":
            return "condition";
        default:
            return undefined;
    }
}

/**
 * The keys of `obj` not spelled as IAM spells an element, with their lower-case names. IAM spells
 * elements one way, but a differently cased one must not go unread; when both spellings are present
 * the exact one wins, so such a variant is left out. Rare, so the common path allocates nothing for it.
 */
function variantElements(obj: Record<string, unknown>, keys: readonly string[], variants: readonly string[]): Array<[string, unknown]> {
    const exactNames = new Set<string>();
    for (const key of keys) {
        const exact = exactElement(key);
        if (exact !== undefined) {
            exactNames.add(exact);
        }
    }
    const out: Array<[string, unknown]> = [];
    for (const key of variants) {
        const lower = key.toLowerCase();
        if (!exactNames.has(lower)) {
            out.push([lower, obj[key]]);
        }
    }
    return out;
}

function normalizeDocument(raw: Record<string, unknown>): PolicyDocument {
    const problems: string[] = [];
    let statementValue: unknown;
    let found = false;
    const keys = Object.keys(raw);
    let variants: string[] | undefined;
    for (const key of keys) {
        if (key === "Statement") {
            statementValue = raw[key];
            found = true;
        } else if (exactElement(key) === undefined) {
            (variants ??= []).push(key);
        }
    }
    if (!found && variants !== undefined) {
        for (const [lower, value] of variantElements(raw, keys, variants)) {
            if (lower === "statement") {
                statementValue = value;
                found = true;
                break;
            }
        }
    }
    let rawStatements: unknown[];
    if (!found) {
        problems.push("has no Statement");
        rawStatements = [];
    } else if (Array.isArray(statementValue)) {
        rawStatements = statementValue;
    } else if (statementValue !== null && typeof statementValue === "object") {
        rawStatements = [statementValue];
    } else {
        problems.push("has a Statement that is neither an object nor a list of objects");
        rawStatements = [];
    }
    const statements = new Array<Statement>(rawStatements.length);
    for (let i = 0; i < rawStatements.length; i++) {
        statements[i] = normalizeStatement(rawStatements[i], i);
    }
    const version =
        raw.Version ?? (variants ? variantElements(raw, keys, variants).find(([lower]) => lower === "version")?.[1] : undefined);
    return version === undefined ? { statements, problems } : { version, statements, problems };
}

function normalizeStatement(raw: unknown, index: number): Statement {
    const stmt: Statement = { index, effect: undefined, conditions: [], problems: [] };
    if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
        stmt.problems.push("is not an object");
        return stmt;
    }
    const obj = raw as Record<string, unknown>;
    const keys = Object.keys(obj);
    let variants: string[] | undefined;
    for (const key of keys) {
        const lower = exactElement(key);
        if (lower !== undefined) {
            applyElement(stmt, lower, obj[key]);
        } else {
            (variants ??= []).push(key);
        }
    }
    if (variants !== undefined) {
        for (const [lower, value] of variantElements(obj, keys, variants)) {
            applyElement(stmt, lower, value);
        }
    }
    stmt.problems.push(...grammarProblems(stmt));
    return stmt;
}

function applyElement(stmt: Statement, lower: string, value: unknown): void {
    switch (lower) {
        case "sid":
            if (typeof value === "string") {
                stmt.sid = value;
            } else {
                stmt.problems.push(`has a Sid ${JSON.stringify(value) ?? String(value)}, which is not a string`);
            }
            break;
        case "effect":
            stmt.effect = value;
            break;
        case "principal":
            stmt.principal = principalOf(value, "Principal", stmt.problems);
            break;
        case "notprincipal":
            stmt.notPrincipal = principalOf(value, "NotPrincipal", stmt.problems);
            break;
        case "action":
            stmt.actions = stringsOf(value, "Action", stmt.problems);
            break;
        case "notaction":
            stmt.notActions = stringsOf(value, "NotAction", stmt.problems);
            break;
        case "resource":
            stmt.resources = stringsOf(value, "Resource", stmt.problems);
            break;
        case "notresource":
            stmt.notResources = stringsOf(value, "NotResource", stmt.problems);
            break;
        case "condition":
            stmt.conditions = conditionsOf(value, stmt.problems);
            break;
    }
}

function allStrings(items: readonly unknown[]): items is string[] {
    for (const item of items) {
        if (typeof item !== "string") {
            return false;
        }
    }
    return true;
}

/** `element` names the element in a problem; `member` the principal type within it, if any. */
function stringsOf(value: unknown, element: string, problems: string[], member?: string): string[] {
    if (typeof value === "string") {
        return [value];
    }
    if (Array.isArray(value) && allStrings(value)) {
        return value.slice();
    }
    const items = Array.isArray(value) ? value : [value];
    const out: string[] = [];
    for (const item of items) {
        if (typeof item === "string") {
            out.push(item);
        } else {
            problems.push(
                `${member === undefined ? element : `${element}.${member}`} holds ${JSON.stringify(item) ?? String(item)}, which is not a string`,
            );
        }
    }
    return out;
}

function principalOf(value: unknown, element: string, problems: string[]): PrincipalSpec {
    const spec: PrincipalSpec = { star: false, byType: new Map() };
    if (value === "*") {
        spec.star = true;
        return spec;
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
        problems.push(`${element} is ${JSON.stringify(value) ?? String(value)}, not "*" or a map of principal types`);
        return spec;
    }
    const types = value as Record<string, unknown>;
    for (const type of Object.keys(types)) {
        const list = stringsOf(types[type], element, problems, type);
        const lower = type.toLowerCase();
        const existing = spec.byType.get(lower);
        if (existing === undefined) {
            spec.byType.set(lower, list);
        } else {
            for (const name of list) {
                existing.push(name);
            }
        }
        // IAM reads {"AWS": "*"} exactly like "*".
        if (lower === "aws" && list.includes("*")) {
            spec.star = true;
        }
    }
    return spec;
}

const QUALIFIERS = ["foranyvalue:", "forallvalues:"] as const;

type ParsedOperator = Pick<ConditionEntry, "base" | "qualifier" | "ifExists">;
export function parseOperator(operator: string): ParsedOperator {
    let lower = operator.toLowerCase();
    let qualifier: ConditionEntry["qualifier"];
    for (const q of QUALIFIERS) {
        if (lower.startsWith(q)) {
            qualifier = q.slice(0, -1) as ConditionEntry["qualifier"];
            lower = lower.slice(q.length);
            break;
        }
    }
    const ifExists = lower.endsWith("ifexists");
    const base = ifExists ? lower.slice(0, -"ifexists".length) : lower;
    return qualifier ? { base, qualifier, ifExists } : { base, ifExists };
}

function conditionsOf(value: unknown, problems: string[]): ConditionEntry[] {
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
        problems.push(`Condition is ${JSON.stringify(value) ?? String(value)}, not a map of operators`);
        return [];
    }
    const out: ConditionEntry[] = [];
    const operators = value as Record<string, unknown>;
    for (const operator of Object.keys(operators)) {
        const block = operators[operator];
        if (block === null || typeof block !== "object" || Array.isArray(block)) {
            problems.push(`Condition operator ${operator} holds ${JSON.stringify(block) ?? String(block)}, not a map of condition keys`);
            continue;
        }
        const op = parseOperator(operator);
        for (const key of Object.keys(block)) {
            const raw = (block as Record<string, unknown>)[key];
            const entry: ConditionEntry = {
                operator,
                base: op.base,
                ifExists: op.ifExists,
                key,
                keyLower: key.toLowerCase(),
                values: Array.isArray(raw) ? raw : [raw],
            };
            if (op.qualifier) {
                entry.qualifier = op.qualifier;
            }
            out.push(entry);
        }
    }
    return out;
}

/**
 * A document's kind by IAM's own rule: statements with Principal or NotPrincipal belong to a
 * resource-based policy (a role's trust policy), an identity-based (permissions) policy has none
 * ("IAM JSON policy elements: Principal"). A document with both kinds of statement is `mixed`, which IAM
 * refuses as either.
 */
export type DocumentKind = "trust" | "permissions" | "mixed";

export function documentKind(doc: PolicyDocument): DocumentKind {
    let withPrincipal = 0;
    for (const s of doc.statements) {
        if (s.principal !== undefined || s.notPrincipal !== undefined) {
            withPrincipal++;
        }
    }
    if (withPrincipal === 0) {
        return "permissions";
    }
    return withPrincipal === doc.statements.length ? "trust" : "mixed";
}
