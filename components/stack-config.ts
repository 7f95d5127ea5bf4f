/**
 * Maps stack config (friendly forms such as `namedAgents: all`) onto the component's schema-friendly
 * arguments. Pure, so the mapping and its errors are tested without a Pulumi runtime.
 */
import { ValidationError, quoteValue } from "../rules/errors";
import { assertUid } from "../rules/subject";

/** Reads one config key; returns undefined when unset. Structured values arrive as parsed JSON. */
export type ConfigReader = (key: string) => unknown;

export interface StackSettings {
    /** Only create the account's shared OIDC provider (the account stack). */
    providerOnly: boolean;
    /** Name of the stack whose `oidcProviderArn` output to reuse. */
    oidcProviderStack?: string;
    /** Arguments for TeamBedrockAccess (absent for a provider-only stack). */
    componentArgs: Record<string, unknown>;
}

/** Keys the component takes exactly as written in config. */
const PASS_THROUGH = [
    "teamUid",
    "issuer",
    "oidcProviderArn",
    "retainOidcProvider",
    "grantUsers",
    "allNamedAgents",
    "namedAgentUids",
    "agentRoles",
    "bedrockRegions",
    "bedrockModels",
    "roleName",
    "roleNamePrefix",
    "rolePath",
    "roleDescription",
    "maxSessionDuration",
    "permissionsBoundaryArn",
    "tags",
    "maxTrustPolicyLength",
    "revokeSessionsIssuedBefore",
    "inlinePolicyName",
] as const;

/** Keys whose config name differs from the component argument they set. */
const RENAMED = { revokedAgents: "revokedAgentUids", revokedUsers: "revokedUserUids" } as const;

export const STACK_CONFIG_KEYS = [
    ...PASS_THROUGH,
    ...(Object.keys(RENAMED) as (keyof typeof RENAMED)[]),
    "namedAgents",
    "oidcProviderStack",
    "providerOnly",
    // Read by config-keys.ts: keys the program leaves alone (the opt-out from near-miss errors).
    "ignoredKeys",
] as const;

/** Keys whose value is always text, even when it looks like a number (a UID may be all digits). */
export const TEXT_CONFIG_KEYS: ReadonlySet<string> = new Set([
    "teamUid",
    "issuer",
    "oidcProviderArn",
    "oidcProviderStack",
    "roleName",
    "roleNamePrefix",
    "rolePath",
    "roleDescription",
    "permissionsBoundaryArn",
    "revokeSessionsIssuedBefore",
    "inlinePolicyName",
]);

/** `namedAgents`: "all", "none", or a list of service-account UIDs. */
export function namedAgentsToArgs(value: unknown): { allNamedAgents?: boolean; namedAgentUids?: unknown[] } {
    if (value === undefined || value === null || value === "none") {
        return {};
    }
    if (value === "all") {
        return { allNamedAgents: true };
    }
    if (Array.isArray(value)) {
        return { namedAgentUids: value };
    }
    throw new ValidationError(
        "namedAgents",
        `${quoteValue(value)} is neither "all", "none" nor a list of agent UIDs`,
        "Write namedAgents: all, or a YAML list of service-account UIDs",
    );
}

/**
 * The Pulumi CLI fills keys declared in Pulumi.yaml with their defaults, so an empty string or an empty
 * list means "not set", never a value to validate or a conflict. `allNamedAgents` has no default there,
 * so a written `false` stays a value: beside `namedAgents` it is a contradiction and refused.
 */
function isUnset(value: unknown): boolean {
    return value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0);
}

export function stackSettingsFromConfig(readRaw: ConfigReader): StackSettings {
    const read: ConfigReader = (key) => {
        const value = readRaw(key);
        return isUnset(value) ? undefined : value;
    };
    for (const key of ["providerOnly", "retainOidcProvider"]) {
        const value = read(key);
        if (value !== undefined && typeof value !== "boolean") {
            throw new ValidationError(key, `${quoteValue(value)} is not a boolean`, "Write true or false");
        }
    }
    const providerOnly = read("providerOnly") === true;
    const oidcProviderStack = providerStackName(read("oidcProviderStack"));
    const componentArgs = componentArgsFrom(read);
    refuseConflicts(providerOnly, oidcProviderStack, componentArgs);
    return { providerOnly, ...(oidcProviderStack !== undefined ? { oidcProviderStack } : {}), componentArgs };
}

function providerStackName(value: unknown): string | undefined {
    if (value !== undefined && (typeof value !== "string" || !/^[\w.-]+(\/[\w.-]+){0,2}$/.test(value))) {
        throw new ValidationError(
            "oidcProviderStack",
            `${quoteValue(value)} is not a stack name`,
            "Write the account stack's name, such as myorg/warp-bedrock-access/account",
        );
    }
    return value as string | undefined;
}

/** The component's arguments: keys taken as written, renamed keys, and `namedAgents` in its typed form. */
function componentArgsFrom(read: ConfigReader): Record<string, unknown> {
    const componentArgs: Record<string, unknown> = {};
    for (const key of PASS_THROUGH) {
        const value = read(key);
        if (value !== undefined) {
            componentArgs[key] = value;
        }
    }
    for (const [key, arg] of Object.entries(RENAMED)) {
        const value = read(key);
        if (value !== undefined) {
            componentArgs[arg] = revokedUids(key, value);
        }
    }
    const namedAgents = read("namedAgents");
    if (namedAgents !== undefined && (componentArgs.allNamedAgents !== undefined || componentArgs.namedAgentUids !== undefined)) {
        const other =
            componentArgs.allNamedAgents !== undefined ? `allNamedAgents: ${String(componentArgs.allNamedAgents)}` : "namedAgentUids";
        throw new ValidationError(
            "namedAgents",
            `is set together with ${other}; the two say different things about who is trusted`,
            "Use namedAgents alone, or the two typed keys allNamedAgents and namedAgentUids, not both",
        );
    }
    return Object.assign(componentArgs, namedAgentsToArgs(namedAgents));
}

/** Checked here too, so an error names the key the admin wrote. */
function revokedUids(key: string, value: unknown): unknown[] {
    if (!Array.isArray(value)) {
        throw new ValidationError(key, `${quoteValue(value)} is not a list`, "Write a YAML list of UIDs");
    }
    value.forEach((uid, i) => assertUid(uid, `${key}[${i}]`, "the sub of the principal's sessions in CloudTrail"));
    return value;
}

/** A provider is reused one way only, and an account stack has no team. */
function refuseConflicts(providerOnly: boolean, oidcProviderStack: string | undefined, componentArgs: Record<string, unknown>): void {
    if (oidcProviderStack !== undefined && componentArgs.oidcProviderArn !== undefined) {
        throw new ValidationError(
            "oidcProviderStack",
            "is set together with oidcProviderArn",
            "Reuse the provider either by ARN or through the account stack, not both",
        );
    }
    if (
        providerOnly &&
        (componentArgs.teamUid !== undefined || oidcProviderStack !== undefined || componentArgs.oidcProviderArn !== undefined)
    ) {
        throw new ValidationError(
            "providerOnly",
            "is true, but team settings or a provider to reuse are also given",
            "An account stack only creates the provider: remove teamUid and the reuse keys, or set providerOnly: false",
        );
    }
}
