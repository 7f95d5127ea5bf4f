/**
 * Rules for the permissions that reach a Warp-trusted role: only the configured Bedrock invoke actions,
 * only on Bedrock foundation-model and inference-profile ARNs, and no managed policy whose content the
 * checks cannot see. Deny statements only take access away, so they are not judged.
 */
import { quoteValue } from "./errors";
import { Finding, finding, where } from "./findings";
import { roleBedrockPermissionsOnly } from "./resource-rules";
import { PolicyDocument, Statement, effectOf, normalizePolicyValue, readPolicyValue } from "./iam/document";
import { PARTITIONS } from "./aws-names";
import { BEDROCK_INVOKE_ACTIONS } from "./constants";

export const DEFAULT_BEDROCK_ACTIONS: readonly string[] = BEDROCK_INVOKE_ACTIONS;

const RULE = roleBedrockPermissionsOnly;

export interface PermissionsRuleConfig {
    /** Actions a Warp role may be allowed; matched without regard to case, wildcards never accepted. */
    allowedActions: readonly string[];
    /** Customer managed policy ARNs the organisation vouches for although their content is not in the stack. */
    allowedPolicyArns: readonly string[];
}

export const DEFAULT_PERMISSIONS_CONFIG: Readonly<PermissionsRuleConfig> = {
    allowedActions: DEFAULT_BEDROCK_ACTIONS,
    allowedPolicyArns: [],
};

export function permissionsConfig(partial: Partial<PermissionsRuleConfig> = {}): PermissionsRuleConfig {
    return {
        allowedActions: partial.allowedActions ?? DEFAULT_PERMISSIONS_CONFIG.allowedActions,
        allowedPolicyArns: partial.allowedPolicyArns ?? DEFAULT_PERMISSIONS_CONFIG.allowedPolicyArns,
    };
}

/**
 * IAM matches ARNs segment by segment, so a wildcard in the region, account or model ID stays inside that
 * segment; the resource type (foundation-model, inference-profile, application-inference-profile) must be
 * literal, or the pattern would reach agents, knowledge bases and every other Bedrock resource.
 */
const BEDROCK_MODEL_ARN_RE = new RegExp(
    `^arn:(?:${PARTITIONS.join("|")}):bedrock:[a-z0-9*?-]+:(?:\\d{12}|\\*|):(?:foundation-model|inference-profile|application-inference-profile)/[^\\s]+$`,
);

export function isBedrockModelArn(resource: string): boolean {
    return BEDROCK_MODEL_ARN_RE.test(resource);
}

const FIX_ACTIONS = (allowed: readonly string[]) => `Allow only ${allowed.map((a) => JSON.stringify(a)).join(" and ")}.`;
const FIX_RESOURCES =
    "Name Bedrock model ARNs: arn:aws:bedrock:<region>::foundation-model/<model-id> and arn:aws:bedrock:<region>:<account>:inference-profile/<profile-id> (wildcards only inside the region or ID).";

/** `lower` decides; `exact` holds the configured spellings, which need no lower-casing to be found. */
interface AllowedActions {
    exact: ReadonlySet<string>;
    lower: ReadonlySet<string>;
}

function allowedActionSet(allowedActions: readonly string[]): AllowedActions {
    return { exact: new Set(allowedActions), lower: new Set(allowedActions.map((a) => a.toLowerCase())) };
}

const list = (items: readonly string[]) => items.map((i) => quoteValue(i)).join(", ");

function actionFindings(s: Statement, config: PermissionsRuleConfig, allowed: AllowedActions): Finding[] {
    const fix = FIX_ACTIONS(config.allowedActions);
    if (s.notActions !== undefined) {
        return [
            finding(
                RULE,
                "the statement uses NotAction, which allows every action it does not list",
                `Replace NotAction with "Action". ${fix}`,
                where(s),
            ),
        ];
    }
    if (s.actions === undefined || s.actions.length === 0) {
        return [finding(RULE, "the statement names no Action", fix, where(s))];
    }
    const only = config.allowedActions.join(" and ");
    const wild = s.actions.filter(hasWildcard);
    const other = s.actions.filter((a) => !hasWildcard(a) && !allowed.exact.has(a) && !allowed.lower.has(a.toLowerCase()));
    const out: Finding[] = [];
    if (wild.length > 0) {
        out.push(
            finding(
                RULE,
                `the statement allows ${list(wild)}, a wildcard that covers more than ${only} (today or once AWS adds actions)`,
                fix,
                where(s),
            ),
        );
    }
    if (other.length > 0) {
        out.push(finding(RULE, `the statement allows ${list(other)}; a Warp-trusted role may be allowed only ${only}`, fix, where(s)));
    }
    return out;
}

function resourceFindings(s: Statement): Finding[] {
    if (s.notResources !== undefined) {
        const message = "the statement uses NotResource, which applies the actions to every resource it does not list";
        return [finding(RULE, message, `Replace NotResource with "Resource". ${FIX_RESOURCES}`, where(s))];
    }
    if (s.resources === undefined || s.resources.length === 0) {
        return [finding(RULE, "the statement names no Resource", FIX_RESOURCES, where(s))];
    }
    const bad = s.resources.filter((r) => !isBedrockModelArn(r));
    if (bad.length === 0) {
        return [];
    }
    const which = bad.length > 1 ? "are not" : "is not";
    return [
        finding(
            RULE,
            `the statement applies to ${list(bad)}, which ${which} a Bedrock foundation-model or inference-profile ARN`,
            FIX_RESOURCES,
            where(s),
        ),
    ];
}

