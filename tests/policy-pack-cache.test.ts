/**
 * The pack keeps what it concluded about a document (trust verdicts and each rule's findings, the
 * subject review, the allowed-action set) so seven policies judging one role parse it once. These
 * tests change config between and within runs, without clearing anything, and expect what a fresh
 * judgement would give.
 */
import * as assert from "assert";
import { Diagnostic, PackConfig, analyzeAll } from "../policy-pack/harness";
import { clearTrustModelCache } from "../policy-pack/policies/role-trust";
import { trustSubject } from "../policy-pack/policies/trust-subject";
import { trustTeamAllowlist } from "../policy-pack/policies/trust-team-allowlist";
import { trustIssuerAllowlist } from "../policy-pack/policies/trust-issuer-allowlist";
import { roleBedrockPermissionsOnly } from "../policy-pack/policies/role-bedrock-permissions-only";
import { BEDROCK_POLICY, role, rolePolicy, trustPolicy } from "./support/resources";

const byPolicy = (ds: Diagnostic[], name: string) => ds.filter((d) => d.policyName === name);

describe("policy pack caches", () => {
    beforeEach(() => clearTrustModelCache());

    it("judges the same trust document again when a rule's config changes", () => {
        const resources = [role("r", trustPolicy())];
        const run = (teams: string[]) => analyzeAll(resources, { policies: [trustTeamAllowlist], config: { "warp-trust-team-allowlist": { allowedTeamUids: teams } } });
        assert.deepStrictEqual(run(["TEAM_A"]), []);
        const flagged = run(["TEAM_B"]);
        assert.strictEqual(flagged.length, 1);
        assert.strictEqual(flagged[0].enforcementLevel, "mandatory");
        assert.ok(flagged[0].message.includes("admits team TEAM_A"), flagged[0].message);
        assert.deepStrictEqual(run(["TEAM_A"]), []);
    });

    it("gives each rule its own policy's config when several policies judge one document in a run", () => {
        const resources = [role("a", trustPolicy()), role("b", trustPolicy())];
        const config: PackConfig = {
            "warp-trust-issuer-allowlist": { allowedIssuers: ["staging.warp.dev"] },
            "warp-trust-team-allowlist": { allowedTeamUids: ["TEAM_A"] },
        };
        const ds = analyzeAll(resources, { policies: [trustTeamAllowlist, trustIssuerAllowlist], config });
        assert.strictEqual(byPolicy(ds, "warp-trust-team-allowlist").length, 0);
        assert.strictEqual(byPolicy(ds, "warp-trust-issuer-allowlist").length, 2);
        const defaults = analyzeAll(resources, { policies: [trustTeamAllowlist, trustIssuerAllowlist], config: { "warp-trust-team-allowlist": { allowedTeamUids: ["TEAM_A"] } } });
        assert.deepStrictEqual(defaults, []);
    });

    it("does not share the subject review between policies whose settings for it differ", () => {
        // Spans actor types: refused by warp-trust-subject by default, accepted (so its team judged) where allowed.
        // The second document is first seen once both policies' configs are known, so both rules are judged from one parse.
        const resources = [role("r", trustPolicy("scoped_principal:TEAM_A/*")), role("s", trustPolicy("scoped_principal:TEAM_A/*", { Sid: "Other" }))];
        const config: PackConfig = { "warp-trust-team-allowlist": { allowedTeamUids: ["TEAM_B"], allowActorSpanningSubjects: true } };
        for (const order of [
            [trustSubject, trustTeamAllowlist],
            [trustTeamAllowlist, trustSubject],
        ]) {
            clearTrustModelCache();
            const ds = analyzeAll(resources, { policies: order, config });
            assert.strictEqual(byPolicy(ds, "warp-trust-subject").length, 2, JSON.stringify(ds));
            const team = byPolicy(ds, "warp-trust-team-allowlist");
            assert.strictEqual(team.length, 2, JSON.stringify(ds));
            for (const d of team) {
                assert.ok(d.message.includes("admits team TEAM_A"), d.message);
            }
        }
    });

    it("follows an allowedActions list edited in place between runs", () => {
        const resources = [role("r", trustPolicy()), rolePolicy("p", "r", BEDROCK_POLICY)];
        const allowedActions = ["bedrock:InvokeModel"];
        const config: PackConfig = { "warp-role-bedrock-permissions-only": { allowedActions } };
        const before = analyzeAll(resources, { policies: [roleBedrockPermissionsOnly], config });
        assert.strictEqual(before.length, 1);
        assert.ok(before[0].message.includes("InvokeModelWithResponseStream"), before[0].message);
        allowedActions.push("bedrock:InvokeModelWithResponseStream");
        assert.deepStrictEqual(analyzeAll(resources, { policies: [roleBedrockPermissionsOnly], config }), []);
    });

    it("reports the same with warm caches as after clearing them", () => {
        const resources = [
            role("good", trustPolicy()),
            role("wide", trustPolicy("scoped_principal:*/user:*")),
            role("noaud", trustPolicy("scoped_principal:TEAM_A/user:*", { Condition: { StringLike: { "app.warp.dev:sub": "scoped_principal:TEAM_A/user:*" } } })),
            rolePolicy("p", "good", BEDROCK_POLICY),
        ];
        const config: PackConfig = { "warp-trust-team-allowlist": { allowedTeamUids: ["TEAM_A"] } };
        const cold = analyzeAll(resources, { config });
        assert.ok(cold.length > 0);
        assert.deepStrictEqual(analyzeAll(resources, { config }), cold);
        clearTrustModelCache();
        assert.deepStrictEqual(analyzeAll(resources, { config }), cold);
    });

    it("judges a trust policy given as an object on its own, uncached", () => {
        const good = role("r", trustPolicy());
        good.props.assumeRolePolicy = trustPolicy();
        const config: PackConfig = { "warp-trust-team-allowlist": { allowedTeamUids: ["TEAM_A"] } };
        assert.deepStrictEqual(analyzeAll([good], { policies: [trustTeamAllowlist], config }), []);
        good.props.assumeRolePolicy = trustPolicy("scoped_principal:TEAM_C/user:*");
        assert.strictEqual(analyzeAll([good], { policies: [trustTeamAllowlist], config }).length, 1);
    });
});
