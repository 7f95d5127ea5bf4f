/**
 * A statement's Condition element as a box over the request's modelled keys, following the IAM User
 * Guide ("IAM JSON policy elements: Condition operators" and "Condition operators: ...IfExists",
 * "Single-valued vs. multivalued context keys"): condition keys are matched without regard to case,
 * values case-sensitively except under the IgnoreCase operators; a positive operator on a missing key is
 * false and a negated one true; `...IfExists` is true on a missing key, except under `ForAnyValue:`,
 * which is false on a missing key whatever the suffix (as IAM and the simulator read it); `ForAllValues:`
 * is true when the key is missing; `Null` tests presence.
 * A policy variable (`${...}`) is read literally under Version 2008-10-17 or with no Version; under
 * 2012-10-17 it is resolved for the request (rules/trust/variables.ts). A key a request of this
 * kind never carries (`keyRole`) is evaluated as missing, deterministically (`onMissingKey`).
 *
 * What the engine cannot model (another operator, a key it does not know) is returned as an
 * assumption: the caller lets it hold on an Allow and credits a Deny with nothing.
 */
import type { ConditionEntry, Statement } from "../iam/document";
import { Box, ValueSet, intersect } from "./boxes";
import { keyIssuer } from "./hosts";
import { ALL, Lang, NONE, globSource, globs, not, pattern, words, wordsIgnoreCase } from "../iam/languages";
import { LITERAL_VARIABLES, arnLang as iamArnLang } from "../iam/match";
import type { Request } from "./requests";
import { LITERAL_QUESTION, LITERAL_STAR, VariableKey, resolveValue } from "./variables";

/** The claims of a web identity token the engine models; every other claim is an assumption. */
export const MODELLED_CLAIMS = ["sub", "aud"] as const;

export interface StatementCondition {
    /** Undefined when no request of this kind can satisfy the conditions. */
    readonly box?: Box;
    /** Conditions the engine could not model, in words. */
    readonly assumed: readonly string[];
    /** Conditions on a key this kind of request never carries (or that can never match it), which decided the statement. */
    readonly never: readonly NeverCondition[];
}

/** A condition IAM evaluates as on a missing key for this kind of request, and why. */
export interface NeverCondition {
    readonly condition: string;
    readonly key: string;
    readonly why: string;
    /** Whether the condition holds (a negated operator, IfExists, Null true) or fails. */
    readonly holds: boolean;
}

type KeyRole = VariableKey;

/**
 * Global keys IAM includes only in signed requests ("AWS global condition context keys", each key's
 * Availability: "included in the request context for all signed requests; anonymous requests do not
 * include this key") or only when an AWS service calls (aws:Source*). AssumeRoleWithWebIdentity and
 * AssumeRoleWithSAML are unsigned calls by a federated principal, so these keys are never in their context.
 */
const UNSIGNED_ABSENT = [
    "aws:principalarn",
    "aws:principalaccount",
    "aws:principalorgid",
    "aws:principalorgpaths",
    "aws:principaltype",
    "aws:principalisawsservice",
    "aws:principalservicename",
    "aws:principalservicenameslist",
    "aws:userid",
    "aws:username",
    "aws:multifactorauthpresent",
    "aws:multifactorauthage",
    "aws:tokenissuetime",
    "aws:sourceaccount",
    "aws:sourcearn",
    "aws:sourceorgid",
    "aws:sourceorgpaths",
    "aws:federatedprovider",
    "aws:assumedroot",
    "sts:externalid",
];
const UNSIGNED_ABSENT_PREFIXES = ["aws:principaltag/"];

function unsignedAbsent(keyLower: string): boolean {
    return UNSIGNED_ABSENT.includes(keyLower) || UNSIGNED_ABSENT_PREFIXES.some((p) => keyLower.startsWith(p));
}

/** A key no request of any kind carries: IAM's keys hold no whitespace and no URL scheme. */
function malformedKey(keyLower: string): string | undefined {
    if (keyLower !== keyLower.trim() || /\s/.test(keyLower)) {
        return "holds whitespace, and no request carries such a key";
    }
    if (/^https?:\/\//.test(keyLower)) {
        return "starts with the provider's URL scheme; IAM names an OIDC provider's keys by its host (app.warp.dev:sub), so no request carries this key";
    }
    return undefined;
}

/**
 * Which of the request's keys a condition key names. IAM User Guide, "Available keys for AWS OIDC
 * federation": a token from a custom OIDC provider (Warp's issuers are) carries `<host>:aud` and
 * `<host>:sub` only (amr, azp, email, oaud and the like are documented for named providers such as
 * Cognito and Google); a well-known provider's other claims stay unmodelled. Another provider's keys, and
 * the signed-request keys above, are never in a web identity request.
 */
