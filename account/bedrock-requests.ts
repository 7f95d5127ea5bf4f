/**
 * The IAM requests one Bedrock call makes. A direct call is authorised against the foundation model in
 * the region; a call through a cross-region (system-defined) inference profile such as
 * `us.anthropic.claude-...` is authorised against the profile in the source region AND against the
 * foundation model in every destination region the profile may route to, with the request carrying
 * `bedrock:InferenceProfileArn` (Amazon Bedrock User Guide, "Prerequisites for inference profiles").
 */
import type { PermissionRequest } from "../rules/permissions/request";

const INVOKE_ACTIONS = ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"] as const;

/**
 * Destination regions per profile geography, as the Bedrock User Guide's "Supported Regions and
 * models for inference profiles" lists them; AWS adds regions over time, so `--destination-region`
 * overrides this list.
 */
const GEOGRAPHIES: Readonly<Record<string, readonly string[]>> = {
    us: ["us-east-1", "us-east-2", "us-west-1", "us-west-2"],
    "us-gov": ["us-gov-east-1", "us-gov-west-1"],
    eu: ["eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-2", "eu-west-3"],
    apac: [
        "ap-northeast-1",
        "ap-northeast-2",
        "ap-northeast-3",
        "ap-south-1",
        "ap-south-2",
        "ap-southeast-1",
        "ap-southeast-2",
        "ap-southeast-4",
    ],
    jp: ["ap-northeast-1", "ap-northeast-3"],
    au: ["ap-southeast-2", "ap-southeast-4"],
    ca: ["ca-central-1", "ca-west-1"],
};

/** `global.` profiles route to any commercial region. */
const GLOBAL = [...new Set(Object.entries(GEOGRAPHIES).flatMap(([geo, regions]) => (geo === "us-gov" ? [] : regions)))].sort();

const PROFILE_DESTINATIONS: Readonly<Record<string, readonly string[]>> = { ...GEOGRAPHIES, global: GLOBAL };

/** The geography prefix of a system-defined cross-region inference profile ID, if the model ID is one. */
function profileGeography(modelId: string): string | undefined {
    const m = /^([a-z-]+)\.[a-z0-9-]+\.[^\s]+$/.exec(modelId);
    return m && PROFILE_DESTINATIONS[m[1]] !== undefined ? m[1] : undefined;
}

export interface BedrockCall {
    modelId: string;
    region: string;
    accountId: string;
    partition: string;
    destinationRegions?: readonly string[];
}

export interface PlannedRequest extends PermissionRequest {
    /** Why this request is made, in words. */
    why: string;
}

export function requestsFor(call: BedrockCall): PlannedRequest[] {
    const { modelId, region, accountId, partition } = call;
    const out: PlannedRequest[] = [];
    if (modelId.startsWith("arn:")) {
        for (const action of INVOKE_ACTIONS) {
            out.push({ action, resource: modelId, context: {}, why: "the model or profile ARN given" });
        }
        return out;
    }
    const geo = profileGeography(modelId);
    if (geo === undefined) {
        for (const action of INVOKE_ACTIONS) {
            out.push({
                action,
                resource: `arn:${partition}:bedrock:${region}::foundation-model/${modelId}`,
                context: {},
                why: `a direct call in ${region}`,
            });
        }
        return out;
    }
    const profileArn = `arn:${partition}:bedrock:${region}:${accountId}:inference-profile/${modelId}`;
    const baseModel = modelId.slice(geo.length + 1);
    const destinations =
        call.destinationRegions && call.destinationRegions.length > 0 ? call.destinationRegions : PROFILE_DESTINATIONS[geo];
    for (const action of INVOKE_ACTIONS) {
        out.push({ action, resource: profileArn, context: {}, why: `the ${geo} inference profile in the source region ${region}` });
        for (const d of destinations) {
            out.push({
                action,
                resource: `arn:${partition}:bedrock:${d}::foundation-model/${baseModel}`,
                context: { "bedrock:InferenceProfileArn": profileArn },
                why: `the foundation model in ${d}, a destination region of the ${geo} profile`,
            });
        }
    }
    return out;
}
