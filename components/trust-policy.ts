/** Pure builder of the trust policy that lets Warp's OIDC tokens assume a role. */
import type * as aws from "@pulumi/aws";
import { Issuer, STS_AUDIENCE, audKey, subKey } from "../rules/issuer";
import { subjectFor } from "../rules/subject";

export interface TrustGrants {
    teamUid: string;
    grantUsers: boolean;
    allNamedAgents: boolean;
    /** Exact service-account UIDs, already validated, deduplicated and sorted. */
    namedAgentUids: readonly string[];
}

const TRUST_SIDS = {
    people: "WarpTeamPeople",
    allNamedAgents: "WarpTeamAllNamedAgents",
    namedAgents: "WarpTeamNamedAgents",
} as const;

/** The `sub` values a role admits, in statement order. */
export function grantedSubjects(grants: TrustGrants): string[] {
    const subjects: string[] = [];
    if (grants.grantUsers) {
        subjects.push(subjectFor(grants.teamUid, "user", "*"));
    }
    if (grants.allNamedAgents) {
        subjects.push(subjectFor(grants.teamUid, "service_account", "*"));
    } else {
        subjects.push(...grants.namedAgentUids.map((uid) => subjectFor(grants.teamUid, "service_account", uid)));
    }
    return subjects;
}

/**
 * One statement per grant so each has its own Sid (reviewable and individually removable). Wildcard
 * grants use StringLike; exact agent UIDs use StringEquals so no character in them is ever a wildcard.
 * Every statement pins the audience, so a token minted for another relying party cannot be replayed.
 */
export function buildTrustPolicy(providerArn: string, issuer: Issuer, grants: TrustGrants): aws.iam.PolicyDocument {
    const statement = (sid: string, operator: "StringLike" | "StringEquals", sub: string | string[]): aws.iam.PolicyStatement => ({
        Sid: sid,
        Effect: "Allow",
        Principal: { Federated: providerArn },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition:
            operator === "StringEquals"
                ? { StringEquals: { [audKey(issuer.id)]: STS_AUDIENCE, [subKey(issuer.id)]: sub } }
                : { StringEquals: { [audKey(issuer.id)]: STS_AUDIENCE }, StringLike: { [subKey(issuer.id)]: sub } },
    });
    const statements: aws.iam.PolicyStatement[] = [];
    if (grants.grantUsers) {
        statements.push(statement(TRUST_SIDS.people, "StringLike", subjectFor(grants.teamUid, "user", "*")));
    }
    if (grants.allNamedAgents) {
        statements.push(statement(TRUST_SIDS.allNamedAgents, "StringLike", subjectFor(grants.teamUid, "service_account", "*")));
    } else if (grants.namedAgentUids.length > 0) {
        const subs = grants.namedAgentUids.map((uid) => subjectFor(grants.teamUid, "service_account", uid));
        statements.push(statement(TRUST_SIDS.namedAgents, "StringEquals", subs.length === 1 ? subs[0] : subs));
    }
    return { Version: "2012-10-17", Statement: statements };
}

export function oidcProviderArnFor(partition: string, accountId: string, issuer: Issuer): string {
    return `arn:${partition}:iam::${accountId}:oidc-provider/${issuer.id}`;
}
