/** Allow statements no request gets through, beside working ones, and why in words. */
import type { Statement } from "../../iam/document";
import { UID_MAX_LENGTH, overlongUidOf } from "../../subject";
import { keyIssuer } from "../../trust/hosts";
import type { TrustAnswer } from "../../trust/engine";

/** Subject values of the statement that name a UID Warp never mints (longer than UID_MAX_LENGTH). */
function overlongSubjects(s: Statement, warpIssuers: readonly string[]): string[] {
    const out: string[] = [];
    for (const c of s.conditions) {
        const key = keyIssuer(c.keyLower);
        if (key === undefined || key.claim !== "sub" || !warpIssuers.includes(key.host)) {
            continue;
        }
        for (const v of c.values) {
            const uid = overlongUidOf(v);
            if (uid !== undefined) {
                out.push(`${JSON.stringify(v)} names a UID of ${uid.length} characters, and Warp mints UIDs of at most ${UID_MAX_LENGTH}`);
            }
        }
    }
    return out;
}

/** Each statement that can never admit anyone, with what stops it. */
export function deadReasons(answer: TrustAnswer): Array<{ index: number; statement?: Statement; text: string }> {
    return answer.deadStatements.map((d) => {
        const statement = answer.doc?.statements[d.index];
        const reasons = [
            ...d.conditions.map(
                (c) => `${c.condition}: the key ${JSON.stringify(c.key)} ${c.why}, so IAM evaluates the condition as false`,
            ),
            ...(statement === undefined ? [] : overlongSubjects(statement, answer.config.warpIssuers)),
        ];
        const why = d.noRequest
            ? "it allows sts:AssumeRoleWithWebIdentity to a principal that is not Federated, and that call comes only with a web identity token, whose principal is the identity provider"
            : reasons.length > 0
              ? reasons.join("; ")
              : "no request its Principal and Action cover meets its conditions and gets past the Deny statements";
        return { index: d.index, statement, text: `can never admit anyone: ${why}` };
    });
}
