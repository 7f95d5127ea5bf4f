/**
 * What the trust rules' good and bad examples are made of: the component's own trust policy, one field
 * changed per bad example. Each rule's folder holds its examples (examples.ts); the docs generator and
 * the tests read them.
 */
import type { TrustRuleConfig } from "../trust/config";

export const TEAM = "TeamAuid0000000000001";
export const ACCOUNT = "111122223333";
export const PROVIDER = `arn:aws:iam::${ACCOUNT}:oidc-provider/app.warp.dev`;

export type Json = Record<string, unknown>;

/** The component's trust statement for the team's people. */
export function people(
    condition: Json = {
        StringEquals: { "app.warp.dev:aud": "sts.amazonaws.com" },
        StringLike: { "app.warp.dev:sub": `scoped_principal:${TEAM}/user:*` },
    },
    extra: Json = {},
): Json {
    return {
        Sid: "WarpTeamPeople",
        Effect: "Allow",
        Principal: { Federated: PROVIDER },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: condition,
        ...extra,
    };
}

export function doc(...statements: Json[]): Json {
    return { Version: "2012-10-17", Statement: statements };
}

export const AUD = { "app.warp.dev:aud": "sts.amazonaws.com" };

export interface TrustExample {
    /** What was changed from the component's policy. */
    change: string;
    policy: Json;
    config: Partial<TrustRuleConfig>;
}

export const TEAM_CONFIG: Partial<TrustRuleConfig> = { allowedTeamUids: [TEAM] };

/** The component's own trust policy. */
export const COMPONENT_TRUST = doc(people());

/** A good example changes nothing: the component's policy under the team's config. */
export const COMPONENT_EXAMPLE: TrustExample = { change: "nothing changed", policy: COMPONENT_TRUST, config: TEAM_CONFIG };

export interface TrustRuleExamples {
    /** Policies the rule passes. */
    good: readonly TrustExample[];
    /** Policies the rule reports; the first is the one the docs show. */
    bad: readonly TrustExample[];
}
