#!/usr/bin/env node
/**
 * `warp-bedrock`: the package's command line. Each subcommand lives in its own module and returns
 * its exit code: 0 success, 1 a finding or failure the user must act on, 2 bad input or usage.
 */
import * as fs from "fs";
import * as path from "path";
import { closest, distance } from "fastest-levenshtein";
import type { CliIO } from "./command";
import { PROJECT_NAME } from "../rules/constants";
import { escapeControls } from "../rules/errors";

const COMMANDS = ["lint", "synth", "audit", "doctor", "adopt"] as const;

const USAGE = `usage: warp-bedrock <command> [options]
       warp-bedrock help <command>    a command's own help (also: warp-bedrock <command> --help)
       warp-bedrock --version

commands:
  lint   check IAM trust and permissions policy JSON files against Warp's subject conventions
  synth  print the resources and policies a stack config would create, without a cloud or the Pulumi CLI
  audit  list every role in an AWS account a Warp issuer can assume, with who and what it grants
  doctor diagnose why Warp gets AccessDenied through one role (ROLE_ARN)
  adopt  write a stack config and a pulumi import file that take a hand-made role under Pulumi
`;

/** The version of the package this command belongs to, from its package.json (shipped in the package). */
function packageVersion(): string {
    for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
        const manifest = path.join(dir, "package.json");
        if (fs.existsSync(manifest)) {
            const pkg = JSON.parse(fs.readFileSync(manifest, "utf8")) as { name?: string; version?: string };
            if (pkg.name === PROJECT_NAME) {
                return pkg.version ?? "unknown";
            }
        }
    }
    return "unknown";
}

/** An unknown command: the nearest command when it is a likely typo (`lnt`), else the list. */
function unknownCommand(command: string | undefined): string {
    if (command === undefined) {
        return `give a command: ${COMMANDS.join(", ")}`;
    }
    const near = closest(command, [...COMMANDS]);
    const shown = escapeControls(JSON.stringify(command));
    return distance(command, near) <= 2 ? `unknown command ${shown}; did you mean ${near}?` : `unknown command ${shown}`;
}

export async function main(argv: string[], io: CliIO): Promise<number> {
    const [command, ...rest] = argv;
    if (command === "help" && rest.length > 0) {
        // `help lint` is `lint --help`; `help lnt` is the unknown-command error, with its suggestion.
        return (COMMANDS as readonly string[]).includes(rest[0]) ? main([rest[0], "--help"], io) : main([rest[0]], io);
    }
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
        case "-V":
        case "--version":
        case "version":
            io.out(`${packageVersion()}\n`);
            return 0;
        default:
            io.err(`warp-bedrock: ${unknownCommand(command)}\nRun warp-bedrock --help for usage.\n`);
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
            process.stderr.write(`warp-bedrock: ${escapeControls(e instanceof Error ? e.message : String(e), true)}\n`);
            process.exitCode = 2;
        },
    );
}
