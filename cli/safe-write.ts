/**
 * Writing files into a directory the user named, as careful tools do: a file that exists is replaced
 * only when the user asked (`--force`), and the caller shows what changes first; a symbolic link in the
 * directory (dangling or not) is never written through; each file is written to a temporary file in the
 * same directory and renamed into place, so a crash leaves the old file or the new one, never half of
 * either. Every target is checked before any file is written.
 */
import * as fs from "fs";
import * as path from "path";
import { createTwoFilesPatch } from "diff";
import { InputError } from "../account/snapshot";

export interface PlannedFile {
    /** The file's name inside the directory (no path). */
    name: string;
    text: string;
}

export interface WriteOutcome {
    file: string;
    /** created: there was no file; replaced: --force replaced a different file; unchanged: same text. */
    status: "created" | "replaced" | "unchanged";
    /** For a replaced file: the unified diff from the old text to the new. */
    diff?: string;
}

interface Target extends PlannedFile {
    file: string;
    old?: { text: string; mode: number };
}

/** What is at `file` now, without following a link; refuses anything but a regular file or nothing. */
function existing(file: string, flag: string): Target["old"] {
    let stat: fs.Stats;
    try {
        stat = fs.lstatSync(file);
    } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "ENOENT") {
            return undefined;
        }
        throw new InputError(`${flag}: cannot inspect ${file}: ${(e as Error).message}`);
    }
    if (stat.isSymbolicLink()) {
        throw new InputError(
            `${flag}: ${file} is a symbolic link; adopt never writes through a link. Remove the link or choose another ${flag}`,
        );
    }
    if (!stat.isFile()) {
        throw new InputError(`${flag}: ${file} exists and is not a regular file. Remove it or choose another ${flag}`);
    }
    const fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
    try {
        return { text: fs.readFileSync(fd, "utf8"), mode: stat.mode & 0o777 };
    } finally {
        fs.closeSync(fd);
    }
}

/** The directory, created when missing; a path that exists and is not a directory is refused. */
function prepareDirectory(dir: string, flag: string): void {
    try {
        fs.mkdirSync(dir, { recursive: true });
    } catch (e) {
        throw new InputError(`${flag}: cannot create ${dir}: ${(e as Error).message}`);
    }
    if (!fs.statSync(dir).isDirectory()) {
        throw new InputError(`${flag}: ${dir} is not a directory`);
    }
}

/** Writes `text` to a new temporary file in the target's directory (never through a link), then renames it over the target. */
function writeAtomically(target: Target): void {
    const tmp = path.join(path.dirname(target.file), `.${target.name}.${process.pid}.${Date.now()}.tmp`);
    const flags = fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_NOFOLLOW;
    const fd = fs.openSync(tmp, flags, target.old?.mode ?? 0o644);
    try {
        fs.writeFileSync(fd, target.text);
        fs.fsyncSync(fd);
        fs.closeSync(fd);
        // rename replaces a directory entry: it never follows a link that appeared at the target meanwhile.
        fs.renameSync(tmp, target.file);
    } catch (e) {
        try {
            fs.closeSync(fd);
        } catch {
            // already closed
        }
        fs.rmSync(tmp, { force: true });
        throw e;
    }
}

export interface WritePlan {
    readonly outcomes: readonly WriteOutcome[];
    readonly targets: readonly Target[];
    readonly flag: string;
}

/**
 * Checks every target in `dir` before anything is written. Without `force`, a file that exists with
 * other text refuses (InputError, exit 2); with it, the outcome carries the diff to show before writing.
 */
export function planWrites(dir: string, files: readonly PlannedFile[], force: boolean, flag = "--out"): WritePlan {
    prepareDirectory(dir, flag);
    const targets: Target[] = files.map((f) => {
        const file = path.join(dir, f.name);
        const old = existing(file, flag);
        return { ...f, file, ...(old !== undefined ? { old } : {}) };
    });
    const clobbered = targets.filter((t) => t.old !== undefined && t.old.text !== t.text);
    if (clobbered.length > 0 && !force) {
        throw new InputError(
            `${flag}: ${clobbered.map((t) => t.file).join(" and ")} already exist${clobbered.length === 1 ? "s" : ""} with other content; nothing was written. Pass --force to replace (the changes are shown first), or choose another ${flag}`,
        );
    }
    const outcomes = targets.map((t): WriteOutcome => {
        if (t.old === undefined) {
            return { file: t.file, status: "created" };
        }
        return t.old.text === t.text
            ? { file: t.file, status: "unchanged" }
            : { file: t.file, status: "replaced", diff: createTwoFilesPatch(t.file, t.file, t.old.text, t.text, "on disk", "written") };
    });
    return { outcomes, targets, flag };
}

/** Writes what the plan says (an unchanged file is left alone). */
export function commitWrites(plan: WritePlan): void {
    plan.targets.forEach((t, i) => {
        if (plan.outcomes[i].status === "unchanged") {
            return;
        }
        try {
            writeAtomically(t);
        } catch (e) {
            throw new InputError(`${plan.flag}: cannot write ${t.file}: ${(e as Error).message}`);
        }
    });
}
