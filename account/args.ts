/** A small option parser shared by audit, doctor and adopt: `--name value`, `--name=value`, flags, positionals. */
import { InputError } from "./snapshot";

export interface OptionSpec {
    /** Takes a value (repeatable ones collect into a list). */
    readonly value?: boolean;
    readonly repeat?: boolean;
}

export interface ParsedArgs {
    values: Record<string, string[]>;
    flags: Set<string>;
    positionals: string[];
    help: boolean;
}

export class UsageError extends InputError {}

export function parseOptions(argv: readonly string[], specs: Readonly<Record<string, OptionSpec>>): ParsedArgs {
    const out: ParsedArgs = { values: {}, flags: new Set(), positionals: [], help: false };
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (arg === "-h" || arg === "--help") {
            out.help = true;
            continue;
        }
        if (!arg.startsWith("--")) {
            out.positionals.push(arg);
            continue;
        }
        const eq = arg.indexOf("=");
        const name = eq > 0 ? arg.slice(0, eq) : arg;
        const spec = specs[name];
        if (spec === undefined) {
            throw new UsageError(`unknown option ${JSON.stringify(name)}`);
        }
        if (!spec.value) {
            if (eq > 0) {
                throw new UsageError(`${name} takes no value`);
            }
            out.flags.add(name);
            continue;
        }
        const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
        if (value === undefined || value === "") {
            throw new UsageError(`${name} needs a value`);
        }
        const list = (out.values[name] ??= []);
        if (list.length > 0 && !spec.repeat) {
            throw new UsageError(`${name} is given twice`);
        }
        list.push(value);
    }
    return out;
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
