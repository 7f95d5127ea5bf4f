/**
 * warp-trust-iam-valid: a document IAM would refuse (NotPrincipal in a role trust policy, a statement
 * without Principal or Action, an Effect other than Allow/Deny, unreadable JSON) is a validity finding of
 * its own, mandatory, while the engine still reads it the way that admits the most.
 */
import * as assert from "assert";
import {
    OTHER_ACCOUNT,
    assertClean,
    componentPolicy,
    edit,
    judge,
    mandatory,
    ofRule,
    withCondition,
} from "../../../tests/support/trust-fixtures";
import { trustIamValid } from ".";

const RULE = trustIamValid.name; // the module under test decides its findings (decidedBy in trust-fixtures)

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

    describe("each check: a document IAM accepts, and the same document as IAM refuses it", () => {
        const clean = (policy: unknown) => assert.deepStrictEqual(ofRule(judge(policy).findings, RULE), [], JSON.stringify(policy));
        const withSid = (sid0: string, sid1: string) => edit(edit(componentPolicy(), 0, { Sid: sid0 }), 1, { Sid: sid1 });

        it("Resource: none in a trust policy; Resource or NotResource is refused", () => {
            clean(componentPolicy());
            validity(edit(componentPolicy(), 0, { Resource: "*" }), "names Resource", "Has prohibited field Resource");
            validity(edit(componentPolicy(), 1, { NotResource: "arn:aws:iam::123456789012:role/x" }), "names NotResource");
        });

        it("Sids: unique ones pass, a duplicate is refused", () => {
            clean(withSid("WarpPeople", "WarpAgents"));
            const a = validity(withSid("WarpTeam", "WarpTeam"), 'Statement[0] and Statement[1] share the Sid "WarpTeam"', "unique");
            assert.strictEqual(ofRule(a.findings, RULE).length, 1);
        });

        it("Sids: letters and digits pass, a hyphen, space or underscore is refused", () => {
            clean(withSid("Warp1", "abcXYZ09"));
            for (const sid of ["warp-people", "Warp People", "warp_people", "Wärp"]) {
                validity(withSid(sid, "Other"), `Sid ${JSON.stringify(sid)} holds characters IAM refuses`);
            }
            validity(edit(componentPolicy(), 0, { Sid: 7 }), "has a Sid 7, which is not a string");
        });

        it("condition operators: IAM's pass in any case and with qualifiers; a typo or NullIfExists is refused", () => {
            clean(
                withCondition(componentPolicy(), 0, {
                    StringEquals: { "app.warp.dev:aud": "sts.amazonaws.com" },
                    stringlike: { "app.warp.dev:sub": "scoped_principal:TEAM_A/user:*" },
                    "ForAnyValue:StringLikeIfExists": { "app.warp.dev:sub": "scoped_principal:TEAM_A/*" },
                    Null: { "app.warp.dev:sub": "false" },
                    DateGreaterThan: { "aws:CurrentTime": "2020-01-01T00:00:00Z" },
                }),
            );
            validity(
                withCondition(componentPolicy(), 0, {
                    StringEquals: { "app.warp.dev:aud": "sts.amazonaws.com" },
                    StringLikee: { "app.warp.dev:sub": "scoped_principal:TEAM_A/user:*" },
                }),
                '"StringLikee" is refused by IAM',
            );
            validity(
                withCondition(componentPolicy(), 0, {
                    StringEquals: { "app.warp.dev:aud": "sts.amazonaws.com" },
                    StringLike: { "app.warp.dev:sub": "scoped_principal:TEAM_A/user:*" },
                    NullIfExists: { "app.warp.dev:sub": "false" },
                }),
                "Null takes no IfExists",
            );
        });

        it("Version: 2012-10-17, 2008-10-17 or none pass; another string is refused", () => {
            for (const Version of ["2012-10-17", "2008-10-17", undefined]) {
                clean({ ...componentPolicy(), Version });
            }
            for (const Version of ["2012-10-18", "2012-10-17 ", "latest"]) {
                validity({ ...componentPolicy(), Version }, `Version is ${JSON.stringify(Version)}`);
            }
        });

        it("Principal: named passes; a statement without one is refused", () => {
            clean(componentPolicy());
            validity(edit(componentPolicy(), 0, { Principal: undefined }), "names no Principal", "Missing principal");
        });
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
