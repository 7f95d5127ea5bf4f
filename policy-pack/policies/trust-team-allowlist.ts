import { trustRulePolicy } from "./trust-rule-policy";
import { STRING_LIST, schema } from "./settings";

/** Only the organisation's own teams; with no allowlist configured the admitted teams are reported as advisory. */
export const trustTeamAllowlist = trustRulePolicy(
    "warp-trust-team-allowlist",
    schema({
        allowedTeamUids: {
            ...STRING_LIST,
            default: [],
            description: "Warp team UIDs whose principals roles may trust. Empty: the admitted teams are reported as advisory.",
        },
        allowActorSpanningSubjects: {
            type: "boolean",
            default: false,
            description: "Also read the team of accepted patterns that span actor types (set it like warp-trust-subject's).",
        },
    }),
);
