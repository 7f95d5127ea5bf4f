/**
 * warp-trust-issuer-allowlist: only the allowed Warp issuers' tokens get in: not staging.warp.dev unless
 * allowed, and no other OIDC provider (GitHub, Cognito, a host that merely starts with app.warp.dev).
 * Happy path: the component's own policy; then one field changed per case.
 */
import * as assert from "assert";
import {
    GITHUB,
    PROD,
    STAGING,
    USERS,
    assertAdvisoryOnly,
    assertClean,
    componentPolicy,
    edit,
    exposure,
    judge,
    plus,
    providerArn,
    tokenOf,
    warpStatement,
} from "../../../tests/support/trust-fixtures";
import { trustIssuerAllowlist } from ".";
import { CLI_WORDS } from "../rule";

const RULE = trustIssuerAllowlist.name; // the module under test decides its findings (decidedBy in trust-fixtures)
const stagingPolicy = () => componentPolicy("staging.warp.dev");
const BOTH = { allowedTeamUids: ["TEAM_A"], allowedIssuers: ["app.warp.dev", "staging.warp.dev"] };

describe(`${RULE} (exposure)`, () => {
    it("passes the component's policy for the production issuer", () => {
        assertClean(judge(componentPolicy()));
    });

    describe("unsafe: another issuer's tokens get in", () => {
        it("the staging issuer when the stack does not allow it", () => {
            const f = exposure(judge(stagingPolicy()), RULE);
            const token = tokenOf(f.witness);
            assert.strictEqual(token.issuer, "staging.warp.dev");
            assert.strictEqual(token.aud, "sts.amazonaws.com");
            assert.ok(token.sub?.startsWith("scoped_principal:TEAM_A/"), token.sub);
            assert.ok(f.message.includes("allowed: app.warp.dev"), f.message);
            assert.ok(f.remediation.includes("allowedIssuers in the policy's config"), f.remediation);
            const cli = exposure(judge(stagingPolicy(), undefined, CLI_WORDS), RULE);
            assert.ok(cli.remediation.includes("--issuer") && !cli.remediation.includes("allowedIssuers"), cli.remediation);
        });

        it("a GitHub Actions provider beside Warp's: any repository gets in", () => {
            const doc = plus(componentPolicy(), {
                Effect: "Allow",
                Principal: { Federated: GITHUB },
                Action: "sts:AssumeRoleWithWebIdentity",
                Condition: {
                    StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" },
                    StringLike: { "token.actions.githubusercontent.com:sub": "repo:*" },
                },
            });
            const f = exposure(judge(doc), RULE);
            const token = tokenOf(f.witness);
            assert.strictEqual(token.issuer, "token.actions.githubusercontent.com");
            assert.ok(token.sub?.startsWith("repo:"), token.sub);
            assert.deepStrictEqual(f.statements, [2]);
            assert.ok(f.message.includes("token.actions.githubusercontent.com"), f.message);
        });

        it("a second provider in Warp's own statement without its own conditions is still kept out by Warp's keys", () => {
            // GitHub tokens carry no app.warp.dev:* keys, so Warp's conditions stop them: no exposure.
            const doc = edit(componentPolicy(), 0, { Principal: { Federated: [PROD, GITHUB] } });
            assert.deepStrictEqual(
                judge(doc).findings.filter((f) => f.rule === RULE),
                [],
            );
        });

        it("a Cognito identity pool with no aud pin", () => {
            const doc = plus(componentPolicy(), {
                Effect: "Allow",
                Principal: { Federated: "cognito-identity.amazonaws.com" },
                Action: "sts:AssumeRoleWithWebIdentity",
                Condition: { "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "authenticated" } },
            });
            const f = exposure(judge(doc), RULE);
            assert.strictEqual(tokenOf(f.witness).issuer, "cognito-identity.amazonaws.com");
            assert.ok(
                f.witness.assumes?.some((x) => x.includes("amr")),
                "the amr condition is not modelled, and the witness says so",
            );
        });

        it("a host that merely starts with app.warp.dev", () => {
            const host = "app.warp.dev.example.com";
            const doc = plus(componentPolicy(), {
                Effect: "Allow",
                Principal: { Federated: providerArn(host) },
                Action: "sts:AssumeRoleWithWebIdentity",
                Condition: { StringEquals: { [`${host}:aud`]: "sts.amazonaws.com" }, StringLike: { [`${host}:sub`]: USERS } },
            });
            const f = exposure(judge(doc), RULE);
            assert.strictEqual(tokenOf(f.witness).issuer, host);
            assert.ok(f.message.includes(`a token from ${host} `), f.message);
        });

        it('Principal "*" without conditions: any other OIDC issuer gets in', () => {
            const doc = edit(componentPolicy(), 0, { Principal: "*", Condition: undefined });
            const f = exposure(judge(doc), RULE, (w) => (w.request as { anyOtherIssuer?: boolean }).anyOtherIssuer === true);
            assert.ok(f.message.includes("any other OIDC issuer"), f.message);
        });

        it("staging keys under a Federated * statement admit staging tokens", () => {
            const doc = plus(componentPolicy(), {
                Effect: "Allow",
                Principal: { Federated: "*" },
                Action: "sts:AssumeRoleWithWebIdentity",
                Condition: { StringEquals: { "staging.warp.dev:aud": "sts.amazonaws.com" }, StringLike: { "staging.warp.dev:sub": USERS } },
            });
            assert.strictEqual(tokenOf(exposure(judge(doc), RULE).witness).issuer, "staging.warp.dev");
        });
    });

    describe("safe: only allowed issuers' tokens get in", () => {
        it("the staging issuer when the stack allows it", () => {
            assertClean(judge(stagingPolicy(), BOTH));
            assertClean(judge(plus(componentPolicy(), ...stagingPolicy().Statement.map((s) => ({ ...s, Sid: `Staging${s.Sid}` }))), BOTH));
        });

        it('Principal {"Federated": "*"} with Warp aud/sub conditions (a convention finding only)', () => {
            assertAdvisoryOnly(judge(edit(componentPolicy(), 0, { Principal: { Federated: "*" } })), "warp-trust-principal-form");
        });

        it("a Deny of another provider's tokens beside the component's statements gets no finding", () => {
            assertClean(
                judge(
                    plus(componentPolicy(), { Effect: "Deny", Principal: { Federated: STAGING }, Action: "sts:AssumeRoleWithWebIdentity" }),
                ),
            );
        });

        it("condition keys in another case name the same issuer (IAM matches key names without regard to case)", () => {
            assertClean(
                judge(
                    plus(
                        componentPolicy(),
                        warpStatement({
                            StringEquals: { "APP.WARP.DEV:aud": "sts.amazonaws.com" },
                            StringLike: { "app.warp.dev:SUB": USERS },
                        }),
                    ),
                ),
            );
        });
    });
});
