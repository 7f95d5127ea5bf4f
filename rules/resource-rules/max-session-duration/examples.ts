import { COMPONENT_TRUST } from "../../trust-rules/example-support";
import { ROLE, ResourceExample, ResourceRuleExamples } from "../example-support";

const role = (change: string, maxSessionDuration?: unknown): ResourceExample => ({
    change,
    resources: [
        {
            type: ROLE,
            name: "team-a",
            props: {
                name: "team-a",
                assumeRolePolicy: JSON.stringify(COMPONENT_TRUST),
                ...(maxSessionDuration !== undefined ? { maxSessionDuration } : {}),
            },
        },
    ],
});

export const examples: ResourceRuleExamples = {
    good: [role("a Warp-trusted role with IAM's default session length"), role("a Warp-trusted role with 1-hour sessions", 3600)],
    bad: [
        role("a Warp-trusted role with 12-hour sessions", 43200),
        role("a Warp-trusted role whose session length is not a number", "12h"),
    ],
};
