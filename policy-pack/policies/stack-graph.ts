/**
 * Which resources of a stack reach which Warp-trusted role. An attachment names its role by name or ARN,
 * but in a preview that name can be unknown for a role still to be created; the engine then still tells
 * which resources a property came from (propertyDependencies), so both are used.
 */
import type { PolicyResource } from "@pulumi/policy";
import { isAwsManagedPolicyArn } from "../../rules/permissions-rules";
import { TrustModel } from "../../rules/trust-policy-rules";
import { POLICY_TYPE, ROLE_TYPE } from "./report";
import { Known, readKnown } from "./resource-values";
import { roleLabel, trustModelOf } from "./role-trust";

/** The parts of a PolicyResource the stack checks read; tests and the bench build these directly. */
export type StackResource = Pick<PolicyResource, "type" | "props" | "urn" | "name"> & {
    dependencies?: readonly StackResource[];
    propertyDependencies?: Record<string, readonly StackResource[]>;
};

export interface WarpRole {
    resource: StackResource;
    label: string;
    /** The role's IAM name, id and ARN, whichever are known. */
    refs: Set<string>;
    name?: string;
    model: TrustModel;
}

export interface StackGraph {
    warpRoles: WarpRole[];
    roleByUrn: Map<string, WarpRole>;
    /** Role by IAM name, id or ARN, so attachments find their role without scanning every role. */
    roleByRef: Map<string, WarpRole[]>;
    policyByUrn: Map<string, StackResource>;
    policyByArn: Map<string, StackResource>;
}

function knownString(props: Record<string, any>, key: string): string | undefined {
    const v = readKnown(props, key);
    return v.known && typeof v.value === "string" && v.value !== "" ? v.value : undefined;
}

export function buildStackGraph(resources: readonly StackResource[], warpIssuers: readonly string[]): StackGraph {
    const warpRoles: WarpRole[] = [];
    const roleByUrn = new Map<string, WarpRole>();
    const roleByRef = new Map<string, WarpRole[]>();
    const policyByUrn = new Map<string, StackResource>();
    const policyByArn = new Map<string, StackResource>();
    for (const r of resources) {
        if (r.type === ROLE_TYPE) {
            const trust = readKnown(r.props, "assumeRolePolicy");
            if (!trust.known) {
                continue;
            }
            const model = trustModelOf(trust.value, warpIssuers);
            if (!model.warpTrusted) {
                continue;
            }
            const name = knownString(r.props, "name");
            const refs = new Set([name, knownString(r.props, "id"), knownString(r.props, "arn")].filter((x): x is string => x !== undefined));
            const role: WarpRole = { resource: r, label: roleLabel(r.name, r.props), refs, name, model };
            warpRoles.push(role);
            roleByUrn.set(r.urn, role);
            for (const ref of refs) {
                roleByRef.set(ref, [...(roleByRef.get(ref) ?? []), role]);
            }
        } else if (r.type === POLICY_TYPE) {
            policyByUrn.set(r.urn, r);
            const arn = knownString(r.props, "arn");
            if (arn) {
                policyByArn.set(arn, r);
            }
        }
    }
    return { warpRoles, roleByUrn, roleByRef, policyByUrn, policyByArn };
}

function roleNameOfArn(value: string): string | undefined {
    const m = /^arn:[^:]+:iam::[^:]*:role\/(?:.*\/)?([^/]+)$/.exec(value);
    return m ? m[1] : undefined;
}

/** Warp-trusted roles a resource attaches to through its `key` property (a role name, ARN, or list of them). */
export function rolesReachedBy(graph: StackGraph, r: StackResource, key: string): WarpRole[] {
    const found = new Set<WarpRole>();
    const fromProperty = r.propertyDependencies?.[key] ?? [];
    for (const d of fromProperty) {
        const role = graph.roleByUrn.get(d.urn);
        if (role) {
            found.add(role);
        }
    }
    const value = readKnown(r.props, key);
    if (value.known) {
        const names = (Array.isArray(value.value) ? value.value : [value.value]).filter((v): v is string => typeof v === "string");
        for (const n of names) {
            // A role is named by its name, id or ARN; an ARN written by hand may also differ in path.
            for (const role of [...(graph.roleByRef.get(n) ?? []), ...(graph.roleByRef.get(roleNameOfArn(n) ?? "") ?? [])]) {
                found.add(role);
            }
        }
    } else if (fromProperty.length === 0) {
        // Without per-property links, any Warp role the resource depends on may be the one it attaches to.
        for (const d of r.dependencies ?? []) {
            const role = graph.roleByUrn.get(d.urn);
            if (role) {
                found.add(role);
            }
        }
    }
    return [...found];
}

export type AttachedPolicy =
    | { kind: "document"; document: Known; from: StackResource }
    | { kind: "arn"; arn: string }
    | { kind: "unknown" };

/** What a `policyArn` property points at: a Policy of this stack (its document), or an ARN from elsewhere. */
export function attachedPolicies(graph: StackGraph, r: StackResource, key: string): AttachedPolicy[] {
    const out: AttachedPolicy[] = [];
    const seen = new Set<StackResource>();
    const addPolicy = (p: StackResource) => {
        if (!seen.has(p)) {
            seen.add(p);
            out.push({ kind: "document", document: readKnown(p.props, "policy"), from: p });
        }
    };
    for (const d of r.propertyDependencies?.[key] ?? []) {
        const p = graph.policyByUrn.get(d.urn);
        if (p) {
            addPolicy(p);
        }
    }
    const value = readKnown(r.props, key);
    if (value.known) {
        const arns = (Array.isArray(value.value) ? value.value : [value.value]).filter((v): v is string => typeof v === "string");
        // A linked Policy whose own ARN is not known yet is where an otherwise unmatched ARN came from.
        const linkedWithoutArn = [...seen].some((p) => knownString(p.props, "arn") === undefined);
        for (const arn of arns) {
            const p = graph.policyByArn.get(arn);
            if (p) {
                addPolicy(p);
            } else if (isAwsManagedPolicyArn(arn) || !linkedWithoutArn) {
                out.push({ kind: "arn", arn });
            }
        }
    } else if (out.length === 0) {
        for (const d of r.dependencies ?? []) {
            const p = graph.policyByUrn.get(d.urn);
            if (p) {
                addPolicy(p);
            }
        }
        if (out.length === 0) {
            out.push({ kind: "unknown" });
        }
    }
    return out;
}
