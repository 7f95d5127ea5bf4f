/**
 * Policy config: the JSON schema each policy publishes (so `pulumi policy enable --config` and the
 * Pulumi Cloud console can validate it) and the readers that apply the same defaults in code, since
 * the server hands a policy only what the organisation actually configured.
 */
import type { PolicyConfigSchema } from "@pulumi/policy";
import { DEFAULT_ISSUER, KNOWN_ISSUER_HOSTS } from "../../rules/issuer";
import { ACTOR_TYPES } from "../../rules/subject";
import type { TrustConfigKey } from "../../rules/trust-rules/rule";
import { DEFAULT_TRUST_POLICY_LIMIT, MAX_TRUST_POLICY_LIMIT, trustPolicyQuotaProblem } from "../../rules/policy-size";

type SchemaProperties = PolicyConfigSchema["properties"];

const HOST_LIST = { type: "array", items: { type: "string", minLength: 1 }, uniqueItems: true } as const;

const WARP_ISSUERS_PROPERTY: SchemaProperties = {
    warpIssuers: {
        ...HOST_LIST,
        default: [...KNOWN_ISSUER_HOSTS],
        description: "Issuer hosts whose IAM OIDC providers are Warp's; a role federating to one of them is checked.",
    },
};

/** The config keys of the trust rules, described once; each trust policy publishes the keys its rule reads. */
const TRUST_PROPERTIES: Readonly<Record<TrustConfigKey, SchemaProperties[string]>> = {
    warpIssuers: WARP_ISSUERS_PROPERTY.warpIssuers,
    allowedIssuers: {
        ...HOST_LIST,
        default: [DEFAULT_ISSUER],
        description: "Warp issuer hosts this stack may trust; tokens of any other issuer are an exposure.",
    },
    allowedTeamUids: {
        ...HOST_LIST,
        default: [],
        description: "Warp team UIDs whose people and agents may get in. Empty: a role may admit at most one team, whichever it is.",
    },
    allowedActorTypes: {
        type: "array",
        items: { type: "string", enum: [...ACTOR_TYPES] },
        uniqueItems: true,
        default: [...ACTOR_TYPES],
        description:
            "Actor types a Warp role is meant for: user (people and the cloud runs they start) and service_account (named agents).",
    },
    allowActorSpanningSubjects: {
        type: "boolean",
        default: false,
        description: "Accept scoped_principal:<team>/* (which spans actor types, present and future) without a convention finding.",
    },
    trustPolicyLengthQuota: {
        type: "integer",
        minimum: DEFAULT_TRUST_POLICY_LIMIT,
        maximum: MAX_TRUST_POLICY_LIMIT,
        default: DEFAULT_TRUST_POLICY_LIMIT,
        description:
            "The account's role trust policy length quota (IAM and AWS STS quotas: 2048 characters by default, adjustable up to 8192).",
    },
};

export function trustSchema(keys: readonly TrustConfigKey[]): PolicyConfigSchema {
    return schema(Object.fromEntries(keys.map((k) => [k, TRUST_PROPERTIES[k]])));
}

export function schema(properties: SchemaProperties = {}): PolicyConfigSchema {
    return { properties: { ...WARP_ISSUERS_PROPERTY, ...properties } };
}

export const STRING_LIST = HOST_LIST;

/** A wrong config type fails the preview loudly: a security pack must not fall back to a guess. */
class PolicyConfigError extends Error {
    constructor(policy: string, key: string, expected: string, value: unknown) {
        super(`${policy}: config ${key} must be ${expected}, got ${JSON.stringify(value)}`);
        this.name = "PolicyConfigError";
    }
}

export function stringListSetting(policy: string, config: Record<string, unknown>, key: string): string[] | undefined {
    const value = config[key];
    if (value === undefined || value === null) {
        return undefined;
    }
    if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) {
        throw new PolicyConfigError(policy, key, "a list of strings", value);
    }
    return value as string[];
}

export function booleanSetting(policy: string, config: Record<string, unknown>, key: string): boolean | undefined {
    const value = config[key];
    if (value === undefined || value === null) {
        return undefined;
    }
    if (typeof value !== "boolean") {
        throw new PolicyConfigError(policy, key, "true or false", value);
    }
    return value;
}

/** The account's role trust policy length quota, within IAM's range. */
export function trustPolicyQuotaSetting(policy: string, config: Record<string, unknown>, key: string): number | undefined {
    const value = config[key];
    if (value === undefined || value === null) {
        return undefined;
    }
    const problem = trustPolicyQuotaProblem(value);
    if (problem !== undefined) {
        throw new PolicyConfigError(policy, key, `a whole number from ${DEFAULT_TRUST_POLICY_LIMIT} to ${MAX_TRUST_POLICY_LIMIT}`, value);
    }
    return value as number;
}

export function positiveIntegerSetting(policy: string, config: Record<string, unknown>, key: string): number | undefined {
    const value = config[key];
    if (value === undefined || value === null) {
        return undefined;
    }
    if (typeof value !== "number" || !Number.isInteger(value) || value <= 0) {
        throw new PolicyConfigError(policy, key, "a positive whole number", value);
    }
    return value;
}
