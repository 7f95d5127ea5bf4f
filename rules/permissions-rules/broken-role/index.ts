/**
 * warp-permissions-broken-role (convention): the permissions reaching the role allow no invocation of
 * any allowed model, so Warp's agents can assume the role and do nothing with it.
 */
import type { RoleJudgement } from "../../permissions/role";
import { PermissionsFinding, PermissionsRule, atPolicy } from "../rule";

export const rule: PermissionsRule = {
    name: "warp-permissions-broken-role",
    tier: "convention",
    level: "advisory",
    description:
        "The permissions reaching a Warp-trusted role allow invoking no allowed model at all (nothing allows it, or a Deny or the permissions boundary takes it away): the role is broken for Warp.",
    remediation:
        'Allow "bedrock:InvokeModel" and "bedrock:InvokeModelWithResponseStream" on the models Warp should use, and check Deny statements and the permissions boundary.',
    check<R>(j: RoleJudgement<R>): PermissionsFinding<R>[] {
        if (!j.wholeRole || j.answer.canInvoke || j.unseen.length > 0) {
            return [];
        }
        return [atPolicy(rule, undefined, "the role's permissions allow invoking no allowed Bedrock model", rule.remediation)];
    },
};
