/**
 * Reading the files the AWS CLI writes: `aws iam get-account-authorization-details` (one merged object,
 * or several pages printed one after another with `--no-paginate`/`--max-items`, or a JSON list of
 * pages) and `aws iam get-open-id-connect-provider`. A file from another command is refused by name.
 */
import * as path from "path";
import { AccountSnapshot, InputError, OidcProviderRecord, snapshotFromDetails, tagsOf } from "./snapshot";
import { detailsShapeProblem } from "./details-schema";
import { INPUT_LIMITS, readInputFile, refuseDeepNesting } from "../cli/input-file";
import { describeValue } from "../rules/errors";

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

function readText(file: string, flag: string, limit: number): string {
    return readInputFile(file, limit, (why) => new InputError(`${flag}: cannot read ${file}: ${why}`));
}

/** A file name for the command that writes the input anew, never the file the user passed (a redirect would empty it). */
function freshName(file: string, suggested: string): string {
    return path.basename(file) === suggested ? suggested.replace(/\.json$/, "-new.json") : suggested;
}

function detailsFix(file: string): string {
    return `Write the file with: aws iam get-account-authorization-details --output json > ${freshName(file, "authorization-details.json")}`;
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
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
        return describeValue(value);
    }
    const keys = Object.keys(value as object);
    const hit = OTHER_COMMANDS.find(([k]) => keys.includes(k));
    return hit ? `the output of ${hit[1]}` : describeValue(value);
}

function isDetailsPage(page: unknown): boolean {
    return page !== null && typeof page === "object" && !Array.isArray(page) && DETAIL_KEYS.some((k) => k in (page as object));
}

/** The pages of an authorization-details file, each of the shape AWS documents. */
function detailPages(text: string, file: string): Record<string, any>[] {
    let values: unknown[];
    try {
        values = parseJsonValues(text);
    } catch (e) {
        throw new InputError(`--authorization-details: ${file} is not valid JSON (${(e as Error).message}). ${detailsFix(file)}`);
    }
    refuseDeepNesting(values, (why) => new InputError(`--authorization-details: ${file}: ${why}`));
    // A JSON list of pages is read as its pages; any other list is not the command's output.
    const listOfPages = values.length === 1 && Array.isArray(values[0]) && values[0].length > 0 && values[0].every(isDetailsPage);
    const pages = listOfPages ? (values[0] as unknown[]) : values;
    pages.forEach((page, i) => {
        const where = pages.length > 1 ? `page ${i + 1} of ${file}` : file;
        if (!isDetailsPage(page)) {
            throw new InputError(
                `--authorization-details: ${where} holds ${describeOther(page)}, not the output of aws iam get-account-authorization-details (no RoleDetailList). ${detailsFix(file)}`,
            );
        }
        const problem = detailsShapeProblem(page);
        if (problem !== undefined) {
            throw new InputError(
                `--authorization-details: ${where} is not GetAccountAuthorizationDetails as AWS documents it: ${problem}. ${detailsFix(file)}`,
            );
        }
    });
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
    refuseDeepNesting(value, (why) => new InputError(`--oidc-provider: ${file}: ${why}`));
    if (value === null || typeof value !== "object" || typeof value.Url !== "string" || !Array.isArray(value.ClientIDList)) {
        throw new InputError(
            `--oidc-provider: ${file} holds ${describeOther(value)}, not the output of aws iam get-open-id-connect-provider (Url and ClientIDList). Write the file with: aws iam get-open-id-connect-provider --open-id-connect-provider-arn arn:aws:iam::<account>:oidc-provider/app.warp.dev > ${freshName(file, "oidc-provider.json")}`,
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
        tags: tagsOf(value.Tags),
    };
}

/** The text of an authorization-details file, refused past its size limit. */
export function readDetailsFile(detailsFile: string): string {
    return readText(detailsFile, "--authorization-details", INPUT_LIMITS.authorizationDetails);
}

/** The snapshot of the files (`detailsText`: the details file's text, when the caller read it already). */
export function loadSnapshotFromFiles(
    detailsFile: string,
    providerFiles: readonly string[],
    detailsText: string = readDetailsFile(detailsFile),
): AccountSnapshot {
    const pages = detailPages(detailsText, detailsFile);
    const base = snapshotFromDetails(pages, "file");
    if (providerFiles.length === 0) {
        return base;
    }
    const providers = providerFiles.map((f) => providerFromFile(readText(f, "--oidc-provider", INPUT_LIMITS.document), f, base));
    return snapshotFromDetails(pages, "file", providers);
}
