/** warp-trust-team-allowlist: the component's policy passes; the bad example is the one the docs show. */
import { AUD, COMPONENT_EXAMPLE, TEAM, TEAM_CONFIG, TrustRuleExamples, doc, people } from "../example-support";

export const examples: TrustRuleExamples = {
    good: [
        COMPONENT_EXAMPLE,
        {
            change: 'the team as a policy variable with the team as its default: a web identity request carries no principal tags, so the default stands (IAM User Guide, "IAM policy elements: Variables and tags")',
            policy: doc(
                people({
                    StringEquals: AUD,
                    StringLike: { "app.warp.dev:sub": `scoped_principal:\${aws:PrincipalTag/team, '${TEAM}'}/user:*` },
                }),
            ),
            config: TEAM_CONFIG,
        },
    ],
    bad: [
        {
            change: "a wildcard in the team position",
            policy: doc(people({ StringEquals: AUD, StringLike: { "app.warp.dev:sub": "scoped_principal:*/user:*" } })),
            config: TEAM_CONFIG,
        },
        {
            change: "the team as a policy variable whose default is another team",
            policy: doc(
                people({
                    StringEquals: AUD,
                    StringLike: { "app.warp.dev:sub": "scoped_principal:${aws:PrincipalTag/team, 'OtherTeam'}/user:*" },
                }),
            ),
            config: TEAM_CONFIG,
        },
    ],
};
