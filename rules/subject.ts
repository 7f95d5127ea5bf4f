/**
 * The grammar of the `sub` claim in tokens that Warp's OIDC issuer mints:
 *   scoped_principal:<team-uid>/<actor-type>:<principal-uid>
 * Everything that writes or judges a trust policy (component, policy pack, CLI) goes through here.
 */
import { ValidationError, quoteValue } from "./errors";

export const SUBJECT_PREFIX = "scoped_principal:";
export const ACTOR_TYPES = ["user", "service_account"] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

/**
 * Warp UIDs are base64url-style tokens. Restricting to that alphabet keeps every IAM wildcard
 * (`*`, `?`), the claim's own separators (`/`, `:`) and the policy-variable opener (`$`) out of a UID,
 * so a UID can never widen the pattern it is placed in.
 */
export const UID_MAX_LENGTH = 64;
/** The UID alphabet as a regular-expression character class body. */
export const UID_CHARS = "A-Za-z0-9_-";
const UID_RE = new RegExp(`^[${UID_CHARS}]+$`);

/**
 * Every `sub` value Warp's issuer mints, as a regular-expression source: the trust engine's universe of
 * subjects for a Warp issuer. Actor types beyond ACTOR_TYPES are not minted today, which is why the old
 * whole-team pattern `scoped_principal:<team>/*` admits no outsider and is only a convention finding;
 * nor are UIDs longer than UID_MAX_LENGTH, so a statement that names only such a UID admits no one.
 */
const UID_SOURCE = `[${UID_CHARS}]{1,${UID_MAX_LENGTH}}`;
export const SUBJECT_GRAMMAR_SOURCE = `scoped_principal:${UID_SOURCE}/(?:${ACTOR_TYPES.join("|")}):${UID_SOURCE}`;

export function uidProblem(value: unknown): string | undefined {
    if (typeof value !== "string") {
        return `is not a string (got ${value === null ? "null" : Array.isArray(value) ? `a list, ${quoteValue(value)}` : typeof value === "object" ? "a map" : `the ${typeof value} ${quoteValue(value)}`})`;
    }
    if (value.length === 0) {
        return "is empty";
    }
    if (value.trim().length === 0 || /\s/.test(value)) {
        return `${quoteValue(value)} contains whitespace`;
    }
    if (/[*?]/.test(value)) {
        return `${quoteValue(value)} contains a wildcard ('*' or '?'); a UID names exactly one team or principal`;
    }
    if (/[/:]/.test(value)) {
        return `${quoteValue(value)} contains '/' or ':', which separate the parts of the subject claim`;
    }
    if (value.length > UID_MAX_LENGTH) {
        return `${quoteValue(value)} is ${value.length} characters long; the limit is ${UID_MAX_LENGTH}`;
    }
    if (!UID_RE.test(value)) {
        return `${quoteValue(value)} has characters outside letters, digits, '-' and '_'`;
    }
    return undefined;
}

export function isValidUid(value: unknown): value is string {
    return uidProblem(value) === undefined;
}

export function assertUid(value: unknown, field: string, where: string): string {
    const problem = uidProblem(value);
    if (problem !== undefined) {
        throw new ValidationError(field, `${problem}`, `Copy the exact UID from ${where}: 1-${UID_MAX_LENGTH} letters, digits, '-' or '_'`);
    }
    return value as string;
}

const LITERAL_TEAM_RE = new RegExp(`^${SUBJECT_PREFIX}([${UID_CHARS}]+)/`);

/**
 * The team a subject value or pattern names literally (`scoped_principal:TEAM_A/...` -> `TEAM_A`), even
 * when the rest of it is a wildcard; undefined when the team position is not one literal UID.
 */
export function literalTeamOf(value: unknown): string | undefined {
    const m = typeof value === "string" ? LITERAL_TEAM_RE.exec(value) : null;
    return m?.[1];
}

/**
 * A UID longer than UID_MAX_LENGTH in the team or principal position of a subject value, which no
 * token Warp mints carries (so the value matches no Warp subject); undefined when there is none.
 */
