/**
 * Runs a Pulumi program under the SDK's own mocks runtime (no engine, no cloud) and records every
 * resource it registers, with the options the engine would see. Used by `warp-bedrock synth` and the tests.
 */
import * as pulumi from "@pulumi/pulumi";
import { oidcProviderArnFor } from "../components/trust-policy";
import { PROJECT_NAME, RESOURCE_TYPES } from "../rules/constants";
import { normalizeIssuer } from "../rules/issuer";
// The mock monitor is the SDK's; we extend it only to record what each registration asked for.
const { MockMonitor } = require("@pulumi/pulumi/runtime/mocks");
const settings = require("@pulumi/pulumi/runtime/settings");

/** Clearly fake defaults: synth output must never be mistaken for a real account. */
export const PLACEHOLDER_ACCOUNT_ID = "123456789012";
export const PLACEHOLDER_PARTITION = "aws";
export const PLACEHOLDER_REGION = "us-east-1";

export interface RegisteredResource {
    type: string;
    name: string;
    custom: boolean;
    parent: string;
    inputs: Record<string, any>;
    dependencies: string[];
    retainOnDelete: boolean;
    protect: boolean;
    urn: string;
    /** Read from existing state (a StackReference, `get`), not created. */
    read: boolean;
}

export interface MockEnvironment {
    accountId?: string;
    partition?: string;
    region?: string;
    project?: string;
    stack?: string;
    preview?: boolean;
    /** Outputs of other stacks, by stack name, for StackReference. */
    stackOutputs?: Record<string, Record<string, unknown>>;
    /** Stack config, with keys in `project:key` form; structured values as JSON text, as the CLI passes them. */
    config?: Record<string, string>;
}

export class Deployment {
    readonly resources: RegisteredResource[] = [];
    /** Custom resources, read ones included. */
    custom(type?: string): RegisteredResource[] {
        return this.resources.filter((r) => r.custom && (type === undefined || r.type === type));
    }
    /** Custom resources this program would create or update. */
    managed(type?: string): RegisteredResource[] {
        return this.custom(type).filter((r) => !r.read);
    }
}

function physicalName(args: pulumi.runtime.MockResourceArgs): string {
    const inputs = args.inputs;
    if (typeof inputs.name === "string" && inputs.name) {
        return inputs.name;
    }
    // A stand-in for the engine's autonaming: stable, so output is reproducible.
    return typeof inputs.namePrefix === "string" ? `${inputs.namePrefix}0000000000000000000000000a` : `${args.name}-0000000`;
}

export function mockState(
    env: Required<Pick<MockEnvironment, "accountId" | "partition">> & MockEnvironment,
    args: pulumi.runtime.MockResourceArgs,
) {
    const { accountId, partition } = env;
    const inputs = args.inputs;
    switch (args.type) {
        case RESOURCE_TYPES.stackReference: {
            const stackName = inputs.name ?? args.name;
            return { id: stackName, state: { name: stackName, outputs: env.stackOutputs?.[stackName] ?? {}, secretOutputNames: [] } };
        }
        case RESOURCE_TYPES.role: {
            const name = physicalName(args);
            const path = inputs.path ?? "/";
            const arn = `arn:${partition}:iam::${accountId}:role${path}${name}`;
            // In a preview the engine knows the autoname but not the ARN of a role still to be created.
            return { id: name, state: env.preview ? { ...inputs, name } : { ...inputs, name, arn, uniqueId: "AROAPLACEHOLDER" } };
        }
        case RESOURCE_TYPES.oidcProvider: {
            const arn = oidcProviderArnFor(partition, accountId, normalizeIssuer(inputs.url));
            return { id: arn, state: env.preview ? { ...inputs } : { ...inputs, arn } };
        }
        case RESOURCE_TYPES.rolePolicy:
            return { id: `${inputs.role}:${inputs.name}`, state: { ...inputs } };
        default:
            return { id: `${args.name}-id`, state: { ...inputs } };
    }
}

