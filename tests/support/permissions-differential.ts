/**
 * One round of the permissions engine's differential check against the IAM policy simulator, shared by
 * the test (2,000 policies) and the benchmark (100,000): every probe the simulator allows outside the
 * intended set must be an exposure of the engine (a read-only metadata action at least a convention
 * finding), and every witness the engine names must be allowed by the simulator.
 */
import { parsePolicyDocument } from "../../rules/iam/document";
import { LanguageCache } from "../../rules/iam/languages";
import { analyzePermissions, isMetadataAction } from "../../rules/permissions/engine";
import { actionFact } from "../../rules/iam/facts";
import { globSource } from "../../rules/iam/languages";
import { arnSegments } from "../../rules/iam/match";
import { policiesAllow } from "./iam-simulator";
import { PermissionsProbe } from "./permissions-generator";

/**
 * The intended set, written independently of the engine: the two invoke actions on foundation models
 * and on system and application inference profiles (IAM User Guide / Bedrock's service authorization
 * reference for the ARN formats).
 */
const INTENDED_ACTIONS = new Set(["bedrock:invokemodel", "bedrock:invokemodelwithresponsestream"]);
const INTENDED_RESOURCE =
    /^arn:aws:bedrock:[a-z0-9-]*::foundation-model\/.+$|^arn:aws:bedrock:[a-z0-9-]+:[0-9]{12}:(?:application-)?inference-profile\/.+$/;

function intended(p: PermissionsProbe): boolean {
    return INTENDED_ACTIONS.has(p.action.toLowerCase()) && INTENDED_RESOURCE.test(p.resource);
}

export interface Disagreement {
    policy: unknown;
    what: string;
    /** A reading where the simulator cannot stand for IAM (see the test), counted but not failed. */
    known?: "notresource-star" | "region-less-request" | "other-partition";
}

/**
 * The policy as the simulator should read it. The simulator pads a short ARN (fewer than six segments)
 * with `*` segments in Resource, as the IAM User Guide reads a trailing `*` ("can expand to match beyond
 * the colon boundaries"), but in NotResource it lets a short ARN match every request, so a NotResource
 * statement never applies; the copy writes NotResource's short ARNs padded, which the simulator reads
 * as IAM does.
 */
export function simulatorCopy(policy: any): any {
    const copy = JSON.parse(JSON.stringify(policy));
    const pad = (r: unknown) => {
        if (typeof r !== "string" || !r.startsWith("arn:")) {
            return r;
        }
        const parts = r.split(":");
        while (parts.length < 6) {
            parts.push("*");
        }
        return parts.join(":");
    };
    for (const st of Array.isArray(copy.Statement) ? copy.Statement : [copy.Statement]) {
        if (st.NotResource !== undefined) {
            st.NotResource = Array.isArray(st.NotResource) ? st.NotResource.map(pad) : pad(st.NotResource);
        }
    }
    return copy;
}

const ACCOUNT = "111122223333";

/**
 * The value the request gives a variable in the ARN: the role's account; the request's region (never
 * empty, so us-east-1 for an ARN without one); else the request ARN's own segment (sound: the key may take it).
 */
function headValue(variable: string, segment: number, request: string[]): string {
    if (/^\$\{aws:principalaccount\}$/i.test(variable)) {
        return ACCOUNT;
    }
    if (/^\$\{aws:requestedregion\}$/i.test(variable)) {
        return request[3] || "us-east-1";
    }
    return request[segment] ?? "";
}

/**
 * A pattern as the simulator should read it for one request, where it departs from the IAM User Guide
 * (tests/conformance/guide-cases.ts records both departures): it splits an ARN at the colon inside
 * `${aws:PrincipalAccount}` before replacing the variable, so a head-segment variable is replaced here by
 * the value the request gives it; and it reads the resource type before the first `/` or `:` literally,
 * so a resource segment whose type holds wildcards (`*\/*`, `???????????-model/*`) is replaced by the
 * request's own resource segment when the Guide's reading (one glob over the whole segment) matches it.
 */
function twinPattern(p: unknown, request: string[], variables: boolean): unknown {
    if (typeof p !== "string" || !p.startsWith("arn:")) {
        return p;
    }
    const parts = arnSegments(p, { variables });
    while (parts.length < 6) {
        parts.push("*");
    }
    for (let i = 1; i < 5 && variables; i++) {
        parts[i] = parts[i].replace(/\$\{[^}]*\}/g, (v) => headValue(v, i, request));
    }
    const resource = parts.slice(5).join(":");
    const cut = resource.search(/[/:]/);
    const type = cut < 0 ? "" : resource.slice(0, cut);
    const requestResource = request.slice(5).join(":");
    if (/[*?]/.test(type) && !/[*?]/.test(requestResource) && new RegExp(`^${globSource(resource)}$`, "s").test(requestResource)) {
        return [...parts.slice(0, 5), requestResource].join(":");
    }
    return parts.join(":");
}

