/**
 * Reads a `Pulumi.<stack>.yaml` file into the config map the Pulumi CLI would hand the program:
 * `project:key` names, text values as written and structured values as JSON text.
 */
import * as path from "path";
import * as YAML from "yaml";
import { IGNORED_KEYS_KEY, configKeyProblems, ignoredKeysFrom } from "../components/config-keys";
import { INPUT_LIMITS, readInputFile, refuseDeepNesting } from "../cli/input-file";
import { PROJECT_NAME } from "../rules/constants";
import { describeValue, quoteValue } from "../rules/errors";

/** The project whose config keys the stack program reads. */
export const PROJECT = PROJECT_NAME;

/** A problem with the stack file itself (unreadable, not YAML, wrong shape); exit code 2. */
export class StackFileError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "StackFileError";
    }
}

export interface StackFile {
    file: string;
    /** From the file name `Pulumi.<stack>.yaml`, as the Pulumi CLI names stacks. */
    stack: string;
    config: Record<string, string>;
    /** `aws:region` from the file, when set. */
    region?: string;
    /** Keys the program will not read and that resemble no setting; printed so they do not pass silently. */
    warnings: string[];
}

function stackNameFromFile(file: string): string {
    const base = path.basename(file);
    const m = /^Pulumi\.(.+)\.ya?ml$/.exec(base);
    return m ? m[1] : base.replace(/\.ya?ml$/, "");
}

/** Top-level keys of a Pulumi stack file (`pulumi config` writes them); a file with none of them is not one. */
const STACK_FILE_KEYS = ["config", "encryptionsalt", "secretsprovider", "encryptedkey", "environment"];

/**
 * Reads the stack file: its config in the form the CLI hands the program, and the keys the program will
 * not read as warnings. A near miss of a setting (`namedAgent` for `namedAgents`) is a ValidationError
 * naming the key, unless the file lists it under `ignoredKeys`.
 */
export function readStackFile(file: string): StackFile {
    const raw = configMap(file, parseYaml(file, readText(file)));
    const config: Record<string, string> = {};
    const keys: string[] = [];
    for (const [written, value] of Object.entries(raw)) {
        // Pulumi puts a key without a namespace in the project's namespace.
        const key = written.includes(":") ? written : `${PROJECT}:${written}`;
        refuseSecret(file, key, value);
        if (value === null || value === undefined) {
            continue;
        }
        keys.push(key);
        config[key] = typeof value === "string" ? value : JSON.stringify(value);
    }
    const ignored = ignoredKeysFrom(raw[IGNORED_KEYS_KEY] ?? raw[`${PROJECT}:${IGNORED_KEYS_KEY}`]);
    const { errors, warnings } = configKeyProblems(keys, ignored);
    if (errors.length > 0) {
        throw errors[0];
    }
    const region = config["aws:region"];
    return { file, stack: stackNameFromFile(file), config, ...(region !== undefined ? { region } : {}), warnings };
}

function readText(file: string): string {
    return readInputFile(file, INPUT_LIMITS.stackFile, (why) => new StackFileError(`cannot read stack config file ${file}: ${why}`));
}

/**
 * The YAML library's own duplicate-key check compares each key with every earlier one (quadratic: a
 * 190,000-key map took minutes), so it is off and duplicates are found here with a set, in one pass.
 */
function parseYaml(file: string, text: string): unknown {
    let doc: YAML.Document.Parsed;
    try {
        doc = YAML.parseDocument(text, { uniqueKeys: false });
    } catch (e) {
        if (e instanceof RangeError) {
            throw new StackFileError(`${file} is not a stack config Pulumi can use: it is nested too deeply`);
        }
        throw e;
    }
    const error = doc.errors[0];
    if (error !== undefined && /call stack/i.test(error.message)) {
        throw new StackFileError(`${file} is not a stack config Pulumi can use: it is nested too deeply`);
    }
    if (error !== undefined) {
        const detail = error.message.split("\n")[0].replace(/:$/, "");
        throw new StackFileError(`${file} is not valid YAML: ${detail}`);
    }
    refuseDuplicateKeys(file, doc.contents);
    try {
        return refuseDeepNesting(
            doc.toJS({ maxAliasCount: 100 }),
            (why) => new StackFileError(`${file} is not a stack config Pulumi can use: ${why}`),
        );
    } catch (e) {
        // The YAML library's guard against an alias bomb (aliases that expand to billions of nodes).
        if (e instanceof ReferenceError && /alias/i.test(e.message)) {
            throw new StackFileError(
                `${file} is not a stack config Pulumi can use: its YAML aliases (*name) expand too far (${e.message.split("\n")[0].replace(/[.:]+$/, "")}). Write the values out`,
            );
        }
        throw e;
    }
}

function refuseDuplicateKeys(file: string, node: unknown): void {
    if (YAML.isMap(node)) {
        const seen = new Set<unknown>();
        for (const pair of node.items) {
            const key = YAML.isScalar(pair.key) ? pair.key.value : pair.key;
            if (seen.has(key)) {
                throw new StackFileError(`${file} is not valid YAML: map keys must be unique; ${quoteValue(key)} is repeated`);
            }
            seen.add(key);
            refuseDuplicateKeys(file, pair.value);
        }
    } else if (YAML.isSeq(node)) {
        node.items.forEach((item) => refuseDuplicateKeys(file, item));
    }
}

/** The file's `config` map. An empty file, or a map without any key of a stack file, is not a stack file. */
function configMap(file: string, parsed: unknown): Record<string, unknown> {
    const isStackFile = parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) && STACK_FILE_KEYS.some((k) => k in parsed);
    if (!isStackFile) {
        throw new StackFileError(
            `${file} is not a Pulumi stack config file: it holds ${describeValue(parsed)}, and a stack file is a map with a "config" key`,
        );
    }
    const raw = (parsed as Record<string, unknown>).config ?? {};
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
        throw new StackFileError(
            `${file}: "config" is ${describeValue(raw)}; it must be a map of keys such as ${PROJECT}:teamUid to values`,
        );
    }
    return raw as Record<string, unknown>;
}

function refuseSecret(file: string, key: string, value: unknown): void {
    if (value !== null && typeof value === "object" && !Array.isArray(value) && "secure" in value) {
        throw new StackFileError(
            `${file}: ${key} is encrypted (secure:), and synth cannot decrypt Pulumi secrets. Put a plain value in a copy of the file to preview it`,
        );
    }
}
