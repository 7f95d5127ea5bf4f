/**
 * Reading a file the user names, with a size limit checked before the file is read: every command
 * refuses a file past its limit (exit 2) instead of spending minutes and gigabytes on it. The limits
 * are documented in docs/cli.md; each is far above what a real input holds.
 */
import * as fs from "fs";

const MIB = 1024 * 1024;

/** Per kind of input: the largest file read, in bytes. */
export const INPUT_LIMITS = {
    /**
     * `aws iam get-account-authorization-details`: an account at IAM's quotas (5,000 roles with 10 KB of
     * inline policy each, 5,000 managed policies of 6 KB with 5 versions) prints about 200 MB.
     */
    authorizationDetails: 256 * MIB,
    /** A Pulumi.<stack>.yaml file: a team stack is a few hundred bytes. */
    stackFile: 1 * MIB,
    /** An IAM policy document (IAM's own limit is 10,240 characters) or an OIDC provider's description. */
    document: 1 * MIB,
} as const;

function sizeText(bytes: number): string {
    return bytes >= MIB ? `${(bytes / MIB).toFixed(1)} MiB` : `${bytes} bytes`;
}

/** Why a file cannot be read, in a user's words. */
function whyUnreadable(e: unknown): string {
    const code = (e as NodeJS.ErrnoException).code;
    return code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : e instanceof Error ? e.message : String(e);
}

/**
 * The file's text, or `fail` with the reason: unreadable, a directory, or larger than `limit` bytes
 * (checked on the open file before reading, and again while reading, for pipes and devices).
 */
export function readInputFile(file: string, limit: number, fail: (why: string) => Error): string {
    let fd: number;
    try {
        fd = fs.openSync(file, "r");
    } catch (e) {
        throw fail(whyUnreadable(e));
    }
    try {
        const stat = fs.fstatSync(fd);
        if (stat.isDirectory()) {
            throw fail("it is a directory");
        }
        const tooLarge = () => fail(`it is larger than ${sizeText(limit)}, the limit for this input (see docs/cli.md)`);
        if (stat.size > limit) {
            throw tooLarge();
        }
        const chunks: Buffer[] = [];
        let total = 0;
        // A regular file's size (plus one byte, so the next read sees its end) sizes the buffer; pipes and
        // devices report 0 and are read in 64 KiB chunks. Only the bytes a read fills are ever copied out.
        const chunk = Buffer.allocUnsafe(Math.min(limit + 1, 4 * MIB, Math.max(stat.size + 1, 64 * 1024)));
        for (;;) {
            const n = readChunk(fd, chunk, fail);
            if (n === 0) {
                break;
            }
            total += n;
            if (total > limit) {
                throw tooLarge();
            }
            chunks.push(Buffer.from(chunk.subarray(0, n)));
        }
        return Buffer.concat(chunks, total).toString("utf8");
    } finally {
        fs.closeSync(fd);
    }
}

function readChunk(fd: number, chunk: Buffer, fail: (why: string) => Error): number {
    try {
        return fs.readSync(fd, chunk, 0, chunk.length, null);
    } catch (e) {
        throw fail(whyUnreadable(e));
    }
}

/** Deeper than any policy, snapshot or stack file holds (IAM's documents nest a few levels). */
const MAX_NESTING = 100;

/**
 * How deep a parsed JSON or YAML value nests, counted without recursion so a 100,000-deep value cannot
 * overflow the stack; stops counting past MAX_NESTING.
 */
function nestingDepth(value: unknown): number {
    let deepest = 0;
    const stack: Array<[unknown, number]> = [[value, 0]];
    while (stack.length > 0) {
        const [v, depth] = stack.pop()!;
        deepest = Math.max(deepest, depth);
        if (deepest > MAX_NESTING) {
            return deepest;
        }
        if (v !== null && typeof v === "object") {
            for (const child of Object.values(v)) {
                stack.push([child, depth + 1]);
            }
        }
    }
    return deepest;
}

/** The value, or `fail` saying it is nested too deeply: checked once, right after parsing, before anything recurses. */
export function refuseDeepNesting<T>(value: T, fail: (why: string) => Error): T {
    if (nestingDepth(value) > MAX_NESTING) {
        throw fail(`it is nested too deeply (more than ${MAX_NESTING} levels of lists and maps)`);
    }
    return value;
}
