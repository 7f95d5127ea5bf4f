/**
 * The examples of the resource rules: each a small stack, as the pack sees it in preview. The docs show
 * a rule's first bad example with what the pack reports on it; each folder's test runs its rule's check
 * over every example.
 */
import type { Json } from "../trust-rules/example-support";

/** The engine's placeholder for a string not known during preview, as @pulumi/policy names it. */
export const UNKNOWN: string = require("@pulumi/policy/proxy").unknownStringValue;

export const ROLE = "aws:iam/role:Role";

export interface ResourceExample {
    change: string;
    resources: Array<{ type: string; name: string; props: Json }>;
}

export interface ResourceRuleExamples {
    good: readonly ResourceExample[];
    bad: readonly ResourceExample[];
}
