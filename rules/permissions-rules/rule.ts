/**
 * What a permissions rule is: its metadata and a check over the judgement of one role's permissions
 * (../permissions/role.ts). Each finding keeps the caller's handle of the policy it is about, so the
 * pack reports it on that resource and `lint` on that file.
 */
import { Finding, RuleInfo, finding } from "../findings";
import type { StatementRef } from "../permissions/engine";
import type { RoleJudgement } from "../permissions/role";

export interface PermissionsFinding<R = unknown> extends Finding {
    /** The policy the finding is about, in the caller's words (`role x via RolePolicy y`). */
    subject?: string;
    ref?: R;
}

export interface PermissionsRule extends RuleInfo {
    check<R>(judgement: RoleJudgement<R>): PermissionsFinding<R>[];
}

/** A finding about one statement of one policy. */
export function atStatement<R>(rule: PermissionsRule, by: StatementRef<R>, message: string, remediation: string): PermissionsFinding<R> {
    const where = by.sid !== undefined ? { index: by.index, sid: by.sid } : { index: by.index };
    return { ...finding(rule, message, remediation, where), subject: by.source.label, ref: by.source.ref };
}

/** A finding about a whole policy (or the role). */
export function atPolicy<R>(
    rule: PermissionsRule,
    at: { label: string; ref?: R } | undefined,
    message: string,
    remediation: string,
    level = rule.level,
): PermissionsFinding<R> {
    return { ...finding(rule, message, remediation, undefined, level), ...(at ? { subject: at.label, ref: at.ref } : {}) };
}

/** The finding without the caller's handle and subject, as reports list it. */
export function plainFinding(f: PermissionsFinding): Finding {
    const out: PermissionsFinding = { ...f };
    delete out.ref;
    delete out.subject;
    return out;
}

export const INVOKE_FIX =
    'Allow only "bedrock:InvokeModel" and "bedrock:InvokeModelWithResponseStream" on arn:aws:bedrock:<region>::foundation-model/<model> and arn:aws:bedrock:<region>:<account>:inference-profile/<profile> ARNs.';

const ASSUMED = " (assumed: ";

/** The tail a finding's message carries when it relies on conditions the engine could not model. */
export function assumedTail(assumptions: readonly string[]): string {
    return assumptions.length > 0 ? `${ASSUMED}${assumptions.join("; ")})` : "";
}

/**
 * A finding's message without its "(assumed: a; b; ...)" tail, and the assumptions: the text report states
 * them once per policy instead of on every finding (JSON and SARIF keep each finding's whole message).
 */
export function splitAssumptions(message: string): { message: string; assumptions: string[] } {
    const at = message.indexOf(ASSUMED);
    if (at < 0 || !message.endsWith(")")) {
        return { message, assumptions: [] };
    }
    return { message: message.slice(0, at), assumptions: message.slice(at + ASSUMED.length, -1).split("; ") };
}
