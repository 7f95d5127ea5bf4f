/**
 * The shape of the JSON an HTML audit report embeds (model.ts builds it, viewer/ renders it). Every
 * string in it that came from AWS is data: the viewer puts it in text nodes and attribute values only.
 */

interface ReportFinding {
    rule: string;
    level: "mandatory" | "advisory";
    tier: string;
    /** `trust policy`, `inline policy NAME`, `managed policy ARN`, `role`, `OIDC provider HOST`. */
    document: string;
    statementIndex: number | null;
    sid: string | null;
    message: string;
    remediation: string;
    /** The witness request in words (an exposure's), and as data. */
    witness: string | null;
    request: unknown;
}

export interface ReportRole {
    account: string;
    accountName: string;
    arn: string;
    name: string;
    status: "warp-trusted" | "broken";
    team: string | null;
    /** Who may assume it: the trust engine's description, one line per group. */
    admitted: string[];
    exposures: Array<{ way: string; witness: string; request: unknown }>;
    assumptions: string[];
    bedrockOnly: boolean;
    policies: Array<{ title: string; bedrockOnly: boolean; documentKnown: boolean }>;
    /** What the permissions engine says the role may do: one line per set of invoke actions, each witness beyond, what it could not read. */
    mayDo: { invoke: string[]; beyond: string[]; unseen: string[]; assumptions: string[] };
    /** Each statement of the permissions documents reaching the role, as written. */
    statements: string[];
    boundary: string | null;
    maxSessionDuration: number | null;
    providers: Array<{ issuer: string; status: string; arn: string | null; message: string }>;
    findings: ReportFinding[];
    description: string | null;
    tags: Readonly<Record<string, string>>;
    /** The trust policy and every permissions document reaching the role (null: not in the input). */
    documents: Array<{ title: string; document: unknown }>;
}

export interface ReportRule {
    name: string;
    tier: string;
    description: string;
    mandatory: number;
    advisory: number;
    /** Roles with at least one finding of the rule. */
    roles: number;
}

export interface ReportData {
    schemaVersion: 1;
    kind: "account" | "organization";
    /** Where the accounts were read from, in words. */
    source: string;
    /** The folder of the docs (policy-pack.md#<rule> is each rule's section). */
    docsBase: string;
    generatedAt: string;
    summary: {
        accounts: number;
        audited: number;
        unreadable: number;
        rolesRead: number;
        warpRoles: number;
        brokenRoles: number;
        mandatory: number;
        advisory: number;
        exposedRoles: number;
    };
    accounts: Array<{
        id: string;
        name: string;
        reason: string | null;
        roles: number;
        warpRoles: number;
        mandatory: number;
        advisory: number;
    }>;
    rules: ReportRule[];
    roles: ReportRole[];
}