export function overlongUidOf(value: unknown): string | undefined {
    if (typeof value !== "string" || !value.startsWith(SUBJECT_PREFIX)) {
        return undefined;
    }
    const rest = value.slice(SUBJECT_PREFIX.length);
    const slash = rest.indexOf("/");
    const team = slash < 0 ? rest : rest.slice(0, slash);
    const afterActor = slash < 0 ? "" : rest.slice(slash + 1);
    const principal = afterActor.includes(":") ? afterActor.slice(afterActor.indexOf(":") + 1) : "";
    return [team, principal].find((uid) => uid.length > UID_MAX_LENGTH && UID_RE.test(uid));
}

/** `scoped_principal:<team>/<actor>:<principal>`; principal `*` means every principal of that actor type. */
export function subjectFor(teamUid: string, actorType: ActorType, principalUid: string | "*"): string {
    return `${SUBJECT_PREFIX}${teamUid}/${actorType}:${principalUid}`;
}

export type ParsedSubject =
    { ok: true; teamUid: string; actorType: ActorType; principalUid: string | "*" } | { ok: false; reason: SubjectProblem; detail: string };

export type SubjectProblem =
    | "not-a-string"
    | "bare-wildcard"
    | "wrong-prefix"
    | "wildcard-team"
    | "bad-team"
    | "spans-actor-types"
    | "unknown-actor-type"
    | "partial-principal-wildcard"
    | "bad-principal";

/**
 * Classify a `sub` value from a trust policy. A value is acceptable only when the team is one literal
 * UID, the actor type is one literal type, and the principal is either a literal UID or exactly `*`.
 * Anything else (wildcards in the team, `team/*`, `user*`, `ab*`) may match subjects the admin never
 * meant to admit, so it is reported with the reason.
 */
export function parseSubject(value: unknown): ParsedSubject {
    if (typeof value === "string") {
        const well = wellFormedSubject(value);
        if (well !== undefined) {
            return well;
        }
    }
    return classifySubject(value);
}

/** UID characters (letters, digits, '-', '_'), the alphabet UID_RE accepts. */
function isUidChar(c: number): boolean {
    return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45 || c === 95;
}

/** End of the UID that starts at `from` (1 to UID_MAX_LENGTH UID characters), or -1. */
function uidEnd(value: string, from: number): number {
    let i = from;
    while (i < value.length && isUidChar(value.charCodeAt(i))) {
        i++;
    }
    return i > from && i - from <= UID_MAX_LENGTH ? i : -1;
}

/**
 * The accepted forms in one pass over the characters, with no regex or intermediate slice: nearly every
 * subject in a trust policy is one of them, and a stack has thousands. Anything else (every rejection,
 * with its reason and wording) is left to `classifySubject`, which accepts exactly these same values.
 */
function wellFormedSubject(value: string): ParsedSubject | undefined {
    if (!value.startsWith(SUBJECT_PREFIX)) {
        return undefined;
    }
    const teamEnd = uidEnd(value, SUBJECT_PREFIX.length);
    if (teamEnd < 0 || value.charCodeAt(teamEnd) !== 47 /* / */) {
        return undefined;
    }
    let actorType: ActorType;
    if (value.startsWith("user:", teamEnd + 1)) {
        actorType = "user";
    } else if (value.startsWith("service_account:", teamEnd + 1)) {
        actorType = "service_account";
    } else {
        return undefined;
    }
    const start = teamEnd + 2 + actorType.length;
    const teamUid = value.slice(SUBJECT_PREFIX.length, teamEnd);
    if (value.length === start + 1 && value.charCodeAt(start) === 42 /* * */) {
        return { ok: true, teamUid, actorType, principalUid: "*" };
    }
    if (uidEnd(value, start) !== value.length) {
        return undefined;
    }
    return { ok: true, teamUid, actorType, principalUid: value.slice(start) };
}

