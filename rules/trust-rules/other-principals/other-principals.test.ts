/**
 * warp-trust-other-principals: a role Warp can assume is Bedrock access for the account, so no AWS
 * principal (this or another account), AWS service or SAML session may assume it too, whatever
 * conditions (sts:ExternalId, aws:PrincipalOrgID) narrow them. Happy path: the component's own policy;
 * then one statement added or one field changed per case.
 */
import * as assert from "assert";
import type { WitnessRequest } from "../../trust/witness";
import {
    OTHER_ACCOUNT,
    PROD,
    assertAdvisoryOnly,
    assertClean,
    componentPolicy,
    edit,
    exposure,
    exposures,
    judge,
    plus,
} from "../../../tests/support/trust-fixtures";
import { trustOtherPrincipals } from ".";

const RULE = trustOtherPrincipals.name; // the module under test decides its findings (decidedBy in trust-fixtures)
const also = (statement: Record<string, unknown>) => plus(componentPolicy(), { Effect: "Allow", Action: "sts:AssumeRole", ...statement });
const kind = (k: WitnessRequest["kind"]) => (w: { request: WitnessRequest }) => w.request.kind === k;

describe(`${RULE} (exposure)`, () => {
    it("passes the component's policy", () => {
        assertClean(judge(componentPolicy()));
    });

    describe("aws:PrincipalArn: the witness is a principal whose ARN matches, not the account root", () => {
        const matches = (pattern: string, arn: string) =>
            new RegExp(
                `^${pattern
                    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
                    .replace(/\*/g, "[^]*")
                    .replace(/\?/g, "[^]")}$`,
            ).test(arn);
        for (const [principal, op, pattern] of [
            ["*", "ArnLike", "arn:aws:iam::111122223333:role/warp-*"],
            [{ AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` }, "StringLike", `arn:aws:iam::${OTHER_ACCOUNT}:role/ci-*`],
            [{ AWS: OTHER_ACCOUNT }, "ArnEquals", `arn:aws:iam::${OTHER_ACCOUNT}:user/deployer`],
        ] as const) {
            it(`${JSON.stringify(principal)} with ${op} ${pattern}`, () => {
                const f = exposures(judge(also({ Principal: principal, Condition: { [op]: { "aws:PrincipalArn": pattern } } })), RULE).find(
                    (x) => x.witness.request.kind === "aws",
                );
                assert.ok(f !== undefined);
                const r = f.witness.request as Extract<WitnessRequest, { kind: "aws" }>;
                assert.ok(!r.principal.endsWith(":root") && matches(pattern, r.principal), r.principal);
                assert.strictEqual(f.witness.assumes, undefined);
            });
        }

        it("a pattern no principal of the named account matches lets no AWS principal in", () => {
            const a = judge(
                also({
                    Principal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` },
                    Condition: { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::111122223333:role/*" } },
                }),
            );
            assert.deepStrictEqual(
                a.findings.filter((f) => f.rule === RULE),
                [],
            );
        });
    });

    describe("unsafe: someone besides Warp's tokens gets in", () => {
        it("another account's root", () => {
            const f = exposure(judge(also({ Principal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` } })), RULE);
            assert.deepStrictEqual(f.witness.request, {
                kind: "aws",
                principal: `arn:aws:iam::${OTHER_ACCOUNT}:root`,
                account: OTHER_ACCOUNT,
            });
            assert.strictEqual(f.witness.action, "sts:AssumeRole");
            assert.ok(f.message.includes(`any principal in account ${OTHER_ACCOUNT}`), f.message);
            assert.deepStrictEqual(f.statements, [2]);
            assert.strictEqual(f.statementIndex, 2);
        });

        it("another account by bare ID, with sts:ExternalId (still someone else; the witness names the assumption)", () => {
            const f = exposure(
                judge(also({ Principal: { AWS: OTHER_ACCOUNT }, Condition: { StringEquals: { "sts:ExternalId": "shared-secret" } } })),
                RULE,
            );
            assert.strictEqual((f.witness.request as { account?: string }).account, OTHER_ACCOUNT);
            assert.ok(
                f.witness.assumes?.some((x) => x.includes("sts:ExternalId")),
                JSON.stringify(f.witness),
            );
            assert.ok(f.message.includes("sts:ExternalId"), f.message);
            assert.ok(f.remediation.includes("sts:ExternalId"), "the fix says such conditions do not make it safe");
        });

        it("another account's role, without sts:ExternalId", () => {
            const principal = `arn:aws:iam::${OTHER_ACCOUNT}:role/ci-deployer`;
            const f = exposure(judge(also({ Principal: { AWS: principal } })), RULE);
            assert.strictEqual((f.witness.request as { principal: string }).principal, principal);
            assert.ok(f.message.includes(`the AWS principal ${principal}`), f.message);
        });

        it("this account's root", () => {
            const f = exposure(judge(also({ Principal: { AWS: "arn:aws:iam::123456789012:root" } })), RULE);
            assert.strictEqual((f.witness.request as { account?: string }).account, "123456789012");
        });

        it('Principal "*" narrowed only by aws:PrincipalOrgID: any AWS principal and any service', () => {
            const found = exposures(
                judge(also({ Principal: "*", Condition: { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } } })),
                RULE,
            );
            const aws = found.find((f) => kind("aws")(f.witness));
            assert.ok(aws && (aws.witness.request as { anyPrincipal?: boolean }).anyPrincipal === true, JSON.stringify(found));
            assert.ok(aws.witness.assumes?.some((x) => x.includes("aws:PrincipalOrgID")));
            assert.ok(aws.message.includes("any AWS principal"), aws.message);
        });

        it("a service principal", () => {
            const f = exposure(judge(also({ Principal: { Service: "lambda.amazonaws.com" } })), RULE);
            assert.deepStrictEqual(f.witness.request, { kind: "service", service: "lambda.amazonaws.com" });
            assert.ok(f.message.includes("the AWS service lambda.amazonaws.com"), f.message);
        });

        it("a SAML provider", () => {
            const provider = "arn:aws:iam::123456789012:saml-provider/Okta";
            const f = exposure(judge(also({ Principal: { Federated: provider }, Action: "sts:AssumeRoleWithSAML" })), RULE);
            assert.deepStrictEqual(f.witness.request, { kind: "saml", provider });
            assert.strictEqual(f.witness.action, "sts:AssumeRoleWithSAML");
            assert.ok(f.message.includes(`a SAML session from ${provider}`), f.message);
        });

        it('{"AWS": "*"} with NotAction: every principal kind, one finding per way out', () => {
            const found = exposures(
                judge(also({ Principal: { AWS: "*" }, Action: undefined, NotAction: "sts:AssumeRoleWithWebIdentity" })),
                RULE,
            );
            const kinds = new Set(found.map((f) => f.witness.request.kind));
            assert.ok(kinds.has("aws") && kinds.has("service") && kinds.has("saml"), [...kinds].join(", "));
            assert.ok(found.every((f) => f.statements?.[0] === 2));
        });

        it("AWS principals beside Warp's provider in Warp's statement, with conditions AWS requests do not carry unless IfExists", () => {
            const doc = edit(componentPolicy(), 0, {
                Principal: { Federated: PROD, AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` },
                Action: ["sts:AssumeRoleWithWebIdentity", "sts:AssumeRole"],
                Condition: {
                    StringEqualsIfExists: { "app.warp.dev:aud": "sts.amazonaws.com" },
                    StringLikeIfExists: { "app.warp.dev:sub": "scoped_principal:TEAM_A/user:*" },
                },
            });
            exposure(judge(doc), RULE, kind("aws"));
        });
    });

    describe("safe: only Warp's tokens get in", () => {
        it("a Deny of all AWS principals gets no finding", () => {
            assertClean(judge(plus(componentPolicy(), { Effect: "Deny", Principal: { AWS: "*" }, Action: "sts:AssumeRole" })));
        });

        it("a Deny of all AWS principals cancels an Allow of another account", () => {
            const doc = plus(also({ Principal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` } }), {
                Effect: "Deny",
                Principal: { AWS: "*" },
                Action: "sts:AssumeRole",
            });
            assert.deepStrictEqual(
                judge(doc).findings.filter((f) => f.rule === RULE),
                [],
            );
        });

        it("sts:SetSourceIdentity and sts:TagSession next to web identity for Warp's provider", () => {
            assertClean(
                judge(edit(componentPolicy(), 0, { Action: ["sts:AssumeRoleWithWebIdentity", "sts:SetSourceIdentity", "sts:TagSession"] })),
            );
        });

        it("another account's principal beside Warp's provider, kept out by Warp's conditions (a convention finding only)", () => {
            const doc = edit(componentPolicy(), 0, { Principal: { Federated: PROD, AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` } });
            assertAdvisoryOnly(judge(doc), "warp-trust-principal-form");
        });

        it('Principal "*" with Warp aud/sub conditions and sts:AssumeRole (convention findings only)', () => {
            const doc = edit(componentPolicy(), 0, { Principal: "*", Action: ["sts:AssumeRoleWithWebIdentity", "sts:AssumeRole"] });
            assertAdvisoryOnly(judge(doc), "warp-trust-principal-form", "warp-trust-action-form");
        });

        it("session tagging alone for another account lets no one assume the role", () => {
            assertClean(judge(also({ Principal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` }, Action: "sts:TagSession" })));
        });
    });
});