function keyRole(keyLower: string, r: Request, warpIssuers: readonly string[]): KeyRole {
    const malformed = malformedKey(keyLower);
    if (malformed !== undefined) {
        return { absent: malformed };
    }
    const issuerKey = keyIssuer(keyLower);
    if (issuerKey === undefined) {
        if ((r.kind === "web-identity" || r.kind === "saml") && unsignedAbsent(keyLower)) {
            return {
                absent: `is only in signed requests or AWS service calls, never in ${r.kind === "saml" ? "an AssumeRoleWithSAML" : "an AssumeRoleWithWebIdentity"} request`,
            };
        }
        return r.kind === "aws" && keyLower === "aws:principalarn" ? { var: "arn" } : "unmodelled";
    }
    if (r.kind === "web-identity" && issuerKey.host === r.issuer) {
        if ((MODELLED_CLAIMS as readonly string[]).includes(issuerKey.claim)) {
            return { var: issuerKey.claim };
        }
        return warpIssuers.includes(r.issuer)
            ? {
                  absent: `is not a key IAM documents for a custom OIDC provider: ${r.issuer}'s tokens carry ${r.issuer}:aud and ${r.issuer}:sub only`,
              }
            : "unmodelled";
    }
    return { absent: r.kind === "web-identity" ? `belongs to another issuer than ${r.issuer}` : "belongs to an OIDC issuer" };
}

/**
 * What a condition on a missing key evaluates to (IAM User Guide, "Condition operators": a positive
 * operator is false and a negated one true, `...IfExists` true, `Null: true` true and `Null: false`
 * false, `ForAllValues:` true and `ForAnyValue:` false). Undefined for an operator IAM does not define.
 */
export function onMissingKey(c: ConditionEntry): boolean | undefined {
    if (c.base === "null") {
        const flags = c.values.map((v) => String(v).toLowerCase());
        return flags.length > 0 && flags.every((f) => f === "true") ? true : flags.every((f) => f === "false") ? false : undefined;
    }
    if (!isIamOperatorBase(c.base)) {
        return undefined;
    }
    if (c.qualifier === "foranyvalue") {
        return false;
    }
    if (c.qualifier === "forallvalues" || c.ifExists) {
        return true;
    }
    return NEGATED.has(c.base);
}

const POSITIVE = [
    "stringequals",
    "stringequalsignorecase",
    "stringlike",
    "numericequals",
    "numericlessthan",
    "numericlessthanequals",
    "numericgreaterthan",
    "numericgreaterthanequals",
    "dateequals",
    "datelessthan",
    "datelessthanequals",
    "dategreaterthan",
    "dategreaterthanequals",
    "bool",
    "binaryequals",
    "ipaddress",
    "arnequals",
    "arnlike",
];
const NEGATED = new Set([
    "stringnotequals",
    "stringnotequalsignorecase",
    "stringnotlike",
    "numericnotequals",
    "datenotequals",
    "notipaddress",
    "arnnotequals",
    "arnnotlike",
]);
const isIamOperatorBase = (base: string) => POSITIVE.includes(base) || NEGATED.has(base);

/** Whether IAM defines the operator (qualifier and IfExists split off as the parser does); `Null` takes no IfExists. */
export function isIamOperator(base: string, ifExists: boolean): boolean {
    return base === "null" ? !ifExists : isIamOperatorBase(base);
}

const STRING_OPERATORS: Readonly<Record<string, { lang: (values: string[]) => Lang; negated: boolean }>> = {
    stringequals: { lang: (v) => words(v.map(literal)), negated: false },
    stringnotequals: { lang: (v) => words(v.map(literal)), negated: true },
    stringequalsignorecase: { lang: (v) => wordsIgnoreCase(v.map(literal)), negated: false },
    stringnotequalsignorecase: { lang: (v) => wordsIgnoreCase(v.map(literal)), negated: true },
    stringlike: { lang: likeLang, negated: false },
    stringnotlike: { lang: likeLang, negated: true },
    // "Amazon Resource Name (ARN) condition operators": ArnEquals and ArnLike alike compare each of the
    // six colon-delimited parts separately, wildcards included; a value that is not an ARN never matches.
    arnequals: { lang: arnLang, negated: false },
    arnlike: { lang: arnLang, negated: false },
    arnnotequals: { lang: arnLang, negated: true },
    arnnotlike: { lang: arnLang, negated: true },
};

/** `${*}` and `${?}` (rules/trust/variables.ts) are kept as private-use characters inside a value. */
const literal = (v: string) => v.split(LITERAL_STAR).join("*").split(LITERAL_QUESTION).join("?");

/** StringLike values through the one glob translation (../iam/languages.ts); a kept special character is literal. */
function likeLang(values: string[]): Lang {
    if (!values.some((v) => v.includes(LITERAL_STAR) || v.includes(LITERAL_QUESTION))) {
        return globs(values);
    }
    const source = (v: string) => globSource(v).split(LITERAL_STAR).join("\\*").split(LITERAL_QUESTION).join("\\?");
    return pattern(`like-literal:${JSON.stringify(values)}`, values.map((v) => `(?:${source(v)})`).join("|"));
}

