/**
 * The one action matcher and the one ARN matcher, as IAM documents them, built on the glob translation
 * and the automata of ./languages.ts so an engine can intersect, subtract and pick witnesses from them.
 *
 * Actions ("IAM JSON policy elements: Action"): `*` alone is every action; otherwise
 * `<service>:<name>` where the service prefix is literal and the name is a glob (`*`, `?`), both read
 * without regard to case. Actions are compared in lower case.
 *
 * Resources ("IAM JSON policy elements: Resource", "Using wildcards in resource ARNs"): `*` alone is
 * every resource; an ARN pattern is matched segment by segment. In the partition, service, region and
 * account segments a wildcard stays inside its segment (`*` does not cross `:`), and those segments are
 * read without regard to case (the simulator's reading), so ARNs are compared in a canonical form with
 * those four segments in lower case. A pattern with fewer than six segments reads as if padded with `*`
 * segments (the Guide: a trailing `*` may expand beyond the colon boundaries). The resource segment keeps
 * its case; its resource type (up to the first `/` or `:`) is literal and the rest is a glob whose `*`
 * may span `/` and `:` (the Guide: `*` "can expand to replace everything within the segment, including
 * characters like a forward slash").
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

function resourceSource(resource: string, service: string, region: string, account: string): string {
    // The simulator's exception: an S3 ARN without region and account has no resource-type prefix.
    const typed = !(service === "s3" && region === "" && account === "");
    const cut = typed ? Math.min(...["/", ":"].map((c) => resource.indexOf(c)).filter((i) => i >= 0)) : Infinity;
    if (!Number.isFinite(cut)) {
        return globSource(resource);
    }
    return escapeRegex(resource.slice(0, cut + 1)) + globSource(resource.slice(cut + 1));
}

function arnSource(p: string): string {
    if (p === "*") {
        return "[^]*";
    }
    if (!/^arn:/i.test(p)) {
        return globSource(p);
    }
    const parts = p.split(":");
    while (parts.length < 6) {
        parts.push("*");
    }
    const prefix = parts.slice(1, 5).map((s) => s.toLowerCase());
    const resource = parts.slice(5).join(":");
    const segments = prefix.map((s) => globSource(s, NOT_COLON)).join(":");
    return `arn:${segments}:${resourceSource(resource, prefix[1], prefix[2], prefix[3])}`;
}

/** Resource patterns as a language over canonical ARNs. */
export function arnLang(patterns: readonly string[]): Lang {
    const unique = [...new Set(patterns)].sort();
    return pattern(`arn:${JSON.stringify(unique)}`, unique.map((p) => `(?:${arnSource(p)})`).join("|") || "[]");
}

/** Whether an IAM resource pattern (Resource element, ArnLike value) matches an ARN. */
export function arnMatches(p: string, arn: string): boolean {
    return new RegExp(`^(?:${arnSource(p)})$`, "s").test(canonicalArn(arn));
}
