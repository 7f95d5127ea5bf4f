/**
 * Runs the real stack program (`runStackProgram`, what index.ts runs) on a stack file under the SDK's
 * mocks runtime and returns what it registered. No engine, no AWS: the account, partition and region
 * come from flags, from the stack file, or from placeholders that the plan says are placeholders.
 */
import * as pulumi from "@pulumi/pulumi";
import { pulumiConfigReader, runStackProgram } from "../components/stack-program";
import { stackSettingsFromConfig } from "../components/stack-config";
import { buildAccessDocuments, planTeamAccess } from "../components/plan";
import { oidcProviderArnFor } from "../components/trust-policy";
import { PARTITIONS, assertRegion, parseOidcProviderArn } from "../rules/aws-names";
import { ValidationError, quoteValue } from "../rules/errors";
import { PROJECT_NAME as PROJECT } from "../rules/constants";
import { normalizeIssuer } from "../rules/issuer";
import {
    Deployment,
    PLACEHOLDER_ACCOUNT_ID,
    PLACEHOLDER_PARTITION,
    PLACEHOLDER_REGION,
    RegisteredResource,
    installMocks,
    resolveOutput,
    settle,
} from "./mock-deployment";
import { projectConfigDefaults } from "./project-defaults";
import { StackFile, readStackFile } from "./stack-file";

export interface SynthOptions {
    stackFile: string;
    accountId?: string;
    partition?: string;
    region?: string;
    /** Stands in for the `oidcProviderArn` output of the stack named by `oidcProviderStack`. */
    oidcProviderArn?: string;
}

type SettingSource = "flag" | "stack file" | "oidcProviderArn" | "placeholder";

export interface Setting {
    value: string;
    source: SettingSource;
}

export interface SynthContext {
    accountId: Setting;
    partition: Setting;
    region: Setting;
    /** Set when the stack reuses the account stack's provider through oidcProviderStack. */
    providerStack?: { stack: string; oidcProviderArn: Setting };
}

export interface SynthRun {
    stack: StackFile;
    context: SynthContext;
    resources: RegisteredResource[];
    /** The stack's exports, resolved. */
    outputs: Record<string, unknown>;
}

const ACCOUNT_RE = /^\d{12}$/;
const KEY = (name: string) => `${PROJECT}:${name}`;

/** Flag values are checked like config values: a ValidationError naming the flag. */
function checkFlags(opts: SynthOptions): void {
    if (opts.accountId !== undefined && !ACCOUNT_RE.test(opts.accountId)) {
        throw new ValidationError(
            "--account-id",
            `${quoteValue(opts.accountId)} is not an AWS account ID`,
            "Give the 12 digits of the account, such as 123456789012",
        );
    }
    if (opts.partition !== undefined && !(PARTITIONS as readonly string[]).includes(opts.partition)) {
        throw new ValidationError(
            "--partition",
            `${quoteValue(opts.partition)} is not an AWS partition`,
            `Use one of ${PARTITIONS.join(", ")}`,
        );
    }
    if (opts.region !== undefined) {
        assertRegion(opts.region, "--region");
    }
    if (opts.oidcProviderArn !== undefined && !parseOidcProviderArn(opts.oidcProviderArn)) {
        throw new ValidationError(
            "--oidc-provider-arn",
            `${quoteValue(opts.oidcProviderArn)} is not an IAM OIDC provider ARN`,
            "Give the account stack's oidcProviderArn output, such as arn:aws:iam::123456789012:oidc-provider/app.warp.dev",
        );
    }
}

