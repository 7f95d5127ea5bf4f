/**
 * warp-permissions-metadata-read (convention): read-only Bedrock metadata actions (about foundation
 * models and inference profiles, as the IAM data's access levels Read and List say) and viewing
 * Marketplace subscriptions expose nothing, but Warp's agents do not need them.
 */
import type { RoleJudgement } from "../../permissions/role";
import { PermissionsFinding, PermissionsRule, atStatement } from "../rule";

export const rule: PermissionsRule = {
    name: "warp-permissions-metadata-read",
    tier: "convention",
    level: "advisory",
    description:
        "A Warp-trusted role is allowed read-only Bedrock metadata actions (GetFoundationModel, GetInferenceProfile, ListFoundationModels, ...) or aws-marketplace:ViewSubscriptions: harmless, but more than Warp's agents use.",
    remediation: "Remove the read-only actions unless another tool assuming the role needs them.",
    check<R>(j: RoleJudgement<R>): PermissionsFinding<R>[] {
        return j.answer.metadata.map((m) =>
            atStatement(
                rule,
                m.by,
                `the role may call ${m.action}, a read-only metadata action Warp's agents do not use`,
                rule.remediation,
            ),
        );
    },
};
