import { COMPONENT_TRUST } from "../../trust-rules/example-support";
import { ROLE, ResourceRuleExamples, UNKNOWN } from "../example-support";

export const examples: ResourceRuleExamples = {
    good: [
        {
            change: "a role whose trust policy is known in preview",
            resources: [{ type: ROLE, name: "team-a", props: { name: "team-a", assumeRolePolicy: JSON.stringify(COMPONENT_TRUST) } }],
        },
    ],
    bad: [
        {
            change: "a role whose trust policy is built from a value the preview does not know yet",
            resources: [{ type: ROLE, name: "team-a", props: { name: "team-a", assumeRolePolicy: UNKNOWN } }],
        },
    ],
};
