/**
 * The examples of the rules that are not folders of their own (the role, trust-unknown and provider
 * checks), each a small stack. Trust and permissions rules keep their examples in their folders.
 */
import { COMPONENT_TRUST, Json } from "../../rules/trust-rules/example-support";

/** The engine's placeholder for a string not known during preview, as @pulumi/policy names it. */
const UNKNOWN: string = require("@pulumi/policy/proxy").unknownStringValue;

export interface ResourceExample {
    change: string;
    resources: Array<{ type: string; name: string; props: Json }>;
}

const ROLE = "aws:iam/role:Role";

export const RESOURCE_EXAMPLES: Readonly<Record<string, ResourceExample>> = {
    "warp-trust-policy-unknown": {
        change: "a role whose trust policy is built from a value the preview does not know yet",
        resources: [{ type: ROLE, name: "team-a", props: { name: "team-a", assumeRolePolicy: UNKNOWN } }],
    },
    "warp-role-max-session-duration": {
        change: "a Warp-trusted role with 12-hour sessions",
        resources: [
            {
                type: ROLE,
                name: "team-a",
                props: { name: "team-a", assumeRolePolicy: JSON.stringify(COMPONENT_TRUST), maxSessionDuration: 43200 },
            },
        ],
    },
    "warp-oidc-provider-client-id": {
        change: "a provider for `app.warp.dev` with a second client ID",
        resources: [
            {
                type: "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
                name: "warp-oidc",
                props: { url: "https://app.warp.dev", clientIdLists: ["sts.amazonaws.com", "my-app"] },
            },
        ],
    },
};
