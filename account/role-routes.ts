/**
 * The account-snapshot adapter of the permissions routes (rules/permissions/role.ts `Route`, the type
 * the stack adapter, policy-pack/policies/stack-routes.ts, produces too): every way a policy reaches one
 * role of an account (its inline policies, its attached AWS and customer managed policies, its
 * permissions boundary), as the engine and the concrete-request query (rules/permissions/request.ts)
 * read them. A managed policy's document is its default version as the snapshot holds it: that is the
 * account's truth, AWS managed policies included; only a policy the snapshot lacks goes by ARN (an AWS
 * managed one is then read from the copy bundled with the package, as in a preview).
 */
import { isAwsManagedPolicyArn } from "../rules/iam/facts";
import { parsePolicyDocument } from "../rules/iam/document";
import type { RoleInput, Route } from "../rules/permissions/role";
import type { AccountSnapshot, RoleRecord } from "./snapshot";

export type PolicySource = "inline" | "aws-managed" | "customer-managed";

/** One policy reaching the role, as the account names it. */
export interface ReachingPolicy {
    source: PolicySource;
    name: string;
    arn?: string;
    /** Undefined when the input does not hold the managed policy's document. */
    document?: unknown;
}

export interface RoleRoutes {
    policies: ReachingPolicy[];
    /** The routes, `ref` the index of the policy in `policies` (the boundary's: -1). */
    input: RoleInput<number>;
    boundary?: { arn: string; document?: unknown };
}

function routeOf(p: ReachingPolicy, ref: number): Route<number> {
    const label = p.arn ?? `inline policy ${p.name}`;
    if (p.document !== undefined) {
        const form = p.source === "inline" ? "inline" : "managed";
        return { kind: "document", label, parsed: parsePolicyDocument(p.document), ref, form };
    }
    return p.arn !== undefined ? { kind: "arn", label, arn: p.arn, ref } : { kind: "unknown", label, ref };
}

/** Every route by which a policy reaches the role in the snapshot. */
export function snapshotRoutes(role: RoleRecord, snapshot: AccountSnapshot): RoleRoutes {
    const policies: ReachingPolicy[] = role.inline.map((p) => ({ source: "inline", name: p.name, document: p.document }));
    for (const a of role.attached) {
        const document = snapshot.policies.get(a.arn)?.document;
        policies.push({
            source: isAwsManagedPolicyArn(a.arn) ? "aws-managed" : "customer-managed",
            name: a.name,
            arn: a.arn,
            ...(document !== undefined ? { document } : {}),
        });
    }
    // The snapshot's account (every role of it is in that account) is what ${aws:PrincipalAccount} stands for.
    const account = snapshot.accountId;
    const input: RoleInput<number> = { routes: policies.map(routeOf), wholeRole: true, ...(account ? { account } : {}) };
    const arn = role.permissionsBoundaryArn;
    if (arn === undefined) {
        return { policies, input };
    }
    const document = snapshot.policies.get(arn)?.document;
    const label = `permissions boundary ${arn}`;
    input.boundary =
        document !== undefined
            ? { kind: "document", label, parsed: parsePolicyDocument(document), ref: -1, form: "managed" }
            : { kind: "arn", label, arn, ref: -1 };
    return { policies, input, boundary: { arn, ...(document !== undefined ? { document } : {}) } };
}