/** An Allow statement's findings; a Deny statement only narrows, so it has none. */
function statementFindings(s: Statement, config: PermissionsRuleConfig, allowed: AllowedActions): Finding[] {
    const effect = effectOf(s.effect);
    if (effect === "deny") {
        return [];
    }
    if (effect !== "allow") {
        return [finding(RULE, `the statement has Effect ${quoteValue(s.effect)}`, 'Write "Effect": "Allow" (or "Deny").', where(s))];
    }
    const problems = s.problems.map((p) =>
        finding(RULE, `the statement ${p}`, "Fix the statement so IAM reads it the way you intend.", where(s)),
    );
    return [...problems, ...actionFindings(s, config, allowed), ...resourceFindings(s)];
}

export function checkPermissionsDocument(doc: PolicyDocument, config: PermissionsRuleConfig): Finding[] {
    const allowed = allowedActionSet(config.allowedActions);
    const problems = doc.problems.map((p) =>
        finding(RULE, `the permissions policy ${p}`, "Write the policy as a JSON object with a Statement list."),
    );
    return [...problems, ...doc.statements.flatMap((s) => statementFindings(s, config, allowed))];
}

export interface PermissionsAnalysis {
    parseProblem?: string;
    findings: Finding[];
}

/** Every permissions rule over one document given as JSON text or an object. */
export function analyzePermissionsPolicy(input: unknown, config: Partial<PermissionsRuleConfig> = {}): PermissionsAnalysis {
    const cfg = permissionsConfig(config);
    const read = readPolicyValue(input);
    if (!read.ok) {
        return {
            parseProblem: read.problem,
            findings: [finding(RULE, `the permissions policy ${read.problem}`, "Write the policy as a JSON object with a Statement list.")],
        };
    }
    if (isCleanInIamSpelling(read.value, allowedActionSet(cfg.allowedActions))) {
        return { findings: [] };
    }
    return { findings: checkPermissionsDocument(normalizePolicyValue(read.value), cfg) };
}

const hasOwn = Object.prototype.hasOwnProperty;

function hasWildcard(s: string): boolean {
    return s.indexOf("*") >= 0 || s.indexOf("?") >= 0;
}

/** A string or a non-empty list of strings, every one passing `ok`. */
function allPass(value: unknown, ok: (item: string) => boolean): boolean {
    if (typeof value === "string") {
        return ok(value);
    }
    if (!Array.isArray(value) || value.length === 0) {
        return false;
    }
    for (let i = 0; i < value.length; i++) {
        const item = value[i];
        if (typeof item !== "string" || !ok(item)) {
            return false;
        }
    }
    return true;
}

/**
 * Whether a document that `checkPermissionsDocument` would pass without a finding can be told so from
 * the parsed JSON alone: IAM's exact element names only, a Statement list, and every Allow statement
 * naming only allowed actions on Bedrock model ARNs. Most documents reaching a Warp role look like
 * that, and normalising them costs more than parsing. Anything else, however harmless, returns false
 * and goes through the normaliser, so this only ever decides "no findings" and never words one.
 */
function isCleanInIamSpelling(doc: Record<string, unknown>, allowed: AllowedActions): boolean {
    let statements: unknown;
    for (const key in doc) {
        if (!hasOwn.call(doc, key)) {
            return false;
        }
        if (key === "Statement") {
            statements = doc[key];
        } else if (key !== "Version" && key !== "Id") {
            return false;
        }
    }
    return Array.isArray(statements) && statements.every((s) => isCleanStatement(s, allowed));
}

const STATEMENT_KEYS = new Set(["Sid", "Effect", "Action", "Resource"]);

/** A Deny statement, or an Allow of allowed actions on model ARNs, in IAM's exact spelling. */
function isCleanStatement(raw: unknown, allowed: AllowedActions): boolean {
    if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
        return false;
    }
    const s = raw as Record<string, unknown>;
    for (const key in s) {
        if (!hasOwn.call(s, key) || !STATEMENT_KEYS.has(key)) {
            return false;
        }
    }
    if (s.Effect === "Deny") {
        return true;
    }
    const actionOk = (a: string) => !hasWildcard(a) && (allowed.exact.has(a) || allowed.lower.has(a.toLowerCase()));
    return (
        s.Effect === "Allow" && "Action" in s && "Resource" in s && allPass(s.Action, actionOk) && allPass(s.Resource, isBedrockModelArn)
    );
}

const AWS_MANAGED_RE = /^arn:[a-z-]+:iam::aws:policy\//;

export function isAwsManagedPolicyArn(arn: string): boolean {
    return AWS_MANAGED_RE.test(arn);
}

/**
 * A managed policy attached to a Warp-trusted role. AWS managed policies (AdministratorAccess,
 * AmazonBedrockFullAccess, ...) always grant more than invoking models; a customer managed policy whose
 * document is not in the stack cannot be checked, so it is refused unless the organisation vouches for it.
 */
export function checkManagedPolicyAttachment(policyArn: string, config: PermissionsRuleConfig): Finding | undefined {
    if (isAwsManagedPolicyArn(policyArn)) {
        const name = policyArn.slice(policyArn.lastIndexOf("/") + 1);
        return finding(
            RULE,
            `the AWS managed policy ${name} (${policyArn}) is attached; it grants far more than invoking Bedrock models`,
            `Detach ${name}; the role needs only an inline policy allowing ${config.allowedActions.join(" and ")} on Bedrock model ARNs.`,
        );
    }
    if (config.allowedPolicyArns.includes(policyArn)) {
        return undefined;
    }
    return finding(
        RULE,
        `the managed policy ${policyArn} is attached, and its document is not in this stack, so its permissions cannot be checked`,
        `Grant Bedrock access with an inline policy (aws.iam.RolePolicy) or an aws.iam.Policy defined in this stack, or add the ARN to allowedPolicyArns in ${RULE.name}'s config once reviewed.`,
    );
}
