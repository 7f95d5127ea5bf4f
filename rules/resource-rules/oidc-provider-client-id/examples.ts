import { ResourceExample, ResourceRuleExamples } from "../example-support";

const provider = (change: string, clientIdLists: unknown): ResourceExample => ({
    change,
    resources: [
        {
            type: "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
            name: "warp-oidc",
            props: { url: "https://app.warp.dev", clientIdLists },
        },
    ],
});

export const examples: ResourceRuleExamples = {
    good: [provider("a provider for `app.warp.dev` with the STS audience only", ["sts.amazonaws.com"])],
    bad: [
        provider("a provider for `app.warp.dev` with a second client ID", ["sts.amazonaws.com", "my-app"]),
        provider("a provider for `app.warp.dev` with another client ID instead", ["my-app"]),
        provider("a provider for `app.warp.dev` with no client ID", []),
    ],
};
