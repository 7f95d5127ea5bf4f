/**
 * Policy config: the JSON schema each policy publishes (so `pulumi policy enable --config` and the
 * Pulumi Cloud console can validate it) and the readers that apply the same defaults in code, since
 * the server hands a policy only what the organisation actually configured.
 */
import type { PolicyConfigSchema } from "@pulumi/policy";
import { KNOWN_ISSUER_HOSTS } from "../../rules/issuer";

type SchemaProperties = PolicyConfigSchema["properties"];

const HOST_LIST = { type: "array", items: { type: "string", minLength: 1 }, uniqueItems: true } as const;

export const WARP_ISSUERS_PROPERTY: SchemaProperties = {
    warpIssuers: {
        ...HOST_LIST,
        default: [...KNOWN_ISSUER_HOSTS],
        description: "Issuer hosts whose IAM OIDC providers are Warp's; a role federating to one of them is checked.",
    },
};

export function schema(properties: SchemaProperties = {}): PolicyConfigSchema {
    return { properties: { ...WARP_ISSUERS_PROPERTY, ...properties } };
}

export const STRING_LIST = HOST_LIST;

/** A wrong config type fails the preview loudly: a security pack must not fall back to a guess. */
export class PolicyConfigError extends Error {
    constructor(policy: string, key: string, expected: string, value: unknown) {
        super(`${policy}: config ${key} must be ${expected}, got ${JSON.stringify(value)}`);
        this.name = "PolicyConfigError";
    }
}

export function stringList(policy: string, config: Record<string, unknown>, key: string): string[] | undefined {
    const value = config[key];
    if (value === undefined || value === null) {
        return undefined;
    }
    if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) {
        throw new PolicyConfigError(policy, key, "a list of strings", value);
    }
    return value as string[];
}

export function boolean(policy: string, config: Record<string, unknown>, key: string): boolean | undefined {
    const value = config[key];
    if (value === undefined || value === null) {
        return undefined;
    }
    if (typeof value !== "boolean") {
        throw new PolicyConfigError(policy, key, "true or false", value);
    }
    return value;
}

export function positiveInteger(policy: string, config: Record<string, unknown>, key: string): number | undefined {
    const value = config[key];
    if (value === undefined || value === null) {
        return undefined;
    }
    if (typeof value !== "number" || !Number.isInteger(value) || value <= 0) {
        throw new PolicyConfigError(policy, key, "a positive whole number", value);
    }
    return value;
}
