/**
 * `warp-bedrock adopt --role NAME`: writes Pulumi.<STACK>.yaml and import.json so a hand-made Warp role
 * (and its OIDC provider) moves under this project's stack program with nothing replaced. Exit codes:
 * 0 written, 1 refused (who can assume the role, or a Bedrock permission, would change; the statement
 * is named; --allow-changes writes anyway), 2 bad input or no credentials.
 */
import * as fs from "fs";
import * as path from "path";
import type { CliIO } from "./command";
import { AdoptOptions, AdoptRefusal, Adoption, planAdoption } from "../account/adopt";
import { ParsedArgs, UsageError, one, parseOptions, runCommand } from "./command";
import { SOURCE_OPTIONS, SOURCE_USAGE, loadAccount } from "./account-source";
import { WriteOutcome, WritePlan, commitWrites, planWrites } from "./safe-write";

export const ADOPT_USAGE = `usage: warp-bedrock adopt --role NAME [options]

Reads a hand-made Warp role (and the OIDC provider it trusts) and writes two files
into DIR: Pulumi.<STACK>.yaml, a stack config for this project's program that
reproduces the same trust and permissions, and import.json, for
pulumi import --file. Text that differs (Sids, order, spelling) is updated in place
by the first pulumi up and printed here; a change of who can assume the role or a
lost Bedrock permission refuses, naming the statement.

${SOURCE_USAGE}

options:
  --role NAME                 the role's name or ARN (required)
  --stack STACK               stack name (default: the role's name)
  --out DIR                   where to write the files (default: the current directory);
                              pulumi reads the stack file beside Pulumi.yaml
  --force                     replace files that exist in DIR with other content
                              (their differences are printed first); without it
                              adopt refuses and writes nothing. Links in DIR are
                              never written through
  --provider import|reuse     import the OIDC provider into this stack, or reuse it
                              by ARN when another stack owns it (default: import,
                              but reuse a shared provider: one another role of the
                              input trusts, or whose tags are not the role's)
  --allow-changes             write the files even when meaning would change, and
                              print the difference
  --format text|json          output format (default text)
  -h, --help                  show this help

exit status: 0 written, 1 refused, 2 bad input or no credentials
`;

const OPTIONS = {
    ...SOURCE_OPTIONS,
    "--role": { value: true },
    "--stack": { value: true },
    "--out": { value: true },
    "--provider": { value: true },
    "--allow-changes": {},
    "--force": {},
    "--format": { value: true },
} as const;

/** Pulumi's stack names: letters, digits, _ . - (at most 100), not starting with . or - (so never .. or an option). */
const STACK_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}$/;

/** IAM role names ([\w+=,.@-], 1-64), or a role ARN with an optional path. */
const ROLE = /^(?:[\w+=,.@-]{1,64}|arn:[a-z-]+:iam::\d{12}:role\/(?:[\x21-\x7e]*\/)?[\w+=,.@-]{1,64})$/;

function checkStackName(stack: string, what: string): string {
    if (!STACK_NAME.test(stack)) {
        throw new UsageError(
            `${what} ${JSON.stringify(stack)} is not a Pulumi stack name (letters, digits, _ . -, not starting with . or -)${what === "--stack:" ? "" : "; pass --stack NAME"}`,
        );
    }
    return stack;
}

/** The files to write, checked before anything is written (links, files that exist). */
function plannedWrites(a: Adoption, req: AdoptRequest): WritePlan {
    return planWrites(
        one(req.args, "--out") ?? ".",
        [
            { name: a.stackFileName, text: a.stackFileText },
            { name: "import.json", text: `${JSON.stringify(a.importFile, null, 4)}\n` },
        ],
        req.args.flags.has("--force"),
    );
}

/** A path as a shell word. */
function shellWord(text: string): string {
    return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, "'\\''")}'`;
}

function nextCommands(a: Adoption, written: readonly WriteOutcome[]): string[] {
    const [stackFile, importFile] = written.map((w) => w.file);
    const dir = path.dirname(stackFile);
    const beside = fs.existsSync(path.join(dir, "Pulumi.yaml"))
        ? `# in ${dir}: ${path.basename(stackFile)} is beside Pulumi.yaml, where pulumi reads it`
        : // Never over an existing stack file: it holds the stack's encryptionsalt and secrets, which --out protects.
          `test ! -e <project directory>/${shellWord(path.basename(stackFile))} && cp ${shellWord(stackFile)} <project directory>/   # pulumi reads the stack file beside Pulumi.yaml: run the rest there; if one exists, merge the keys into it by hand`;
    return [
        beside,
        `pulumi stack select --create ${a.stack} && pulumi import --file ${shellWord(path.resolve(importFile))} --generate-code=false --yes`,
        `pulumi up --stack ${a.stack}   # updates in place the differences listed above; nothing is replaced`,
    ];
}

/** What --force replaces, with its diff, printed before anything is written. */
function replacementsText(plan: WritePlan): string {
    const replaced = plan.outcomes.filter((o) => o.status === "replaced");
    if (replaced.length === 0) {
        return "";
    }
    const out = ["Replacing (--force); the files on disk change as follows:", ...replaced.map((o) => (o.diff ?? "").trimEnd()), ""];
    return `${out.join("\n")}\n`;
}

