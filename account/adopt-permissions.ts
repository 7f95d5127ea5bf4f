/**
 * Whether the component's Bedrock policy keeps every Bedrock permission a hand-made policy grants, as
 * sets of ARNs (regular languages, decided exactly with the trust engine's language cache): for each
 * Allow statement and each action it allows, the resources it reaches in the role's own account must
 * be reached by the new policy too. What the component cannot write at all (other actions, a Deny, a
 * condition it does not use) is named by statement. The reverse direction, what the new policy adds,
 * is reported as a widening, not refused.
 */
import { ConditionEntry, PolicyDocument, Statement, effectOf, parsePolicyDocument } from "../rules/iam/document";
import { Lang, LanguageCache, and, not, pattern } from "../rules/iam/languages";
import { statementReach } from "../rules/permissions/request";
import { statementName } from "../rules/findings";

const INVOKE_ACTIONS = ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"] as const;

export interface PermissionLoss {
    statementIndex: number;
    sid?: string;
    message: string;
}

function conditionKey(c: ConditionEntry): string {
    return JSON.stringify([c.operator.toLowerCase(), c.keyLower, [...c.values].map(String).sort()]);
}

function sameConditions(a: Statement, b: Statement): boolean {
    const ka = a.conditions.map(conditionKey).sort();
    const kb = b.conditions.map(conditionKey).sort();
    return ka.length === kb.length && ka.every((k, i) => k === kb[i]);
}

/** The resources the statement allows the action on, conditions aside (the one statement reader); undefined when it does not. */
function allowed(s: Statement, action: string): Lang | undefined {
    const reach = statementReach(s, action);
    return reach?.effect === "allow" ? reach.resources : undefined;
}

/** A non-invoke action the statement allows, as written (a wildcard or a name). */
function otherAction(s: Statement): string | undefined {
    if (s.notActions !== undefined) {
        return `every action but ${s.notActions.join(", ")}`;
    }
    return (s.actions ?? []).find((p) => !INVOKE_ACTIONS.some((a) => p.toLowerCase() === a.toLowerCase()));
}

/**
 * The model ARNs a role of this account can invoke: foundation models (no account) and the account's
 * inference profiles, in any region. Other strings a wildcard matches name nothing the role could call.
 */
function ownBedrock(partition: string, accountId: string): Lang {
    return pattern(
        `own-bedrock-${partition}-${accountId}`,
        `arn:${partition}:bedrock:[a-z0-9-]+:(?::foundation-model/.+|${accountId}:(?:inference-profile|application-inference-profile)/.+)`,
    );
}

function parsed(doc: unknown): PolicyDocument {
    const p = parsePolicyDocument(doc);
    if (!p.ok) {
        throw new Error(`the policy ${p.problem}`);
    }
    return p.doc;
}

/** What `before` allows that `after` does not, statement by statement. */
export function permissionLosses(
    before: unknown,
    after: unknown,
    account: { partition: string; accountId: string },
    cache = new LanguageCache(),
): PermissionLoss[] {
    const a = parsed(before);
    const b = parsed(after);
    const own = ownBedrock(account.partition, account.accountId);
    const out: PermissionLoss[] = [];
    const loss = (s: Statement, message: string) =>
        out.push({ statementIndex: s.index, ...(s.sid !== undefined ? { sid: s.sid } : {}), message: `${statementName(s)} ${message}` });
    for (const s of a.statements) {
        if (effectOf(s.effect) === "deny") {
            loss(s, "is a Deny the component does not write; without it the role would be allowed more");
            continue;
        }
        const other = otherAction(s);
        if (other !== undefined) {
            loss(s, `allows ${other}, which the component's policy does not (it allows only ${INVOKE_ACTIONS.join(" and ")})`);
            continue;
        }
        for (const action of INVOKE_ACTIONS) {
            const reached = allowed(s, action);
            if (reached === undefined) {
                continue;
            }
            // Statements of the new policy that allow the action under the same conditions or none.
            const keeping = b.statements.filter((t) => t.conditions.length === 0 || sameConditions(s, t));
            if (s.conditions.length > 0 && !b.statements.some((t) => t.conditions.length > 0 && sameConditions(s, t))) {
                loss(s, `has a condition the component does not write (${s.conditions.map((c) => `${c.operator} ${c.key}`).join(", ")})`);
                break;
            }
            const kept = keeping.map((t) => allowed(t, action)).filter((l): l is Lang => l !== undefined);
            const missing = cache.example(and(reached, own, ...kept.map(not)));
            if (missing !== undefined) {
                loss(s, `allows ${action} on ${missing}, which the component's policy would not`);
                break;
            }
        }
    }
    return out;
}

export interface Widening {
    action: string;
    example: string;
}

/** A resource the new policy reaches that the old one did not, per action (conditions aside). */
export function permissionWidenings(
    before: unknown,
    after: unknown,
    account: { partition: string; accountId: string },
    cache = new LanguageCache(),
): Widening[] {
    const a = parsed(before);
    const b = parsed(after);
    const own = ownBedrock(account.partition, account.accountId);
    const out: Widening[] = [];
    for (const action of INVOKE_ACTIONS) {
        const had = a.statements.map((s) => allowed(s, action)).filter((l): l is Lang => l !== undefined);
        const has = b.statements.map((s) => allowed(s, action)).filter((l): l is Lang => l !== undefined);
        for (const lang of has) {
            const example = cache.example(and(lang, own, ...had.map(not)));
            if (example !== undefined) {
                out.push({ action, example });
                break;
            }
        }
    }
    return out;
}
