/**
 * warp-trust-audience: a token an allowed Warp issuer minted for another relying party (or with no aud)
 * must not get in. Happy path: the component's own policy; then one field changed per case.
 */
import * as assert from "assert";
import {
    AUD,
    USERS,
    assertAdvisoryOnly,
    assertClean,
    componentPolicy,
    edit,
    exposure,
    judge,
    ofRule,
    plus,
    tokenOf,
    withCondition,
} from "../../../tests/support/trust-fixtures";
import { trustAudience } from ".";

const RULE = trustAudience.name; // the module under test decides its findings (decidedBy in trust-fixtures)
const people = (condition: Record<string, unknown>) => withCondition(componentPolicy(), 0, condition);

describe(`${RULE} (exposure)`, () => {
    it("passes the component's policy", () => {
        assertClean(judge(componentPolicy()));
    });

    describe("unsafe: a token with another aud gets in", () => {
        it("no aud condition: a token with any aud, with the witness as data and in the message", () => {
            const f = exposure(judge(people({ StringLike: { "app.warp.dev:sub": USERS } })), RULE);
            const token = tokenOf(f.witness);
            assert.strictEqual(token.issuer, "app.warp.dev");
            assert.notStrictEqual(token.aud, "sts.amazonaws.com");
            assert.ok(token.sub?.startsWith("scoped_principal:TEAM_A/user:"), "the witness is otherwise an intended token");
            assert.deepStrictEqual(f.statements, [0]);
            assert.strictEqual(f.sid, "WarpTeamPeople");
            assert.ok(f.remediation.includes('"StringEquals": {"app.warp.dev:aud": "sts.amazonaws.com"}'), f.remediation);
        });

        it("aud pinned to another client ID", () => {
            const f = exposure(
                judge(people({ StringEquals: { "app.warp.dev:aud": "my-app" }, StringLike: { "app.warp.dev:sub": USERS } })),
                RULE,
            );
            assert.strictEqual(tokenOf(f.witness).aud, "my-app");
            assert.ok(f.message.includes('aud "my-app"'), f.message);
        });

        it("a second allowed aud beside sts.amazonaws.com", () => {
            const f = exposure(
                judge(
                    people({
                        StringEquals: { "app.warp.dev:aud": ["sts.amazonaws.com", "my-app"] },
                        StringLike: { "app.warp.dev:sub": USERS },
                    }),
                ),
                RULE,
            );
            assert.strictEqual(tokenOf(f.witness).aud, "my-app");
        });

        it("StringLike sts.amazonaws.com* reaches look-alike audiences", () => {
            const f = exposure(
                judge(people({ StringLike: { "app.warp.dev:aud": "sts.amazonaws.com*", "app.warp.dev:sub": USERS } })),
                RULE,
            );
            const aud = tokenOf(f.witness).aud ?? "";
            assert.ok(aud.startsWith("sts.amazonaws.com") && aud !== "sts.amazonaws.com", aud);
        });

        it("StringEqualsIgnoreCase admits other spellings", () => {
            const f = exposure(
                judge(
                    people({
                        StringEqualsIgnoreCase: { "app.warp.dev:aud": "sts.amazonaws.com" },
                        StringLike: { "app.warp.dev:sub": USERS },
                    }),
                ),
                RULE,
            );
            const aud = tokenOf(f.witness).aud ?? "";
            assert.ok(aud.toLowerCase() === "sts.amazonaws.com" && aud !== "sts.amazonaws.com", aud);
        });

        it("StringEqualsIfExists admits a token without aud (witness has no aud)", () => {
            const a = judge(people({ StringEqualsIfExists: AUD, StringLike: { "app.warp.dev:sub": USERS } }));
            const f = exposure(a, RULE);
            assert.strictEqual(tokenOf(f.witness).aud, undefined);
            assert.ok(f.message.includes("no aud claim"), f.message);
            assert.strictEqual(ofRule(a.findings, "warp-trust-subject-form")[0]?.level, "advisory");
        });

        it("a negated aud condition (StringNotEquals some other client) admits every other aud", () => {
            const f = exposure(
                judge(people({ StringNotEquals: { "app.warp.dev:aud": "my-app" }, StringLike: { "app.warp.dev:sub": USERS } })),
                RULE,
            );
            assert.notStrictEqual(tokenOf(f.witness).aud, "sts.amazonaws.com");
        });

        it("one finding per way out: only the statement that lacks aud is named", () => {
            const doc = edit(componentPolicy(), 1, {
                Condition: { StringEquals: { "app.warp.dev:sub": "scoped_principal:TEAM_A/service_account:sa1" } },
            });
            const f = exposure(judge(doc), RULE);
            assert.deepStrictEqual(f.statements, [1]);
            assert.strictEqual(f.sid, "WarpTeamNamedAgents");
        });
    });

    describe('policy variables in aud values (IAM User Guide, "IAM policy elements: Variables and tags")', () => {
        it("the aud key's own variable: every token's aud equals itself, so any aud gets in (no assumption)", () => {
            const a = judge(
                people({ StringEquals: { "app.warp.dev:aud": "${app.warp.dev:aud}" }, StringLike: { "app.warp.dev:sub": USERS } }),
            );
            const f = exposure(a, RULE);
            const aud = tokenOf(f.witness).aud;
            assert.ok(aud !== undefined && aud !== "sts.amazonaws.com", String(aud));
            assert.strictEqual(f.witness.assumes, undefined);
            assert.deepStrictEqual(a.answer.assumptions, []);
        });

        it("a variable of no value (aws:PrincipalTag on a web identity request) beside sts.amazonaws.com matches nothing", () => {
            assertClean(
                judge(
                    people({
                        StringEquals: { "app.warp.dev:aud": ["sts.amazonaws.com", "${aws:PrincipalTag/aud}"] },
                        StringLike: { "app.warp.dev:sub": USERS },
                    }),
                ),
            );
        });

        it("its default stands instead: a default of another audience lets that audience in", () => {
            const f = exposure(
                judge(
                    people({
                        StringEquals: { "app.warp.dev:aud": "${aws:PrincipalTag/aud, 'my-app'}" },
                        StringLike: { "app.warp.dev:sub": USERS },
                    }),
                ),
                RULE,
            );
            assert.strictEqual(tokenOf(f.witness).aud, "my-app");
        });

        it('StringNotEquals a variable of no value matches every aud ("Policy variables with no value")', () => {
            const f = exposure(
                judge(
                    people({
                        StringNotEquals: { "app.warp.dev:aud": "${aws:PrincipalTag/aud}" },
                        StringLike: { "app.warp.dev:sub": USERS },
                    }),
                ),
                RULE,
            );
            assert.notStrictEqual(tokenOf(f.witness).aud, "sts.amazonaws.com");
        });

        it("under Version 2008-10-17 the variable is literal text", () => {
            const doc = people({ StringEquals: { "app.warp.dev:aud": "${app.warp.dev:aud}" }, StringLike: { "app.warp.dev:sub": USERS } });
            const f = exposure(judge({ ...doc, Version: "2008-10-17" }), RULE);
            assert.strictEqual(tokenOf(f.witness).aud, "${app.warp.dev:aud}");
        });
    });

    describe("the witness gets past every Deny", () => {
        const sourceIp = { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } };
        for (const [what, condition] of [
            ["a Deny on that audience", { StringEquals: { "app.warp.dev:aud": "another-audience" } }],
            [
                "a Deny on that audience with a condition the engine cannot model",
                { StringEquals: { "app.warp.dev:aud": "another-audience" }, ...sourceIp },
            ],
            ["a Deny on that audience and the empty one", { StringEquals: { "app.warp.dev:aud": ["another-audience", ""] } }],
        ] as const) {
            it(`${what}: the outsider is a token with no aud`, () => {
                const doc = plus(people({ StringLike: { "app.warp.dev:sub": USERS } }), {
                    Effect: "Deny",
                    Principal: "*",
                    Action: "sts:AssumeRoleWithWebIdentity",
                    Condition: condition,
                });
                const f = exposure(judge(doc), RULE);
                assert.strictEqual(tokenOf(f.witness).aud, undefined, f.message);
                assert.strictEqual(f.witness.assumes, undefined, "past every Deny, whatever its unmodelled condition says");
            });
        }

        it("when only the unreliable Deny's region is left, the witness says what it assumes of that Deny", () => {
            const doc = plus(people({ StringEquals: { "app.warp.dev:aud": "my-app" }, StringLike: { "app.warp.dev:sub": USERS } }), {
                Effect: "Deny",
                Principal: "*",
                Action: "sts:AssumeRoleWithWebIdentity",
                Condition: { StringEquals: { "app.warp.dev:aud": "my-app" }, ...sourceIp },
            });
            const f = exposure(judge(doc), RULE);
            assert.strictEqual(tokenOf(f.witness).aud, "my-app");
            assert.ok(
                f.witness.assumes?.some((x) => x.includes("not (IpAddress aws:SourceIp") && x.includes("Statement[2]")),
                JSON.stringify(f.witness),
            );
        });
    });

    describe("safe: only sts.amazonaws.com gets in", () => {
        it("ForAnyValue:StringEquals on the single-valued aud (a convention finding only)", () => {
            assertAdvisoryOnly(
                judge(people({ "ForAnyValue:StringEquals": AUD, StringLike: { "app.warp.dev:sub": USERS } })),
                "warp-trust-subject-form",
            );
        });

        it("a Deny of every other aud narrows an Allow without aud, and gets no finding", () => {
            const doc = plus(people({ StringLike: { "app.warp.dev:sub": USERS } }), {
                Effect: "Deny",
                Principal: { Federated: "arn:aws:iam::123456789012:oidc-provider/app.warp.dev" },
                Action: "sts:AssumeRoleWithWebIdentity",
                Condition: { StringNotEquals: AUD },
            });
            assertClean(judge(doc));
        });

        it("StringEqualsIfExists guarded by Null false (a convention finding only)", () => {
            assertAdvisoryOnly(
                judge(
                    people({ StringEqualsIfExists: AUD, Null: { "app.warp.dev:aud": "false" }, StringLike: { "app.warp.dev:sub": USERS } }),
                ),
                "warp-trust-subject-form",
            );
        });

        it("condition keys in another case", () => {
            assertClean(
                judge(people({ StringEquals: { "APP.WARP.DEV:AUD": "sts.amazonaws.com" }, StringLike: { "App.Warp.Dev:Sub": USERS } })),
            );
        });
    });
});
