/**
 * IAM User Guide, "IAM JSON policy elements: Condition operators": the `...IfExists` operators ("If the
 * policy key is present in the context of the request, process the key as specified in the policy. If
 * the key is not present, evaluate the condition element as true") and the `Null` condition operator
 * (`true`: the key does not exist; `false`: the key exists and its value is not null), on Warp's claims.
 */
import { PERSON, STS, conformanceSuite } from "./trust-support";

const SUB = "app.warp.dev:sub";
const AUD = "app.warp.dev:aud";

conformanceSuite("IAM JSON policy elements: Condition operators (...IfExists)", [
    {
        rule: "...IfExists: a key that is not present is true",
        condition: { StringEqualsIfExists: { [AUD]: STS } },
        token: { sub: PERSON },
        guide: "Allowed",
    },
    {
        rule: "...IfExists: a key that is present is processed as the operator says",
        condition: { StringEqualsIfExists: { [AUD]: STS } },
        token: { sub: PERSON, aud: "my-app" },
        guide: "Denied",
    },
    {
        rule: "...IfExists: a key that is present is processed as the operator says",
        condition: { StringEqualsIfExists: { [AUD]: STS } },
        token: { sub: PERSON, aud: STS },
        guide: "Allowed",
    },
    {
        rule: "...IfExists on a negated operator: a key that is not present is true",
        condition: { StringNotLikeIfExists: { [SUB]: "scoped_principal:TEAM_B/*" } },
        token: { aud: STS },
        guide: "Allowed",
    },
    {
        rule: "...IfExists on a negated operator: a present key is processed",
        condition: { StringNotLikeIfExists: { [SUB]: "scoped_principal:TEAM_A/*" } },
        token: { sub: PERSON, aud: STS },
        guide: "Denied",
    },
    {
        rule: "...IfExists guarded by Null false: the key must be present after all",
        condition: { StringEqualsIfExists: { [AUD]: STS }, Null: { [AUD]: "false" } },
        token: { sub: PERSON },
        guide: "Denied",
    },
]);

conformanceSuite("IAM JSON policy elements: Condition operators (Null)", [
    { rule: "Null true: the key does not exist", condition: { Null: { [SUB]: "true" } }, token: { aud: STS }, guide: "Allowed" },
    {
        rule: "Null true: the key does not exist",
        condition: { Null: { [SUB]: "true" } },
        token: { sub: PERSON, aud: STS },
        guide: "Denied",
    },
    { rule: "Null false: the key exists", condition: { Null: { [SUB]: "false" } }, token: { sub: PERSON, aud: STS }, guide: "Allowed" },
    { rule: "Null false: the key exists", condition: { Null: { [SUB]: "false" } }, token: { aud: STS }, guide: "Denied" },
]);
