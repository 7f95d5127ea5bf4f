/**
 * warp-permissions-action-wildcard (convention): an action wildcard such as `bedrock:InvokeModel*` (the
 * form of AWS's own inference-profile prerequisites page) reaches only the intended actions today, but
 * would also allow an action AWS adds later that the wildcard matches.
 */
import type { RoleJudgement } from "../../permissions/role";
import { PermissionsFinding, PermissionsRule, atStatement } from "../rule";

export const rule: PermissionsRule = {
    name: "warp-permissions-action-wildcard",
    tier: "convention",
    level: "advisory",
    description:
        "An action wildcard (bedrock:InvokeModel*, or an Allow fenced by Deny statements) reaches only the allowed actions today, but would allow actions AWS adds later that it matches.",
    remediation: 'Name the actions: "bedrock:InvokeModel" and "bedrock:InvokeModelWithResponseStream".',
    check<R>(j: RoleJudgement<R>): PermissionsFinding<R>[] {
        return j.answer.futureForms.map((f) =>
            atStatement(
                rule,
                f.by,
                `the action ${JSON.stringify(f.pattern)} reaches only the allowed actions today, but an action AWS could add, such as ${f.example}, would be allowed too`,
                rule.remediation,
            ),
        );
    },
};
