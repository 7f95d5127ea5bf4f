/**
 * A statement's Condition element as a box over the request's modelled keys, following the IAM User
 * Guide ("IAM JSON policy elements: Condition operators" and "Condition operators: ...IfExists",
 * "Single-valued vs. multivalued context keys"): condition keys are matched without regard to case,
 * values case-sensitively except under the IgnoreCase operators; a positive operator on a missing key is
 * false and a negated one true; `...IfExists` is true on a missing key, except under `ForAnyValue:`,
 * which is false on a missing key whatever the suffix (as IAM and the simulator read it); `ForAllValues:`
 * is true when the key is missing; `Null` tests presence.
 * A policy variable (`${...}`) is read literally under Version 2008-10-17 and not modelled otherwise.
 *
 * What the engine cannot model (another operator, a key it does not know) is returned as an
 * assumption: the caller lets it hold on an Allow and credits a Deny with nothing.
 */
import type { ConditionEntry, Statement } from "../iam/document";
import { Box, ValueSet, intersect } from "./boxes";
import { keyIssuer } from "./hosts";
import { ALL, Lang, NONE, globs, not, words, wordsIgnoreCase } from "../iam/languages";
import type { Request } from "./requests";

/** The claims of a web identity token the engine models; every other claim is an assumption. */
export const MODELLED_CLAIMS = ["sub", "aud"] as const;

export interface StatementCondition {
    /** Undefined when no request of this kind can satisfy the conditions. */
    readonly box?: Box;
    /** Conditions the engine could not model, in words. */
    readonly assumed: readonly string[];
}

type KeyRole = { var: string } | "absent" | "unmodelled";

function keyRole(keyLower: string, r: Request): KeyRole {
    const issuerKey = keyIssuer(keyLower);
    if (issuerKey === undefined) {
        return "unmodelled";
    }
    if (r.kind === "web-identity" && issuerKey.host === r.issuer) {
        return (MODELLED_CLAIMS as readonly string[]).includes(issuerKey.claim) ? { var: issuerKey.claim } : "unmodelled";
    }
    // Another provider's claims are never in this request's context.
    return "absent";
}

const STRING_OPERATORS: Readonly<Record<string, { lang: (values: string[]) => Lang; negated: boolean }>> = {
    stringequals: { lang: words, negated: false },
    stringnotequals: { lang: words, negated: true },
    stringequalsignorecase: { lang: wordsIgnoreCase, negated: false },
    stringnotequalsignorecase: { lang: wordsIgnoreCase, negated: true },
    stringlike: { lang: globs, negated: false },
    stringnotlike: { lang: globs, negated: true },
};

function stringValues(values: readonly unknown[], variablesLiteral: boolean): string[] | undefined {
    const out: string[] = [];
    for (const v of values) {
        if (typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean") {
            return undefined;
        }
        const text = String(v);
        if (!variablesLiteral && text.includes("${")) {
            return undefined;
        }
        out.push(text);
    }
    return out;
}

function nullValueSet(c: ConditionEntry): ValueSet | undefined {
    if (c.qualifier !== undefined || c.ifExists) {
        return undefined;
    }
    const flags = c.values.map((v) => String(v).toLowerCase());
    if (flags.length === 0 || flags.some((f) => f !== "true" && f !== "false")) {
        return undefined;
    }
    const absent = flags.includes("true");
    const present = flags.includes("false");
    return { absent, lang: present ? ALL : NONE };
}

/** The values of a single-valued key that satisfy one condition entry, or undefined when not modelled. */
export function valueSetOf(c: ConditionEntry, variablesLiteral: boolean): ValueSet | undefined {
    if (c.base === "null") {
        return nullValueSet(c);
    }
    const op = STRING_OPERATORS[c.base];
    const values = op === undefined ? undefined : stringValues(c.values, variablesLiteral);
    if (op === undefined || values === undefined) {
        return undefined;
    }
    const lang = op.lang(values);
    let absent = op.negated;
    if (c.qualifier === "foranyvalue") {
        absent = false;
    } else if (c.qualifier === "forallvalues") {
        absent = true;
    }
    if (c.ifExists && c.qualifier !== "foranyvalue") {
        absent = true;
    }
    return { absent, lang: op.negated ? not(lang) : lang };
}

export function describeCondition(c: ConditionEntry): string {
    return `${c.operator} ${c.key} ${JSON.stringify(c.values.length === 1 ? c.values[0] : c.values)}`;
}

/** The statement's conditions for one kind of request. */
export function statementCondition(s: Statement, r: Request, variablesLiteral: boolean): StatementCondition {
    const box: Record<string, ValueSet> = {};
    const assumed: string[] = [];
    for (const c of s.conditions) {
        const role = keyRole(c.keyLower, r);
        const set = role === "unmodelled" ? undefined : valueSetOf(c, variablesLiteral);
        if (set === undefined) {
            assumed.push(describeCondition(c));
        } else if (role === "absent") {
            if (!set.absent) {
                return { assumed };
            }
        } else if (role !== "unmodelled") {
            box[role.var] = box[role.var] === undefined ? set : intersect(box[role.var], set);
        }
    }
    return { box, assumed };
}
