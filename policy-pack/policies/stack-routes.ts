/**
 * The stack adapter of the permissions routes (rules/permissions/role.ts `Route`, the type the account
 * adapter, account/role-routes.ts, produces too): every route IAM offers by which a policy reaches a
 * Warp-trusted role of a stack (the role's inline policies, managed policy ARNs and permissions
 * boundary, RolePolicy by role name in any case, by ARN or by the role's output, Policy with
 * RolePolicyAttachment, PolicyAttachment or RolePolicyAttachmentsExclusive, AWS managed policies by ARN).
 * A value unknown in preview is kept as an `unknown` route, so a rule can say so.
 */
import { parsePolicyDocument } from "../../rules/iam/document";
import type { PolicyForm, RoleInput, Route } from "../../rules/permissions/role";
import { RESOURCE_TYPES } from "../../rules/constants";
import { Known, readKnown } from "./resource-values";
import { StackGraph, StackResource, WarpRole, attachedPolicies, policiesNamed, rolesReachedBy } from "./stack-graph";

/** Where a finding is reported: the resource that brought the policy in, and how the report names it. */
export interface At {
    urn: string;
    subject: string;
}

type Routes = Map<WarpRole, Route<At>[]>;

function documentRoute(doc: Known, at: At, form: PolicyForm): Route<At> {
    if (!doc.known) {
        return { kind: "unknown", label: at.subject, ref: at };
    }
    return { kind: "document", label: at.subject, parsed: parsePolicyDocument(doc.value), ref: at, form };
}

function add(routes: Routes, role: WarpRole, route: Route<At>): void {
    const list = routes.get(role);
    if (list === undefined) {
        routes.set(role, [route]);
    } else {
        list.push(route);
    }
}

/** Each element of a list property, known or not: one unknown ARN must not hide the others. */
function listItems(props: Record<string, any>, key: string): Known[] {
    const whole = readKnown(props, key);
    if (whole.known) {
        return Array.isArray(whole.value) ? whole.value.map((value) => ({ known: true, value })) : [];
    }
    let list: unknown;
    try {
        list = props[key];
    } catch {
        return [whole];
    }
    if (!Array.isArray(list)) {
        return [whole];
    }
    const items: Known[] = [];
    for (let i = 0; i < list.length; i++) {
        items.push(readKnown(list as unknown as Record<string, any>, String(i)));
    }
    return items;
}

/** A managed policy ARN as a route: an in-stack Policy's document, an AWS managed or outside ARN, or unknown. */
function arnRoute(graph: StackGraph, item: Known, at: At): Route<At> {
    if (!item.known || typeof item.value !== "string") {
        return { kind: "unknown", label: at.subject, ref: at };
    }
    const inStack = policiesNamed(graph, item.value)[0];
    if (inStack !== undefined) {
        return documentRoute(readKnown(inStack.props, "policy"), { ...at, subject: `${at.subject} (policy ${inStack.name})` }, "managed");
    }
    return { kind: "arn", label: at.subject, arn: item.value, ref: at };
}

/** The role's own inline policies and managed policy ARNs. */
function ownRoutes(graph: StackGraph, role: WarpRole, routes: Routes): void {
    const props = role.resource.props;
    const urn = role.resource.urn;
    const inline = readKnown(props, "inlinePolicies");
    if (!inline.known) {
        add(routes, role, documentRoute(inline, { urn, subject: `${role.label} (inlinePolicies)` }, "inline"));
    } else if (Array.isArray(inline.value)) {
        for (const p of inline.value as Array<Record<string, unknown>>) {
            if (p && (p.policy !== undefined || p.name !== undefined)) {
                const subject = `${role.label} inline policy ${String(p.name ?? "")}`.trim();
                add(routes, role, documentRoute({ known: true, value: p.policy }, { urn, subject }, "inline"));
            }
        }
    }
    // An ARN unknown in preview may still name an in-stack Policy the engine links the property to.
    const linked = (role.resource.propertyDependencies?.managedPolicyArns ?? []).filter((d) => graph.policyByUrn.has(d.urn));
    const items = listItems(props, "managedPolicyArns");
    const named = new Set(items.flatMap((item) => (item.known && typeof item.value === "string" ? policiesNamed(graph, item.value) : [])));
    const unmatched = linked.filter((p) => !named.has(graph.policyByUrn.get(p.urn) as StackResource));
    let unknown = 0;
    items.forEach((item, i) => {
        if (item.known) {
            add(routes, role, arnRoute(graph, item, { urn, subject: `${role.label} (managedPolicyArns[${i}])` }));
        } else if (unknown++ >= unmatched.length) {
            const label = `${role.label} (managedPolicyArns[${i}])`;
            add(routes, role, { kind: "unknown", label, ref: { urn, subject: label } });
        }
    });
    for (const d of unmatched.slice(0, Math.max(unknown, 0))) {
        const p = graph.policyByUrn.get(d.urn) as StackResource;
        add(
            routes,
            role,
            documentRoute(readKnown(p.props, "policy"), { urn, subject: `${role.label} (managedPolicyArns: policy ${p.name})` }, "managed"),
        );
    }
}

