/**
 * The one action matcher and the one ARN matcher, as IAM documents them, built on the glob translation
 * and the automata of ./languages.ts so an engine can intersect, subtract and pick witnesses from them.
 * Every wildcard and policy-variable translation of the project lives here and in ./languages.ts.
 *
 * Actions ("IAM JSON policy elements: Action"): `*` alone is every action; otherwise
 * `<service>:<name>` where the service prefix is literal and the name is a glob (`*`, `?`), both read
 * without regard to case. Actions are compared in lower case.
 *
 * Resources ("IAM JSON policy elements: Resource"): `*` alone is every resource; an ARN pattern is
 * matched segment by segment, and "you can use wildcard characters (* and ?) within any ARN segment":
 * in the partition, service, region and account segments a wildcard stays inside its segment (`*` does
 * not cross `:`), and those segments are read without regard to case (the simulator's reading), so ARNs
 * are compared in a canonical form with those four segments in lower case. A pattern with fewer than six
 * segments reads as if padded with `*` segments. The resource segment (everything after the fifth colon,
 * resource type included) is one segment and keeps its case; its `*` and `?` may stand for any
 * characters, `/` and `:` included (the Guide: `*` "can expand to replace everything within the segment,
 * including characters like a forward slash"), so `*-model/*` reaches provisioned and custom models.
 *
 * Policy variables ("IAM policy elements: Variables and tags"): under Version 2012-10-17 a `${key}` in
 * any segment is replaced at request time by the key's value, so it is read as every value the key can
 * take on a request (`aws:PrincipalAccount`: the role's own account when known, else any account;
 * `aws:RequestedRegion`: any region; any other key: any text, sound when in doubt); `${*}`, `${?}` and
 * `${$}` are the literal characters. Under 2008-10-17, or with no Version, `${...}` is literal text.
 */
import { Lang, escapeRegex, globSource, pattern } from "./languages";

const NOT_COLON = "[^:]";

/** `svc:name` in lower case, as actions are compared. */
export function canonicalAction(action: string): string {
    return action.toLowerCase();
}

function actionSource(p: string): string {
    const lower = p.toLowerCase();
    if (lower === "*") {
        return "[^]*";
    }
    const colon = lower.indexOf(":");
    if (colon < 0) {
        // IAM refuses such an Action (a validity finding); read it as a glob over the whole action.
        return globSource(lower);
    }
    return `${escapeRegex(lower.slice(0, colon))}:${globSource(lower.slice(colon + 1), NOT_COLON)}`;
}

const hasWildcard = (s: string) => s.includes("*") || s.includes("?");

/** Action patterns as a language over canonical actions. */
export function actionLang(patterns: readonly string[]): Lang {
    const unique = [...new Set(patterns.map(canonicalAction))].sort();
    return pattern(`action:${JSON.stringify(unique)}`, unique.map((p) => `(?:${actionSource(p)})`).join("|") || "[]");
}

/** Whether an IAM action pattern matches an action. */
export function actionMatches(p: string, action: string): boolean {
    if (!hasWildcard(p)) {
        return p.toLowerCase() === action.toLowerCase();
    }
    return new RegExp(`^(?:${actionSource(p)})$`, "s").test(canonicalAction(action));
}

/** The service prefix of a pattern or action, or undefined when it spans services (`*`, no colon, wildcard in the prefix). */
export function serviceOf(p: string): string | undefined {
    const colon = p.indexOf(":");
    const service = colon < 0 ? undefined : p.slice(0, colon).toLowerCase();
    return service === undefined || hasWildcard(service) ? undefined : service;
}

/** An ARN with its partition, service, region and account in lower case; anything else as given. */
export function canonicalArn(arn: string): string {
    if (!/^arn:/i.test(arn)) {
        return arn;
    }
    // The fifth colon ends the account segment; without one the whole ARN is header.
    let cut = -1;
    for (let n = 0; n < 5; n++) {
        cut = arn.indexOf(":", cut + 1);
        if (cut < 0) {
            return arn.toLowerCase();
        }
    }
    return arn.slice(0, cut).toLowerCase() + arn.slice(cut);
}

/**
 * How to read `${...}` in a pattern: as policy variables (the document's Version is 2012-10-17) or as
 * literal text; and the account `aws:PrincipalAccount` stands for, when the role's account is known.
 */
