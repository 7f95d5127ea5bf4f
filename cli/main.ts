#!/usr/bin/env node
/**
 * `warp-bedrock`: the package's command line. Each subcommand lives in its own module and returns
 * its exit code: 0 success, 1 a finding or failure the user must act on, 2 bad input or usage.
 */
import type { CliIO } from "./command";

const USAGE = `usage: warp-bedrock <command> [options]

commands:
  lint   check IAM trust and permissions policy JSON files against Warp's subject conventions
  synth  print the resources and policies a stack config would create, without a cloud or the Pulumi CLI
  audit  list every role in an AWS account a Warp issuer can assume, with who and what it grants
  doctor diagnose why Warp gets AccessDenied through one role (ROLE_ARN)
  adopt  write a stack config and a pulumi import file that take a hand-made role under Pulumi
`;

export async function main(argv: string[], io: CliIO): Promise<number> {
    const [command, ...rest] = argv;
    switch (command) {
        case "lint":
            return (await import("./lint")).runLint(rest, io);
        case "synth":
            return (await import("./synth")).runSynth(rest, io);
        case "audit":
            return (await import("./audit")).runAudit(rest, io);
        case "doctor":
            return (await import("./doctor")).runDoctor(rest, io);
        case "adopt":
            return (await import("./adopt")).runAdopt(rest, io);
        case "-h":
        case "--help":
        case "help":
            io.out(USAGE);
            return 0;
        default:
            io.err(
                `warp-bedrock: ${command === undefined ? "give a command: lint, synth, audit, doctor or adopt" : `unknown command ${JSON.stringify(command)}`}\n` +
                    "Run warp-bedrock --help for usage.\n",
            );
            return 2;
    }
}

if (require.main === module) {
    // The AWS SDK warns on every run that its releases after January 2027 need Node 22; this package
    // supports Node 20 and keeps standard error for its own messages and progress.
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
    main(process.argv.slice(2), {
        out: (t) => process.stdout.write(t),
        err: (t) => process.stderr.write(t),
        ...(process.stderr.isTTY ? { errTty: process.stderr } : {}),
    }).then(
        (code) => {
            process.exitCode = code;
        },
        (e) => {
            process.stderr.write(`warp-bedrock: ${e instanceof Error ? e.message : String(e)}\n`);
            process.exitCode = 2;
        },
    );
}
