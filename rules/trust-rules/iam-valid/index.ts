/**
 * Documents IAM would refuse, each with the rule IAM applies (IAM User Guide, "IAM JSON policy element
 * reference", and the errors IAM Access Analyzer's policy validation reports for them, "IAM policy
 * validation check reference"). Such a document cannot be deployed, so the finding is mandatory and shows
 * in preview rather than in `pulumi up`:
 * - `NotPrincipal` cannot be used in a role trust policy ("AWS JSON policy elements: NotPrincipal");
 * - every statement needs an Effect of Allow or Deny ("Error – Invalid effect"), a Principal ("Error –
 *   Missing principal": a role trust policy is a resource-based policy) and an Action or NotAction;
 * - a role trust policy names no `Resource`/`NotResource`: the role is the resource, and IAM answers
 *   `MalformedPolicyDocument: Has prohibited field Resource`;
 * - Sids are unique within the policy and hold ASCII letters and digits only ("IAM JSON policy elements:
 *   Sid"; "Error – Unique Sids required");
 * - a condition operator is one IAM defines ("IAM JSON policy elements: Condition operators"; "Error –
 *   Invalid condition operator"), and `Null` takes no `IfExists` ("Error – Null with if exists");
 * - `Version` is "2012-10-17" or "2008-10-17" ("IAM JSON policy elements: Version"; "Error – Invalid
 *   version");
 * - the document fits the account's role trust policy length quota ("IAM and AWS STS quotas": 2,048
 *   characters by default, adjustable up to 8,192; white space is not counted).
 */
import { Finding, finding } from "../../findings";
import { PolicyDocument, Statement, documentLength } from "../../iam/document";
import { MAX_TRUST_POLICY_LIMIT, overQuota } from "../../policy-size";
import { isIamOperator } from "../../trust/conditions";
import { TrustRule, where } from "../rule";

const VERSIONS = ["2012-10-17", "2008-10-17"];

const SID = /^[A-Za-z0-9]*$/;

function statementProblems(s: Statement): string[] {
    const out = s.problems.map((p) => `the statement ${p}`);
    if (s.notPrincipal !== undefined) {
        out.push("the statement uses NotPrincipal, which IAM does not accept in a role trust policy");
    } else if (s.principal === undefined) {
        out.push("the statement names no Principal, which IAM requires in a role trust policy (Access Analyzer: Missing principal)");
    }
    if (s.actions === undefined && s.notActions === undefined) {
        out.push("the statement names no Action");
    }
    if (s.resources !== undefined || s.notResources !== undefined) {
        const element = s.resources !== undefined ? "Resource" : "NotResource";
        out.push(
            `the statement names ${element}, which a role trust policy cannot hold (IAM: "Has prohibited field Resource"; the role is the resource)`,
        );
    }
    if (s.sid !== undefined && !SID.test(s.sid)) {
        out.push(
            `the statement's Sid ${JSON.stringify(s.sid)} holds characters IAM refuses: a Sid holds ASCII letters (A-Z, a-z) and digits (0-9) only`,
        );
    }
    for (const c of s.conditions) {
        if (!isIamOperator(c.base, c.ifExists)) {
            const why = c.base === "null" ? "Null takes no IfExists" : "IAM defines no such operator (a typo?)";
            out.push(`the statement's condition operator ${JSON.stringify(c.operator)} is refused by IAM: ${why}`);
        }
    }
    return out;
}

function documentProblems(doc: PolicyDocument): string[] {
    const out = doc.problems.map((p) => `the trust policy ${p}`);
    if (doc.version !== undefined && !VERSIONS.includes(doc.version as string)) {
        out.push(`the trust policy's Version is ${JSON.stringify(doc.version)}; IAM accepts only "2012-10-17" or "2008-10-17"`);
    }
    const seen = new Map<string, number>();
    for (const s of doc.statements) {
        if (s.sid === undefined || s.sid === "") {
            continue;
        }
        const first = seen.get(s.sid);
        if (first !== undefined) {
            out.push(
                `Statement[${first}] and Statement[${s.index}] share the Sid ${JSON.stringify(s.sid)}; IAM requires each Sid to be unique within a policy`,
            );
        } else {
            seen.set(s.sid, s.index);
        }
    }
    return out;
}

export const trustIamValid: TrustRule = {
    name: "warp-trust-iam-valid",
    tier: "validity",
    level: "mandatory",
    description:
        'The trust policy of a role that names a Warp issuer is a document IAM accepts: readable JSON, Version "2012-10-17" or "2008-10-17", Allow/Deny statements with a Principal and an Action, no NotPrincipal or Resource, unique alphanumeric Sids, condition operators IAM defines, and a length within the account\'s role trust policy length quota (2,048 characters by default, adjustable to 8,192).',
    remediation: "Write the trust policy as IAM's grammar requires; the engine reads anything else in the way that admits the most.",
    configKeys: ["trustPolicyLengthQuota"],
    check(answer, words) {
        if (!answer.mentionsWarp && !answer.warpTrusted) {
            return [];
        }
        const fix =
            'Write a JSON object with Version "2012-10-17" and a Statement list of Allow/Deny statements, each with Principal and Action and no Resource, Sids unique and alphanumeric, condition operators spelled as IAM defines them; express exceptions with a Deny statement\'s conditions, not NotPrincipal.';
        if (answer.problem !== undefined) {
            return [finding(this, `the trust policy ${answer.problem}`, fix)];
        }
        const doc = answer.doc;
        if (doc === undefined) {
            return [];
        }
        const out: Finding[] = documentProblems(doc).map((p) => finding(this, p, fix));
        const length = documentLength(doc);
        const quota = answer.config.trustPolicyLengthQuota;
        if (length > quota) {
            out.push(
                finding(
                    this,
                    overQuota("the trust policy", length, quota, "role trust policy length quota"),
                    `Shorten the trust policy (one StringLike with a list of sub patterns instead of one statement each), or, if the account's quota was raised, set ${words.trustPolicyLengthQuota} (at most ${MAX_TRUST_POLICY_LIMIT}).`,
                ),
            );
        }
        for (const s of doc.statements) {
            for (const p of statementProblems(s)) {
                out.push(finding(this, p, fix, where(s)));
            }
        }
        return out;
    },
};
