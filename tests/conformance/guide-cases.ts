/**
 * IAM's documented semantics as cases, each quoting the IAM User Guide page it comes from. The
 * conformance tests (iam-guide.test.ts) run every case against the engine and against the simulator
 * (@cloud-copilot/iam-simulate); where the simulator departs from the Guide the case says so in
 * `simulatorDeparts`, and the test checks that departure is still there (so a fixed simulator is noticed)
 * and asks the simulator about the corrected twin instead.
 */

const ACCOUNT = "111122223333";

export interface Request {
    action: string;
    resource: string;
    /** Request context the simulator is given (the keys a variable reads). */
    context?: Record<string, string>;
}

export interface PermissionsCase {
    page: string;
    /** The rule or example, in the Guide's words. */
    rule: string;
    policy: { Version?: string; Statement: unknown[] };
    request: Request;
    /** What IAM does: allow, deny (implicitly or explicitly), or refuse the document. */
    iam: "allow" | "deny" | "refused";
    /** Where the simulator answers otherwise, why; and the twin it gets instead (same meaning, a form it reads as the Guide does). */
    simulatorDeparts?: { why: string; twin: { Version?: string; Statement: unknown[] } };
}

const v12 = (...Statement: unknown[]) => ({ Version: "2012-10-17", Statement });
const v08 = (...Statement: unknown[]) => ({ Version: "2008-10-17", Statement });
const allow = (Action: unknown, Resource: unknown) => ({ Effect: "Allow", Action, Resource });
const role = (name = "x") => `arn:aws:iam::${ACCOUNT}:role/${name}`;

const RESOURCE = "IAM JSON policy elements: Resource";
const ACTION = "IAM JSON policy elements: Action";
const NOT_ACTION = "IAM JSON policy elements: NotAction";
const NOT_RESOURCE = "IAM JSON policy elements: NotResource";
const VARIABLES = "IAM policy elements: Variables and tags";
const EFFECT = "IAM JSON policy elements: Effect";
const GRAMMAR = "Grammar of the IAM JSON policy language";
const EVALUATION = "Policy evaluation logic";
const VERSION = "IAM JSON policy elements: Version";

