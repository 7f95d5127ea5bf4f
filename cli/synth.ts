import { CliIO, UsageError, formatOf, inputErrorText, one, parseOptions } from "./command";
import { ValidationError, escapeControls } from "../rules/errors";
import { renderAwsCli } from "../synth/aws-cli";
import { buildSynthReport } from "../synth/synth-report";
import { renderJson } from "../synth/render-json";
import { renderText } from "../synth/render-text";
import { PROJECT, StackFileError, readStackFile } from "../synth/stack-file";
import { STACK_CONFIG_KEYS } from "../components/stack-config";
import { SynthOptions, synthesize } from "../synth/synthesize";
import { PLACEHOLDER_ACCOUNT_ID, PLACEHOLDER_PARTITION, PLACEHOLDER_REGION } from "../synth/mock-deployment";
import { readPackConfig } from "../synth/pack-config";

export const SYNTH_USAGE = `usage: warp-bedrock synth STACK_CONFIG_FILE [--format text|json|aws-cli] [options]

Runs the stack program on a Pulumi.<stack>.yaml file under Pulumi's mocks runtime (no Pulumi CLI, no
cloud, no credentials) and prints the resources and IAM policies it would create.

formats:
  text      resources, trust and permissions policies, granted subjects in plain words, policy verdicts (default)
  json      the same as one JSON document, for diffs in code review: its own keys
            sorted, each IAM policy document in IAM's order, as the role receives it
  aws-cli   a bash script of aws iam commands that creates the same provider, roles and inline policies

options:
  --account-id ID          AWS account the plan is for (default ${PLACEHOLDER_ACCOUNT_ID}, a placeholder)
  --partition NAME         AWS partition (default ${PLACEHOLDER_PARTITION}, a placeholder)
  --region REGION          AWS region (default: aws:region of the stack file, else ${PLACEHOLDER_REGION}, a placeholder)
  --oidc-provider-arn ARN  the oidcProviderArn output of the stack named by oidcProviderStack
                           (default: a placeholder ARN in the plan's account)
  --policy-pack-config FILE  the pack's config, as pulumi preview --policy-pack-config takes it,
                           so the verdicts are the ones preview gives (default: the policies'
                           defaults; examples/policy-config.staging.json allows staging.warp.dev)

Runs this package's own stack program (project warp-bedrock-access). For a Pulumi program of your
own, run pulumi preview --policy-pack with the shipped pack, or unit-test the component with
warp-bedrock-access/testing (see the README).

exit codes: 0 plan printed (policy verdicts included), 1 synth itself failed, 2 bad flags or stack config
`;

const FORMATS = ["text", "json", "aws-cli"] as const;
type Format = (typeof FORMATS)[number];

const SYNTH_OPTIONS = {
    "--format": { value: true },
    "--account-id": { value: true },
    "--partition": { value: true },
    "--region": { value: true },
    "--oidc-provider-arn": { value: true },
    "--policy-pack-config": { value: true },
} as const;

function synthArgs(argv: string[]): { options: SynthOptions; format: Format; help: boolean; packConfig?: string } {
    const parsed = parseOptions(argv, SYNTH_OPTIONS);
    if (parsed.help) {
        return { options: { stackFile: "" }, format: "text", help: true };
    }
    if (parsed.positionals.length !== 1) {
        throw new UsageError(
            parsed.positionals.length === 0
                ? "give one stack config file, such as examples/Pulumi.team-a.yaml"
                : `give one stack config file, not ${parsed.positionals.length}`,
        );
    }
    const format = formatOf(parsed, FORMATS);
    const given = (flag: keyof typeof SYNTH_OPTIONS, key: keyof SynthOptions) =>
        one(parsed, flag) !== undefined ? { [key]: one(parsed, flag) } : {};
    const options: SynthOptions = {
        stackFile: parsed.positionals[0],
        ...given("--account-id", "accountId"),
        ...given("--partition", "partition"),
        ...given("--region", "region"),
        ...given("--oidc-provider-arn", "oidcProviderArn"),
    };
    const packConfig = one(parsed, "--policy-pack-config");
    return { options, format, help: false, ...(packConfig !== undefined ? { packConfig } : {}) };
}

/** `bedrockRegions[0]` comes from the key `warp-bedrock-access:bedrockRegions` (agentRoles.X.region from agentRoles). */
function configKeyHint(field: string): string {
    const top = field.split(/[.[]/)[0];
    if (top.includes(":")) {
        return `, key ${top}`;
    }
    return (STACK_CONFIG_KEYS as readonly string[]).includes(top) ? `, key ${PROJECT}:${top}` : "";
}

export async function runSynth(argv: string[], io: CliIO): Promise<number> {
    let parsed: ReturnType<typeof synthArgs>;
    try {
        parsed = synthArgs(argv);
    } catch (e) {
        if (e instanceof UsageError) {
            io.err(inputErrorText("synth", e));
            return 2;
        }
        throw e;
    }
    if (parsed.help) {
        io.out(SYNTH_USAGE);
        return 0;
    }
    let output: string;
    try {
        // Warnings first: a misspelt or misplaced key is often why the run below fails.
        readStackFile(parsed.options.stackFile).warnings.forEach((w) => io.err(`warp-bedrock synth: warning: ${escapeControls(w)}\n`));
        const packConfig = parsed.packConfig !== undefined ? readPackConfig(parsed.packConfig) : {};
        const run = await synthesize(parsed.options);
        const plan = buildSynthReport(run, packConfig);
        output = parsed.format === "json" ? renderJson(plan) : parsed.format === "aws-cli" ? renderAwsCli(plan) : renderText(plan);
    } catch (e) {
        if (e instanceof ValidationError) {
            // The component's own message, with the config key it came from, and no partial plan.
            io.err(`warp-bedrock synth: ${escapeControls(`${e.field}: ${e.problem}. ${e.fix}`)}\n`);
            if (!e.field.startsWith("--")) {
                io.err(`  in ${parsed.options.stackFile}${configKeyHint(e.field)}\n`);
            }
            return 2;
        }
        if (e instanceof StackFileError) {
            io.err(`warp-bedrock synth: ${escapeControls(e.message, true)}\n`);
            return 2;
        }
        io.err(`warp-bedrock synth: ${escapeControls(e instanceof Error ? e.message : String(e), true)}\n`);
        return 1;
    }
    // Verdicts are part of the plan, not a failure of synth: a reviewer reads them in the output.
    io.out(output);
    return 0;
}
