/**
 * Documents IAM would refuse. `NotPrincipal` cannot be used in a role trust policy (IAM User Guide,
 * "AWS JSON policy elements: NotPrincipal"); every statement needs an Effect of Allow or Deny, a
 * Principal and an Action or NotAction. Such a document cannot be deployed, so the finding is mandatory.
 */
import { Finding, finding } from "../../findings";
import type { Statement } from "../../iam/document";
import { TrustRule, where } from "../rule";

function statementProblems(s: Statement): string[] {
    const out = s.problems.map((p) => `the statement ${p}`);
    if (s.notPrincipal !== undefined) {
        out.push("the statement uses NotPrincipal, which IAM does not accept in a role trust policy");
    } else if (s.principal === undefined) {
        out.push("the statement names no Principal");
    }
    if (s.actions === undefined && s.notActions === undefined) {
        out.push("the statement names no Action");
    }
    if (s.effect !== "Allow" && s.effect !== "Deny") {
        out.push(`the statement's Effect is ${JSON.stringify(s.effect) ?? "missing"}, not "Allow" or "Deny"`);
    }
    return out;
}

export const trustIamValid: TrustRule = {
    name: "warp-trust-iam-valid",
    tier: "validity",
    level: "mandatory",
    description:
        "The trust policy of a role that names a Warp issuer is a document IAM accepts: readable JSON, Allow/Deny statements with a Principal and an Action, no NotPrincipal.",
    remediation: "Write the trust policy as IAM's grammar requires; the engine reads anything else in the way that admits the most.",
    configKeys: [],
    check(answer) {
        if (!answer.mentionsWarp && !answer.warpTrusted) {
            return [];
        }
        const fix =
            "Write a JSON object with a Statement list of Allow/Deny statements, each with Principal and Action; express exceptions with a Deny statement's conditions, not NotPrincipal.";
        if (answer.problem !== undefined) {
            return [finding(this, `the trust policy ${answer.problem}`, fix)];
        }
        const doc = answer.doc;
        const out: Finding[] = (doc?.problems ?? []).map((p) => finding(this, `the trust policy ${p}`, fix));
        for (const s of doc?.statements ?? []) {
            for (const p of statementProblems(s)) {
                out.push(finding(this, p, fix, where(s)));
            }
        }
        return out;
    },
};
