/**
 * Pure builder of the Bedrock permissions policy: exactly the two invoke actions, on foundation models
 * and inference profiles, optionally narrowed to regions and model-ID patterns.
 *
 * Cross-region inference: a call through an inference profile is authorised against the profile AND
 * against the foundation model in every destination region the profile may route to
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/inference-profiles-prereq.html). Destination
 * regions are chosen by AWS, so when regions are restricted we still allow the model in any region, but
 * only when the request came through a profile in an allowed source region (condition key
 * bedrock:InferenceProfileArn, documented on the same page). Direct calls stay limited to the allowed
 * regions.
 */
import type * as aws from "@pulumi/aws";
import { BEDROCK_INVOKE_ACTIONS } from "../rules/constants";

export { BEDROCK_INVOKE_ACTIONS };

export interface BedrockScope {
    /** Allowed source regions; empty means every region. */
    regions: readonly string[];
    /** Allowed model-ID patterns; empty means every model. */
    models: readonly string[];
}

const PERMISSION_SIDS = {
    direct: "InvokeFoundationModels",
    profiles: "InvokeInferenceProfiles",
    routed: "InvokeModelsRoutedByProfiles",
} as const;

export function buildPermissionsPolicy(partition: string, accountId: string, scope: BedrockScope): aws.iam.PolicyDocument {
    const regions = scope.regions.length > 0 ? scope.regions : ["*"];
    const models = scope.models.length > 0 ? scope.models : ["*"];
    const restrictedRegions = scope.regions.length > 0;
    const actions = [...BEDROCK_INVOKE_ACTIONS];

    const foundationModels = regions.flatMap((r) => models.map((m) => `arn:${partition}:bedrock:${r}::foundation-model/${m}`));
    // System-defined profile IDs are `<geography>.<model-id>` (us., eu., apac., global.).
    const systemProfiles = regions.flatMap((r) =>
        models.map((m) => `arn:${partition}:bedrock:${r}:${accountId}:inference-profile/${m === "*" ? "*" : `*.${m}`}`),
    );
    // Application profiles have opaque IDs; the model behind them is still checked by the model statements.
    const applicationProfiles = regions.map((r) => `arn:${partition}:bedrock:${r}:${accountId}:application-inference-profile/*`);

    const statements: aws.iam.PolicyStatement[] = [
        { Sid: PERMISSION_SIDS.direct, Effect: "Allow", Action: actions, Resource: foundationModels },
        { Sid: PERMISSION_SIDS.profiles, Effect: "Allow", Action: actions, Resource: [...systemProfiles, ...applicationProfiles] },
    ];
    if (restrictedRegions) {
        statements.push({
            Sid: PERMISSION_SIDS.routed,
            Effect: "Allow",
            Action: actions,
            Resource: models.map((m) => `arn:${partition}:bedrock:*::foundation-model/${m}`),
            Condition: {
                StringLike: {
                    "bedrock:InferenceProfileArn": regions.flatMap((r) => [
                        `arn:${partition}:bedrock:${r}:${accountId}:inference-profile/*`,
                        `arn:${partition}:bedrock:${r}:${accountId}:application-inference-profile/*`,
                    ]),
                },
            },
        });
    }
    return { Version: "2012-10-17", Statement: statements };
}