const fail = (reason: SubjectProblem, detail: string): ParsedSubject => ({ ok: false, reason, detail });
const hasWildcard = (text: string) => /[*?]/.test(text);

function classifySubject(value: unknown): ParsedSubject {
    if (typeof value !== "string") {
        return fail("not-a-string", `subject ${quoteValue(value)} is not a string`);
    }
    if (/^[*?]+$/.test(value)) {
        return fail("bare-wildcard", `subject ${quoteValue(value)} matches every Warp principal of every team`);
    }
    if (!value.startsWith(SUBJECT_PREFIX)) {
        const reason = hasWildcard(value.slice(0, SUBJECT_PREFIX.length)) ? "wildcard-team" : "wrong-prefix";
        return fail(reason, `subject ${quoteValue(value)} does not start with '${SUBJECT_PREFIX}'`);
    }
    const rest = value.slice(SUBJECT_PREFIX.length);
    const slash = rest.indexOf("/");
    const teamPart = slash < 0 ? rest : rest.slice(0, slash);
    if (hasWildcard(teamPart)) {
        return fail("wildcard-team", `subject ${quoteValue(value)} has a wildcard in the team position, so it admits other teams`);
    }
    if (slash < 0) {
        return fail("bad-team", `subject ${quoteValue(value)} has no '/<actor-type>:<principal>' part`);
    }
    const teamProblem = uidProblem(teamPart);
    if (teamProblem !== undefined) {
        return fail("bad-team", `subject ${quoteValue(value)}: team UID ${teamProblem}`);
    }
    return classifyActorAndPrincipal(value, teamPart, rest.slice(slash + 1));
}

/** The `<actor-type>:<principal>` part of a subject whose team is one literal UID. */
function classifyActorAndPrincipal(value: string, teamUid: string, actorAndPrincipal: string): ParsedSubject {
    const colon = actorAndPrincipal.indexOf(":");
    const actorPart = colon < 0 ? actorAndPrincipal : actorAndPrincipal.slice(0, colon);
    if (hasWildcard(actorPart) || colon < 0) {
        return hasWildcard(actorAndPrincipal)
            ? fail(
                  "spans-actor-types",
                  `subject ${quoteValue(value)} does not fix the actor type, so it admits both people (user) and named agents (service_account)`,
              )
            : fail("unknown-actor-type", `subject ${quoteValue(value)} has no ':<principal>' part after the actor type`);
    }
    if (!(ACTOR_TYPES as readonly string[]).includes(actorPart)) {
        return fail(
            "unknown-actor-type",
            `subject ${quoteValue(value)} has actor type ${quoteValue(actorPart)}; Warp issues only ${ACTOR_TYPES.join(" and ")}`,
        );
    }
    const actorType = actorPart as ActorType;
    const principal = actorAndPrincipal.slice(colon + 1);
    if (principal === "*") {
        return { ok: true, teamUid, actorType, principalUid: "*" };
    }
    if (hasWildcard(principal)) {
        return fail(
            "partial-principal-wildcard",
            `subject ${quoteValue(value)} has a partial wildcard in the principal position; use '*' alone or one exact UID`,
        );
    }
    const principalProblem = uidProblem(principal);
    if (principalProblem !== undefined) {
        return fail("bad-principal", `subject ${quoteValue(value)}: principal UID ${principalProblem}`);
    }
    return { ok: true, teamUid, actorType, principalUid: principal };
}

/** Plain-words description of a granted subject, for reviewers. */
export function describeSubject(value: string): string {
    const parsed = parseSubject(value);
    if (!parsed.ok) {
        return `unrecognised subject ${value}`;
    }
    const who = parsed.actorType === "user" ? "person" : "named agent";
    if (parsed.principalUid === "*") {
        return parsed.actorType === "user"
            ? `any person of team ${parsed.teamUid} (interactive agents and cloud runs they start)`
            : `any named agent (service account) of team ${parsed.teamUid}`;
    }
    return `the ${who} ${parsed.principalUid} of team ${parsed.teamUid}`;
}
