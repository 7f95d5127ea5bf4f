/**
 * `audit --format html [--out FILE [--force]]`: the audit's report as one self-contained HTML file.
 * With --out the file is written through the safe writer (cli/safe-write.ts): a file that exists is
 * replaced only with --force, a symbolic link is never written through, and the file appears whole or
 * not at all; without it the HTML goes to standard output.
 */
import * as fs from "fs";
import * as path from "path";
import type { CliIO, ParsedArgs } from "../command";
import { UsageError, one } from "../command";
import { InputError } from "../../account/snapshot";
import { commitWrites, planWrites } from "../safe-write";
import { AccountInput, reportData } from "./model";
import { defaultDocsBase, renderHtml } from "./render";

export type { AccountInput } from "./model";
export { organizationInputs } from "./model";

/**
 * The --out and --force options, checked before any account is read: --out goes with --format html,
 * and a file already at --out (or a link there) is refused up front unless --force.
 */
export function checkHtmlOutput(args: ParsedArgs, format: string): void {
    const out = one(args, "--out");
    if (format !== "html") {
        for (const name of ["--out", "--force"]) {
            if (name === "--out" ? out !== undefined : args.flags.has(name)) {
                throw new UsageError(`${name} goes with --format html`);
            }
        }
        return;
    }
    if (out === undefined) {
        if (args.flags.has("--force")) {
            throw new UsageError("--force goes with --out FILE");
        }
        return;
    }
    if (out === "" || out.endsWith("/") || out.endsWith(path.sep)) {
        throw new UsageError(`--out needs a file name; got ${JSON.stringify(out)}`);
    }
    let stat: fs.Stats | undefined;
    try {
        stat = fs.lstatSync(out);
    } catch {
        stat = undefined;
    }
    if (stat?.isSymbolicLink()) {
        throw new InputError(
            `--out: ${out} is a symbolic link; the report is never written through a link. Remove the link or choose another --out`,
        );
    }
    if (stat !== undefined && !args.flags.has("--force")) {
        throw new InputError(
            `--out: ${out} already exists; nothing was read or written. Pass --force to replace it, or choose another --out`,
        );
    }
}

/** Renders the report and writes it to --out (or standard output); returns nothing, the audit's exit code stands. */
export function emitHtmlReport(
    args: ParsedArgs,
    accounts: readonly AccountInput[],
    kind: "account" | "organization",
    source: string,
    io: CliIO,
): void {
    const text = renderHtml(reportData(accounts, { kind, source, docsBase: defaultDocsBase(), generatedAt: new Date().toISOString() }));
    const out = one(args, "--out");
    if (out === undefined) {
        io.out(text);
        return;
    }
    const plan = planWrites(path.dirname(out), [{ name: path.basename(out), text }], args.flags.has("--force"), "--out");
    commitWrites(plan);
    const outcome = plan.outcomes[0];
    io.err(`${outcome.status === "replaced" ? "replaced" : "wrote"} ${outcome.file} (${Buffer.byteLength(text)} bytes)\n`);
}
