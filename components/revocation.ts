/**
 * Incident response, as plain values: principals whose tokens may no longer assume the roles, and the
 * cut-off before which every session of the roles is refused. Both only take access away.
 *
 * Revoked principals: one Deny statement in the trust policy, on the exact subjects (IAM User Guide,
 * "Policy evaluation logic": an explicit Deny overrides any Allow), so the grants stay as written.
 *
 * Revoked sessions: credentials from sts:AssumeRoleWithWebIdentity stay valid until they expire, and
 * only a policy on the role can end them early. This is the policy the IAM console attaches for "Revoke
 * active sessions" (IAM User Guide, "Revoking IAM role temporary security credentials"): deny every
 * action when aws:TokenIssueTime is before a time. It ends every session issued before then, the
 * innocent included; sessions issued after it, new ones included, work at once.
 */
import type * as aws from "@pulumi/aws";
import { ValidationError, isUnset, quoteValue } from "../rules/errors";
import { Issuer, subKey } from "../rules/issuer";
import { assertUid, subjectFor } from "../rules/subject";

/** The name the IAM console gives the policy, so an admin finds the same thing either way. */
export const REVOKE_SESSIONS_POLICY_NAME = "AWSRevokeOlderSessions";
export const REVOKED_PRINCIPALS_SID = "WarpRevokedPrincipals";

const AGENT_UID_SOURCE = "GET /api/v1/agent/identities, the agent's URL in the Oz web app, or the sub of its sessions in CloudTrail";
const USER_UID_SOURCE =
    "the sub of the person's sessions (scoped_principal:<team>/user:<uid>) in CloudTrail's AssumeRoleWithWebIdentity events";

export interface RevocationPlan {
    /** Service-account UIDs that may no longer assume any role, deduplicated and sorted. */
    agentUids: string[];
    /** User UIDs that may no longer assume any role, deduplicated and sorted. */
    userUids: string[];
    /** ISO 8601 time in UTC; sessions issued before it are refused. */
    sessionsIssuedBefore?: string;
}

function uidList(value: unknown, field: string, source: string): string[] {
    if (value === undefined || value === null) {
        return [];
    }
    if (!Array.isArray(value)) {
        throw new ValidationError(field, `${quoteValue(value)} is not a list`, "Write a list of UIDs");
    }
    return [...new Set(value.map((uid, i) => assertUid(uid, `${field}[${i}]`, source)))].sort();
}

// Date and time with seconds optional, fractions optional, and a time zone required: a time without
// one would mean a different instant on every admin's machine.
const ISO_TIME_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const EXAMPLE_TIME = "2026-11-25T13:30:00Z";

/** The instant an ISO 8601 time names, or undefined when it is not a real one (2026-02-30, 24:00, +25:00). */
export function parseIsoTime(text: string): number | undefined {
    const m = ISO_TIME_RE.exec(text);
    if (!m) {
        return undefined;
    }
    const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? "0"].map(Number);
    const local = Date.UTC(year, month - 1, day, hour, minute, second);
    const d = new Date(local);
    if (
        d.getUTCFullYear() !== year ||
        d.getUTCMonth() !== month - 1 ||
        d.getUTCDate() !== day ||
        d.getUTCHours() !== hour ||
        d.getUTCMinutes() !== minute ||
        d.getUTCSeconds() !== second
    ) {
        return undefined;
    }
    let offset = 0;
    if (m[8] !== "Z") {
        const [oh, om] = m[8].slice(1).split(":").map(Number);
        if (oh > 23 || om > 59) {
            return undefined;
        }
        offset = (m[8][0] === "-" ? -1 : 1) * (oh * 60 + om) * 60_000;
    }
    const fraction = m[7] ? Math.floor(Number(`0${m[7]}`) * 1000) : 0;
    return local + fraction - offset;
}

/** The same instant in UTC, as IAM's own examples write it: 2026-11-25T13:30:00Z (milliseconds only when set). */
function utcTime(ms: number): string {
    return new Date(ms).toISOString().replace(".000Z", "Z");
}

export function assertPastTime(value: unknown, field: string, now: number): string {
    const fix = `Write the time the incident started, or now, in ISO 8601 with a time zone, such as ${EXAMPLE_TIME}`;
    if (typeof value !== "string") {
        throw new ValidationError(field, `${quoteValue(value)} is not a time`, fix);
    }
    const ms = parseIsoTime(value);
    if (ms === undefined) {
        throw new ValidationError(field, `${quoteValue(value)} is not a valid ISO 8601 date and time with a time zone`, fix);
    }
    if (ms > now) {
        throw new ValidationError(
            field,
            `${quoteValue(value)} is in the future (it is now ${utcTime(now)}); every session issued until then would be refused too, new ones included`,
            `Give a time that has passed, at most the current time, such as ${utcTime(Math.floor(now / 1000) * 1000)}`,
        );
    }
    return utcTime(ms);
}

/** Reads `revokedAgentUids`, `revokedUserUids` and `revokeSessionsIssuedBefore` from the component's args. */
export function planRevocations(raw: Record<string, unknown>, now: number): RevocationPlan {
    const plan: RevocationPlan = {
        agentUids: uidList(raw.revokedAgentUids, "revokedAgentUids", AGENT_UID_SOURCE),
        userUids: uidList(raw.revokedUserUids, "revokedUserUids", USER_UID_SOURCE),
    };
    if (!isUnset(raw.revokeSessionsIssuedBefore)) {
        plan.sessionsIssuedBefore = assertPastTime(raw.revokeSessionsIssuedBefore, "revokeSessionsIssuedBefore", now);
    }
    return plan;
}

/** Every revoked subject of the team: people first, then named agents, each exact. */
export function revokedSubjects(teamUid: string, revoked: RevocationPlan): string[] {
    return [
        ...revoked.userUids.map((uid) => subjectFor(teamUid, "user", uid)),
        ...revoked.agentUids.map((uid) => subjectFor(teamUid, "service_account", uid)),
    ];
}

/**
 * The trust policy with one Deny statement for the revoked subjects appended (none when there are
 * none). StringEquals matches each subject exactly, and no UID can hold a wildcard; the statement
 * pins no audience, so a revoked principal is refused whatever else its token carries.
 */
export function withRevokedSubjects(
    policy: aws.iam.PolicyDocument,
    providerArn: string,
    issuer: Issuer,
    subjects: readonly string[],
): aws.iam.PolicyDocument {
    if (subjects.length === 0) {
        return policy;
    }
    const deny: aws.iam.PolicyStatement = {
        Sid: REVOKED_PRINCIPALS_SID,
        Effect: "Deny",
        Principal: { Federated: providerArn },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: { StringEquals: { [subKey(issuer.id)]: subjects.length === 1 ? subjects[0] : [...subjects] } },
    };
    return { ...policy, Statement: [...(policy.Statement as aws.iam.PolicyStatement[]), deny] };
}

/** The IAM console's "Revoke active sessions" policy, word for word, with the cut-off time. */
export function buildRevokeSessionsPolicy(issuedBefore: string): aws.iam.PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Deny",
                Action: ["*"],
                Resource: ["*"],
                Condition: { DateLessThan: { "aws:TokenIssueTime": issuedBefore } },
            },
        ],
    };
}
