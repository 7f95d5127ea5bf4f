/**
 * IAM User Guide, "IAM JSON policy elements: Condition operators" (string condition operators; a key
 * missing from the request) and "IAM JSON policy elements: Condition" (evaluation logic: values of one
 * key are OR-ed, keys and operators AND-ed; key names are not case-sensitive), on a Warp token's claims.
 */
import { PERSON, STS, conformanceSuite } from "./trust-support";

const SUB = "app.warp.dev:sub";
const AUD = "app.warp.dev:aud";

conformanceSuite("IAM JSON policy elements: Condition operators", [
    {
        rule: "StringEquals: exact matching, case sensitive",
        condition: { StringEquals: { [AUD]: STS } },
        token: { sub: PERSON, aud: STS },
        guide: "Allowed",
    },
    {
        rule: "StringEquals: exact matching, case sensitive",
        condition: { StringEquals: { [AUD]: STS } },
        token: { sub: PERSON, aud: "STS.amazonaws.com" },
        guide: "Denied",
    },
    {
        rule: "StringEqualsIgnoreCase: exact matching, ignoring case",
        condition: { StringEqualsIgnoreCase: { [AUD]: STS } },
        token: { sub: PERSON, aud: "STS.amazonaws.com" },
        guide: "Allowed",
    },
    {
        rule: "StringNotEquals: negated matching",
        condition: { StringNotEquals: { [AUD]: "my-app" } },
        token: { sub: PERSON, aud: STS },
        guide: "Allowed",
    },
    {
        rule: "StringNotEquals: negated matching",
        condition: { StringNotEquals: { [AUD]: "my-app" } },
        token: { sub: PERSON, aud: "my-app" },
        guide: "Denied",
    },
    {
        rule: "StringNotEqualsIgnoreCase: negated matching, ignoring case",
        condition: { StringNotEqualsIgnoreCase: { [AUD]: "my-app" } },
        token: { sub: PERSON, aud: "MY-APP" },
        guide: "Denied",
    },
    {
        rule: "StringLike: a multi-character match wildcard (*) anywhere in the string",
        condition: { StringLike: { [SUB]: "scoped_principal:TEAM_A/user:*" } },
        token: { sub: PERSON, aud: STS },
        guide: "Allowed",
    },
    {
        rule: "StringLike: a multi-character match wildcard (*) anywhere in the string",
        condition: { StringLike: { [SUB]: "scoped_principal:TEAM_A/user:*" } },
        token: { sub: "scoped_principal:TEAM_B/user:alice", aud: STS },
        guide: "Denied",
    },
    {
        rule: "StringLike: a single-character match wildcard (?)",
        condition: { StringLike: { [SUB]: "scoped_principal:TEAM_A/user:a?" } },
        token: { sub: "scoped_principal:TEAM_A/user:a1", aud: STS },
        guide: "Allowed",
    },
    {
        rule: "StringLike: a single-character match wildcard (?)",
        condition: { StringLike: { [SUB]: "scoped_principal:TEAM_A/user:a?" } },
        token: { sub: "scoped_principal:TEAM_A/user:a12", aud: STS },
        guide: "Denied",
    },
    {
        rule: "StringLike: case-sensitive matching",
        condition: { StringLike: { [SUB]: "scoped_principal:TEAM_A/user:*" } },
        token: { sub: "scoped_principal:team_a/user:alice", aud: STS },
        guide: "Denied",
    },
    {
        rule: "StringNotLike: negated case-sensitive matching",
        condition: { StringNotLike: { [SUB]: "scoped_principal:TEAM_B/*" } },
        token: { sub: PERSON, aud: STS },
        guide: "Allowed",
    },
    {
        rule: "StringNotLike: negated case-sensitive matching",
        condition: { StringNotLike: { [SUB]: "scoped_principal:TEAM_A/*" } },
        token: { sub: PERSON, aud: STS },
        guide: "Denied",
    },
    {
        rule: "a key missing from the request: the values do not match and the condition is false",
        condition: { StringLike: { [SUB]: "*" } },
        token: { aud: STS },
        guide: "Denied",
    },
    {
        rule: "a key missing from the request: the values do not match and the condition is false",
        condition: { StringEquals: { [AUD]: STS } },
        token: { sub: PERSON },
        guide: "Denied",
    },
    {
        rule: "a key missing from the request under a negated operator (StringNotLike): the condition is true",
        condition: { StringNotLike: { [SUB]: "scoped_principal:TEAM_B/*" } },
        token: { aud: STS },
        guide: "Allowed",
    },
    {
        rule: "a key missing from the request under a negated operator (StringNotEquals): the condition is true",
        condition: { StringNotEquals: { [AUD]: "my-app" } },
        token: { sub: PERSON },
        guide: "Allowed",
    },
]);

conformanceSuite("IAM JSON policy elements: Condition", [
    {
        rule: "several values for one key: true if any value matches (OR)",
        condition: { StringEquals: { [AUD]: ["my-app", STS] } },
        token: { sub: PERSON, aud: STS },
        guide: "Allowed",
    },
    {
        rule: "several keys: every key must match (AND)",
        condition: { StringEquals: { [AUD]: STS }, StringLike: { [SUB]: "scoped_principal:TEAM_A/*" } },
        token: { sub: "scoped_principal:TEAM_B/user:alice", aud: STS },
        guide: "Denied",
    },
    {
        rule: "several keys: every key must match (AND)",
        condition: { StringEquals: { [AUD]: STS }, StringLike: { [SUB]: "scoped_principal:TEAM_A/*" } },
        token: { sub: PERSON, aud: STS },
        guide: "Allowed",
    },
    {
        rule: "condition key names are not case-sensitive",
        condition: { StringEquals: { "APP.WARP.DEV:AUD": STS } },
        token: { sub: PERSON, aud: STS },
        guide: "Allowed",
    },
    {
        rule: "condition key names are not case-sensitive; values are",
        condition: { StringEquals: { "App.Warp.Dev:Aud": STS } },
        token: { sub: PERSON, aud: "Sts.amazonaws.com" },
        guide: "Denied",
    },
]);
