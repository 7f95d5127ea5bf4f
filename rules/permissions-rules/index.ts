// Written by `npm run docs` (scripts/docs/rule-index.ts) from the rule folders: do not edit.
/** Every permissions rule, one folder each, in the order reports list them: exposure, validity, convention. */
import type { PermissionsRule } from "./rule";
import { rule as bedrockOnly } from "./bedrock-only";
import { rule as iamValid } from "./iam-valid";
import { rule as actionWildcard } from "./action-wildcard";
import { rule as brokenRole } from "./broken-role";
import { rule as metadataRead } from "./metadata-read";

export const PERMISSIONS_RULES: readonly PermissionsRule[] = [bedrockOnly, iamValid, actionWildcard, brokenRole, metadataRead];