export const PERMISSIONS_CASES: readonly PermissionsCase[] = [
    {
        page: RESOURCE,
        rule: "You can use wildcard characters (* and ?) within any ARN segment; the resource segment's * can expand to replace everything within the segment, including characters like a forward slash (/)",
        policy: v12(allow("iam:PassRole", `arn:aws:iam::${ACCOUNT}:*/*`)),
        request: { action: "iam:PassRole", resource: role("admin") },
        iam: "allow",
        simulatorDeparts: {
            why: "reads the resource type before the first / literally, so */* names no resource",
            twin: v12(allow("iam:PassRole", `arn:aws:iam::${ACCOUNT}:role/*`)),
        },
    },
    {
        page: RESOURCE,
        rule: "* in the resource segment spans the resource type: *-model/* reaches provisioned and custom models",
        policy: v12(allow("bedrock:InvokeModel", `arn:aws:bedrock:*:${ACCOUNT}:*-model/*`)),
        request: { action: "bedrock:InvokeModel", resource: `arn:aws:bedrock:us-east-1:${ACCOUNT}:provisioned-model/abc` },
        iam: "allow",
        simulatorDeparts: {
            why: "reads the resource type literally",
            twin: v12(allow("bedrock:InvokeModel", `arn:aws:bedrock:*:${ACCOUNT}:provisioned-model/*`)),
        },
    },
    {
        page: RESOURCE,
        rule: "? matches any single character, in the resource type too: ???????????-model/* reaches provisioned-model/…",
        policy: v12(allow("bedrock:InvokeModel", `arn:aws:bedrock:*:${ACCOUNT}:???????????-model/*`)),
        request: { action: "bedrock:InvokeModel", resource: `arn:aws:bedrock:us-east-1:${ACCOUNT}:provisioned-model/abc` },
        iam: "allow",
        simulatorDeparts: {
            why: "reads the resource type literally",
            twin: v12(allow("bedrock:InvokeModel", `arn:aws:bedrock:*:${ACCOUNT}:provisioned-model/*`)),
        },
    },
    {
        page: RESOURCE,
        rule: "A wildcard in the partition, service, region or account segment stays within that segment (it does not span a colon)",
        policy: v12(allow("iam:PassRole", "arn:aws:iam::*:role/x")),
        request: { action: "iam:PassRole", resource: role("x") },
        iam: "allow",
    },
    {
        page: RESOURCE,
        rule: "arn:aws:s3:::bucket/* : the resource segment's * matches nested keys with /",
        policy: v12(allow("s3:GetObject", "arn:aws:s3:::amzn-s3-demo-bucket/*")),
        request: { action: "s3:GetObject", resource: "arn:aws:s3:::amzn-s3-demo-bucket/a/b/c.txt" },
        iam: "allow",
    },
    {
        page: RESOURCE,
        rule: "The resource segment is case sensitive: role/Admin does not match role/admin",
        policy: v12(allow("iam:PassRole", role("Admin"))),
        request: { action: "iam:PassRole", resource: role("admin") },
        iam: "deny",
    },
    {
        page: ACTION,
        rule: "Action values are not case sensitive (iam:passrole is iam:PassRole)",
        policy: v12(allow("IAM:passrole", role())),
        request: { action: "iam:PassRole", resource: role() },
        iam: "allow",
    },
    {
        page: ACTION,
        rule: "A wildcard in the action name: iam:Pass* matches iam:PassRole",
        policy: v12(allow("iam:Pass*", role())),
        request: { action: "iam:PassRole", resource: role() },
        iam: "allow",
    },
    {
        page: ACTION,
        rule: "Specify a value using a service namespace as an action prefix followed by the action name: PassRole alone is refused",
        policy: v12(allow("PassRole", role())),
        request: { action: "iam:PassRole", resource: role() },
        iam: "refused",
    },
    {
        page: NOT_ACTION,
        rule: "NotAction with Allow allows every action not listed",
        policy: v12({ Effect: "Allow", NotAction: "bedrock:*", Resource: "*" }),
        request: { action: "iam:PassRole", resource: role() },
        iam: "allow",
    },
    {
        page: NOT_ACTION,
        rule: "NotAction with Allow does not allow a listed action",
        policy: v12({ Effect: "Allow", NotAction: "iam:*", Resource: "*" }),
        request: { action: "iam:PassRole", resource: role() },
        iam: "deny",
    },
    {
        page: GRAMMAR,
        rule: '<action_block> = ("Action" | "NotAction") : ...: a statement has one of them',
        policy: v12({ Effect: "Allow", Action: "iam:PassRole", NotAction: "s3:*", Resource: "*" }),
        request: { action: "iam:PassRole", resource: role() },
        iam: "refused",
    },
    {
        page: NOT_RESOURCE,
        rule: "NotResource with Allow allows every resource not listed",
        policy: v12({ Effect: "Allow", Action: "iam:PassRole", NotResource: role("other") }),
        request: { action: "iam:PassRole", resource: role("admin") },
        iam: "allow",
    },
    {
        page: NOT_RESOURCE,
        rule: "NotResource with Deny denies every resource not listed",
        policy: v12(allow("iam:PassRole", "*"), { Effect: "Deny", Action: "iam:PassRole", NotResource: role("ok") }),
        request: { action: "iam:PassRole", resource: role("admin") },
        iam: "deny",
    },
    {
        page: EVALUATION,
        rule: "An explicit deny in any policy overrides any allows",
        policy: v12(allow("iam:*", "*"), { Effect: "Deny", Action: "iam:PassRole", Resource: "*" }),
        request: { action: "iam:PassRole", resource: role() },
        iam: "deny",
    },
    {
        page: EFFECT,
        rule: "Valid values for Effect are Allow and Deny. The Effect value is case sensitive: allow is refused",
        policy: v12({ Effect: "allow", Action: "iam:PassRole", Resource: "*" }),
        request: { action: "iam:PassRole", resource: role() },
        iam: "refused",
    },
    {
        page: VARIABLES,
        rule: "Under Version 2012-10-17 a policy variable is replaced by the request's value: ${aws:PrincipalAccount} in the account segment is the principal's account",
        policy: v12(allow("iam:PassRole", "arn:aws:iam::${aws:PrincipalAccount}:role/*")),
        request: { action: "iam:PassRole", resource: role("admin"), context: { "aws:PrincipalAccount": ACCOUNT } },
        iam: "allow",
        simulatorDeparts: {
            why: "splits the ARN at the colon inside ${aws:PrincipalAccount} before replacing it, so a variable whose key holds a colon names nothing outside the resource segment",
            twin: v12(allow("iam:PassRole", `arn:aws:iam::${ACCOUNT}:role/*`)),
        },
    },
    {
        page: VARIABLES,
        rule: "${aws:RequestedRegion} in the region segment is the request's region",
        policy: v12(allow("bedrock:GetAgent", "arn:aws:bedrock:${aws:RequestedRegion}:*:*")),
        request: {
            action: "bedrock:GetAgent",
            resource: `arn:aws:bedrock:us-east-1:${ACCOUNT}:agent/abc`,
            context: { "aws:RequestedRegion": "us-east-1" },
        },
        iam: "allow",
        simulatorDeparts: {
            why: "splits the ARN at the colon inside ${aws:RequestedRegion} before replacing it",
            twin: v12(allow("bedrock:GetAgent", "arn:aws:bedrock:us-east-1:*:*")),
        },
    },
    {
        page: VARIABLES,
        rule: "A variable in the resource segment: arn:aws:s3:::bucket/${aws:username}/*",
        policy: v12(allow("s3:GetObject", "arn:aws:s3:::amzn-s3-demo-bucket/${aws:username}/*")),
        request: { action: "s3:GetObject", resource: "arn:aws:s3:::amzn-s3-demo-bucket/alice/k", context: { "aws:username": "alice" } },
        iam: "allow",
    },
    {
        page: VARIABLES,
        rule: "${*} is a literal *: arn:aws:s3:::b/a${*}b names the key a*b only",
        policy: v12(allow("s3:GetObject", "arn:aws:s3:::amzn-s3-demo-bucket/a${*}b")),
        request: { action: "s3:GetObject", resource: "arn:aws:s3:::amzn-s3-demo-bucket/axb" },
        iam: "deny",
    },
    {
        page: VERSION,
        rule: "Under Version 2008-10-17 policy variables are not replaced: ${aws:PrincipalAccount} is literal text",
        policy: v08(allow("iam:PassRole", "arn:aws:iam::${aws:PrincipalAccount}:role/*")),
        request: { action: "iam:PassRole", resource: role("admin"), context: { "aws:PrincipalAccount": ACCOUNT } },
        iam: "deny",
    },
    {
        page: VERSION,
        rule: "Under Version 2008-10-17 ${aws:username} is literal text, so it names the object whose key holds those characters",
        policy: v08(allow("s3:GetObject", "arn:aws:s3:::amzn-s3-demo-bucket/${aws:username}/*")),
        request: {
            action: "s3:GetObject",
            resource: "arn:aws:s3:::amzn-s3-demo-bucket/${aws:username}/k",
            context: { "aws:username": "alice" },
        },
        iam: "allow",
        simulatorDeparts: {
            why: "replaces policy variables under every Version",
            twin: v12(allow("s3:GetObject", "arn:aws:s3:::amzn-s3-demo-bucket/${$}{aws:username}/*")),
        },
    },
];

