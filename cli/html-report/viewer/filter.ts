/** Which roles the filters keep, and in which order: pure functions over the report's data. */
import type { ReportRole } from "../data";

export interface Filters {
    account: string;
    rule: string;
    tier: string;
    text: string;
    sort: "risk" | "name" | "account";
}

export const NO_FILTERS: Filters = { account: "", rule: "", tier: "", text: "", sort: "risk" };

export const mandatoryCount = (r: ReportRole) => r.findings.filter((f) => f.level === "mandatory").length;

/** How bad a role looks: exposures first, then other mandatory findings, then advisory ones. */
function risk(r: ReportRole): number {
    const exposures = r.findings.filter((f) => f.tier === "exposure" && f.level === "mandatory").length;
    return exposures * 1_000_000 + mandatoryCount(r) * 1_000 + r.findings.length;
}

function keeps(r: ReportRole, f: Filters): boolean {
    if (f.account !== "" && r.account !== f.account) {
        return false;
    }
    if (f.rule !== "" && !r.findings.some((x) => x.rule === f.rule)) {
        return false;
    }
    if (f.tier === "none" ? r.findings.length > 0 : f.tier !== "" && !r.findings.some((x) => x.tier === f.tier)) {
        return false;
    }
    const text = f.text.trim().toLowerCase();
    return text === "" || r.arn.toLowerCase().includes(text) || r.accountName.toLowerCase().includes(text);
}

export function visibleRoles(roles: readonly ReportRole[], f: Filters): ReportRole[] {
    const kept = roles.filter((r) => keeps(r, f));
    const byName = (a: ReportRole, b: ReportRole) => a.name.localeCompare(b.name) || a.arn.localeCompare(b.arn);
    const order: Record<Filters["sort"], (a: ReportRole, b: ReportRole) => number> = {
        risk: (a, b) => risk(b) - risk(a) || byName(a, b),
        name: byName,
        account: (a, b) => a.account.localeCompare(b.account) || byName(a, b),
    };
    return kept.sort(order[f.sort]);
}
