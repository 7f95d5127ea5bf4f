/**
 * warp-trust-principal-form (convention): statements that let Warp in name Warp's provider as their only
 * Principal. Principal "*" with Warp's aud/sub conditions admits no outsider, so it is advisory only.
 */
import * as assert from "assert";
import {
    OTHER_ACCOUNT,
    PROD,
    assertAdvisoryOnly,
    assertClean,
    componentPolicy,
    edit,
    judge,
    mandatory,
    ofRule,
} from "../../../tests/support/trust-fixtures";
import { trustPrincipalForm } from ".";

const RULE = trustPrincipalForm.name; // the module under test decides its findings (decidedBy in trust-fixtures)

describe(`${RULE} (convention)`, () => {
    it("passes the component's policy", () => {
        assertClean(judge(componentPolicy()));
    });

    for (const [label, principal] of [
        ['Principal "*"', "*"],
        ['{"AWS": "*"}', { AWS: "*" }],
        ['{"Federated": "*"}', { Federated: "*" }],
    ] as const) {
        it(`${label} with Warp aud/sub conditions: advisory, naming the statement`, () => {
            const a = judge(edit(componentPolicy(), 0, { Principal: principal }));
            assertAdvisoryOnly(a, RULE);
            const [f] = ofRule(a.findings, RULE);
            assert.strictEqual(f.statementIndex, 0);
            assert.strictEqual(f.sid, "WarpTeamPeople");
            assert.ok(f.message.includes('Principal "*"'), f.message);
            assert.ok(f.remediation.includes('"Federated": "arn:aws:iam::<account>:oidc-provider/app.warp.dev"'), f.remediation);
        });
    }

    it("another principal type beside Warp's provider, kept out by Warp's conditions", () => {
        const a = judge(edit(componentPolicy(), 1, { Principal: { Federated: PROD, AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` } }));
        assertAdvisoryOnly(a, RULE);
        assert.strictEqual(ofRule(a.findings, RULE)[0].statementIndex, 1);
    });

    it('Principal "*" without conditions: the convention finding beside the exposures', () => {
        const a = judge(edit(componentPolicy(), 0, { Principal: "*", Condition: undefined }));
        assert.strictEqual(ofRule(a.findings, RULE).length, 1);
        assert.ok(mandatory(a.findings).length > 0 && mandatory(a.findings).every((f) => f.tier === "exposure"));
    });

    it('ignores Principal "*" in statements that do not let Warp in (a Deny)', () => {
        assertClean(
            judge({
                ...componentPolicy(),
                Statement: [...componentPolicy().Statement, { Effect: "Deny", Principal: "*", Action: "sts:AssumeRole" }],
            }),
        );
    });
});