function text(a: Adoption, written: readonly WriteOutcome[] | undefined, refused: boolean): string {
    const out: string[] = [`warp-bedrock adopt: ${a.roleArn} as stack ${a.stack}`, ""];
    if (a.refusals.length > 0) {
        out.push(refused ? "Refused: the role cannot be reproduced exactly:" : "Written despite changes of meaning (--allow-changes):");
        a.refusals.forEach((r) => out.push(`  - ${r}`));
        out.push("");
    }
    if (a.differences.length > 0) {
        out.push("What the first pulumi up updates in place:");
        a.differences.forEach((d) => out.push(d.trimEnd().replace(/^/gm, "  "), ""));
    } else {
        out.push("The documents are the same text; the first pulumi up changes nothing.", "");
    }
    if (a.notes.length > 0) {
        out.push("Notes:");
        a.notes.forEach((n) => out.push(`  - ${n}`));
        out.push("");
    }
    if (written) {
        out.push(
            "Wrote:",
            ...written.map((w) => `  ${w.file}${w.status === "created" ? "" : ` (${w.status})`}`),
            "",
            "Next:",
            ...nextCommands(a, written).map((c) => `  ${c}`),
        );
    } else {
        out.push("Nothing was written. Pass --allow-changes to write the files anyway.");
    }
    return `${out.join("\n")}\n`;
}

interface AdoptRequest {
    args: ParsedArgs;
    role: string;
    stack?: string;
    provider?: AdoptOptions["provider"];
    format: "text" | "json";
}

/** The options adopt needs, checked before anything is read or written. */
function adoptRequest(args: ParsedArgs): AdoptRequest {
    if (args.positionals.length > 0) {
        throw new UsageError(`unexpected argument ${JSON.stringify(args.positionals[0])}`);
    }
    const role = one(args, "--role");
    if (role === undefined) {
        throw new UsageError("--role NAME is required");
    }
    if (!ROLE.test(role)) {
        throw new UsageError(`--role: ${JSON.stringify(role)} is neither an IAM role name (letters, digits, + = , . @ _ -) nor a role ARN`);
    }
    const stack = one(args, "--stack");
    if (stack !== undefined) {
        checkStackName(stack, "--stack:");
    }
    const provider = one(args, "--provider");
    if (provider !== undefined && provider !== "import" && provider !== "reuse") {
        throw new UsageError(`--provider must be import or reuse, got ${JSON.stringify(provider)}`);
    }
    const format = one(args, "--format") ?? "text";
    if (format !== "text" && format !== "json") {
        throw new UsageError(`--format must be text or json, got ${JSON.stringify(format)}`);
    }
    return { args, role, ...(stack !== undefined ? { stack } : {}), ...(provider !== undefined ? { provider } : {}), format };
}

function refusalOutput(format: AdoptRequest["format"], message: string): string {
    return format === "json"
        ? `${JSON.stringify({ written: [], refused: true, refusals: [message] }, null, 2)}\n`
        : `warp-bedrock adopt: refused: ${message}\nNothing was written.\n`;
}

/** The adoption planned, or undefined after printing why the role cannot be adopted at all. */
async function plannedAdoption(req: AdoptRequest, io: CliIO): Promise<Adoption | undefined> {
    const loaded = await loadAccount(req.args);
    try {
        return planAdoption(loaded.snapshot, {
            role: req.role,
            ...(req.provider ? { provider: req.provider } : {}),
            ...(req.stack ? { stack: req.stack } : {}),
            ...(one(req.args, "--region") ? { region: one(req.args, "--region") } : {}),
        });
    } catch (e) {
        if (e instanceof AdoptRefusal) {
            io.out(refusalOutput(req.format, e.message));
            return undefined;
        }
        throw e;
    }
}

/**
 * Writes the files unless meaning would change (and --allow-changes is absent), prints the outcome,
 * returns the exit code. Every file is checked before any is written; what --force replaces is printed first.
 */
function writeAndReport(req: AdoptRequest, adoption: Adoption, io: CliIO): number {
    checkStackName(adoption.stack, "the role's name, the default stack name,");
    const refused = adoption.refusals.length > 0 && !req.args.flags.has("--allow-changes");
    const plan = refused ? undefined : plannedWrites(adoption, req);
    if (plan !== undefined && req.format === "text") {
        io.out(replacementsText(plan));
    }
    if (plan !== undefined) {
        commitWrites(plan);
    }
    const written = plan?.outcomes;
    if (req.format === "json") {
        io.out(
            `${JSON.stringify({ ...adoption, written: written ?? [], refused, next: written ? nextCommands(adoption, written) : [] }, null, 2)}\n`,
        );
    } else {
        io.out(text(adoption, written, refused));
    }
    return refused ? 1 : 0;
}

export async function runAdopt(argv: string[], io: CliIO): Promise<number> {
    return runCommand("adopt", io, async () => {
        const args = parseOptions(argv, OPTIONS);
        if (args.help) {
            io.out(ADOPT_USAGE);
            return 0;
        }
        const req = adoptRequest(args);
        const adoption = await plannedAdoption(req, io);
        return adoption === undefined ? 1 : writeAndReport(req, adoption, io);
    });
}
