/**
 * Which resources of a stack reach which Warp-trusted role. An attachment names its role by name or ARN,
 * but in a preview that name can be unknown for a role still to be created; the engine then still tells
 * which resources a property came from (propertyDependencies), so both are used.
 */
import type { PolicyResource } from "@pulumi/policy";
import { isAwsManagedPolicyArn } from "../../rules/iam/facts";
import { RESOURCE_TYPES } from "../../rules/constants";
import { Known, NEEDS_COPY, NOT_KNOWN, readKnown, readRaw } from "./resource-values";
import { isWarpTrustedRole, roleLabelOf } from "./role-trust";

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
}

export interface StackGraph {
    warpRoles: WarpRole[];
    roleByUrn: Map<string, WarpRole>;
    /** Role by IAM name, id or ARN, so attachments find their role without scanning every role. */
    roleByRef: Map<string, WarpRole[]>;
    policyByUrn: Map<string, StackResource>;
    policyByArn: Map<string, StackResource>;
    /** Customer managed policies by name, for an ARN written by hand before the policy's own ARN is known. */
    policyByName: Map<string, StackResource>;
}

const POLICY_ARN_RE = /^arn:[^:]+:iam::(\d{12}):policy\/(?:.*\/)?([^/]+)$/;

/** The in-stack Policy an ARN names: by its known ARN, or by the name in a customer managed policy ARN. */
export function policiesNamed(graph: StackGraph, arn: string): StackResource[] {
    const byArn = graph.policyByArn.get(arn);
    if (byArn !== undefined) {
        return [byArn];
    }
    const m = POLICY_ARN_RE.exec(arn);
    const byName = m ? graph.policyByName.get(m[2]) : undefined;
    return byName !== undefined && knownString(byName.props, "arn") === undefined ? [byName] : [];
}

function nonEmptyString(value: unknown): string | undefined {
    return typeof value === "string" && value !== "" ? value : undefined;
}

function knownString(props: Record<string, any>, key: string): string | undefined {
    return nonEmptyString(readRaw(props, key));
}

export function buildStackGraph(resources: readonly StackResource[], issuers: readonly string[]): StackGraph {
    // The resource policies judged these documents under the interned list; the same array finds their verdicts.
    const warpIssuers = issuers;
    const warpRoles: WarpRole[] = [];
    const roleByUrn = new Map<string, WarpRole>();
    const roleByRef = new Map<string, WarpRole[]>();
    const policyByUrn = new Map<string, StackResource>();
    const policyByArn = new Map<string, StackResource>();
    const policyByName = new Map<string, StackResource>();
    for (const r of resources) {
        if (r.type === RESOURCE_TYPES.role) {
            if (!isWarpTrustedRole(r.props, warpIssuers)) {
                continue;
            }
            const rawName = readRaw(r.props, "name");
            const name = nonEmptyString(rawName);
            const refs = new Set<string>();
            // IAM role names are unique without regard to case, and name the role in any case.
            for (const ref of [name, knownString(r.props, "id"), knownString(r.props, "arn")]) {
                if (ref !== undefined) {
                    refs.add(ref.toLowerCase());
                }
            }
            const role: WarpRole = { resource: r, label: roleLabelOf(r.name, rawName), refs, name };
            warpRoles.push(role);
            roleByUrn.set(r.urn, role);
            for (const ref of refs) {
                const list = roleByRef.get(ref);
                if (list === undefined) {
                    roleByRef.set(ref, [role]);
                } else {
                    list.push(role);
                }
            }
        } else if (r.type === RESOURCE_TYPES.policy) {
            policyByUrn.set(r.urn, r);
            const arn = knownString(r.props, "arn");
            if (arn) {
                policyByArn.set(arn, r);
            }
            const policyName = knownString(r.props, "name");
            if (policyName) {
                policyByName.set(policyName, r);
            }
        }
    }
    return { warpRoles, roleByUrn, roleByRef, policyByUrn, policyByArn, policyByName };
}

function roleNameOfArn(value: string): string | undefined {
    const m = /^arn:[^:]+:iam::[^:]*:role\/(?:.*\/)?([^/]+)$/.exec(value);
    return m ? m[1] : undefined;
}

const NO_RESOURCES: readonly StackResource[] = [];

function addRolesNamed(graph: StackGraph, found: WarpRole[] | undefined, n: unknown): WarpRole[] | undefined {
    if (typeof n !== "string") {
        return found;
    }
    // A role is named by its name, id or ARN; an ARN written by hand may also differ in path.
    for (const role of graph.roleByRef.get(n.toLowerCase()) ?? NO_ROLES) {
        found = appendUnique(found, role);
    }
    const fromArn = roleNameOfArn(n);
    for (const role of graph.roleByRef.get(fromArn?.toLowerCase() ?? "") ?? NO_ROLES) {
        found = appendUnique(found, role);
    }
    return found;
}

const NO_ROLES: readonly WarpRole[] = [];

/** Warp-trusted roles a resource attaches to through its `key` property (a role name, ARN, or list of them). */
export function rolesReachedBy(graph: StackGraph, r: StackResource, key: string): WarpRole[] {
    // A handful of roles at most, so a list keeps insertion order without the cost of a Set.
    let found: WarpRole[] | undefined;
    const fromProperty = r.propertyDependencies?.[key] ?? NO_RESOURCES;
    for (const d of fromProperty) {
        const role = graph.roleByUrn.get(d.urn);
        if (role) {
            found = appendUnique(found, role);
        }
    }
    const raw = readRaw(r.props, key);
    const value: Known = raw === NEEDS_COPY ? readKnown(r.props, key) : raw === NOT_KNOWN ? NOT_KNOWN_VALUE : { known: true, value: raw };
    if (value.known) {
        if (Array.isArray(value.value)) {
            for (const n of value.value) {
                found = addRolesNamed(graph, found, n);
            }
        } else {
            found = addRolesNamed(graph, found, value.value);
        }
    }
    // A name that names no role the stack knows by name (one the provider names, as synth's inputs leave
    // out), or one not known in preview: without per-property links, a Warp role it depends on is its role.
    if (found === undefined && fromProperty.length === 0) {
        // Without per-property links, any Warp role the resource depends on may be the one it attaches to.
        for (const d of r.dependencies ?? NO_RESOURCES) {
            const role = graph.roleByUrn.get(d.urn);
            if (role) {
                found = appendUnique(found, role);
            }
        }
    }
    return found ?? [];
}

const NOT_KNOWN_VALUE: Known = { known: false, path: "" };

export type AttachedPolicy =
    { kind: "document"; document: Known; from: StackResource } | { kind: "arn"; arn: string } | { kind: "unknown" };

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
            const p = policiesNamed(graph, arn)[0];
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

/** Lazily created list without repeats; most resources reach one role or none. */
function appendUnique<T>(list: T[] | undefined, item: T): T[] {
    if (list === undefined) {
        return [item];
    }
    if (!list.includes(item)) {
        list.push(item);
    }
    return list;
}
