/**
 * Reading the files the AWS CLI writes: `aws iam get-account-authorization-details` (one merged object,
 * or several pages printed one after another with `--no-paginate`/`--max-items`, or a JSON list of
 * pages) and `aws iam get-open-id-connect-provider`. A file from another command is refused by name.
 */
import * as fs from "fs";
import { AccountSnapshot, InputError, OidcProviderRecord, snapshotFromDetails } from "./snapshot";

const DETAIL_KEYS = ["RoleDetailList", "Policies", "UserDetailList", "GroupDetailList"];

/** What other AWS CLI commands print, by a key only they write, for a clear refusal. */
const OTHER_COMMANDS: ReadonlyArray<[string, string]> = [
    ["Roles", "aws iam list-roles"],
    ["Role", "aws iam get-role"],
    ["PolicyDocument", "aws iam get-role-policy"],
    ["PolicyVersion", "aws iam get-policy-version"],
    ["Policy", "aws iam get-policy"],
    ["OpenIDConnectProviderList", "aws iam list-open-id-connect-providers"],
    ["ClientIDList", "aws iam get-open-id-connect-provider"],
    ["Statement", "a policy document"],
    ["Account", "aws sts get-caller-identity"],
];

function readText(file: string, flag: string): string {
    try {
        return fs.readFileSync(file, "utf8");
    } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : (e as Error).message;
        throw new InputError(`${flag}: cannot read ${file}: ${why}`);
    }
}

/** Every JSON value in the text, in order: one document, or several written one after another. */
function parseJsonValues(text: string): unknown[] {
    const trimmed = text.trim();
    if (trimmed === "") {
        throw new Error("the file is empty");
    }
    try {
        return [JSON.parse(trimmed)];
    } catch (whole) {
        const values: unknown[] = [];
        let depth = 0;
        let inString = false;
        let start = -1;
        for (let i = 0; i < trimmed.length; i++) {
            const c = trimmed[i];
            if (inString) {
                if (c === "\\") {
                    i++;
                } else if (c === '"') {
                    inString = false;
                }
                continue;
            }
            if (c === '"') {
                inString = true;
            } else if (c === "{" || c === "[") {
                if (depth === 0) {
                    start = i;
                }
                depth++;
            } else if (c === "}" || c === "]") {
                depth--;
                if (depth === 0 && start >= 0) {
                    values.push(JSON.parse(trimmed.slice(start, i + 1)));
                    start = -1;
                }
            } else if (depth === 0 && !/\s/.test(c)) {
                throw whole;
            }
        }
        if (depth !== 0 || values.length < 2) {
            throw whole;
        }
        return values;
    }
}

function describeOther(value: unknown): string {
    if (value === null || typeof value !== "object") {
        return `a JSON ${value === null ? "null" : typeof value}`;
    }
    const keys = Object.keys(value as object);
    const hit = OTHER_COMMANDS.find(([k]) => keys.includes(k));
    return hit ? `the output of ${hit[1]}` : `a JSON object with keys ${keys.slice(0, 5).join(", ") || "(none)"}`;
}

/** The pages of an authorization-details file. */
function detailPages(text: string, file: string): Record<string, any>[] {
    let values: unknown[];
    try {
        values = parseJsonValues(text);
    } catch (e) {
        throw new InputError(
            `--authorization-details: ${file} is not valid JSON (${(e as Error).message}). Write it with: aws iam get-account-authorization-details --output json > ${file}`,
        );
    }
    const pages = values.flatMap((v) => (Array.isArray(v) ? v : [v]));
    for (const page of pages) {
        if (page === null || typeof page !== "object" || Array.isArray(page) || !DETAIL_KEYS.some((k) => k in (page as object))) {
            throw new InputError(
                `--authorization-details: ${file} holds ${describeOther(page)}, not the output of aws iam get-account-authorization-details (no RoleDetailList). Write it with: aws iam get-account-authorization-details --output json > ${file}`,
            );
        }
    }
    return pages as Record<string, any>[];
}

/** The output of `aws iam get-open-id-connect-provider` (which holds no ARN: it is built from the account). */
function providerFromFile(text: string, file: string, account: { partition?: string; accountId?: string }): OidcProviderRecord {
    let value: any;
    try {
        value = JSON.parse(text);
    } catch (e) {
        throw new InputError(`--oidc-provider: ${file} is not valid JSON (${(e as Error).message})`);
    }
    if (value === null || typeof value !== "object" || typeof value.Url !== "string" || !Array.isArray(value.ClientIDList)) {
        throw new InputError(
            `--oidc-provider: ${file} holds ${describeOther(value)}, not the output of aws iam get-open-id-connect-provider (Url and ClientIDList). Write it with: aws iam get-open-id-connect-provider --open-id-connect-provider-arn arn:aws:iam::<account>:oidc-provider/app.warp.dev > ${file}`,
        );
    }
    const url = String(value.Url)
        .replace(/^https:\/\//i, "")
        .replace(/\/+$/, "");
    const arn = `arn:${account.partition ?? "aws"}:iam::${account.accountId ?? "<account>"}:oidc-provider/${url}`;
    return {
        arn,
        url,
        clientIds: value.ClientIDList.map(String),
        thumbprints: Array.isArray(value.ThumbprintList) ? value.ThumbprintList.map(String) : [],
        tags: {},
    };
}

export function loadSnapshotFromFiles(detailsFile: string, providerFiles: readonly string[]): AccountSnapshot {
    const pages = detailPages(readText(detailsFile, "--authorization-details"), detailsFile);
    const base = snapshotFromDetails(pages, "file");
    if (providerFiles.length === 0) {
        return base;
    }
    const providers = providerFiles.map((f) => providerFromFile(readText(f, "--oidc-provider"), f, base));
    return snapshotFromDetails(pages, "file", providers);
}
