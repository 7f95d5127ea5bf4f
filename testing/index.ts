/**
 * Mocks for unit-testing a Pulumi program that uses this package's components, with the SDK's own
 * mocks runtime (`pulumi.runtime.setMocks`): the invokes the components make are answered (the account
 * and partition come from `aws:index/getCallerIdentity`), and the resources they create get the ARNs
 * and names AWS would give them. The same answers drive `warp-bedrock synth`.
 *
 *   import * as pulumi from "@pulumi/pulumi";
 *   import { warpBedrockMocks } from "warp-bedrock-access/testing";
 *   pulumi.runtime.setMocks(warpBedrockMocks({ accountId: "111122223333" }), "project", "stack", false);
 */
import * as pulumi from "@pulumi/pulumi";
import { COMPONENT_TYPES, RESOURCE_TYPES } from "../rules/constants";
import {
    PLACEHOLDER_ACCOUNT_ID,
    PLACEHOLDER_PARTITION,
    PLACEHOLDER_REGION,
    mockCall,
    mockState,
    resolveOutput,
} from "../synth/mock-deployment";

/** The invokes the components make: a test's mocks must answer each. */
export const COMPONENT_INVOKES: readonly string[] = ["aws:index/getCallerIdentity:getCallerIdentity"];

/** The resource types the components register (themselves included), which these mocks answer. */
export const COMPONENT_RESOURCE_TYPES: readonly string[] = [
    COMPONENT_TYPES.teamBedrockAccess,
    COMPONENT_TYPES.warpOidcProvider,
    RESOURCE_TYPES.role,
    RESOURCE_TYPES.rolePolicy,
    RESOURCE_TYPES.oidcProvider,
    RESOURCE_TYPES.stackReference,
];

export interface WarpMockOptions {
    /** The deploying account's 12-digit ID; default 123456789012. */
    accountId?: string;
    /** AWS partition; default `aws`. */
    partition?: string;
    /** Region `aws:index/getRegion` answers; default us-east-1. */
    region?: string;
    /** Mimic a preview: ARNs of roles and providers still to be created are unknown. Pass the same to setMocks. */
    preview?: boolean;
    /** Outputs of other stacks a StackReference reads, by stack name (for example an `oidcProviderArn`). */
    stackOutputs?: Record<string, Record<string, unknown>>;
}

/**
 * Mocks that answer the components' invokes and resources. Anything else goes to `next` when given (your
 * own mocks for the rest of your program), else resources echo their inputs and invokes their arguments.
 */
export function warpBedrockMocks(options: WarpMockOptions = {}, next?: pulumi.runtime.Mocks): pulumi.runtime.Mocks {
    const env = { accountId: PLACEHOLDER_ACCOUNT_ID, partition: PLACEHOLDER_PARTITION, region: PLACEHOLDER_REGION, ...options };
    return {
        newResource: (args) => (next && !COMPONENT_RESOURCE_TYPES.includes(args.type) ? next.newResource(args) : mockState(env, args)),
        call: (args) => (next && !COMPONENT_INVOKES.includes(args.token) ? next.call(args) : mockCall(env, args)),
    };
}

/** The value of an Output in a test (undefined when it is unknown, as in a preview). */
export async function valueOf<T>(output: pulumi.Output<T>): Promise<T | undefined> {
    return (await resolveOutput(output)).value;
}
