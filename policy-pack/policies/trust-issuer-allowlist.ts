import { DEFAULT_ISSUER } from "../../rules/issuer";
import { trustRulePolicy } from "./trust-rule-policy";
import { STRING_LIST, schema } from "./settings";

/** Production only unless the stack opts in to staging. */
export const trustIssuerAllowlist = trustRulePolicy(
    "warp-trust-issuer-allowlist",
    schema({
        allowedIssuers: {
            ...STRING_LIST,
            default: [DEFAULT_ISSUER],
            description: "Warp issuer hosts this stack's roles may trust; add staging.warp.dev only for staging stacks.",
        },
    }),
);
