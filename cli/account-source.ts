/** Where the account tools read the account from: a file the AWS CLI wrote, or the live API. */
import type { IAMClient } from "@aws-sdk/client-iam";
import { ParsedArgs, UsageError, all, one } from "./command";
import { loadSnapshotFromFiles, readDetailsFile } from "../account/load-file";
import { iamClient, loadSnapshotLive } from "../account/load-live";
import type { AccountSnapshot } from "../account/snapshot";

export const SOURCE_OPTIONS = {
    "--authorization-details": { value: true },
    "--oidc-provider": { value: true, repeat: true },
    "--profile": { value: true },
    "--region": { value: true },
    "--endpoint-url": { value: true },
} as const;

export const SOURCE_USAGE = `input (one of):
  --authorization-details FILE  the JSON of aws iam get-account-authorization-details
                                (pages concatenated or merged, as the AWS CLI writes them)
  --oidc-provider FILE          with a file: the JSON of aws iam get-open-id-connect-provider
                                (repeatable); without it the provider check is not run
  (no file)                     read the account live with the AWS SDK's default credential
                                chain (environment, shared config, SSO):
  --profile NAME                  a named profile of the shared AWS config
  --region REGION                 the region the SDK signs with (IAM is global)
  --endpoint-url URL              send the AWS calls to URL instead of AWS's endpoint (a private
                                  endpoint, or a local IAM such as moto for tests); the SDK also
                                  reads AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_IAM`;

export interface Loaded {
    snapshot: AccountSnapshot;
    /** Set in live mode, for further calls (doctor's simulation). */
    client?: IAMClient;
    file?: string;
    fileText?: string;
}

export async function loadAccount(args: ParsedArgs, regionIsForLive = true): Promise<Loaded> {
    const file = one(args, "--authorization-details");
    if (file !== undefined) {
        for (const live of ["--profile", "--endpoint-url"]) {
            if (one(args, live) !== undefined) {
                throw new UsageError(`${live} reads the account live; it cannot be combined with --authorization-details`);
            }
        }
        const fileText = readDetailsFile(file);
        const snapshot = loadSnapshotFromFiles(file, all(args, "--oidc-provider"), fileText);
        return { snapshot, file, fileText };
    }
    if (all(args, "--oidc-provider").length > 0) {
        throw new UsageError("--oidc-provider goes with --authorization-details; live mode lists the providers itself");
    }
    const client = iamClient({
        profile: one(args, "--profile"),
        region: regionIsForLive ? one(args, "--region") : undefined,
        endpoint: endpointOf(args),
    });
    return { snapshot: await loadSnapshotLive(client), client };
}

/** `--endpoint-url`, checked to be an http(s) URL. */
export function endpointOf(args: ParsedArgs): string | undefined {
    const value = one(args, "--endpoint-url");
    if (value === undefined) {
        return undefined;
    }
    let url: URL;
    try {
        url = new URL(value);
    } catch {
        throw new UsageError(
            `--endpoint-url must be a URL such as https://iam.example.internal or http://127.0.0.1:5000; got ${JSON.stringify(value)}`,
        );
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") {
        throw new UsageError(`--endpoint-url must be an http or https URL; got ${JSON.stringify(value)}`);
    }
    return value;
}
