/**
 * warp-permissions-action-wildcard (convention): an action wildcard such as `bedrock:InvokeModel*` (the
 * form of AWS's own inference-profile prerequisites page) reaches only the intended actions today, but
 * would also allow an action AWS adds later that the wildcard matches.
 */
import type { RoleJudgement } from "../../permissions/role";
import { PermissionsFinding, PermissionsRule, atStatement } from "../rule";
import { statementName } from "../../findings";

export const rule: PermissionsRule = {
    name: "warp-permissions-action-wildcard",
    tier: "convention",
    level: "advisory",
    description:
        "An action wildcard (bedrock:InvokeModel*) reaches only the allowed actions today, but would allow actions AWS adds later that it matches; an Allow of NotAction, * or NotResource fenced by Deny statements with NotAction or NotResource reaches only the allowed set while every fence stays as it is.",
    remediation: 'Name the actions: "bedrock:InvokeModel" and "bedrock:InvokeModelWithResponseStream".',
    check<R>(j: RoleJudgement<R>): PermissionsFinding<R>[] {
        const future = j.answer.futureForms.map((f) =>
            atStatement(
                rule,
                f.by,
                `the action ${JSON.stringify(f.pattern)} reaches only the allowed actions today, but an action AWS could add, such as ${f.example}, would be allowed too`,
                rule.remediation,
            ),
        );
        const fenced = j.answer.fenced.map((f) =>
            atStatement(
                rule,
                f.by,
                `the statement allows more than invoking the allowed models and is kept inside them only by the Deny statements ${f.fences.map(statementName).join(", ")}; a change to any of them widens the role`,
                `${rule.remediation} Allow only those, on the model and inference-profile ARNs, instead of fencing a wider Allow with Deny statements.`,
            ),
        );
        return [...future, ...fenced];
    },
};