export interface TrustCase {
    page: string;
    rule: string;
    conditions: Record<string, Record<string, unknown>>;
    version?: string;
    token: { sub: string; aud: string };
    iam: "allow" | "deny";
}

const OPERATORS = "IAM JSON policy elements: Condition operators";
const IF_EXISTS = "IAM JSON policy elements: Condition operators (...IfExists condition operators)";
const NULL = "IAM JSON policy elements: Condition operators (Condition operator to check existence of condition keys)";
const SETS = "Single-valued vs. multivalued context keys (set operators)";
const CONDITION = "IAM JSON policy elements: Condition";
const AUD = { StringEquals: { "app.warp.dev:aud": "sts.amazonaws.com" } };
const SUB = "scoped_principal:TEAMA/user:alice";

export const TRUST_CASES: readonly TrustCase[] = [
    {
        page: OPERATORS,
        rule: "StringEquals: exact matching, case sensitive",
        conditions: { StringEquals: { "app.warp.dev:aud": "sts.amazonaws.com", "app.warp.dev:sub": "scoped_principal:teama/user:alice" } },
        token: { sub: SUB, aud: "sts.amazonaws.com" },
        iam: "deny",
    },
    {
        page: OPERATORS,
        rule: "StringEqualsIgnoreCase: exact matching, ignoring case",
        conditions: { ...AUD, StringEqualsIgnoreCase: { "app.warp.dev:sub": "scoped_principal:teama/USER:alice" } },
        token: { sub: SUB, aud: "sts.amazonaws.com" },
        iam: "allow",
    },
    {
        page: OPERATORS,
        rule: "StringLike: case-sensitive matching; the value can include a multi-character match wildcard (*) and a single-character match wildcard (?)",
        conditions: { ...AUD, StringLike: { "app.warp.dev:sub": "scoped_principal:TEAM?/user:*" } },
        token: { sub: SUB, aud: "sts.amazonaws.com" },
        iam: "allow",
    },
    {
        page: OPERATORS,
        rule: "StringNotLike: negated case-sensitive matching",
        conditions: { ...AUD, StringLike: { "app.warp.dev:sub": "scoped_principal:*" }, StringNotLike: { "app.warp.dev:sub": "*/user:*" } },
        token: { sub: SUB, aud: "sts.amazonaws.com" },
        iam: "deny",
    },
    {
        page: CONDITION,
        rule: "Multiple values for one key are evaluated with a logical OR",
        conditions: { ...AUD, StringEquals: { ...AUD.StringEquals, "app.warp.dev:sub": ["scoped_principal:TEAMB/user:bob", SUB] } },
        token: { sub: SUB, aud: "sts.amazonaws.com" },
        iam: "allow",
    },
    {
        page: CONDITION,
        rule: "Multiple keys and operators in a Condition are evaluated with a logical AND",
        conditions: {
            StringEquals: { "app.warp.dev:aud": "other-audience" },
            StringLike: { "app.warp.dev:sub": "scoped_principal:TEAMA/*" },
        },
        token: { sub: SUB, aud: "sts.amazonaws.com" },
        iam: "deny",
    },
    {
        page: CONDITION,
        rule: "Condition key names are not case sensitive",
        conditions: {
            StringEquals: { "APP.WARP.DEV:AUD": "sts.amazonaws.com" },
            StringLike: { "App.Warp.Dev:Sub": "scoped_principal:TEAMA/*" },
        },
        token: { sub: SUB, aud: "sts.amazonaws.com" },
        iam: "allow",
    },
    {
        page: IF_EXISTS,
        rule: "If the key is present, ...IfExists evaluates the condition as written",
        conditions: { ...AUD, StringLikeIfExists: { "app.warp.dev:sub": "scoped_principal:TEAMB/*" } },
        token: { sub: SUB, aud: "sts.amazonaws.com" },
        iam: "deny",
    },
    {
        page: NULL,
        rule: 'Null "false": the key exists and its value is not null',
        conditions: { ...AUD, Null: { "app.warp.dev:sub": "false" }, StringLike: { "app.warp.dev:sub": "scoped_principal:TEAMA/*" } },
        token: { sub: SUB, aud: "sts.amazonaws.com" },
        iam: "allow",
    },
    {
        page: NULL,
        rule: 'Null "true": the key does not exist, so a token with sub fails it',
        conditions: { ...AUD, Null: { "app.warp.dev:sub": "true" } },
        token: { sub: SUB, aud: "sts.amazonaws.com" },
        iam: "deny",
    },
    {
        page: SETS,
        rule: "ForAnyValue: true when at least one value of the request matches one value of the condition",
        conditions: { ...AUD, "ForAnyValue:StringLike": { "app.warp.dev:sub": ["nobody", "scoped_principal:TEAMA/*"] } },
        token: { sub: SUB, aud: "sts.amazonaws.com" },
        iam: "allow",
    },
    {
        page: SETS,
        rule: "ForAllValues: true when every value of the request matches a value of the condition",
        conditions: { ...AUD, "ForAllValues:StringLike": { "app.warp.dev:sub": "scoped_principal:TEAMB/*" } },
        token: { sub: SUB, aud: "sts.amazonaws.com" },
        iam: "deny",
    },
    {
        page: VARIABLES,
        rule: "${*} in a StringLike value under 2012-10-17 is a literal *, not a wildcard",
        conditions: { ...AUD, StringLike: { "app.warp.dev:sub": "scoped_principal:TEAMA/${*}" } },
        token: { sub: SUB, aud: "sts.amazonaws.com" },
        iam: "deny",
    },
];

export { ACCOUNT };