/**
 * Under Version 2008-10-17 or none, `${...}` is literal text ("IAM JSON policy elements: Version"); the
 * simulator replaces variables whatever the Version, so the twin says the same under 2012-10-17, where
 * `${$}` is a literal `$` ("IAM policy elements: Variables and tags", special characters).
 */
function literalTwin(copy: any): any {
    if (copy.Version === "2012-10-17" || !JSON.stringify(copy).includes("${")) {
        return copy;
    }
    return { ...JSON.parse(JSON.stringify(copy).split("${").join("${$}{")), Version: "2012-10-17" };
}

/** The simulator's copy of a policy for one request: simulatorCopy, and the twin of each departing pattern. */
function correctedTwin(policy: any, resource: string): any {
    const copy = literalTwin(simulatorCopy(policy));
    const request = resource.split(":");
    const variables = copy.Version === "2012-10-17";
    for (const st of Array.isArray(copy.Statement) ? copy.Statement : [copy.Statement]) {
        for (const key of ["Resource", "NotResource"]) {
            if (st?.[key] !== undefined) {
                st[key] = Array.isArray(st[key])
                    ? st[key].map((p: unknown) => twinPattern(p, request, variables))
                    : twinPattern(st[key], request, variables);
            }
        }
    }
    return copy;
}

/** Context for a request: the values the generator's resource-segment variables take (the engine's witnesses fill a variable with `x`). */
function contextFor(policy: unknown): Record<string, string> {
    return JSON.stringify(policy).includes("${aws:username}") ? { "aws:username": "x" } : {};
}

/**
 * A KMS key's default key policy, which lets the account's IAM policies decide ("AWS KMS: Default key
 * policy"); without a key policy no identity policy reaches a key, so the simulator asks for one.
 */
function resourcePolicyFor(action: string): unknown {
    if (!action.toLowerCase().startsWith("kms:")) {
        return undefined;
    }
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "EnableIAMUserPermissions",
                Effect: "Allow",
                Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
                Action: "kms:*",
                Resource: "*",
            },
        ],
    };
}

async function allows(policy: unknown, action: string, resource: string): Promise<boolean | "error"> {
    try {
        // The role's own account: the engine's witnesses and the generator's ARNs name 111122223333, and a
        // request to another account's resource also needs that account's resource policy.
        const twin = correctedTwin(policy, resource);
        return await policiesAllow({ p: twin }, action, resource, contextFor(policy), ACCOUNT, resourcePolicyFor(action));
    } catch {
        return "error";
    }
}

/** IAM refuses the document (the parser says why): the simulator must refuse it too. */
async function refusedByBoth(policy: unknown, problems: readonly string[], probes: readonly PermissionsProbe[]): Promise<Disagreement[]> {
    if (probes.length === 0 || (await allows(policy, probes[0].action, probes[0].resource)) === "error") {
        return [];
    }
    return [{ policy, what: `the parser refuses the policy (${problems.join("; ")}); the simulator accepts it` }];
}

/** Checks one policy against the probes; returns what disagrees. */
export async function checkPolicy(policy: unknown, probes: readonly PermissionsProbe[], cache: LanguageCache): Promise<Disagreement[]> {
    const parsed = parsePolicyDocument(policy);
    if (!parsed.ok) {
        throw new Error(parsed.problem);
    }
    const problems = parsed.doc.statements.flatMap((s) => s.problems);
    if (problems.length > 0) {
        return refusedByBoth(policy, problems, probes);
    }
    const out: Disagreement[] = [];
    const answer = analyzePermissions([{ label: "p", doc: parsed.doc }], { cache });
    const sim = policy;
    for (const probe of probes) {
        if (intended(probe) || (await allows(sim, probe.action, probe.resource)) !== true) {
            continue;
        }
        const metadata = isMetadataAction(probe.action.toLowerCase(), actionFact(probe.action));
        if (answer.exposures.length === 0 && answer.undecided.length === 0 && !(metadata && answer.metadata.length > 0)) {
            out.push({ policy, what: `the simulator allows ${probe.action} on ${probe.resource}; the engine finds no exposure` });
        }
    }
    for (const e of answer.exposures) {
        const verdict = await allows(sim, e.action, e.resource);
        if (verdict !== true) {
            const statement = (parsed.doc.statements[e.by.index] ?? {}) as { notResources?: unknown };
            const known =
                e.resource === "*" && statement.notResources !== undefined
                    ? "notresource-star"
                    : /^arn:[^:]+:bedrock:::foundation-model\//.test(e.resource)
                      ? "region-less-request"
                      : /^arn:(?!aws:)/.test(e.resource)
                        ? "other-partition"
                        : undefined;
            const what = `the engine's witness ${e.action} on ${e.resource} is ${verdict === "error" ? "refused as a request" : "denied"} by the simulator`;
            out.push({ policy, what, ...(known ? { known } : {}) });
        }
    }
    return out;
}
