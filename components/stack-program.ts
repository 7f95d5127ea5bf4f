/** The stack program: stack config in, one component out, its outputs exported. */
import * as pulumi from "@pulumi/pulumi";
import { PROJECT_NAME } from "../rules/constants";
import { ConfigReader, TEXT_CONFIG_KEYS, stackSettingsFromConfig } from "./stack-config";
import { TeamBedrockAccess } from "./team-bedrock-access";
import { WarpOidcProvider } from "./oidc-provider";
import { IGNORED_KEYS_KEY, configKeyProblems, ignoredKeysFrom } from "./config-keys";

function parsedOr(text: string): unknown {
    try {
        return JSON.parse(text);
    } catch {
        return text;
    }
}

/** Reads a key as parsed YAML when it is structured (lists, maps, booleans, numbers), else as text. */
export function pulumiConfigReader(config: pulumi.Config): ConfigReader {
    return (key) => {
        const text = config.get(key);
        if (text === undefined) {
            return text;
        }
        if (TEXT_CONFIG_KEYS.has(key)) {
            // A list or map written where text belongs arrives as its JSON: hand it on as what it is, so the
            // error says "is not a string" (no UID, name or ARN starts with '[' or '{').
            return /^[[{]/.test(text) ? parsedOr(text) : text;
        }
        try {
            return JSON.parse(text);
        } catch {
            return text;
        }
    };
}

/** A key of the stack's config that nearly names a setting is an error, as in `synth` (ignoredKeys opts out). */
function refuseNearMisses(read: ConfigReader): void {
    const { errors } = configKeyProblems(Object.keys(pulumi.runtime.allConfig()), ignoredKeysFrom(read(IGNORED_KEYS_KEY)));
    if (errors.length > 0) {
        throw errors[0];
    }
}

export function runStackProgram(config: pulumi.Config = new pulumi.Config()): Record<string, pulumi.Output<unknown>> {
    const read = pulumiConfigReader(config);
    refuseNearMisses(read);
    const settings = stackSettingsFromConfig(read);
    if (settings.providerOnly) {
        const { issuer, tags, retainOidcProvider } = settings.componentArgs as Record<string, any>;
        const provider = new WarpOidcProvider("warp-oidc", { issuer, tags, retainOnDelete: retainOidcProvider });
        return { oidcProviderArn: provider.oidcProviderArn };
    }
    const args = { ...settings.componentArgs } as any;
    if (settings.oidcProviderStack) {
        args.oidcProviderArn = new pulumi.StackReference(settings.oidcProviderStack).requireOutput("oidcProviderArn");
    }
    const access = new TeamBedrockAccess(PROJECT_NAME, args);
    return {
        roleArn: access.roleArn,
        roleName: access.roleName,
        oidcProviderArn: access.oidcProviderArn,
        trustPolicy: access.trustPolicy,
        permissionsPolicy: access.permissionsPolicy,
        subjects: access.subjects,
        agentRoleArns: access.agentRoleArns,
        agentOverrides: access.agentOverrides,
    };
}
