/**
 * Random permissions policies and the probe battery for the permissions engine's differential test
 * (tests/permissions-differential.test.ts, bench/permissions-differential.ts).
 *
 * Policies mix Allow and Deny, Action and NotAction, Resource and NotResource, wildcards in every ARN
 * segment (the resource type too: `*\/*`, `*-model/*`, runs of `?`), policy variables in every ARN
 * segment and in condition values, Versions 2012-10-17, 2008-10-17 and none (variables literal),
 * letter-case variants, short ARNs, and conditions: on a Deny (a key the probe request never carries, so
 * it does not apply, as the engine assumes), and on an Allow as `...IfExists` (holds when the key is
 * absent, as the engine assumes). A few statements take a form IAM refuses: an Effect spelled `allow`
 * or `DENY`, an action without its service prefix, Action and NotAction together.
 *
 * Probes are (action, resource) requests built from the IAM data: every Bedrock action on an ARN of
 * each resource type it accepts (`*` for one that takes none), plus IAM, STS, KMS, S3 and Marketplace
 * actions. The region-less foundation-model ARN is not a probe: the simulator rejects it as a request
 * (see the test).
 */
import { actionsOf, exampleArn } from "../../rules/iam/facts";

export interface PermissionsProbe {
    action: string;
    resource: string;
}

