/**
 * The permissions that reach a role of an account (account/role-routes.ts), judged by the permissions
 * rules (rules/permissions-rules/), each finding filed under the policy it is about. Roles that share
 * their policies are judged once: the judgement depends only on the routes' labels and documents and
 * the allowed actions, so a run keeps it by that text.
 */
import type { Finding } from "../rules/findings";
import { DEFAULT_PERMISSIONS_SETTINGS, RoleInput, Route, judgeRole } from "../rules/permissions/role";
import { MayDo, describeMayDo } from "../rules/permissions/describe";
import { permissionsFindings } from "../rules/registry";
import { plainFinding } from "../rules/permissions-rules/rule";
import { BEDROCK_INVOKE_ACTIONS } from "../rules/constants";
import { ReachingPolicy, snapshotRoutes } from "./role-routes";
import type { AccountSnapshot, RoleRecord } from "./snapshot";

export type { PolicySource } from "./role-routes";

interface JudgedPolicy extends ReachingPolicy {
    findings: Finding[];
}

export interface RolePermissions {
    policies: JudgedPolicy[];
    /** Findings about the role's permissions as a whole (a role that can invoke nothing). */
    roleFindings: Finding[];
    /** No mandatory finding in any policy reaching the role. */
    bedrockOnly: boolean;
    /** What the role may invoke, and what lies beyond, in words (rules/permissions/describe.ts). */
    mayDo: MayDo;
    boundary?: { arn: string; document?: unknown };
}

/** Findings per policy (by index) and about the role, from one judgement. */
interface Judged {
    byPolicy: Finding[][];
    roleFindings: Finding[];
    mayDo: MayDo;
}

/** A run's judgements by the text they depend on. */
export type PermissionsMemo = Map<string, Judged>;

function routeKey(r: Route<number>): unknown {
    if (r.kind === "document") {
        return [r.label, r.parsed.ok ? r.parsed.doc : r.parsed.problem];
    }
    return [r.label, r.kind === "arn" ? r.arn : null];
}

/** The parsed model keeps principals in Maps, which JSON would write as `{}`. */
function mapsAsLists(_key: string, value: unknown): unknown {
    return value instanceof Map ? [...value] : value;
}

function judge(input: RoleInput<number>, count: number, allowedActions: readonly string[]): Judged {
    const judgement = judgeRole(input, { ...DEFAULT_PERMISSIONS_SETTINGS, allowedActions });
    const out: Judged = { byPolicy: Array.from({ length: count }, () => []), roleFindings: [], mayDo: describeMayDo(judgement) };
    for (const f of permissionsFindings(judgement)) {
        (f.ref !== undefined && f.ref >= 0 ? out.byPolicy[f.ref] : out.roleFindings).push(plainFinding(f));
    }
    return out;
}

/** Every policy reaching the role, judged together by the permissions engine. */
export function permissionsOf(
    role: RoleRecord,
    snapshot: AccountSnapshot,
    allowedActions: readonly string[] = BEDROCK_INVOKE_ACTIONS,
    memo?: PermissionsMemo,
): RolePermissions {
    const { policies, input, boundary } = snapshotRoutes(role, snapshot);
    const key =
        memo &&
        JSON.stringify(
            [input.routes.map(routeKey), input.boundary && routeKey(input.boundary), allowedActions, input.account],
            mapsAsLists,
        );
    let judged = key === undefined ? undefined : memo?.get(key);
    if (judged === undefined) {
        judged = judge(input, policies.length, allowedActions);
        if (key !== undefined) {
            memo?.set(key, judged);
        }
    }
    const byPolicy = judged.byPolicy;
    const judgedPolicies = policies.map((p, i) => ({ ...p, findings: byPolicy[i] }));
    return {
        policies: judgedPolicies,
        roleFindings: judged.roleFindings,
        bedrockOnly: [...byPolicy.flat(), ...judged.roleFindings].every((f) => f.level !== "mandatory"),
        mayDo: judged.mayDo,
        ...(boundary ? { boundary } : {}),
    };
}
