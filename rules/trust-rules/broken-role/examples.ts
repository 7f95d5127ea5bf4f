/** warp-trust-broken-role: the component's policy passes; the bad example is the one the docs show. */
import { ACCOUNT, AUD, COMPONENT_EXAMPLE, TEAM, TEAM_CONFIG, TrustRuleExamples, doc, people } from "../example-support";

export const examples: TrustRuleExamples = {
    good: [COMPONENT_EXAMPLE],
    bad: [
        {
            change: "the condition keys of `staging.warp.dev` under the `app.warp.dev` provider",
            policy: doc(
                people({
                    StringEquals: { "staging.warp.dev:aud": "sts.amazonaws.com" },
                    StringLike: { "staging.warp.dev:sub": `scoped_principal:${TEAM}/user:*` },
                }),
            ),
            config: TEAM_CONFIG,
        },
        {
            change: "a second statement for the account's own root, conditioned on Warp's keys, which an AWS request never carries",
            policy: doc(people(), {
                Effect: "Allow",
                Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
                Action: "sts:AssumeRole",
                Condition: { StringEquals: AUD },
            }),
            config: TEAM_CONFIG,
        },
        {
            change: "a second statement for a named agent whose UID is longer than the 64 characters Warp mints",
            policy: doc(
                people(),
                people(
                    { StringEquals: { ...AUD, "app.warp.dev:sub": `scoped_principal:${TEAM}/service_account:${"a".repeat(65)}` } },
                    { Sid: "Agent" },
                ),
            ),
            config: TEAM_CONFIG,
        },
        {
            change: "the team as a policy variable of no value: a web identity request carries no principal tags",
            policy: doc(
                people({ StringEquals: AUD, StringLike: { "app.warp.dev:sub": "scoped_principal:${aws:PrincipalTag/team}/user:*" } }),
            ),
            config: TEAM_CONFIG,
        },
    ],
};