const ARN_OPERATORS = new Set(["arnequals", "arnlike", "arnnotequals", "arnnotlike"]);

/**
 * ARN patterns, read by the one ARN matcher (../iam/match.ts): segment by segment, a short ARN padded
 * with `*` segments. A value that is not an ARN never matches. The special characters kept above go back
 * to `${*}` and `${?}`, which the matcher reads as the literal characters.
 */
function arnLang(values: string[]): Lang {
    const arns = values.filter((v) => /^arn:/i.test(v));
    const special = arns.some((v) => v.includes(LITERAL_STAR) || v.includes(LITERAL_QUESTION));
    const written = arns.map((v) => v.split(LITERAL_STAR).join("${*}").split(LITERAL_QUESTION).join("${?}"));
    return written.length === 0 ? NONE : iamArnLang(written, special ? { variables: true } : LITERAL_VARIABLES);
}

/** How a condition's values read: literally (Version 2008-10-17 or none), or with variables resolved for a request. */
export type ValueReading = "literal" | { readonly keyOf: (keyLower: string) => VariableKey; readonly self?: string };

const NOT_EMPTY = not(words([""]));

/** Every value an ARN operator reads as an ARN: six colon-separated parts, the first `arn`. */
const ANY_ARN = arnLang(["arn:*:*:*:*:*"]);

/**
 * A condition's values with policy variables resolved (IAM substitutes them in the values of every
 * string and ARN operator, so `${*}` under StringEquals is a literal `*`; the simulator only does so
 * under StringLike: tests/trust-differential.test.ts counts such witnesses apart). `self` is set when
 * a value is the condition key's own value; undefined when some value is not modelled.
 */
function stringValues(values: readonly unknown[], reading: ValueReading): { texts: string[]; self: boolean } | undefined {
    const texts: string[] = [];
    let self = false;
    for (const v of values) {
        if (typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean") {
            return undefined;
        }
        const resolved =
            reading === "literal" ? { kind: "text" as const, text: String(v) } : resolveValue(String(v), reading.keyOf, reading.self);
        if (resolved === undefined) {
            return undefined;
        }
        if (resolved.kind === "text") {
            texts.push(resolved.text);
        }
        self ||= resolved.kind === "self";
    }
    return { texts, self };
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
export function valueSetOf(c: ConditionEntry, reading: ValueReading): ValueSet | undefined {
    if (c.base === "null") {
        return nullValueSet(c);
    }
    const op = STRING_OPERATORS[c.base];
    const values = op === undefined ? undefined : stringValues(c.values, reading);
    if (op === undefined || values === undefined) {
        return undefined;
    }
    // A value that is the key's own matches every value the key holds (under an ARN operator, every ARN),
    // but an empty one, which IAM reads as a null value ("Set operators for multivalued context keys": a
    // context key value that "resolves to a null dataset, such as an empty string"; the simulator agrees).
    const self = values.self ? (ARN_OPERATORS.has(c.base) ? ANY_ARN : NOT_EMPTY) : undefined;
    const lang = self ?? op.lang(values.texts);
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
export function statementCondition(
    s: Statement,
    r: Request,
    variablesLiteral: boolean,
    warpIssuers: readonly string[] = [],
): StatementCondition {
    const box: Record<string, ValueSet> = {};
    const assumed: string[] = [];
    const never: NeverCondition[] = [];
    for (const c of s.conditions) {
        const role = keyRole(c.keyLower, r, warpIssuers);
        if (role === "unmodelled") {
            assumed.push(describeCondition(c));
            continue;
        }
        if ("absent" in role) {
            const holds = onMissingKey(c);
            if (holds === undefined) {
                assumed.push(describeCondition(c));
                continue;
            }
            never.push({ condition: describeCondition(c), key: c.key, why: role.absent, holds });
            if (!holds) {
                return { assumed, never };
            }
            continue;
        }
        // A negated ARN operator on a claim that need not be an ARN: IAM's User Guide does not say how it
        // reads a value that is not an ARN (the simulator calls it false), so it is not relied on.
        const unsettled = role.var !== "arn" && (c.base === "arnnotlike" || c.base === "arnnotequals");
        const reading: ValueReading = variablesLiteral ? "literal" : { keyOf: (k) => keyRole(k, r, warpIssuers), self: role.var };
        const set = unsettled ? undefined : valueSetOf(c, reading);
        if (set === undefined) {
            assumed.push(describeCondition(c));
            // Whatever it compares, a condition IAM defines is false on a missing key unless onMissingKey says otherwise.
            const unmodelled = { absent: onMissingKey(c) ?? true, lang: ALL };
            box[role.var] = box[role.var] === undefined ? unmodelled : intersect(box[role.var], unmodelled);
        } else {
            box[role.var] = box[role.var] === undefined ? set : intersect(box[role.var], set);
        }
    }
    return { box, assumed, never };
}
