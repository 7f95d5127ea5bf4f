/**
 * warp-trust-subject-form (convention): the sub and aud conditions follow Warp's conventions when they
 * admit no outsider: StringLike only with a wildcard, exact agent UIDs under StringEquals, no set
 * operators or IfExists on single-valued claims, one actor type per pattern.
 */
import * as assert from "assert";
import {
    AUD,
    USERS,
    assertAdvisoryOnly,
    assertClean,
    componentPolicy,
    exposures,
    judge,
    ofRule,
    withCondition,
} from "../../../tests/support/trust-fixtures";
import { CLI_WORDS } from "../rule";
import { trustSubjectForm } from ".";

const RULE = trustSubjectForm.name; // the module under test decides its findings (decidedBy in trust-fixtures)
const people = (condition: Record<string, unknown>) => withCondition(componentPolicy(), 0, condition);
const note = (condition: Record<string, unknown>, ...fragments: string[]) => {
    const a = judge(people(condition));
    assertAdvisoryOnly(a, RULE);
    const [f] = ofRule(a.findings, RULE);
    assert.strictEqual(f.statementIndex, 0);
    for (const text of fragments) {
        assert.ok(f.message.includes(text), `${f.message} lacks ${text}`);
    }
    return f;
};

describe(`${RULE} (convention)`, () => {
    it("passes the component's policy (StringLike with a wildcard, exact agents under StringEquals)", () => {
        assertClean(judge(componentPolicy()));
    });

    it("per-agent UIDs under StringLike", () => {
        const f = note(
            { StringEquals: AUD, StringLike: { "app.warp.dev:sub": "scoped_principal:TEAM_A/service_account:sa1" } },
            "StringLike lists exact subjects",
        );
        assert.ok(f.remediation.includes("StringEquals"));
    });

    it("ForAnyValue:StringEquals on sub", () => {
        note(
            { StringEquals: AUD, "ForAnyValue:StringEquals": { "app.warp.dev:sub": "scoped_principal:TEAM_A/user:u1" } },
            "ForAnyValue:StringEquals",
            "single-valued",
        );
    });

    it("ForAnyValue:StringEquals on aud", () => {
        note({ "ForAnyValue:StringEquals": AUD, StringLike: { "app.warp.dev:sub": USERS } }, "app.warp.dev:aud");
    });

    it("StringLike on aud, even without a wildcard (the description asks for StringEquals)", () => {
        const f = note(
            { StringLike: { "app.warp.dev:aud": "sts.amazonaws.com", "app.warp.dev:sub": USERS } },
            "StringLike on app.warp.dev:aud",
        );
        assert.ok(f.remediation.includes('"StringEquals": {"app.warp.dev:aud": "sts.amazonaws.com"}'), f.remediation);
    });

    it("ForAllValues:StringLike on sub: the convention note beside the exposure it opens", () => {
        const a = judge(people({ StringEquals: AUD, "ForAllValues:StringLike": { "app.warp.dev:sub": USERS } }));
        assert.strictEqual(ofRule(a.findings, RULE)[0]?.level, "advisory");
        exposures(a, "warp-trust-subject");
    });

    it("StringLikeIfExists guarded by Null:false", () => {
        note(
            { StringEquals: AUD, StringLikeIfExists: { "app.warp.dev:sub": USERS }, Null: { "app.warp.dev:sub": "false" } },
            "StringLikeIfExists",
            "passes a token without sub",
        );
    });

    it("the old whole-team pattern scoped_principal:<team>/*, unless accepted in config", () => {
        const condition = { StringEquals: AUD, StringLike: { "app.warp.dev:sub": "scoped_principal:TEAM_A/*" } };
        const f = note(condition, "every actor type");
        assert.ok(f.remediation.includes("allowActorSpanningSubjects: true in the policy's config"), f.remediation);
        const [cli] = ofRule(judge(people(condition), undefined, CLI_WORDS).findings, RULE);
        assert.ok(
            cli.remediation.includes("--allow-actor-spanning") && !cli.remediation.includes("allowActorSpanningSubjects"),
            cli.remediation,
        );
        assertClean(judge(people(condition), { allowedTeamUids: ["TEAM_A"], allowActorSpanningSubjects: true }));
    });

    it("user:?* is a subset of user:*: a partial-wildcard note, no exposure", () => {
        note({ StringEquals: AUD, StringLike: { "app.warp.dev:sub": "scoped_principal:TEAM_A/user:?*" } }, "partial wildcard");
    });

    it("ignores conditions of statements that do not let Warp in", () => {
        const doc = componentPolicy();
        doc.Statement.push({
            Effect: "Deny",
            Principal: { Federated: "arn:aws:iam::123456789012:oidc-provider/app.warp.dev" },
            Action: "sts:AssumeRoleWithWebIdentity",
            Condition: { "ForAnyValue:StringLike": { "app.warp.dev:sub": "scoped_principal:TEAM_A/user:banned" } },
        });
        assertClean(judge(doc));
    });
});
