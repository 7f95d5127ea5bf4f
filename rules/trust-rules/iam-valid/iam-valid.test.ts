/**
 * warp-trust-iam-valid: a document IAM would refuse (NotPrincipal in a role trust policy, a statement
 * without Principal or Action, an Effect other than Allow/Deny, unreadable JSON) is a validity finding of
 * its own, mandatory, while the engine still reads it the way that admits the most.
 */
import * as assert from "assert";
import { OTHER_ACCOUNT, assertClean, componentPolicy, edit, judge, mandatory, ofRule } from "../../../tests/support/trust-fixtures";
import { trustIamValid } from ".";

const RULE = "warp-trust-iam-valid";

function validity(policy: unknown, ...fragments: string[]) {
    const a = judge(policy);
    const found = ofRule(a.findings, RULE);
    assert.ok(found.length > 0, JSON.stringify(a.findings));
    for (const f of found) {
        assert.strictEqual(f.level, "mandatory");
        assert.strictEqual(f.tier, "validity");
        assert.strictEqual(f.witness, undefined);
    }
    for (const text of fragments) {
        assert.ok(
            found.some((f) => f.message.includes(text)),
            `no ${RULE} message contains ${JSON.stringify(text)}: ${JSON.stringify(found)}`,
        );
    }
    return a;
}

describe(`${RULE} (validity)`, () => {
    it("is a mandatory validity rule", () => {
        assert.strictEqual(trustIamValid.level, "mandatory");
        assert.strictEqual(trustIamValid.tier, "validity");
    });

    it("passes the component's policy", () => {
        assertClean(judge(componentPolicy()));
    });

    it("NotPrincipal: a validity finding, and no exposure while Warp's conditions keep outsiders out", () => {
        const doc = edit(componentPolicy(), 0, { Principal: undefined, NotPrincipal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` } });
        const a = validity(doc, "NotPrincipal");
        assert.deepStrictEqual(
            a.findings.filter((f) => f.tier === "exposure"),
            [],
        );
        assert.strictEqual(ofRule(a.findings, RULE)[0].statementIndex, 0);
    });

    it("NotPrincipal without conditions: the validity finding and the exposures it would open", () => {
        const doc = edit(componentPolicy(), 0, {
            Principal: undefined,
            NotPrincipal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` },
            Condition: undefined,
        });
        const a = validity(doc, "NotPrincipal");
        assert.ok(mandatory(a.findings).some((f) => f.tier === "exposure" && f.witness !== undefined));
    });

    it("a statement without Principal", () => {
        validity(edit(componentPolicy(), 1, { Principal: undefined }), "names no Principal");
    });

    it("a statement without Action", () => {
        validity(edit(componentPolicy(), 1, { Action: undefined }), "names no Action");
    });

    it("an Effect other than Allow or Deny", () => {
        validity(edit(componentPolicy(), 1, { Effect: "Permit" }), '"Permit"');
    });

    it("text that is not JSON but names Warp's issuer", () => {
        const a = validity(`{"Statement": [{"Principal": {"Federated": "arn:aws:iam::123456789012:oidc-provider/app.warp.dev"}`);
        assert.ok(a.answer.problem !== undefined);
    });

    it("says nothing about a role that does not name Warp", () => {
        const doc = {
            Version: "2012-10-17",
            Statement: [
                {
                    Effect: "Allow",
                    NotPrincipal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` },
                    Action: "sts:AssumeRole",
                    Condition: { StringEquals: { "sts:ExternalId": "x" } },
                },
            ],
        };
        assert.deepStrictEqual(judge(doc).findings, []);
    });
});
