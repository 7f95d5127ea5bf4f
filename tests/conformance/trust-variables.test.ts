/**
 * IAM User Guide, "IAM policy elements: Variables and tags" (using variables, policy variables with no
 * value, specifying default values, special characters) and "IAM JSON policy elements: Version" (under
 * 2008-10-17, or with no Version, "variables such as ${aws:username} aren't recognized as variables and
 * are instead treated as literal strings"), for the keys an AssumeRoleWithWebIdentity request carries:
 * a Warp token's `<host>:aud` and `<host>:sub`; principal tags only come with signed requests ("AWS
 * global condition context keys", aws:PrincipalTag), so a web identity request never carries them.
 */
import { PERSON, STS, conformanceSuite } from "./trust-support";

const SUB = "app.warp.dev:sub";
const AUD = "app.warp.dev:aud";

conformanceSuite("IAM policy elements: Variables and tags", [
    {
        rule: "a variable is replaced with the value of the key it names: the aud key's own value matches itself",
        condition: { StringEquals: { [AUD]: "${app.warp.dev:aud}" } },
        token: { sub: PERSON, aud: "my-app" },
        guide: "Allowed",
    },
    {
        rule: "a variable of the condition's own key, with the key missing: the condition is false",
        condition: { StringEquals: { [AUD]: "${app.warp.dev:aud}" } },
        token: { sub: PERSON },
        guide: "Denied",
    },
    {
        rule: "specifying default values: the default stands for a key the request does not carry",
        condition: { StringLike: { [SUB]: "scoped_principal:${aws:PrincipalTag/team, 'TEAM_A'}/user:*" } },
        token: { sub: PERSON, aud: STS },
        guide: "Allowed",
    },
    {
        rule: "specifying default values: only the default",
        condition: { StringLike: { [SUB]: "scoped_principal:${aws:PrincipalTag/team, 'TEAM_A'}/user:*" } },
        token: { sub: "scoped_principal:TEAM_B/user:bob", aud: STS },
        guide: "Denied",
    },
    {
        rule: "policy variables with no value: StringLike does not match",
        condition: { StringLike: { [SUB]: "scoped_principal:${aws:PrincipalTag/team}/user:*" } },
        token: { sub: PERSON, aud: STS },
        guide: "Denied",
    },
    {
        rule: "policy variables with no value: StringEquals does not match, the other values still do",
        condition: { StringEquals: { [AUD]: ["${aws:PrincipalTag/aud}", STS] } },
        token: { sub: PERSON, aud: STS },
        guide: "Allowed",
    },
    {
        rule: "policy variables with no value: inverted operators (StringNotEquals) match against a null value",
        condition: { StringNotEquals: { [AUD]: "${aws:PrincipalTag/aud}" } },
        token: { sub: PERSON, aud: STS },
        guide: "Allowed",
        simulator: { says: "Denied", why: "it reads a variable of no value as an error that fails every operator, negated ones too" },
    },
    {
        rule: "policy variables with no value: inverted operators (StringNotLike) match against a null value",
        condition: { StringNotLike: { [SUB]: "${aws:PrincipalTag/project}*" } },
        token: { sub: PERSON, aud: STS },
        guide: "Allowed",
        simulator: { says: "Denied", why: "it reads a variable of no value as an error that fails every operator, negated ones too" },
    },
    {
        rule: "special characters: ${*} is a literal asterisk under StringLike",
        condition: { StringLike: { [AUD]: "my-app${*}" } },
        token: { sub: PERSON, aud: "my-app*" },
        guide: "Allowed",
    },
    {
        rule: "special characters: ${*} is a literal asterisk under StringLike, not a wildcard",
        condition: { StringLike: { [AUD]: "my-app${*}" } },
        token: { sub: PERSON, aud: "my-app2" },
        guide: "Denied",
    },
    {
        rule: "special characters: ${*} can be used in any string where regular policy variables can (StringEquals)",
        condition: { StringEquals: { [AUD]: "my-app${*}" } },
        token: { sub: PERSON, aud: "my-app*" },
        guide: "Allowed",
        simulator: { says: "Denied", why: "it substitutes the special characters only under StringLike" },
    },
    {
        rule: "special characters: ${?} is a literal question mark under StringLike",
        condition: { StringLike: { [AUD]: "my-app${?}" } },
        token: { sub: PERSON, aud: "my-app2" },
        guide: "Denied",
    },
    {
        rule: "special characters: ${$} is a literal dollar sign",
        condition: { StringLike: { [AUD]: "my-app${$}" } },
        token: { sub: PERSON, aud: "my-app$" },
        guide: "Allowed",
    },
]);

conformanceSuite("IAM JSON policy elements: Version", [
    {
        rule: "2008-10-17: a variable is literal text",
        version: "2008-10-17",
        condition: { StringEquals: { [AUD]: "${app.warp.dev:aud}" } },
        token: { sub: PERSON, aud: "${app.warp.dev:aud}" },
        guide: "Allowed",
    },
    {
        rule: "2008-10-17: a variable is literal text, not the request's value",
        version: "2008-10-17",
        condition: { StringEquals: { [AUD]: "${app.warp.dev:aud}" } },
        token: { sub: PERSON, aud: "my-app" },
        guide: "Denied",
        simulator: { says: "Allowed", why: "it replaces variables under every Version" },
    },
    {
        rule: "no Version (read as 2008-10-17): a variable is literal text, not the request's value",
        version: null,
        condition: { StringEquals: { [AUD]: "${app.warp.dev:aud}" } },
        token: { sub: PERSON, aud: "my-app" },
        guide: "Denied",
        simulator: { says: "Allowed", why: "it replaces variables under every Version" },
    },
    {
        rule: "2008-10-17: a default is literal text too",
        version: "2008-10-17",
        condition: { StringLike: { [SUB]: "scoped_principal:${aws:PrincipalTag/team, 'TEAM_A'}/user:*" } },
        token: { sub: PERSON, aud: STS },
        guide: "Denied",
        simulator: { says: "Allowed", why: "it replaces variables under every Version" },
    },
]);
