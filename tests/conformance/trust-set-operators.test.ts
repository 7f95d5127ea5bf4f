/**
 * IAM User Guide, "Set operators for multivalued context keys" (and "Single-valued vs. multivalued
 * context keys"): `ForAllValues:` is true when every value in the request matches, and also "if there
 * are no context keys in the request"; `ForAnyValue:` is true when at least one value matches, and false
 * when the key is missing. A Warp token's sub and aud are single-valued: one value, or none.
 */
import { PERSON, STS, conformanceSuite } from "./trust-support";

const SUB = "app.warp.dev:sub";
const AUD = "app.warp.dev:aud";

conformanceSuite("Set operators for multivalued context keys", [
    {
        rule: "ForAllValues: true when the key is missing from the request",
        condition: { "ForAllValues:StringEquals": { [SUB]: "scoped_principal:TEAM_B/user:bob" } },
        token: { aud: STS },
        guide: "Allowed",
    },
    {
        rule: "ForAllValues: every value in the request matches some policy value",
        condition: { "ForAllValues:StringLike": { [SUB]: "scoped_principal:TEAM_A/*" } },
        token: { sub: PERSON, aud: STS },
        guide: "Allowed",
    },
    {
        rule: "ForAllValues: a value that matches no policy value",
        condition: { "ForAllValues:StringLike": { [SUB]: "scoped_principal:TEAM_A/*" } },
        token: { sub: "scoped_principal:TEAM_B/user:bob", aud: STS },
        guide: "Denied",
    },
    {
        rule: "ForAnyValue: false when the key is missing from the request",
        condition: { "ForAnyValue:StringEquals": { [AUD]: STS } },
        token: { sub: PERSON },
        guide: "Denied",
    },
    {
        rule: "ForAnyValue: at least one value in the request matches",
        condition: { "ForAnyValue:StringEquals": { [AUD]: ["my-app", STS] } },
        token: { sub: PERSON, aud: STS },
        guide: "Allowed",
    },
    {
        rule: "ForAnyValue: no value in the request matches",
        condition: { "ForAnyValue:StringEquals": { [AUD]: STS } },
        token: { sub: PERSON, aud: "my-app" },
        guide: "Denied",
    },
    {
        rule: "ForAllValues with a negated operator: every value is unlike the policy's",
        condition: { "ForAllValues:StringNotLike": { [SUB]: "scoped_principal:TEAM_B/*" } },
        token: { sub: PERSON, aud: STS },
        guide: "Allowed",
    },
]);