export function mockCall(
    env: Required<Pick<MockEnvironment, "accountId" | "partition" | "region">>,
    args: pulumi.runtime.MockCallArgs,
): Record<string, any> {
    switch (args.token) {
        case "aws:index/getCallerIdentity:getCallerIdentity":
            return {
                accountId: env.accountId,
                arn: `arn:${env.partition}:iam::${env.accountId}:user/placeholder`,
                userId: "AIDAPLACEHOLDER",
                id: env.accountId,
            };
        case "aws:index/getPartition:getPartition":
            return { partition: env.partition, dnsSuffix: "amazonaws.com", id: env.partition, reverseDnsPrefix: "com.amazonaws" };
        case "aws:index/getRegion:getRegion":
            return { name: env.region, region: env.region, id: env.region };
        default:
            return args.inputs;
    }
}

/** What a registration asked for, read from the monitor's request. */
function registered(req: any, response: any): RegisteredResource {
    return {
        type: req.getType(),
        name: req.getName(),
        custom: req.getCustom(),
        parent: req.getParent(),
        dependencies: req.getDependenciesList(),
        retainOnDelete: Boolean(req.getRetainondelete?.()),
        protect: Boolean(req.getProtect?.()),
        urn: response.getUrn(),
        inputs: pulumi.runtime.deserializeProperties(req.getObject()),
        read: false,
    };
}

/** What a read (a StackReference, `get`) asked for: a custom resource taken from existing state. */
function read(req: any, response: any): RegisteredResource {
    return {
        type: req.getType(),
        name: req.getName(),
        custom: true,
        parent: req.getParent(),
        dependencies: req.getDependenciesList(),
        retainOnDelete: false,
        protect: false,
        urn: response.getUrn(),
        inputs: pulumi.runtime.deserializeProperties(req.getProperties()),
        read: true,
    };
}

/** The SDK's mock monitor, recording each registration and read that succeeds into `deployment`. */
function recordingMonitor(mocks: pulumi.runtime.Mocks, deployment: Deployment) {
    class RecordingMonitor extends MockMonitor {
        constructor(m: pulumi.runtime.Mocks) {
            super(m);
        }
        registerResource(req: any, callback: any) {
            return super.registerResource(req, (err: unknown, response: any) => {
                if (!err) {
                    deployment.resources.push(registered(req, response));
                }
                callback(err, response);
            });
        }
        readResource(req: any, callback: any) {
            return super.readResource(req, (err: unknown, response: any) => {
                if (!err) {
                    deployment.resources.push(read(req, response));
                }
                callback(err, response);
            });
        }
    }
    return new RecordingMonitor(mocks);
}

/** Install mocks that record into a fresh Deployment. Replaces any earlier mocks of this process. */
export function installMocks(options: MockEnvironment = {}): Deployment {
    const env = {
        accountId: PLACEHOLDER_ACCOUNT_ID,
        partition: PLACEHOLDER_PARTITION,
        region: PLACEHOLDER_REGION,
        project: PROJECT_NAME,
        stack: "synth",
        preview: false,
        ...options,
    };
    const deployment = new Deployment();
    const mocks: pulumi.runtime.Mocks = {
        newResource: (args) => mockState(env, args),
        call: (args) => mockCall(env, args),
    };
    settings.setMockOptions(recordingMonitor(mocks, deployment), env.project, env.stack, env.preview);
    const store = require("@pulumi/pulumi/runtime/state").getStore();
    Object.assign(store, { supportsSecrets: true, supportsResourceReferences: true, supportsOutputValues: false });
    pulumi.runtime.setAllConfig({ [`aws:region`]: env.region, ...(options.config ?? {}) }, []);
    return deployment;
}

/** Resolves an Output, telling whether it is known (it is not, in a preview, when it depends on an unknown). */
export async function resolveOutput<T>(output: pulumi.Output<T> | T): Promise<{ known: boolean; value: T | undefined }> {
    if (!pulumi.Output.isInstance(output)) {
        return { known: true, value: output as T };
    }
    const o = output as any;
    const known: boolean = await o.isKnown;
    const value = await o.promise(true);
    return { known, value: known ? value : undefined };
}

/** Waits until no registration has arrived for a few turns of the event loop. */
export async function settle(deployment: Deployment, quietTurns = 5): Promise<void> {
    let quiet = 0;
    let count = deployment.resources.length;
    while (quiet < quietTurns) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        if (deployment.resources.length === count) {
            quiet++;
        } else {
            count = deployment.resources.length;
            quiet = 0;
        }
    }
}
