/**
 * What every `warp-bedrock` command shares: its input and output, reading its options with Node's
 * `util.parseArgs`, and turning bad input into exit 2 with the reason on standard error and nothing on
 * standard output.
 */
import { parseArgs } from "util";
import { InputError } from "../account/snapshot";
import { escapeControls } from "../rules/errors";

export interface CliIO {
    out: (text: string) => void;
    err: (text: string) => void;
    /** Standard error when it is a terminal, for a progress bar; unset elsewhere (plain lines). */
    errTty?: NodeJS.WriteStream;
}

/** Bad usage: the message, then a pointer to the command's `--help` (never the whole usage text). */
export class UsageError extends InputError {}

/**
 * Node's parseArgs messages in the CLI's words: an unknown option is named as one (Node adds advice
 * about positionals starting with "-", which is not what went wrong), a missing value names the option.
 */
function parseArgsMessage(e: unknown): string {
    const message = e instanceof Error ? e.message : String(e);
    const code = (e as NodeJS.ErrnoException | undefined)?.code;
    const option = /'(-[^' ]*)/.exec(message)?.[1];
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && option !== undefined) {
        return `unknown option ${option}`;
    }
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" && option !== undefined) {
        if (/ambiguous/.test(message)) {
            return `${option} needs a value (to give one that starts with "-", write ${option}=VALUE)`;
        }
        return /does not take an argument/.test(message) ? `${option} takes no value` : `${option} needs a value`;
    }
    return message.split(/\.\s/)[0];
}

export interface OptionSpec {
    /** Takes a value (repeatable ones collect into a list). */
    readonly value?: boolean;
    readonly repeat?: boolean;
}

export interface ParsedArgs {
    /** By option name as written (`--team`): every value given. */
    values: Record<string, string[]>;
    flags: Set<string>;
    positionals: string[];
    help: boolean;
}

type ParseArgsOptions = NonNullable<Parameters<typeof parseArgs>[0]>["options"];

/** Options spelled `--name`; `-h`/`--help` is always there. */
export function parseOptions(argv: readonly string[], specs: Readonly<Record<string, OptionSpec>>): ParsedArgs {
    const options: ParseArgsOptions = { help: { type: "boolean", short: "h" } };
    for (const [name, spec] of Object.entries(specs)) {
        options[name.slice(2)] = spec.value ? { type: "string", multiple: true } : { type: "boolean" };
    }
    let parsed: ReturnType<typeof parseArgs>;
    try {
        parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
    } catch (e) {
        throw new UsageError(parseArgsMessage(e));
    }
    const out: ParsedArgs = { values: {}, flags: new Set(), positionals: parsed.positionals, help: parsed.values.help === true };
    for (const [name, spec] of Object.entries(specs)) {
        const value = parsed.values[name.slice(2)];
        if (spec.value && Array.isArray(value)) {
            out.values[name] = checkedValues(name, value as string[], spec);
        } else if (value === true) {
            out.flags.add(name);
        }
    }
    return out;
}

function checkedValues(name: string, values: string[], spec: OptionSpec): string[] {
    if (values.some((v) => v === "")) {
        throw new UsageError(`${name} needs a value`);
    }
    if (values.length > 1 && !spec.repeat) {
        throw new UsageError(`${name} is given twice`);
    }
    return values;
}

export function one(args: ParsedArgs, name: string): string | undefined {
    return args.values[name]?.[0];
}

export function all(args: ParsedArgs, name: string): string[] {
    return args.values[name] ?? [];
}

export function formatOf<T extends string>(args: ParsedArgs, allowed: readonly T[]): T {
    const f = one(args, "--format") ?? allowed[0];
    if (!(allowed as readonly string[]).includes(f)) {
        throw new UsageError(`--format must be ${allowed.join(", ")}; got ${JSON.stringify(f)}`);
    }
    return f as T;
}

/** The one or two lines a refusal of bad input prints: the reason, and for bad usage where the help is. */
export function inputErrorText(name: string, e: InputError): string {
    return `warp-bedrock ${name}: ${escapeControls(e.message, true)}\n${e instanceof UsageError ? `Run warp-bedrock ${name} --help for usage.\n` : ""}`;
}

/** Runs a command's body; bad input (InputError) becomes exit 2 with the reason on standard error. */
export async function runCommand(name: string, io: CliIO, body: () => Promise<number>): Promise<number> {
    try {
        return await body();
    } catch (e) {
        if (e instanceof InputError) {
            io.err(inputErrorText(name, e));
            return 2;
        }
        throw e;
    }
}
