/**
 * warp-trust-subject: every Warp token that gets in carries a sub of an intended actor type. Happy
 * path: the component's own policy; then one field changed per case.
 */
import * as assert from "assert";
import {
    AUD,
    PROD,
    USERS,
    assertAdvisoryOnly,
    assertClean,
    componentPolicy,
    exposure,
    judge,
    ofRule,
    plus,
    tokenOf,
    withCondition,
} from "../../../tests/support/trust-fixtures";
import { CLI_WORDS } from "../rule";
import { trustSubject } from ".";

const RULE = trustSubject.name; // the module under test decides its findings (decidedBy in trust-fixtures)
const people = (condition: Record<string, unknown>) => withCondition(componentPolicy(), 0, condition);
const denyWarp = (condition: Record<string, unknown>) => ({
    Effect: "Deny",
    Principal: { Federated: PROD },
    Action: "sts:AssumeRoleWithWebIdentity",
    Condition: condition,
});
const noSub = (w: { request: { kind: string } }) => w.request.kind === "web-identity" && (w.request as { sub?: string }).sub === undefined;

describe(`${RULE} (exposure)`, () => {
    it("passes the component's policy", () => {
        assertClean(judge(componentPolicy()));
    });

    describe("unsafe: a token without sub, or of an actor type not meant, gets in", () => {
        it("no sub condition: the witness is a token with no sub claim", () => {
            const a = judge(people({ StringEquals: AUD }));
            const f = exposure(a, RULE);
            const token = tokenOf(f.witness);
            assert.strictEqual(token.issuer, "app.warp.dev");
            assert.strictEqual(token.sub, undefined);
            assert.strictEqual(token.aud, "sts.amazonaws.com");
            assert.ok(f.message.includes("no sub claim"), f.message);
            assert.deepStrictEqual(f.statements, [0]);
            // The same statement also lets every other team in: a separate way out, a separate finding.
            assert.strictEqual(ofRule(a.findings, "warp-trust-team-allowlist").length, 1);
        });

        it("StringLikeIfExists without a Null guard", () => {
            const a = judge(people({ StringEquals: AUD, StringLikeIfExists: { "app.warp.dev:sub": USERS } }));
            assert.strictEqual(tokenOf(exposure(a, RULE).witness).sub, undefined);
            assert.strictEqual(ofRule(a.findings, "warp-trust-subject-form")[0]?.level, "advisory");
        });

        it("StringEqualsIfExists on exact subjects", () => {
            assert.ok(
                noSub(
                    exposure(
                        judge(
                            people({ StringEquals: AUD, StringEqualsIfExists: { "app.warp.dev:sub": "scoped_principal:TEAM_A/user:u1" } }),
                        ),
                        RULE,
                    ).witness,
                ),
            );
        });

        it("negated-only sub conditions: StringNotLike another team", () => {
            const a = judge(people({ StringEquals: AUD, StringNotLike: { "app.warp.dev:sub": "scoped_principal:TEAM_B/*" } }));
            assert.ok(noSub(exposure(a, RULE).witness));
            exposure(a, "warp-trust-team-allowlist");
        });

        it("negated-only sub conditions: StringNotEquals one user", () => {
            assert.ok(
                noSub(
                    exposure(
                        judge(
                            people({ StringEquals: AUD, StringNotEquals: { "app.warp.dev:sub": "scoped_principal:TEAM_A/user:mallory" } }),
                        ),
                        RULE,
                    ).witness,
                ),
            );
        });

        it("ForAllValues:StringLike on sub is true when sub is missing", () => {
            const a = judge(people({ StringEquals: AUD, "ForAllValues:StringLike": { "app.warp.dev:sub": USERS } }));
            assert.ok(noSub(exposure(a, RULE).witness));
            assert.strictEqual(ofRule(a.findings, "warp-trust-subject-form")[0]?.level, "advisory");
        });

        it("a second statement without sub", () => {
            const doc = plus(componentPolicy(), {
                Effect: "Allow",
                Principal: { Federated: PROD },
                Action: "sts:AssumeRoleWithWebIdentity",
                Condition: { StringEquals: AUD },
            });
            assert.deepStrictEqual(exposure(judge(doc), RULE).statements, [2]);
        });

        it("an actor type the role is not meant for: agents when only people are allowed", () => {
            const f = exposure(judge(componentPolicy(), { allowedTeamUids: ["TEAM_A"], allowedActorTypes: ["user"] }), RULE);
            assert.strictEqual(tokenOf(f.witness).sub, "scoped_principal:TEAM_A/service_account:sa1");
            assert.deepStrictEqual(f.statements, [1]);
            assert.ok(f.message.includes("actor type"), f.message);
            assert.ok(f.remediation.includes("allowedActorTypes in the policy's config"), f.remediation);
            const cli = exposure(judge(componentPolicy(), { allowedTeamUids: ["TEAM_A"], allowedActorTypes: ["user"] }, CLI_WORDS), RULE);
            assert.ok(cli.remediation.includes("--actor-type") && !cli.remediation.includes("allowedActorTypes"), cli.remediation);
        });

        it("a sub condition the engine cannot model is assumed to let tokens in, and the witness says so", () => {
            const f = exposure(judge(people({ StringEquals: AUD, StringMatches: { "app.warp.dev:sub": USERS } })), RULE, noSub);
            assert.ok(f.witness.assumes && f.witness.assumes.some((x) => x.includes("StringMatches")), JSON.stringify(f.witness));
            assert.ok(f.message.includes("not modelled"), f.message);
        });
    });

    describe("safe: every token that gets in has an intended sub", () => {
        it("a Null guard Deny on sub beside StringLikeIfExists (a convention finding only)", () => {
            const doc = plus(
                people({ StringEquals: AUD, StringLikeIfExists: { "app.warp.dev:sub": USERS } }),
                denyWarp({ Null: { "app.warp.dev:sub": "true" } }),
            );
            assertAdvisoryOnly(judge(doc), "warp-trust-subject-form");
        });

        it("a Null guard Deny on sub beside the component's policy gets no finding", () => {
            assertClean(judge(plus(componentPolicy(), denyWarp({ Null: { "app.warp.dev:sub": "true" } }))));
        });

        it("StringLikeIfExists with a Null:false guard in the same statement (a convention finding only)", () => {
            assertAdvisoryOnly(
                judge(
                    people({ StringEquals: AUD, StringLikeIfExists: { "app.warp.dev:sub": USERS }, Null: { "app.warp.dev:sub": "false" } }),
                ),
                "warp-trust-subject-form",
            );
        });

        it("a StringNotLike Deny of everything but the team's people narrows an Allow without sub", () => {
            const doc = plus(
                people({ StringEquals: AUD }),
                denyWarp({ StringNotLike: { "app.warp.dev:sub": [USERS, "scoped_principal:TEAM_A/service_account:*"] } }),
            );
            assertClean(judge(doc));
        });

        it("ForAnyValue:StringEquals on the single-valued sub (a convention finding only)", () => {
            assertAdvisoryOnly(
                judge(people({ StringEquals: AUD, "ForAnyValue:StringEquals": { "app.warp.dev:sub": "scoped_principal:TEAM_A/user:u1" } })),
                "warp-trust-subject-form",
            );
        });

        it("both actor types under one pattern when both are meant (a convention finding only)", () => {
            assertAdvisoryOnly(
                judge(people({ StringEquals: AUD, StringLike: { "app.warp.dev:sub": "scoped_principal:TEAM_A/*" } })),
                "warp-trust-subject-form",
            );
        });
    });
});
