/** warp-trust-iam-valid: the component's policy passes; the bad example is the one the docs show. */
import { AUD, COMPONENT_EXAMPLE, PROVIDER, TEAM, TEAM_CONFIG, TrustRuleExamples, doc, people } from "../example-support";

/** 60 named agents, one sub pattern each: about 4,200 characters, over the default quota of 2,048. */
const AGENTS = Array.from(
    { length: 60 },
    (_, i) => `scoped_principal:${TEAM}/service_account:agent${String(i).padStart(2, "0")}uid00000000`,
);

export const examples: TrustRuleExamples = {
    good: [COMPONENT_EXAMPLE],
    bad: [
        {
            change: "a Deny statement written with `NotPrincipal`",
            policy: doc(people(), { Sid: "DenyOthers", Effect: "Deny", NotPrincipal: { Federated: PROVIDER }, Action: "sts:*" }),
            config: TEAM_CONFIG,
        },
        {
            change: 'Effect "allow" in lower case (IAM: "The Effect value is case sensitive")',
            policy: doc(people(undefined, { Effect: "allow" })),
            config: TEAM_CONFIG,
        },
        {
            change: "60 named agents listed one by one: over the account's default role trust policy length quota of 2,048 characters",
            policy: doc(people({ StringEquals: AUD, StringLike: { "app.warp.dev:sub": AGENTS } })),
            config: TEAM_CONFIG,
        },
    ],
};
