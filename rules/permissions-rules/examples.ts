// Written by `npm run docs` (scripts/docs/rule-index.ts) from the rule folders: do not edit.
/** Each rule's good and bad examples, from its folder, by rule name: the docs and the tests read them. */
import type { PermissionsRuleExamples } from "./example-support";
import { examples as bedrockOnly } from "./bedrock-only/examples";
import { examples as iamValid } from "./iam-valid/examples";
import { examples as actionWildcard } from "./action-wildcard/examples";
import { examples as brokenRole } from "./broken-role/examples";
import { examples as metadataRead } from "./metadata-read/examples";

export const PERMISSIONS_EXAMPLES: Readonly<Record<string, PermissionsRuleExamples>> = {
    "warp-role-bedrock-permissions-only": bedrockOnly,
    "warp-permissions-iam-valid": iamValid,
    "warp-permissions-action-wildcard": actionWildcard,
    "warp-permissions-broken-role": brokenRole,
    "warp-permissions-metadata-read": metadataRead,
};
