import { trustRulePolicy } from "./trust-rule-policy";
import { schema } from "./settings";

/** `<host>:sub` pinned with StringLike/StringEquals to one team and one actor type. */
export const trustSubject = trustRulePolicy(
    "warp-trust-subject",
    schema({
        allowActorSpanningSubjects: {
            type: "boolean",
            default: false,
            description:
                "Accept sub patterns that span actor types, such as scoped_principal:<team>/*, which admit people, named agents and any actor type Warp adds later.",
        },
    }),
);