/** A resource that puts a policy on roles: RolePolicy, or one of the three attachment types. */
function resourceRoutes(graph: StackGraph, r: StackResource, routes: Routes): void {
    switch (r.type) {
        case RESOURCE_TYPES.rolePolicy:
            for (const role of rolesReachedBy(graph, r, "role")) {
                add(
                    routes,
                    role,
                    documentRoute(
                        readKnown(r.props, "policy"),
                        { urn: r.urn, subject: `${role.label} via RolePolicy ${r.name}` },
                        "inline",
                    ),
                );
            }
            break;
        case RESOURCE_TYPES.rolePolicyAttachment:
            attachmentRoutes(graph, r, "role", "policyArn", "RolePolicyAttachment", routes);
            break;
        case RESOURCE_TYPES.policyAttachment:
            attachmentRoutes(graph, r, "roles", "policyArn", "PolicyAttachment", routes);
            break;
        case RESOURCE_TYPES.rolePolicyAttachmentsExclusive:
            attachmentRoutes(graph, r, "roleName", "policyArns", "RolePolicyAttachmentsExclusive", routes);
            break;
    }
}

function attachmentRoutes(graph: StackGraph, r: StackResource, roleKey: string, arnKey: string, kind: string, routes: Routes): void {
    for (const role of rolesReachedBy(graph, r, roleKey)) {
        const subject = `${role.label} via ${kind} ${r.name}`;
        for (const attached of attachedPolicies(graph, r, arnKey)) {
            const at = { urn: r.urn, subject };
            if (attached.kind === "document") {
                add(
                    routes,
                    role,
                    documentRoute(attached.document, { ...at, subject: `${subject} (policy ${attached.from.name})` }, "managed"),
                );
            } else if (attached.kind === "arn") {
                add(routes, role, { kind: "arn", label: subject, arn: attached.arn, ref: at });
            } else {
                add(routes, role, { kind: "unknown", label: `${subject} (${arnKey})`, ref: at });
            }
        }
    }
}

/** The role's permissions boundary, when it has one. */
function boundaryRoute(graph: StackGraph, role: WarpRole): Route<At> | undefined {
    const value = readKnown(role.resource.props, "permissionsBoundary");
    if (value.known && (value.value === undefined || value.value === null || value.value === "")) {
        return undefined;
    }
    return arnRoute(graph, value, { urn: role.resource.urn, subject: `${role.label} permissions boundary` });
}

/** Every Warp-trusted role of the stack with the routes that reach it and its permissions boundary. */
export function stackRoutes(graph: StackGraph, resources: readonly StackResource[]): Array<{ role: WarpRole; input: RoleInput<At> }> {
    if (graph.warpRoles.length === 0) {
        return [];
    }
    const routes: Routes = new Map();
    for (const role of graph.warpRoles) {
        ownRoutes(graph, role, routes);
    }
    for (const r of resources) {
        resourceRoutes(graph, r, routes);
    }
    return graph.warpRoles.map((role) => ({
        role,
        input: { routes: routes.get(role) ?? [], boundary: boundaryRoute(graph, role), wholeRole: true },
    }));
}
