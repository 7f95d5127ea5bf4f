/** Syntax of the AWS identifiers an admin types: regions, ARNs, IAM names, tags, model IDs. */
import { ValidationError, quoteValue } from "./errors";
import { Issuer } from "./issuer";

export const PARTITIONS = ["aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"] as const;
const PARTITION_RE = `(?:${PARTITIONS.join("|")})`;

/** us-east-1, eu-central-2, us-gov-west-1, cn-north-1, us-isob-east-1, ap-southeast-7, ... */
const REGION_RE = /^[a-z]{2}(-[a-z]+){1,3}-\d{1,2}$/;

export function assertRegion(value: unknown, field: string): string {
    if (typeof value !== "string" || !REGION_RE.test(value)) {
        throw new ValidationError(
            field,
            `${quoteValue(value)} is not an AWS region code`,
            "Write a region code such as us-east-1 or eu-central-1 (no wildcards)",
        );
    }
    return value;
}

/** Model IDs and IAM-style patterns over them: `anthropic.claude-*`, `amazon.nova-pro-v1:0`. */
const MODEL_RE = /^[A-Za-z0-9._:*?-]{1,200}$/;
export function assertModelPattern(value: unknown, field: string): string {
    if (typeof value !== "string" || !MODEL_RE.test(value)) {
        throw new ValidationError(
            field,
            `${quoteValue(value)} is not a Bedrock model ID or pattern`,
            "Write a model ID such as anthropic.claude-sonnet-4-20250514-v1:0 or a pattern such as anthropic.claude-* (letters, digits, '.', '-', ':', '_', '*', '?'; no '/')",
        );
    }
    return value;
}

/**
 * One model Warp calls (no wildcards): a model or inference profile ID such as
 * `anthropic.claude-sonnet-4-20250514-v1:0` or `us.anthropic.claude-...`, or a Bedrock ARN of a
 * foundation model, (application) inference profile, custom, imported or provisioned model. After the
 * modelId pattern of the Bedrock API Reference (InvokeModel), without its bare-name form.
 */
const MODEL_ID_RE = /^[a-z0-9-]{1,63}\.[a-z0-9-]{1,63}(\.[a-z0-9-]{1,63})?([.:]?[a-z0-9-]{1,63})*$/;
const MODEL_ARN_RE = new RegExp(
    `^arn:${PARTITION_RE}:bedrock:[a-z0-9-]{1,20}:(\\d{12})?:(foundation-model|inference-profile|application-inference-profile|custom-model|imported-model|provisioned-model)/[A-Za-z0-9._:/-]{1,200}$`,
);
export function assertModelId(value: unknown, field: string): string {
    if (typeof value !== "string" || value.length > 2048 || !(MODEL_ID_RE.test(value) || MODEL_ARN_RE.test(value))) {
        throw new ValidationError(
            field,
            `${quoteValue(value)} is not a Bedrock model ID, inference profile ID or model ARN`,
            "Give the model Warp calls, such as anthropic.claude-sonnet-4-20250514-v1:0, us.anthropic.claude-sonnet-4-20250514-v1:0 or arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0",
        );
    }
    return value;
}

const OIDC_PROVIDER_ARN_RE = new RegExp(`^arn:(${PARTITION_RE}):iam::(\\d{12}):oidc-provider/(.+)$`);

export interface ProviderArn {
    partition: string;
    accountId: string;
    issuerId: string;
}

export function parseOidcProviderArn(value: string): ProviderArn | undefined {
    const m = OIDC_PROVIDER_ARN_RE.exec(value);
    return m ? { partition: m[1], accountId: m[2], issuerId: m[3] } : undefined;
}

