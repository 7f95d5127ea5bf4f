/**
 * The shape AWS documents for the response of IAM's GetAccountAuthorizationDetails (IAM API Reference:
 * GetAccountAuthorizationDetails, RoleDetail, ManagedPolicyDetail, PolicyVersion, PolicyDetail,
 * AttachedPolicy, AttachedPermissionsBoundary, Tag, UserDetail, GroupDetail), as the AWS CLI prints it:
 * timestamps as text, policy documents decoded into objects (the API's URL-encoded text is accepted too).
 * A file of another shape is refused naming its first bad path: a snapshot the tools cannot read must
 * never come out as "0 roles, 0 findings". Members AWS may leave out are optional; the names and ARNs
 * a role or policy is found by are required, since without them nothing could be checked. Unknown
 * members are allowed (AWS adds members over time).
 */
import { z } from "zod";
import { describeValue } from "../rules/errors";

const text = z.string();
const timestamp = z.string();
/** A policy document: the object the AWS CLI prints, or the URL-encoded JSON text the API returns. */
const document = z.union([z.looseObject({}), z.string()]);

const tag = z.looseObject({ Key: text, Value: text });
const attachedPolicy = z.looseObject({ PolicyName: text.optional(), PolicyArn: text });
const policyDetail = z.looseObject({ PolicyName: text, PolicyDocument: document });

const instanceProfile = z.looseObject({
    Path: text.optional(),
    InstanceProfileName: text.optional(),
    InstanceProfileId: text.optional(),
    Arn: text.optional(),
    CreateDate: timestamp.optional(),
    Roles: z.array(z.looseObject({})).optional(),
});

const roleDetail = z.looseObject({
    Path: text.optional(),
    RoleName: text,
    RoleId: text.optional(),
    Arn: text,
    CreateDate: timestamp.optional(),
    AssumeRolePolicyDocument: document.optional(),
    InstanceProfileList: z.array(instanceProfile).optional(),
    RolePolicyList: z.array(policyDetail).optional(),
    AttachedManagedPolicies: z.array(attachedPolicy).optional(),
    PermissionsBoundary: z.looseObject({ PermissionsBoundaryType: text.optional(), PermissionsBoundaryArn: text.optional() }).optional(),
    Tags: z.array(tag).optional(),
    RoleLastUsed: z.looseObject({ LastUsedDate: timestamp.optional(), Region: text.optional() }).optional(),
    // Not members of RoleDetail, but GetRole's; a merged file may carry them.
    MaxSessionDuration: z.number().int().optional(),
    Description: text.optional(),
});

const policyVersion = z.looseObject({
    Document: document.optional(),
    VersionId: text.optional(),
    IsDefaultVersion: z.boolean().optional(),
    CreateDate: timestamp.optional(),
});

const managedPolicyDetail = z.looseObject({
    PolicyName: text,
    PolicyId: text.optional(),
    Arn: text,
    Path: text.optional(),
    DefaultVersionId: text.optional(),
    AttachmentCount: z.number().int().optional(),
    PermissionsBoundaryUsageCount: z.number().int().optional(),
    IsAttachable: z.boolean().optional(),
    Description: text.optional(),
    CreateDate: timestamp.optional(),
    UpdateDate: timestamp.optional(),
    PolicyVersionList: z.array(policyVersion).optional(),
});

const principalDetail = {
    Path: text.optional(),
    Arn: text.optional(),
    CreateDate: timestamp.optional(),
    AttachedManagedPolicies: z.array(attachedPolicy).optional(),
};
const userDetail = z.looseObject({
    ...principalDetail,
    UserName: text.optional(),
    UserId: text.optional(),
    UserPolicyList: z.array(policyDetail).optional(),
    GroupList: z.array(text).optional(),
    Tags: z.array(tag).optional(),
});
const groupDetail = z.looseObject({
    ...principalDetail,
    GroupName: text.optional(),
    GroupId: text.optional(),
    GroupPolicyList: z.array(policyDetail).optional(),
});

/** One page of the response. */
const detailsPage = z.looseObject({
    UserDetailList: z.array(userDetail).optional(),
    GroupDetailList: z.array(groupDetail).optional(),
    RoleDetailList: z.array(roleDetail).optional(),
    Policies: z.array(managedPolicyDetail).optional(),
    IsTruncated: z.boolean().optional(),
    Marker: text.optional(),
});

/** `RoleDetailList[0].RoleName` from zod's path. */
function pathText(path: readonly PropertyKey[]): string {
    return path.map((p, i) => (typeof p === "number" ? `[${p}]` : `${i === 0 ? "" : "."}${String(p)}`)).join("");
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
    return path.reduce<unknown>(
        (v, p) => (v !== null && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[p] : undefined),
        value,
    );
}

function expected(issue: z.core.$ZodIssue): string {
    if (issue.code === "invalid_type") {
        return issue.expected === "object" ? "an object" : issue.expected === "array" ? "a list" : `a ${issue.expected}`;
    }
    if (issue.code === "invalid_union") {
        return "a policy document (a JSON object, or its text)";
    }
    return issue.message;
}

/**
 * Undefined when the page has the documented shape; otherwise the first bad path and what is there,
 * such as `RoleDetailList[0].RoleName is the number 5; AWS documents a string`.
 */
export function detailsShapeProblem(page: unknown): string | undefined {
    const result = detailsPage.safeParse(page);
    if (result.success) {
        return undefined;
    }
    const issue = result.error.issues[0];
    const at = valueAt(page, issue.path);
    const what = at === undefined ? "missing" : describeValue(at);
    return `${pathText(issue.path)} is ${what}; AWS documents ${expected(issue)}`;
}
