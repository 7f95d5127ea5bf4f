/**
 * warp-trust-broken-role (convention): a role that names a Warp issuer but admits no intended token
 * (conditions on another issuer's keys, an impossible condition, a Deny over every Allow) is reported,
 * so Warp's AccessDenied has an explanation; it admits no outsider either, so it is advisory.
 */
import * as assert from "assert";
import {
    AUD,
    PROD,
    USERS,
    assertAdvisoryOnly,
    assertClean,
    componentPolicy,
    exposures,
    judge,
    ofRule,
    peoplePolicy,
    plus,
    withCondition,
} from "../../../tests/support/trust-fixtures";
import { trustBrokenRole } from ".";

const RULE = "warp-trust-broken-role";

function broken(policy: unknown) {
    const a = judge(policy);
    assert.strictEqual(a.answer.broken, true);
    assert.ok(a.answer.mentionsWarp);
    assert.strictEqual(ofRule(a.findings, RULE).length, 1, JSON.stringify(a.findings));
    return a;
}

describe(`${RULE} (convention)`, () => {
    it("is an advisory convention rule", () => {
        assert.strictEqual(trustBrokenRole.level, "advisory");
        assert.strictEqual(trustBrokenRole.tier, "convention");
    });

    it("passes the component's policy", () => {
        const a = judge(componentPolicy());
        assert.strictEqual(a.answer.broken, false);
        assertClean(a);
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

    it("says nothing about a role that does not name Warp", () => {
        assert.deepStrictEqual(judge({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Principal: "*", Action: "*" }] }).findings, []);
    });
});