/** A reused provider must be the one for the issuer we trust, or the trust policy would name a different IdP. */
export function assertOidcProviderArn(value: unknown, field: string, issuer: Issuer): string {
    const parsed = typeof value === "string" ? parseOidcProviderArn(value) : undefined;
    if (!parsed) {
        throw new ValidationError(
            field,
            `${quoteValue(value)} is not an IAM OIDC provider ARN`,
            `Give an ARN of the form arn:aws:iam::<12-digit-account>:oidc-provider/${issuer.id}, or leave it unset to create the provider`,
        );
    }
    if (parsed.issuerId.toLowerCase() !== issuer.id) {
        throw new ValidationError(
            field,
            `${quoteValue(value)} is the provider for ${parsed.issuerId}, but the issuer is ${issuer.id}`,
            `Reuse the provider whose ARN ends in oidc-provider/${issuer.id}, or change issuer to match`,
        );
    }
    return value as string;
}

const POLICY_ARN_RE = new RegExp(`^arn:${PARTITION_RE}:iam::(\\d{12}|aws):policy/([\\x21-\\x7e]*/)?[\\w+=,.@-]{1,128}$`);
export function assertPolicyArn(value: unknown, field: string): string {
    if (typeof value !== "string" || !POLICY_ARN_RE.test(value)) {
        throw new ValidationError(
            field,
            `${quoteValue(value)} is not an IAM managed policy ARN`,
            "Give an ARN such as arn:aws:iam::123456789012:policy/warp-boundary",
        );
    }
    return value;
}

const ROLE_NAME_RE = /^[\w+=,.@-]+$/;
export function assertRoleName(value: unknown, field: string, maxLength: number): string {
    if (typeof value !== "string" || value.length === 0 || value.length > maxLength || !ROLE_NAME_RE.test(value)) {
        throw new ValidationError(
            field,
            `${quoteValue(value)} is not a valid IAM role name`,
            `Use 1-${maxLength} characters from letters, digits and + = , . @ _ -`,
        );
    }
    return value;
}

const IAM_PATH_RE = /^\/([\x21-\x7e]+\/)?$/;
export function assertIamPath(value: unknown, field: string): string {
    if (typeof value !== "string" || value.length > 512 || !IAM_PATH_RE.test(value) || value.includes("//")) {
        throw new ValidationError(
            field,
            `${quoteValue(value)} is not a valid IAM path`,
            "Use '/' or a path that starts and ends with '/', such as /warp/",
        );
    }
    return value;
}

/** IAM's description alphabet: tab, line feed, carriage return, printable ASCII and Latin-1 letters. */
function isDescriptionChar(code: number): boolean {
    return code === 9 || code === 10 || code === 13 || (code >= 0x20 && code <= 0x7e) || (code >= 0xa1 && code <= 0xff);
}
const DESCRIPTION_RE = { test: (text: string) => [...text].every((c) => isDescriptionChar(c.charCodeAt(0))) };
export function assertDescription(value: unknown, field: string): string {
    if (typeof value !== "string" || value.length > 1000 || !DESCRIPTION_RE.test(value)) {
        throw new ValidationError(
            field,
            `${quoteValue(value)} is not a valid IAM role description`,
            "Use at most 1,000 printable Latin-1 characters",
        );
    }
    return value;
}

export function assertTags(value: unknown, field: string): Record<string, string> {
    if (value === undefined || value === null) {
        return {};
    }
    if (typeof value !== "object" || Array.isArray(value)) {
        throw new ValidationError(field, "must be a map of tag keys to string values", "Write tags as key: value pairs");
    }
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length > 50) {
        throw new ValidationError(field, `has ${entries.length} tags; IAM allows 50 per resource`, "Remove some tags");
    }
    for (const [k, v] of entries) {
        if (k.length === 0 || k.length > 128 || k.toLowerCase().startsWith("aws:")) {
            throw new ValidationError(
                `${field}.${k}`,
                `tag key ${quoteValue(k)} is empty, longer than 128 characters or uses the reserved aws: prefix`,
                "Rename the tag key",
            );
        }
        if (typeof v !== "string" || v.length > 256) {
            throw new ValidationError(
                `${field}.${k}`,
                `tag value ${quoteValue(v)} must be a string of at most 256 characters`,
                "Quote the value as a string",
            );
        }
    }
    return Object.fromEntries(entries) as Record<string, string>;
}
