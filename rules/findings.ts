/**
 * What a rule reports, and the names of the rules. Each rule's metadata and check live in its own module
 * (rules/trust-rules/, rules/resource-rules/); rules/registry.ts lists them for the pack, lint and synth.
 */

import type { Witness } from "./trust/witness";

export type FindingLevel = "mandatory" | "advisory";

/**
 * How bad a finding is by meaning: an exposure lets someone outside the intended set in; validity is a
 * document IAM would refuse; a convention departs from Warp's conventions while admitting no outsider;
 * a resource finding is about a role's other settings, its permissions or its OIDC provider.
 */
export type Tier = "exposure" | "validity" | "convention" | "resource";

export interface Finding {
    rule: RuleName;
    level: FindingLevel;
    tier?: Tier;
    /** Position of the statement in the document's Statement list; absent for document-level findings. */
    statementIndex?: number;
    sid?: string;
    message: string;
    /** What to write instead. */
    remediation: string;
    /** For an exposure: one concrete request that gets in. */
    witness?: Witness;
    /** For an exposure: every Allow statement through which such requests get in. */
    statements?: number[];
}

/**
 * A rule's name: the kebab-case name of the CrossGuard policy that enforces it. The list of names comes
 * from the rule folders (rules/registry.ts ALL_RULES).
 */
export type RuleName = string;

export interface RuleInfo {
    readonly name: RuleName;
    readonly tier: Tier;
    /** The level a finding of the rule has unless the finding says otherwise (advisory notes of a mandatory rule). */
    readonly level: FindingLevel;
    readonly description: string;
    /** General advice, shown by the engine next to the policy; each finding carries its own specific remediation. */
    readonly remediation: string;
}

/** Where in the document a statement's finding points: its index, and its Sid when it has one. */
export function where(s: { index: number; sid?: string }): { index: number; sid?: string } {
    return s.sid !== undefined ? { index: s.index, sid: s.sid } : { index: s.index };
}

export function finding(
    rule: Pick<RuleInfo, "name" | "level" | "tier">,
    message: string,
    remediation: string,
    where?: { index: number; sid?: string },
    level: FindingLevel = rule.level,
): Finding {
    const f: Finding = { rule: rule.name, level, tier: rule.tier, message, remediation };
    if (where) {
        f.statementIndex = where.index;
        if (where.sid !== undefined) {
            f.sid = where.sid;
        }
    }
    return f;
}

/** A statement as every message names it: `Statement[0] (Sid "WarpTeamPeople")`, or `Statement[0]` without a Sid. */
export function statementName(s: { index: number; sid?: string }): string {
    return s.sid !== undefined ? `Statement[${s.index}] (Sid ${JSON.stringify(s.sid)})` : `Statement[${s.index}]`;
}

/** `Statement[0] (Sid "WarpTeamPeople")`, or `document` for findings about the whole document or resource. */
export function describeLocation(f: Pick<Finding, "statementIndex" | "sid">): string {
    if (f.statementIndex === undefined) {
        return "document";
    }
    return statementName({ index: f.statementIndex, sid: f.sid });
}
