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
    judge,
    mandatory,
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

    it('a policy variable in sub: literal under 2008-10-17 (admits nobody), resolved under 2012-10-17 (IAM User Guide, "IAM policy elements: Variables and tags")', () => {
        // A key a web identity request never carries has no value: StringLike matches nothing.
        const doc = withCondition(componentPolicy(), 0, {
            StringEquals: AUD,
            StringLike: { "app.warp.dev:sub": "scoped_principal:${aws:userid}/user:*" },
        });
        const modern = judge(doc);
        assert.deepStrictEqual(mandatory(modern.findings), []);
        assert.deepStrictEqual(
            ofRule(modern.findings, "warp-trust-broken-role").map((f) => f.statementIndex),
            [0],
            "the people statement admits no one; the agents' statement still works",
        );
        const old = judge({ ...doc, Version: "2008-10-17" });
        assertAdvisoryOnly(old, RULE, "warp-trust-broken-role");
        // With a default, the default stands in for the missing key: the team's people get in, no one else.
        const withDefault = judge(
            withCondition(componentPolicy(), 0, {
                StringEquals: AUD,
                StringLike: { "app.warp.dev:sub": "scoped_principal:${aws:PrincipalTag/team, 'TEAM_A'}/user:*" },
            }),
        );
        assertClean(withDefault);
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
