/**
 * What a rule reports, and the catalogue of rule names shared by the policy pack, the lint CLI and the
 * tests. A rule's name is the kebab-case name of the CrossGuard policy that enforces it.
 */

export type FindingLevel = "mandatory" | "advisory";

export interface Finding {
    rule: RuleName;
    level: FindingLevel;
    /** Position of the statement in the document's Statement list; absent for document-level findings. */
    statementIndex?: number;
    sid?: string;
    message: string;
    /** What to write instead. */
    remediation: string;
}

export const RULE_NAMES = [
    "warp-trust-audience",
    "warp-trust-subject",
    "warp-trust-team-allowlist",
    "warp-trust-issuer-allowlist",
    "warp-trust-statement-shape",
    "warp-trust-policy-unknown",
    "warp-role-max-session-duration",
    "warp-role-bedrock-permissions-only",
    "warp-oidc-provider-client-id",
] as const;
export type RuleName = (typeof RULE_NAMES)[number];

export interface RuleInfo {
    /** The level a violation of the rule has unless a finding says otherwise (advisory notes of a mandatory rule). */
    level: FindingLevel;
    description: string;
    /** General advice, shown by the engine next to the policy; each finding carries its own specific remediation. */
    remediation: string;
}

export const RULES: Readonly<Record<RuleName, RuleInfo>> = {
    "warp-trust-audience": {
        level: "mandatory",
        description:
            "A role trusted by a Warp issuer pins the token audience: StringEquals <issuer>:aud = sts.amazonaws.com in every statement that trusts the issuer.",
        remediation: 'Add "Condition": {"StringEquals": {"app.warp.dev:aud": "sts.amazonaws.com"}} to each statement that trusts Warp\'s OIDC provider.',
    },
    "warp-trust-subject": {
        level: "mandatory",
        description:
            "A role trusted by a Warp issuer restricts <issuer>:sub with StringLike or StringEquals to scoped_principal:<team-uid>/user:*, .../user:<uid>, .../service_account:* or .../service_account:<uid>.",
        remediation:
            'Add "StringLike": {"app.warp.dev:sub": "scoped_principal:<team-uid>/user:*"} (or service_account:*), or "StringEquals" with exact scoped_principal:<team-uid>/service_account:<agent-uid> values.',
    },
    "warp-trust-team-allowlist": {
        level: "mandatory",
        description: "Every Warp team a trust policy admits is in the organisation's allowedTeamUids.",
        remediation: "Trust only your own team's UID, or add the team to allowedTeamUids in this policy's config.",
    },
    "warp-trust-issuer-allowlist": {
        level: "mandatory",
        description: "A role trusts only the Warp issuers allowed for the stack (allowedIssuers; app.warp.dev by default).",
        remediation: "Trust arn:<partition>:iam::<account>:oidc-provider/app.warp.dev, or add the issuer host to allowedIssuers for this stack.",
    },
    "warp-trust-statement-shape": {
        level: "mandatory",
        description:
            "Statements that trust a Warp issuer are Allow statements with Principal {Federated: <Warp provider ARN>} and Action sts:AssumeRoleWithWebIdentity only: no NotPrincipal, NotAction, Principal \"*\" or extra actions.",
        remediation:
            'Write one statement per grant: "Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::<account>:oidc-provider/app.warp.dev"}, "Action": "sts:AssumeRoleWithWebIdentity", with aud and sub conditions.',
    },
    "warp-trust-policy-unknown": {
        level: "advisory",
        description: "Says when a role's trust policy is not known during preview, so the Warp trust checks could not run yet.",
        remediation: "Nothing to fix now: the trust policy is checked again during `pulumi up`, once its value is known.",
    },
    "warp-role-max-session-duration": {
        level: "advisory",
        description: "A Warp-trusted role's maxSessionDuration is at most the configured ceiling (3600 seconds by default).",
        remediation: "Lower maxSessionDuration to the ceiling (Warp refreshes credentials itself), or raise maxSessionDurationCeiling in this policy's config.",
    },
    "warp-role-bedrock-permissions-only": {
        level: "mandatory",
        description:
            "The permissions reaching a Warp-trusted role (inline policies, RolePolicy, attached Policy) allow only the configured Bedrock invoke actions on Bedrock foundation-model and inference-profile ARNs, and no AWS managed policy is attached.",
        remediation:
            'Allow only "bedrock:InvokeModel" and "bedrock:InvokeModelWithResponseStream" on arn:aws:bedrock:<region>::foundation-model/<model> and arn:aws:bedrock:<region>:<account>:inference-profile/<profile> ARNs; detach managed policies.',
    },
    "warp-oidc-provider-client-id": {
        level: "mandatory",
        description: "An IAM OIDC provider for a Warp issuer lists exactly sts.amazonaws.com as its client ID (audience).",
        remediation: 'Set clientIdLists: ["sts.amazonaws.com"] on the provider.',
    },
};

export function finding(
    rule: RuleName,
    message: string,
    remediation: string,
    where?: { index: number; sid?: string },
    level: FindingLevel = RULES[rule].level,
): Finding {
    const f: Finding = { rule, level, message, remediation };
    if (where) {
        f.statementIndex = where.index;
        if (where.sid !== undefined) {
            f.sid = where.sid;
        }
    }
    return f;
}

/** `Statement[0] (Sid "WarpTeamPeople")`, or `document` for findings about the whole document or resource. */
export function describeLocation(f: Pick<Finding, "statementIndex" | "sid">): string {
    if (f.statementIndex === undefined) {
        return "document";
    }
    return f.sid !== undefined ? `Statement[${f.statementIndex}] (Sid ${JSON.stringify(f.sid)})` : `Statement[${f.statementIndex}]`;
}

export function hasMandatory(findings: readonly Finding[]): boolean {
    return findings.some((f) => f.level === "mandatory");
}
