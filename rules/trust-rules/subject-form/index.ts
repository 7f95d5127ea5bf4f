/**
 * Warp's conventions for the sub and aud conditions, when they admit no outsider: StringLike only with a
 * wildcard, exact agent UIDs under StringEquals, no set operators or IfExists on single-valued claims,
 * one actor type per pattern.
 */
import { Finding, finding } from "../../findings";
import type { ConditionEntry, Statement } from "../../iam/document";
import { keyIssuer } from "../../trust/hosts";
import { STS_AUDIENCE } from "../../issuer";
import { parseSubject } from "../../subject";
import { TrustRule, Vocabulary, warpAllowStatements, where } from "../rule";
import type { TrustAnswer } from "../../trust/engine";

const WHOLE_TEAM = /^scoped_principal:[A-Za-z0-9_-]+\/\*$/;

function reasonOf(value: string): string | undefined {
    const parsed = parseSubject(value);
    return parsed.ok ? undefined : parsed.reason;
}

function claimOf(c: ConditionEntry, answer: TrustAnswer): string | undefined {
    const k = keyIssuer(c.keyLower);
    return k !== undefined && answer.config.warpIssuers.includes(k.host) && (k.claim === "sub" || k.claim === "aud") ? k.claim : undefined;
}

function conditionNotes(c: ConditionEntry, claim: string, answer: TrustAnswer, words: Vocabulary): Array<[string, string]> {
    const notes: Array<[string, string]> = [];
    const plain = c.operator.replace(/^for(any|all)values:/i, "").replace(/ifexists$/i, "");
    if (c.qualifier !== undefined) {
        notes.push([
            `${c.operator} on ${c.key}: ${claim} is single-valued, and set operators on it are easy to get wrong`,
            `Write "${plain}" without the ${c.qualifier === "foranyvalue" ? "ForAnyValue:" : "ForAllValues:"} prefix.`,
        ]);
    }
    if (c.ifExists) {
        notes.push([
            `${c.operator} on ${c.key} passes a token without ${claim}; only another condition keeps such tokens out`,
            `Write "${plain}" without IfExists.`,
        ]);
    }
    if (claim !== "sub") {
        if (c.base === "stringlike") {
            notes.push([
                `${c.operator} on ${c.key}: aud is one exact value, so a pattern operator only invites a wildcard`,
                `Write "StringEquals": {"${c.key}": "${STS_AUDIENCE}"}.`,
            ]);
        }
        return notes;
    }
    const values = c.values.filter((v): v is string => typeof v === "string");
    if (c.base === "stringlike") {
        const exact = values.filter((v) => !/[*?]/.test(v));
        if (exact.length > 0) {
            notes.push([
                `StringLike lists exact subjects (${exact.join(", ")})`,
                "List exact agent UIDs under StringEquals, so no character in them is ever read as a wildcard.",
            ]);
        }
        const spanning = values.filter((v) => WHOLE_TEAM.test(v) || reasonOf(v) === "spans-actor-types");
        if (spanning.length > 0 && !answer.config.allowActorSpanningSubjects) {
            notes.push([
                `${spanning.join(", ")} admits every actor type, present and future (the old whole-team pattern)`,
                `Write one pattern per actor type (.../user:* and/or .../service_account:*), or accept the pattern with ${words.allowActorSpanningSubjects}.`,
            ]);
        }
        const partial = values.filter((v) => reasonOf(v) === "partial-principal-wildcard");
        if (partial.length > 0) {
            notes.push([
                `${partial.join(", ")} has a partial wildcard in the principal position`,
                "Use '*' alone for every principal of the actor type, or list exact UIDs under StringEquals.",
            ]);
        }
    }
    if (c.base === "stringequals" && values.some((v) => v.includes("*"))) {
        notes.push(["StringEquals compares '*' literally, so that value matches no real subject", "Use StringLike for patterns."]);
    }
    return notes;
}

export const trustSubjectForm: TrustRule = {
    name: "warp-trust-subject-form",
    tier: "convention",
    level: "advisory",
    description:
        "The sub and aud conditions follow Warp's conventions: StringEquals for aud and exact agent UIDs, StringLike with one actor type per pattern, no ForAnyValue/ForAllValues or IfExists on these single-valued claims.",
    remediation:
        'Write "StringEquals": {"<issuer>:aud": "sts.amazonaws.com"} and "StringLike": {"<issuer>:sub": "scoped_principal:<team-uid>/user:*"} (or service_account).',
    configKeys: ["allowActorSpanningSubjects"],
    check(answer, words) {
        const out: Finding[] = [];
        for (const s of warpAllowStatements(answer)) {
            for (const [message, fix] of statementNotes(s, answer, words)) {
                out.push(finding(this, message, fix, where(s)));
            }
        }
        return out;
    },
};

function statementNotes(s: Statement, answer: TrustAnswer, words: Vocabulary): Array<[string, string]> {
    return s.conditions.flatMap((c) => {
        const claim = claimOf(c, answer);
        return claim === undefined ? [] : conditionNotes(c, claim, answer, words);
    });
}
