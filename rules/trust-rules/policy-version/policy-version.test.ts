/**
 * warp-trust-policy-version (convention): a Warp-trusted role's trust policy declares 2012-10-17. IAM
 * reads a missing Version as 2008-10-17, where policy variables are plain text.
 */
import * as assert from "assert";
import {
    AUD,
    assertAdvisoryOnly,
    assertClean,
    componentPolicy,
    exposures,
    judge,
    ofRule,
    withCondition,
} from "../../../tests/support/trust-fixtures";
import { trustPolicyVersion } from ".";

const RULE = trustPolicyVersion.name; // the module under test decides its findings (decidedBy in trust-fixtures)

describe(`${RULE} (convention)`, () => {
    it("passes the component's policy", () => {
        assertClean(judge(componentPolicy()));
    });

    it("Version 2008-10-17: advisory, about the whole document", () => {
        const a = judge({ ...componentPolicy(), Version: "2008-10-17" });
        assertAdvisoryOnly(a, RULE);
        const [f] = ofRule(a.findings, RULE);
        assert.strictEqual(f.statementIndex, undefined);
        assert.ok(f.message.includes('"2008-10-17"'), f.message);
    });

    it("no Version: advisory, read as 2008-10-17", () => {
        const { Version: _v, ...doc } = componentPolicy();
        const a = judge(doc);
        assertAdvisoryOnly(a, RULE);
        assert.ok(ofRule(a.findings, RULE)[0].message.includes("declares no Version"));
    });

    it("a policy variable in sub: literal under 2008-10-17 (admits nobody), not modelled under 2012-10-17 (assumed to let anyone in)", () => {
        const doc = withCondition(componentPolicy(), 0, {
            StringEquals: AUD,
            StringLike: { "app.warp.dev:sub": "scoped_principal:${aws:userid}/user:*" },
        });
        const modern = judge(doc);
        assert.ok(exposures(modern, "warp-trust-team-allowlist").some((f) => f.witness.assumes !== undefined));
        const old = judge({ ...doc, Version: "2008-10-17" });
        assertAdvisoryOnly(old, RULE);
    });

    it("says nothing about a role Warp cannot assume", () => {
        assert.deepStrictEqual(
            judge({
                Version: "2008-10-17",
                Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
            }).findings,
            [],
        );
    });
});
