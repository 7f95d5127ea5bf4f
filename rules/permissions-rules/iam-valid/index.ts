/**
 * warp-permissions-iam-valid (validity): a permissions policy IAM would refuse: not a JSON object with
 * statements, an Effect other than Allow or Deny, no Action or no Resource, an action that is not
 * `<service>:<action>`, or statements with Principal mixed into an identity-based policy.
 */
import type { RoleJudgement } from "../../permissions/role";
import { PermissionsFinding, PermissionsRule, atPolicy } from "../rule";

export const rule: PermissionsRule = {
    name: "warp-permissions-iam-valid",
    tier: "validity",
    level: "mandatory",
    description:
        "A permissions policy reaching a Warp-trusted role is one IAM accepts: a JSON object with a Statement, each statement with Effect Allow or Deny, an Action or NotAction of <service>:<action> names, a Resource or NotResource, and no Principal.",
    remediation: "Fix the policy so IAM accepts it; a trust policy (with Principal) belongs in the role's assumeRolePolicy.",
    check<R>(j: RoleJudgement<R>): PermissionsFinding<R>[] {
        return j.invalid.map((v) => {
            const f = atPolicy(rule, v, v.problem, rule.remediation);
            if (v.index !== undefined) {
                f.statementIndex = v.index;
                if (v.sid !== undefined) {
                    f.sid = v.sid;
                }
            }
            return f;
        });
    },
};
