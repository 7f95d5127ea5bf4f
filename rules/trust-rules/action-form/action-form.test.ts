/**
 * warp-trust-action-form (convention): statements that let Warp in allow sts:AssumeRoleWithWebIdentity
 * by name (with sts:TagSession / sts:SetSourceIdentity if used), not a wildcard or NotAction. Extra
 * actions a Federated principal cannot use admit no outsider, so they are advisory only.
 */
import * as assert from "assert";
import {
    assertAdvisoryOnly,
    assertClean,
    componentPolicy,
    edit,
    exposures,
    judge,
    ofRule,
    plus,
} from "../../../tests/support/trust-fixtures";
import { trustActionForm } from ".";

const RULE = trustActionForm.name; // the module under test decides its findings (decidedBy in trust-fixtures)
const action = (value: unknown) => edit(componentPolicy(), 0, { Action: value });

describe(`${RULE} (convention)`, () => {
    it("passes the component's policy", () => {
        assertClean(judge(componentPolicy()));
    });

    it("passes sts:TagSession and sts:SetSourceIdentity beside web identity (the IdP's token supplies them)", () => {
        assertClean(judge(action(["sts:AssumeRoleWithWebIdentity", "sts:TagSession", "sts:SetSourceIdentity"])));
        assertClean(judge(action(["STS:AssumeRoleWithWebIdentity", "sts:tagsession"])));
    });

    for (const value of [["sts:AssumeRoleWithWebIdentity", "sts:AssumeRole"], "sts:*", "*", "sts:AssumeRole*"]) {
        it(`${JSON.stringify(value)} on Warp's statement: advisory, naming the extra action`, () => {
            const a = judge(action(value));
            assertAdvisoryOnly(a, RULE);
            const [f] = ofRule(a.findings, RULE);
            assert.strictEqual(f.statementIndex, 0);
            assert.ok(f.message.includes(JSON.stringify(Array.isArray(value) ? value[1] : value)), f.message);
        });
    }

    it("NotAction on Warp's statement: advisory", () => {
        const a = judge(edit(componentPolicy(), 0, { Action: undefined, NotAction: "sts:AssumeRole" }));
        assertAdvisoryOnly(a, RULE);
        assert.ok(ofRule(a.findings, RULE)[0].message.includes("NotAction"));
    });

    it('{"AWS": "*"} with NotAction in another statement is an exposure, not a convention note', () => {
        const a = judge(plus(componentPolicy(), { Effect: "Allow", Principal: { AWS: "*" }, NotAction: "sts:AssumeRoleWithWebIdentity" }));
        assert.deepStrictEqual(ofRule(a.findings, RULE), []);
        exposures(a, "warp-trust-other-principals");
    });
});