/** A small seeded generator (mulberry32), so every run draws the same policies. */
export function random(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

const pick = <T>(rnd: () => number, items: readonly T[]): T => items[Math.floor(rnd() * items.length)];

const ACCOUNT = "111122223333";

const ACTIONS = [
    "bedrock:InvokeModel",
    "bedrock:InvokeModelWithResponseStream",
    "bedrock:invokemodel",
    "BEDROCK:InvokeModelWithResponseStream",
    "bedrock:InvokeModel*",
    "bedrock:Invoke*",
    "bedrock:InvokeModel?ithResponseStream",
    "bedrock:*",
    "bedrock:Get*",
    "bedrock:List*",
    "bedrock:GetFoundationModel",
    "bedrock:ListFoundationModels",
    "bedrock:GetInferenceProfile",
    "bedrock:PutModelInvocationLoggingConfiguration",
    "bedrock:CreateModelCustomizationJob",
    "bedrock:*Model",
    "aws-marketplace:Subscribe",
    "aws-marketplace:ViewSubscriptions",
    "aws-marketplace:*",
    "iam:PassRole",
    "iam:Pass?ole",
    "sts:AssumeRole*",
    "s3:GetObject",
    "s3:*",
    "kms:Decrypt",
    "*",
];

const RESOURCES = [
    "*",
    "arn:aws:bedrock:*::foundation-model/*",
    "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3",
    "arn:aws:bedrock:us-*::foundation-model/*",
    "arn:aws:bedrock:*::foundation-model/anthropic.*",
    "arn:aws:bedrock:::foundation-model/*",
    "arn:aws:bedrock:*:*:inference-profile/*",
    `arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/us.anthropic.claude-3`,
    `arn:aws:bedrock:*:${ACCOUNT}:application-inference-profile/*`,
    `arn:aws:bedrock:*:${ACCOUNT}:*`,
    "arn:aws:bedrock:*:*:*",
    "arn:aws:bedrock:*",
    "arn:aws:bedrock:us-east-1:*:custom-model/*",
    "arn:aws:bedrock:??-east-1::foundation-model/*",
    "arn:AWS:Bedrock:US-EAST-1::foundation-model/*",
    "arn:aws:iam::*:role/*",
    `arn:aws:iam::${ACCOUNT}:role/x`,
    "arn:aws:s3:::*",
    "arn:aws:kms:*:*:key/*",
    "arn:*:*:*:*:*",
    `arn:aws:iam::${ACCOUNT}:*/*`,
    `arn:aws:bedrock:*:${ACCOUNT}:*-model/*`,
    `arn:aws:bedrock:*:${ACCOUNT}:???????????-model/*`,
    `arn:aws:bedrock:*:${ACCOUNT}:*/*`,
    "arn:aws:bedrock:*::*-model/*",
    "arn:aws:iam::${aws:PrincipalAccount}:role/*",
    "arn:aws:bedrock:${aws:RequestedRegion}:*:*",
    "arn:aws:bedrock:${aws:RequestedRegion}::foundation-model/*",
    "arn:aws:bedrock:*:${aws:PrincipalAccount}:inference-profile/*",
    "arn:${aws:username}:bedrock:*::foundation-model/*",
    "arn:aws:${aws:username}:*:*:*",
    "arn:aws:s3:::bucket/${aws:username}/*",
    "arn:aws:s3:::bucket/${*}",
];

const DENY_CONDITIONS: ReadonlyArray<Record<string, unknown>> = [
    { StringEquals: { "aws:PrincipalTag/team": "blue" } },
    { Bool: { "aws:ViaAWSService": "true" } },
];

const ALLOW_CONDITIONS: ReadonlyArray<Record<string, unknown>> = [
    { StringEqualsIfExists: { "aws:RequestedRegion": "us-east-1" } },
    { StringLikeIfExists: { "aws:RequestedRegion": "${aws:PrincipalTag/region, 'us-*'}" } },
];

/** Forms IAM refuses ("IAM JSON policy elements: Effect", "...: Action", the grammar): drawn rarely. */
const INVALID: ReadonlyArray<(s: Record<string, unknown>) => void> = [
    (s) => (s.Effect = "allow"),
    (s) => (s.Effect = "DENY"),
    (s) => (s.Action = "InvokeModel"),
    (s) => {
        s.Action = "bedrock:InvokeModel";
        s.NotAction = "s3:*";
    },
];

const VERSIONS = ["2012-10-17", "2012-10-17", "2012-10-17", "2008-10-17", undefined];

function some(rnd: () => number, pool: readonly string[], max: number): string | string[] {
    const n = 1 + Math.floor(rnd() * max);
    const out = [...new Set(Array.from({ length: n }, () => pick(rnd, pool)))];
    return out.length === 1 && rnd() < 0.5 ? out[0] : out;
}

function statement(rnd: () => number): Record<string, unknown> {
    const effect = rnd() < 0.7 ? "Allow" : "Deny";
    const s: Record<string, unknown> = { Effect: effect };
    s[rnd() < 0.15 ? "NotAction" : "Action"] = some(rnd, ACTIONS, 3);
    s[rnd() < 0.15 ? "NotResource" : "Resource"] = some(rnd, RESOURCES, 3);
    if (rnd() < 0.15) {
        s.Condition = pick(rnd, effect === "Deny" ? DENY_CONDITIONS : ALLOW_CONDITIONS);
    }
    if (rnd() < 0.02) {
        pick(rnd, INVALID)(s);
    }
    return s;
}

/** One random permissions policy of 1 to `max` statements. */
export function randomPolicy(rnd: () => number, max = 4): Record<string, unknown> {
    const n = 1 + Math.floor(rnd() * max);
    const version = pick(rnd, VERSIONS);
    const Statement = Array.from({ length: n }, () => statement(rnd));
    return version === undefined ? { Statement } : { Version: version, Statement };
}

const OTHER_PROBES: readonly PermissionsProbe[] = [
    { action: "iam:PassRole", resource: `arn:aws:iam::${ACCOUNT}:role/x` },
    { action: "sts:AssumeRole", resource: `arn:aws:iam::${ACCOUNT}:role/admin` },
    { action: "kms:Decrypt", resource: `arn:aws:kms:us-east-1:${ACCOUNT}:key/x` },
    { action: "s3:GetObject", resource: "arn:aws:s3:::bucket/key" },
    { action: "aws-marketplace:Subscribe", resource: "*" },
    { action: "aws-marketplace:ViewSubscriptions", resource: "*" },
    { action: "bedrock:InvokeModel", resource: "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3" },
    { action: "bedrock:InvokeModelWithResponseStream", resource: "arn:aws:bedrock:eu-west-1::foundation-model/amazon.nova-pro-v1:0" },
    { action: "bedrock:InvokeModel", resource: `arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/us.anthropic.claude-3` },
    { action: "bedrock:InvokeModel", resource: `arn:aws:bedrock:us-east-1:${ACCOUNT}:custom-model/x` },
    { action: "bedrock:InvokeModel", resource: `arn:aws:bedrock:us-east-1:${ACCOUNT}:provisioned-model/x` },
    { action: "iam:PassRole", resource: `arn:aws:iam::${ACCOUNT}:role/admin` },
    { action: "s3:GetObject", resource: "arn:aws:s3:::bucket/x/key" },
];

/** Probes for one policy: `random` drawn from the battery, `targeted` of the services the policy names. */
export function probesFor(
    rnd: () => number,
    battery: readonly PermissionsProbe[],
    policy: unknown,
    random = 8,
    targeted = 8,
): PermissionsProbe[] {
    const text = JSON.stringify(policy).toLowerCase();
    const named = battery.filter((p) => text.includes(`"${p.action.slice(0, p.action.indexOf(":") + 1).toLowerCase()}`));
    const draw = (from: readonly PermissionsProbe[], n: number) =>
        from.length === 0 ? [] : Array.from({ length: n }, () => pick(rnd, from));
    return [...new Set([...draw(battery, random), ...draw(named, targeted)])];
}

/** Every Bedrock action on each of its resource types, then the other services' probes. */
export function probeBattery(): PermissionsProbe[] {
    const out: PermissionsProbe[] = [];
    for (const fact of actionsOf("bedrock")?.values() ?? []) {
        if (fact.arnFormats.length === 0) {
            out.push({ action: fact.name, resource: "*" });
        }
        for (const format of fact.arnFormats) {
            out.push({ action: fact.name, resource: exampleArn(format) });
        }
    }
    return [...out, ...OTHER_PROBES];
}
