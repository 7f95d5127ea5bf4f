/**
 * What the permissions rules' good and bad examples are made of: the policies reaching one role, each
 * a small change from the component's own Bedrock policy. Each rule's folder holds its examples
 * (examples.ts); the docs generator and the tests read them.
 */
import { parsePolicyDocument } from "../iam/document";
import type { PermissionsSettings, RoleJudgement, Route } from "../permissions/role";
import { DEFAULT_PERMISSIONS_SETTINGS, judgeRole } from "../permissions/role";

export type Json = Record<string, unknown>;

export const ACCOUNT = "111122223333";

export function doc(...statements: Json[]): Json {
    return { Version: "2012-10-17", Statement: statements };
}

export const INVOKE = ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"];

/** The component's Bedrock statement: invoke foundation models and inference profiles in any region. */
export const INVOKE_STATEMENT: Json = {
    Sid: "InvokeBedrockModels",
    Effect: "Allow",
    Action: INVOKE,
    Resource: [
        "arn:aws:bedrock:*::foundation-model/*",
        `arn:aws:bedrock:*:${ACCOUNT}:inference-profile/*`,
        `arn:aws:bedrock:*:${ACCOUNT}:application-inference-profile/*`,
    ],
};

export interface PermissionsExample {
    /** What was changed from the component's policy. */
    change: string;
    /** Documents reaching the role, or an attached managed policy ARN. */
    policies: ReadonlyArray<Json | { arn: string }>;
    config?: Partial<PermissionsSettings>;
}

export interface PermissionsRuleExamples {
    good: readonly PermissionsExample[];
    bad: readonly PermissionsExample[];
}

export const COMPONENT_EXAMPLE: PermissionsExample = { change: "nothing changed", policies: [doc(INVOKE_STATEMENT)] };

/** The judgement of one example, as `lint` forms it for one role's policies. */
export function judgeExample(ex: PermissionsExample): RoleJudgement<number> {
    const routes: Route<number>[] = ex.policies.map((p, i) =>
        "arn" in p && typeof p.arn === "string"
            ? { kind: "arn", label: `policy ${i + 1}`, arn: p.arn, ref: i }
            : { kind: "document", label: `policy ${i + 1}`, parsed: parsePolicyDocument(p), ref: i },
    );
    return judgeRole({ routes, wholeRole: true }, { ...DEFAULT_PERMISSIONS_SETTINGS, ...ex.config });
}