export interface VariableContext {
    variables: boolean;
    account?: string;
}

export const LITERAL_VARIABLES: VariableContext = { variables: false };

/** How a document's Version says to read `${...}` ("IAM JSON policy elements: Version"). */
export function variableContext(version: unknown, account?: string): VariableContext {
    const variables = version === "2012-10-17";
    return account === undefined ? { variables } : { variables, account };
}

const SPECIAL: Readonly<Record<string, string>> = { "*": "\\*", "?": "\\?", $: "\\$" };

/** The values a policy variable can take on a request, as regular-expression source; `any` bounds a wildcard's class. */
function variableSource(name: string, any: string, ctx: VariableContext): string {
    const special = SPECIAL[name];
    if (special !== undefined) {
        return special;
    }
    // `${key, 'default'}` takes the key's value or the default: any text covers both.
    const key = name.split(",")[0].trim().toLowerCase();
    if (key === "aws:principalaccount") {
        return ctx.account !== undefined ? escapeRegex(ctx.account) : "[0-9]{12}";
    }
    if (key === "aws:requestedregion") {
        return "[a-z0-9-]+";
    }
    return `${any}*`;
}

const VARIABLE = /(\$\{[^}]*\})/;

/** A pattern segment as regular-expression source: globs, and under 2012-10-17 policy variables. */
function segmentSource(segment: string, any: string, ctx: VariableContext): string {
    if (!ctx.variables || !segment.includes("${")) {
        return globSource(segment, any);
    }
    return segment
        .split(VARIABLE)
        .map((piece, i) => (i % 2 === 1 ? variableSource(piece.slice(2, -1), any, ctx) : globSource(piece, any)))
        .join("");
}

/** A pattern's colon-separated segments; a colon inside a policy variable (`${aws:PrincipalAccount}`) does not split. */
export function arnSegments(p: string, ctx: VariableContext = LITERAL_VARIABLES): string[] {
    if (!ctx.variables || !p.includes("${")) {
        return p.split(":");
    }
    const out: string[] = [];
    let current = "";
    for (const piece of p.split(VARIABLE)) {
        if (piece.startsWith("${") && piece.endsWith("}")) {
            current += piece;
            continue;
        }
        const parts = piece.split(":");
        current += parts[0];
        for (const part of parts.slice(1)) {
            out.push(current);
            current = part;
        }
    }
    out.push(current);
    return out;
}

/** Whether a pattern segment holds a wildcard or, read as variables, a policy variable. */
export function isVariableSegment(segment: string, ctx: VariableContext): boolean {
    return hasWildcard(segment) || (ctx.variables && segment.includes("${"));
}

function arnSource(p: string, ctx: VariableContext): string {
    if (p === "*") {
        return "[^]*";
    }
    if (!/^arn:/i.test(p)) {
        return segmentSource(p, "[^]", ctx);
    }
    const parts = arnSegments(p, ctx);
    while (parts.length < 6) {
        parts.push("*");
    }
    const head = parts.slice(1, 5).map((s) => segmentSource(s.toLowerCase(), NOT_COLON, ctx));
    return `arn:${head.join(":")}:${segmentSource(parts.slice(5).join(":"), "[^]", ctx)}`;
}

const contextKey = (ctx: VariableContext) => (ctx.variables ? `v:${ctx.account ?? ""}` : "l");

/** Resource patterns as a language over canonical ARNs; `${...}` read as `ctx` says (literal by default). */
export function arnLang(patterns: readonly string[], ctx: VariableContext = LITERAL_VARIABLES): Lang {
    const unique = [...new Set(patterns)].sort();
    const source = unique.map((p) => `(?:${arnSource(p, ctx)})`).join("|") || "[]";
    return pattern(`arn:${contextKey(ctx)}:${JSON.stringify(unique)}`, source);
}

/** Whether an IAM resource pattern (Resource element, ArnLike value) matches an ARN; `${...}` read as `ctx` says. */
export function arnMatches(p: string, arn: string, ctx: VariableContext = LITERAL_VARIABLES): boolean {
    return new RegExp(`^(?:${arnSource(p, ctx)})$`, "s").test(canonicalArn(arn));
}
