/**
 * warp-role-bedrock-permissions-only (exposure): everything a Warp-trusted role may do, by every route
 * that reaches it, stays inside invoking the allowed models. Each pair IAM would allow outside that set
 * is a mandatory finding with the pair as witness; a policy whose document cannot be seen is refused
 * (or, when it is only unknown during preview, noted).
 */
import { describeRef } from "../../permissions/engine";
import type { RoleJudgement, Unseen } from "../../permissions/role";
import { INVOKE_FIX, PermissionsFinding, PermissionsRule, assumedTail, atPolicy, atStatement } from "../rule";

const UNSEEN_WORDS: Record<Unseen["why"], string> = {
    "unknown-in-preview": "is not known during preview; it is checked during `pulumi up`",
    "unknown-aws-managed": "is an AWS managed policy ARN the AWS managed policy data does not know, so what it grants cannot be checked",
    "outside-stack": "is attached, and its document is not in this stack, so its permissions cannot be checked",
};

function unseenFinding<R>(u: Unseen<R>): PermissionsFinding<R> {
    const what = u.arn !== undefined ? `the managed policy ${u.arn}` : "the policy";
    const fix =
        u.why === "unknown-in-preview"
            ? "Nothing to fix now."
            : u.why === "unknown-aws-managed"
              ? "Check the ARN's spelling; detach it unless it only allows invoking Bedrock models."
              : `Grant Bedrock access with an inline policy (aws.iam.RolePolicy) or an aws.iam.Policy defined in this stack, or add the ARN to allowedPolicyArns in ${rule.name}'s config once reviewed.`;
    return atPolicy(rule, u, `${what} ${UNSEEN_WORDS[u.why]}`, fix, u.why === "unknown-in-preview" ? "advisory" : "mandatory");
}

export const rule: PermissionsRule = {
    name: "warp-role-bedrock-permissions-only",
    tier: "exposure",
    level: "mandatory",
    description:
        "Everything the permissions reaching a Warp-trusted role allow (inline policies, RolePolicy, attached Policy, AWS managed policies, minus Deny statements and within a permissions boundary) stays inside invoking the allowed Bedrock models: no other action, no other resource. Each finding names one request IAM would allow.",
    remediation: INVOKE_FIX,
    check<R>(j: RoleJudgement<R>): PermissionsFinding<R>[] {
        const assumed = assumedTail(j.answer.assumptions);
        const exposures = j.answer.exposures.map((e) =>
            atStatement(
                rule,
                e.by,
                `the role may call ${e.action} on ${e.resource}, which is outside invoking the allowed models${assumed}`,
                INVOKE_FIX,
            ),
        );
        const boundary = j.boundaryUnseen
            ? [
                  atPolicy(
                      rule,
                      j.boundaryUnseen,
                      `the permissions boundary ${UNSEEN_WORDS[j.boundaryUnseen.why]}; it is not counted`,
                      "Nothing to fix now.",
                      "advisory",
                  ),
              ]
            : [];
        const undecided = j.answer.undecided.map((ref) =>
            atStatement(
                rule,
                ref,
                "the statement's resources are too intricate to decide within the engine's limits, so it is treated as allowing more than invoking the allowed models",
                INVOKE_FIX,
            ),
        );
        return [...exposures, ...undecided, ...j.unseen.map(unseenFinding), ...boundary];
    },
};

export { describeRef };
