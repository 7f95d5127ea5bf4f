/**
 * warp-trust-broken-role (convention): a role that names a Warp issuer but admits no intended token
 * (conditions on another issuer's keys, an impossible condition, a Deny over every Allow) is reported,
 * so Warp's AccessDenied has an explanation; it admits no outsider either, so it is advisory.
 */
import * as assert from "assert";
import {
    AUD,
    GITHUB,
    OTHER_ACCOUNT,
    PROD,
    USERS,
    assertAdvisoryOnly,
    assertClean,
    componentPolicy,
    edit,
    exposures,
    judge,
    mandatory,
    ofRule,
    peoplePolicy,
    plus,
    withCondition,
} from "../../../tests/support/trust-fixtures";
import { trustBrokenRole } from ".";

const RULE = trustBrokenRole.name; // the module under test decides its findings (decidedBy in trust-fixtures)

function broken(policy: unknown) {
    const a = judge(policy);
    assert.strictEqual(a.answer.broken, true);
    assert.ok(a.answer.mentionsWarp);
    assert.strictEqual(
        ofRule(a.findings, RULE).filter((f) => f.message.includes("admits no intended token")).length,
        1,
        JSON.stringify(a.findings),
    );
    return a;
}

describe(`${RULE} (convention)`, () => {
    it("passes the component's policy", () => {
        const a = judge(componentPolicy());
        assert.strictEqual(a.answer.broken, false);
        assertClean(a);
    });

    it("names an own-account root allowed AssumeRoleWithWebIdentity on Warp's keys beside a working statement", () => {
        // The call comes only with a web identity token, whose principal is the provider, so no request meets it.
        const root = { ...componentPolicy().Statement[0], Sid: "OwnRoot", Principal: { AWS: "arn:aws:iam::111122223333:root" } };
        const a = judge(plus(componentPolicy(), root));
        assert.strictEqual(a.answer.broken, false);
        const f = ofRule(a.findings, RULE);
        assert.strictEqual(f.length, 1, JSON.stringify(a.findings));
        assert.match(f[0].message, /can never admit anyone: it allows sts:AssumeRoleWithWebIdentity to a principal that is not Federated/);
        assert.deepStrictEqual(mandatory(a.findings), []);
    });

    it("is silent on a working role of a Warp issuer the stack does not allow (issuer-allowlist reports it)", () => {
        // Its staging tokens get in, so "admits no intended token" would be untrue for them (issue 22).
        const a = judge(componentPolicy("staging.warp.dev"));
        assert.strictEqual(a.answer.broken, true, "no token of an allowed issuer gets in");
        assert.deepStrictEqual(ofRule(a.findings, RULE), []);
        assert.strictEqual(mandatory(a.findings)[0]?.rule, "warp-trust-issuer-allowlist");
    });

    it("conditions on another issuer's keys (production provider, staging keys)", () => {
        const a = broken(
            withCondition(peoplePolicy(), 0, {
                StringEquals: { "staging.warp.dev:aud": "sts.amazonaws.com" },
                StringLike: { "staging.warp.dev:sub": USERS },
            }),
        );
        assertAdvisoryOnly(a, RULE);
        assert.strictEqual(a.answer.warpTrusted, false);
    });

    it("an impossible condition: StringEquals on a wildcard matches no real subject", () => {
        assertAdvisoryOnly(broken(withCondition(peoplePolicy(), 0, { StringEquals: { ...AUD, "app.warp.dev:sub": USERS } })), RULE);
    });

    it("a Deny that covers every Allow", () => {
        assertAdvisoryOnly(
            broken(plus(componentPolicy(), { Effect: "Deny", Principal: { Federated: PROD }, Action: "sts:AssumeRoleWithWebIdentity" })),
            RULE,
        );
    });

    it("an actor type Warp does not mint (admin)", () => {
        assertAdvisoryOnly(
            broken(
                withCondition(peoplePolicy(), 0, {
                    StringEquals: AUD,
                    StringLike: { "app.warp.dev:sub": "scoped_principal:TEAM_A/admin:*" },
                }),
            ),
            RULE,
        );
    });

    it("only another team: broken for this stack, and an exposure", () => {
        const a = broken(
            withCondition(peoplePolicy(), 0, { StringEquals: AUD, StringLike: { "app.warp.dev:sub": "scoped_principal:TEAM_B/user:*" } }),
        );
        exposures(a, "warp-trust-team-allowlist");
    });

    describe("keys a web identity request never carries: IAM evaluates them as missing, deterministically", () => {
        const sub = (key: string, op = "StringLike") => withCondition(peoplePolicy(), 0, { StringEquals: AUD, [op]: { [key]: USERS } });
        const typo = (policy: unknown, ...fragments: string[]) => {
            const a = broken(policy);
            assertAdvisoryOnly(a, RULE);
            const located = ofRule(a.findings, RULE);
            for (const text of fragments) {
                assert.ok(
                    located.some((f) => f.message.includes(text)),
                    `${text} not in ${JSON.stringify(ofRule(a.findings, RULE))}`,
                );
            }
            return a;
        };

        it("the provider URL pasted as the key: no exposure, the likely key named", () => {
            typo(sub("https://app.warp.dev:sub"), "admits no Warp token", 'did you mean "app.warp.dev:sub"?');
        });

        it("a key with a trailing space", () => {
            typo(sub("app.warp.dev:sub "), "holds whitespace", 'did you mean "app.warp.dev:sub"?');
        });

        it("a claim IAM does not document for a custom OIDC provider (email)", () => {
            typo(
                withCondition(peoplePolicy(), 0, {
                    StringEquals: { ...AUD, "app.warp.dev:email": "a@example.com" },
                    StringLike: { "app.warp.dev:sub": USERS },
                }),
                "app.warp.dev:email",
            );
        });

        for (const key of ["aws:PrincipalTag/team", "aws:PrincipalOrgID", "aws:MultiFactorAuthPresent"]) {
            it(`${key} on AssumeRoleWithWebIdentity: only signed requests carry it`, () => {
                const op = key === "aws:MultiFactorAuthPresent" ? "Bool" : "StringEquals";
                const value = key === "aws:MultiFactorAuthPresent" ? "true" : "x";
                typo(
                    withCondition(peoplePolicy(), 0, {
                        StringEquals: AUD,
                        StringLike: { "app.warp.dev:sub": USERS },
                        [op]: { [key]: value },
                    }),
                    key,
                    "never in an AssumeRoleWithWebIdentity request",
                );
            });
        }

        it("beside a working statement: the role works, and the dead statement gets its own finding", () => {
            const doc = plus(componentPolicy(), {
                Sid: "Typo",
                Effect: "Allow",
                Principal: { Federated: PROD },
                Action: "sts:AssumeRoleWithWebIdentity",
                Condition: { StringEquals: { "https://app.warp.dev:aud": "sts.amazonaws.com" }, StringLike: { "app.warp.dev:sub": USERS } },
            });
            const a = judge(doc);
            assert.strictEqual(a.answer.broken, false);
            assertAdvisoryOnly(a, RULE);
            const [f] = ofRule(a.findings, RULE);
            assert.strictEqual(f.statementIndex, 2);
            assert.ok(f.message.includes('did you mean "app.warp.dev:aud"?'), f.message);
        });

        for (const op of ["StringEquals", "StringLike"]) {
            it(`\${*} in a ${op} value is a literal star, which no Warp subject holds: broken, no exposure`, () => {
                const a = broken(
                    withCondition(peoplePolicy(), 0, {
                        StringEquals: AUD,
                        [op]: { "app.warp.dev:sub": "scoped_principal:TEAM_A/user:${*}" },
                    }),
                );
                assertAdvisoryOnly(a, RULE);
                assert.deepStrictEqual(a.answer.assumptions, []);
            });
        }

        it("ArnLike on sub: a Warp sub is not an ARN, so it never matches", () => {
            const a = broken(sub("app.warp.dev:sub", "ArnLike"));
            assertAdvisoryOnly(a, RULE);
            assert.ok(ofRule(a.findings, RULE)[0].message.includes("compares ARNs"));
        });

        it("the same key in a Deny covers every token: the role is broken, and nothing is unknown", () => {
            const doc = plus(componentPolicy(), {
                Effect: "Deny",
                Principal: { Federated: PROD },
                Action: "*",
                Condition: { StringNotEquals: { "aws:PrincipalOrgID": "o-abc123" } },
            });
            const a = broken(doc);
            assertAdvisoryOnly(a, RULE);
            assert.deepStrictEqual(a.answer.assumptions, []);
            assert.ok(ofRule(a.findings, RULE).some((f) => f.message.includes("Statement[2] refuses every Warp token")));
        });

        it("IfExists on a missing key holds: the statement is unchanged, and no finding", () => {
            assertClean(
                judge(
                    withCondition(peoplePolicy(), 0, {
                        StringEquals: AUD,
                        StringLike: { "app.warp.dev:sub": USERS },
                        StringEqualsIfExists: { "aws:PrincipalOrgID": "o-1" },
                    }),
                ),
            );
        });
    });

    describe("a role meant for Warp is judged for everyone who gets in, even when no Warp token does", () => {
        const brokenWarp = withCondition(peoplePolicy(), 0, { StringEquals: AUD, StringLike: { "https://app.warp.dev:sub": USERS } });
        const beside: Array<[string, Record<string, unknown>]> = [
            ["a service", { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
            [
                "another account's root",
                { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` }, Action: "sts:AssumeRole" },
            ],
            [
                "any GitHub repository",
                {
                    Effect: "Allow",
                    Principal: { Federated: GITHUB },
                    Action: "sts:AssumeRoleWithWebIdentity",
                    Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" } },
                },
            ],
        ];
        for (const [who, statement] of beside) {
            it(`a broken Warp statement beside ${who}: an exposure with its witness`, () => {
                const a = judge(plus(brokenWarp, statement));
                assert.strictEqual(a.answer.warpTrusted, false);
                const found = mandatory(a.findings).filter((f) => f.tier === "exposure");
                assert.ok(found.length > 0 && found.every((f) => f.witness !== undefined), JSON.stringify(a.findings));
            });
        }

        it("lint's --team says a role naming no Warp issuer is meant for Warp", () => {
            const doc = { Version: "2012-10-17", Statement: [beside[0][1]] };
            assert.deepStrictEqual(judge(doc).findings, []);
            const a = judge(doc, { allowedTeamUids: ["TEAM_A"], meantForWarp: true });
            assert.ok(mandatory(a.findings).some((f) => f.rule === "warp-trust-other-principals"));
            assert.ok(ofRule(a.findings, RULE).length > 0);
        });
    });

    describe("provider ARNs: the role's account and the exact ARN", () => {
        const federated = (Federated: string) => edit(peoplePolicy(), 0, { Principal: { Federated } });

        it("another account's provider for app.warp.dev admits no Warp token when the account is known", () => {
            const doc = federated(`arn:aws:iam::${OTHER_ACCOUNT}:oidc-provider/app.warp.dev`);
            const a = judge(doc, { allowedTeamUids: ["TEAM_A"], account: "123456789012" });
            assert.strictEqual(a.answer.warpTrusted, false);
            assert.ok(ofRule(a.findings, RULE)[0].message.includes(`a provider of account ${OTHER_ACCOUNT}`));
        });

        it("without an account, the one of the document's Warp provider is assumed, and the answer says so", () => {
            const a = judge(federated(`arn:aws:iam::${OTHER_ACCOUNT}:oidc-provider/app.warp.dev`));
            assert.strictEqual(a.answer.warpTrusted, true);
            assert.strictEqual(a.answer.accountAssumed, OTHER_ACCOUNT);
        });

        it("a bare host or a trailing slash is not Warp's provider", () => {
            for (const [entry, why] of [
                ["app.warp.dev", "is not a provider ARN"],
                [`${PROD}/`, "does not name the provider exactly"],
            ]) {
                const a = broken(federated(entry));
                assert.strictEqual(a.answer.warpTrusted, false);
                assert.ok(ofRule(a.findings, RULE)[0].message.includes(why), JSON.stringify(a.findings));
            }
        });
    });

    describe("a statement that can never admit anyone, beside working ones, is named", () => {
        const ROOT = "arn:aws:iam::123456789012:root";

        it("the own account's root with Warp's keys: an AWS request never carries them", () => {
            const a = judge(
                plus(componentPolicy(), {
                    Effect: "Allow",
                    Principal: { AWS: ROOT },
                    Action: "sts:AssumeRole",
                    Condition: { StringEquals: AUD },
                }),
            );
            assert.strictEqual(a.answer.broken, false);
            assertAdvisoryOnly(a, RULE);
            const [f] = ofRule(a.findings, RULE);
            assert.strictEqual(f.statementIndex, 2);
            assert.ok(f.message.includes("can never admit anyone") && f.message.includes("app.warp.dev:aud"), f.message);
            assert.ok(f.message.includes("belongs to an OIDC issuer"), f.message);
        });

        it("the same root statement without Warp's keys admits the account: an exposure, not a dead statement", () => {
            const a = judge(plus(componentPolicy(), { Effect: "Allow", Principal: { AWS: ROOT }, Action: "sts:AssumeRole" }));
            assert.deepStrictEqual(ofRule(a.findings, RULE), []);
            exposures(a, "warp-trust-other-principals");
        });

        it("a subject UID longer than 64 characters: Warp never mints it", () => {
            const long = "a".repeat(65);
            const a = judge(
                plus(componentPolicy(), {
                    Effect: "Allow",
                    Principal: { Federated: PROD },
                    Action: "sts:AssumeRoleWithWebIdentity",
                    Condition: { StringEquals: { ...AUD, "app.warp.dev:sub": `scoped_principal:TEAM_A/service_account:${long}` } },
                }),
            );
            assert.strictEqual(a.answer.broken, false);
            assertAdvisoryOnly(a, RULE);
            const [f] = ofRule(a.findings, RULE);
            assert.strictEqual(f.statementIndex, 2);
            assert.ok(f.message.includes("a UID of 65 characters") && f.message.includes("at most 64"), f.message);
        });

        it("a 64-character UID is Warp's: no finding", () => {
            const uid = "a".repeat(64);
            assertClean(
                judge(
                    withCondition(peoplePolicy(), 0, {
                        StringEquals: { ...AUD, "app.warp.dev:sub": `scoped_principal:TEAM_A/user:${uid}` },
                    }),
                ),
            );
        });

        it("alone, a long UID leaves the role broken, and the advisory says why", () => {
            const a = broken(
                withCondition(peoplePolicy(), 0, {
                    StringEquals: { ...AUD, "app.warp.dev:sub": `scoped_principal:${"T".repeat(70)}/user:*` },
                }),
            );
            assertAdvisoryOnly(a, RULE);
            assert.ok(ofRule(a.findings, RULE)[0].message.includes("a UID of 70 characters"), JSON.stringify(a.findings));
        });

        it("a policy variable with no value (aws:PrincipalTag on a web identity request) beside a working statement", () => {
            const a = judge(
                plus(componentPolicy(), {
                    Effect: "Allow",
                    Principal: { Federated: PROD },
                    Action: "sts:AssumeRoleWithWebIdentity",
                    Condition: {
                        StringEquals: AUD,
                        StringLike: { "app.warp.dev:sub": "scoped_principal:${aws:PrincipalTag/team}/user:*" },
                    },
                }),
            );
            assertAdvisoryOnly(a, RULE);
            assert.deepStrictEqual(
                ofRule(a.findings, RULE).map((f) => f.statementIndex),
                [2],
            );
        });
    });

    it("says nothing about a role that does not name Warp", () => {
        assert.deepStrictEqual(judge({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Principal: "*", Action: "*" }] }).findings, []);
    });
});
