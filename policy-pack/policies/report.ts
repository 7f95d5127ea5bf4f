/** Turning rule findings into CrossGuard violations. */
import type { ReportViolation } from "@pulumi/policy";
import { Finding, FindingLevel, RuleInfo, describeLocation, finding } from "../../rules/findings";

/** One line a reviewer can act on: where, what is wrong, what to write instead. */
function violationText(f: Finding, subject?: string): string {
    const location = describeLocation(f);
    const prefix = [subject, location === "document" ? undefined : location].filter((p) => p !== undefined).join(", ");
    return `${prefix ? `${prefix}: ` : ""}${f.message}. Fix: ${f.remediation}`;
}

/**
 * A finding at the policy's own level goes through as text, so an organisation's enforcement-level
 * override still applies. A note the rule itself rates advisory (no team allowlist yet, a value unknown
 * in preview) is sent with that level, so it never blocks an update on its own.
 */
export function report(
    reportViolation: ReportViolation,
    policyLevel: FindingLevel,
    f: Finding,
    opts: { subject?: string; urn?: string } = {},
): void {
    const text = violationText(f, opts.subject);
    if (f.level === "advisory" && policyLevel !== "advisory") {
        // The server accepts a PolicyInfo-like object here (server.js makeReportViolationFun); the type only declares strings.
        (reportViolation as unknown as (info: { message: string; enforcementLevel: FindingLevel; urn?: string }) => void)({
            message: text,
            enforcementLevel: "advisory",
            ...(opts.urn !== undefined ? { urn: opts.urn } : {}),
        });
        return;
    }
    reportViolation(text, opts.urn);
}

/**
 * The advisory note for a value not known during preview: the check could not run yet, and runs during
 * `pulumi up`. `then` replaces the default account of what happens next; `fix` the default remediation.
 */
export function unknownInPreview(rule: RuleInfo, what: string, opts: { then?: string; fix?: string } = {}): Finding {
    const then = opts.then ?? "; it is checked during `pulumi up`";
    return finding(rule, `${what} is not known during preview${then}`, opts.fix ?? "Nothing to fix now.", undefined, "advisory");
}