function resolveContext(opts: SynthOptions, stack: StackFile): SynthContext {
    // Pulumi.yaml declares these with "" as the default, which means unset.
    const set = (key: string) => (stack.config[KEY(key)] ? stack.config[KEY(key)] : undefined);
    const providerStack = set("oidcProviderStack");
    const configuredArn = set("oidcProviderArn");
    // A provider reused by ARN fixes the account the roles must live in; prefer it over a placeholder.
    const knownArn = parseOidcProviderArn(configuredArn ?? (providerStack !== undefined ? (opts.oidcProviderArn ?? "") : ""));
    const setting = (flag: string | undefined, fromArn: string | undefined, fallback: string): Setting =>
        flag !== undefined
            ? { value: flag, source: "flag" }
            : fromArn !== undefined
              ? { value: fromArn, source: "oidcProviderArn" }
              : { value: fallback, source: "placeholder" };
    const accountId = setting(opts.accountId, knownArn?.accountId, PLACEHOLDER_ACCOUNT_ID);
    const partition = setting(opts.partition, knownArn?.partition, PLACEHOLDER_PARTITION);
    if (stack.region !== undefined) {
        assertRegion(stack.region, "aws:region");
    }
    const region: Setting =
        opts.region !== undefined
            ? { value: opts.region, source: "flag" }
            : stack.region !== undefined
              ? { value: stack.region, source: "stack file" }
              : { value: PLACEHOLDER_REGION, source: "placeholder" };
    const context: SynthContext = { accountId, partition, region };
    if (providerStack !== undefined) {
        const arn: Setting =
            opts.oidcProviderArn !== undefined
                ? { value: opts.oidcProviderArn, source: "flag" }
                : {
                      // What the account stack exports: the provider of this issuer in this account.
                      value: oidcProviderArnFor(partition.value, accountId.value, normalizeIssuer(set("issuer"), "issuer")),
                      source: "placeholder",
                  };
        context.providerStack = { stack: providerStack, oidcProviderArn: arn };
    }
    return context;
}

/**
 * Errors raised inside Outputs (values that wait on the StackReference) reach the mocks runtime as
 * unhandled rejections, after child resources have started registering. So first run the same
 * validation the component runs, on the values the program will see, and fail before anything exists.
 */
function preflight(context: SynthContext): void {
    const settings = stackSettingsFromConfig(pulumiConfigReader(new pulumi.Config(PROJECT)));
    if (settings.providerOnly) {
        return; // WarpOidcProvider validates plain arguments synchronously in its constructor.
    }
    const args: Record<string, unknown> = { ...settings.componentArgs };
    if (settings.oidcProviderStack !== undefined && context.providerStack) {
        args.oidcProviderArn = context.providerStack.oidcProviderArn.value;
    }
    const plan = planTeamAccess(args);
    buildAccessDocuments(plan, { partition: context.partition.value, accountId: context.accountId.value });
}

/** Resolves with the program's outputs, or rejects with the first error any of its Outputs raised. */
async function collectOutputs(
    program: () => Record<string, pulumi.Output<unknown>>,
    deployment: Deployment,
    timeoutMs: number,
): Promise<Record<string, unknown>> {
    let fail: (e: unknown) => void = () => undefined;
    const failed = new Promise<never>((_, reject) => {
        fail = reject;
    });
    const onRejection = (reason: unknown) => fail(reason);
    process.on("unhandledRejection", onRejection);
    const timer = setTimeout(
        () => fail(new Error(`the stack program did not finish within ${timeoutMs / 1000} s under the mocks runtime`)),
        timeoutMs,
    );
    timer.unref();
    try {
        const exported = program();
        const work = (async () => {
            const outputs: Record<string, unknown> = {};
            for (const key of Object.keys(exported).sort()) {
                outputs[key] = (await resolveOutput(exported[key])).value;
            }
            await settle(deployment);
            return outputs;
        })();
        return await Promise.race([work, failed]);
    } finally {
        clearTimeout(timer);
        process.removeListener("unhandledRejection", onRejection);
    }
}

export async function synthesize(opts: SynthOptions, timeoutMs = 60_000): Promise<SynthRun> {
    checkFlags(opts);
    const stack = readStackFile(opts.stackFile);
    const context = resolveContext(opts, stack);
    const deployment = installMocks({
        accountId: context.accountId.value,
        partition: context.partition.value,
        region: context.region.value,
        project: PROJECT,
        stack: stack.stack,
        config: { ...projectConfigDefaults(), ...stack.config },
        stackOutputs: context.providerStack
            ? { [context.providerStack.stack]: { oidcProviderArn: context.providerStack.oidcProviderArn.value } }
            : {},
    });
    preflight(context);
    const outputs = await collectOutputs(() => runStackProgram(new pulumi.Config(PROJECT)), deployment, timeoutMs);
    return { stack, context, resources: deployment.resources.slice(), outputs };
}
