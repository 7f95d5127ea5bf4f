/**
 * The pack's answer cache (policy-pack/policies/role-trust.ts): rules/ keeps no memory, the pack keeps
 * one engine answer per trust document text and config, so the eleven trust policies and the stack
 * policies judging one role analyse its document once per config. These tests count the engine's
 * analyses, change config between and within runs without clearing anything, and expect what a fresh
 * judgement would give.
 */
import * as assert from "assert";
import { parsePolicyDocument } from "../rules/iam/document";
import { mayConcernWarp } from "../rules/trust/engine";
import { Diagnostic, PackConfig, analyzeAll } from "../policy-pack/in-process";
import { policies } from "../policy-pack/policies";
import { answerFor, clearTrustAnswers, trustConfigFrom } from "../policy-pack/policies/role-trust";
import type { analyzeTrust } from "../rules/trust/engine";
import { trustConfig } from "../rules/trust/config";
import { TRUST_RULES } from "../rules/registry";
import { BEDROCK_POLICY, role, rolePolicy, trustPolicy } from "./support/resources";

// The engine module as CommonJS sees it, so the test can count the analyses the pack asks for.
const engineModule: { analyzeTrust: typeof analyzeTrust } = require("../rules/trust/engine");

let analyses = 0;
const original = engineModule.analyzeTrust;

const byPolicy = (ds: Diagnostic[], name: string) => ds.filter((d) => d.policyName === name);
const trustPolicies = policies.filter((p) => TRUST_RULES.some((r) => r.name === p.name));
const teamAllowlist = policies.find((p) => p.name === "warp-trust-team-allowlist")!;
const issuerAllowlist = policies.find((p) => p.name === "warp-trust-issuer-allowlist")!;
const permissionsOnly = policies.find((p) => p.name === "warp-role-bedrock-permissions-only")!;

describe("policy pack: the trust answer cache", () => {
    before(() => {
        engineModule.analyzeTrust = (...args: Parameters<typeof analyzeTrust>) => {
            analyses++;
            return original(...args);
        };
    });
    after(() => {
        engineModule.analyzeTrust = original;
    });
    beforeEach(() => {
        clearTrustAnswers();
        analyses = 0;
    });

    describe("answerFor", () => {
        const text = JSON.stringify(trustPolicy());
        const teamA = trustConfig({ allowedTeamUids: ["TEAM_A"] });

        it("analyses a document once per text and config, whether given as text or as an object", () => {
            const first = answerFor(text, teamA);
            assert.strictEqual(answerFor(text, teamA), first);
            assert.strictEqual(answerFor(JSON.parse(text), teamA), first);
            assert.strictEqual(analyses, 1);
            assert.ok(first.warpTrusted);
            assert.deepStrictEqual(first.exposures, []);
        });

        it("gives a different answer under a different config", () => {
            const mine = answerFor(text, teamA);
            const theirs = answerFor(text, trustConfig({ allowedTeamUids: ["TEAM_B"] }));
            assert.notStrictEqual(theirs, mine);
            assert.strictEqual(analyses, 2);
            assert.deepStrictEqual(mine.exposures, []);
            assert.deepStrictEqual(
                theirs.exposures.map((e) => e.way),
                ["other-team"],
            );
            assert.deepStrictEqual(theirs.config.allowedTeamUids, ["TEAM_B"]);
        });

        it("a different document text is analysed on its own", () => {
            const wide = answerFor(JSON.stringify(trustPolicy("scoped_principal:*/user:*")), teamA);
            assert.strictEqual(analyses, 1);
            assert.ok(wide.exposures.some((e) => e.way === "other-team"));
            assert.deepStrictEqual(answerFor(text, teamA).exposures, []);
            assert.strictEqual(analyses, 2);
        });

        it("text that cannot let a Warp token in is decided by the engine without evaluating a condition", () => {
            const ec2 = JSON.stringify({
                Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
            });
            const parsed = parsePolicyDocument(ec2);
            assert.ok(parsed.ok && !mayConcernWarp(parsed.doc, teamA));
            const answer = answerFor(ec2, teamA);
            assert.deepStrictEqual([answer.warpTrusted, answer.judged, answer.exposures], [false, false, []]);
            assert.strictEqual(analyses, 1);
            answerFor(ec2, teamA);
            assert.strictEqual(analyses, 1);
        });

        it("starts afresh after clearTrustAnswers", () => {
            const before = answerFor(text, teamA);
            clearTrustAnswers();
            const after = answerFor(text, teamA);
            assert.notStrictEqual(after, before);
            assert.deepStrictEqual(after.exposures, before.exposures);
            assert.strictEqual(analyses, 2);
        });
    });

    describe("trustConfigFrom", () => {
        it("policies configured alike share one config, so one answer per document", () => {
            assert.strictEqual(
                trustConfigFrom("warp-trust-audience", { allowedTeamUids: ["TEAM_A"] }),
                trustConfigFrom("warp-trust-subject", { allowedTeamUids: ["TEAM_A"] }),
            );
            assert.notStrictEqual(
                trustConfigFrom("warp-trust-audience", {}),
                trustConfigFrom("warp-trust-subject", { allowedTeamUids: ["TEAM_A"] }),
            );
        });

        it("follows a config edited in place", () => {
            const config = { allowedTeamUids: ["TEAM_A"] };
            const before = trustConfigFrom("warp-trust-team-allowlist", config);
            config.allowedTeamUids.push("TEAM_B");
            const after = trustConfigFrom("warp-trust-team-allowlist", config);
            assert.deepStrictEqual(after.allowedTeamUids, ["TEAM_A", "TEAM_B"]);
            assert.deepStrictEqual(before.allowedTeamUids, ["TEAM_A"]);
        });
    });

    describe("through the pack", () => {
        const resources = [
            role("a", trustPolicy()),
            role("b", trustPolicy()),
            role("c", trustPolicy()),
            role("wide", trustPolicy("scoped_principal:*/user:*")),
        ];

        it("every trust policy over many roles: one analysis per distinct document and config", () => {
            const ds = analyzeAll(resources, { policies: trustPolicies });
            assert.strictEqual(analyses, 2, "two distinct documents, one config");
            assert.strictEqual(byPolicy(ds, "warp-trust-team-allowlist").filter((d) => d.enforcementLevel === "mandatory").length, 1);
            analyzeAll(resources, { policies: trustPolicies });
            assert.strictEqual(analyses, 2, "a second run reuses the answers");
        });

        it("a policy configured differently gets its own answer, and only it", () => {
            const config: PackConfig = { "warp-trust-team-allowlist": { allowedTeamUids: ["TEAM_B"] } };
            const ds = analyzeAll(resources, { policies: trustPolicies, config });
            assert.strictEqual(analyses, 4, "two documents under two configs");
            // Under TEAM_B, TEAM_A's roles let another team in; the other policies judge with the defaults.
            assert.strictEqual(byPolicy(ds, "warp-trust-team-allowlist").filter((d) => d.enforcementLevel === "mandatory").length, 4);
            assert.ok(
                byPolicy(ds, "warp-trust-team-allowlist").some(
                    (d) => d.message.includes("outside TEAM_B") && d.message.includes('sub "scoped_principal:TEAM_A/user:'),
                ),
            );
        });

        it("judges the same trust document again when a rule's config changes between runs", () => {
            const one = [role("r", trustPolicy())];
            const run = (teams: string[]) =>
                analyzeAll(one, { policies: [teamAllowlist], config: { "warp-trust-team-allowlist": { allowedTeamUids: teams } } });
            assert.deepStrictEqual(run(["TEAM_A"]), []);
            const flagged = run(["TEAM_B"]);
            assert.strictEqual(flagged.length, 1);
            assert.strictEqual(flagged[0].enforcementLevel, "mandatory");
            assert.ok(flagged[0].message.includes("outside TEAM_B"), flagged[0].message);
            assert.deepStrictEqual(run(["TEAM_A"]), []);
        });

        it("gives each policy its own config when several judge one document in a run", () => {
            const two = [role("a", trustPolicy()), role("b", trustPolicy())];
            const config: PackConfig = {
                "warp-trust-issuer-allowlist": { allowedIssuers: ["staging.warp.dev"] },
                "warp-trust-team-allowlist": { allowedTeamUids: ["TEAM_A"] },
            };
            const ds = analyzeAll(two, { policies: [teamAllowlist, issuerAllowlist], config });
            assert.strictEqual(byPolicy(ds, "warp-trust-team-allowlist").length, 0);
            assert.strictEqual(byPolicy(ds, "warp-trust-issuer-allowlist").length, 2);
            assert.deepStrictEqual(
                analyzeAll(two, {
                    policies: [teamAllowlist, issuerAllowlist],
                    config: { "warp-trust-team-allowlist": { allowedTeamUids: ["TEAM_A"] } },
                }),
                [],
            );
        });

        it("reports the same with warm answers as after clearing them", () => {
            const mixed = [
                ...resources,
                role(
                    "noaud",
                    trustPolicy("scoped_principal:TEAM_A/user:*", {
                        Condition: { StringLike: { "app.warp.dev:sub": "scoped_principal:TEAM_A/user:*" } },
                    }),
                ),
                rolePolicy("p", "a", BEDROCK_POLICY),
            ];
            const config: PackConfig = { "warp-trust-team-allowlist": { allowedTeamUids: ["TEAM_A"] } };
            const cold = analyzeAll(mixed, { config });
            assert.ok(cold.length > 0);
            assert.deepStrictEqual(analyzeAll(mixed, { config }), cold);
            clearTrustAnswers();
            assert.deepStrictEqual(analyzeAll(mixed, { config }), cold);
        });

        it("judges a trust policy given as an object, and again when the object is replaced", () => {
            const good = role("r", trustPolicy());
            good.props.assumeRolePolicy = trustPolicy();
            const config: PackConfig = { "warp-trust-team-allowlist": { allowedTeamUids: ["TEAM_A"] } };
            assert.deepStrictEqual(analyzeAll([good], { policies: [teamAllowlist], config }), []);
            good.props.assumeRolePolicy = trustPolicy("scoped_principal:TEAM_C/user:*");
            assert.strictEqual(analyzeAll([good], { policies: [teamAllowlist], config }).length, 1);
        });

        it("follows an allowedActions list edited in place between runs", () => {
            const withPermissions = [role("r", trustPolicy()), rolePolicy("p", "r", BEDROCK_POLICY)];
            const allowedActions = ["bedrock:InvokeModel"];
            const config: PackConfig = { "warp-role-bedrock-permissions-only": { allowedActions } };
            const before = analyzeAll(withPermissions, { policies: [permissionsOnly], config });
            assert.strictEqual(before.length, 1);
            assert.ok(before[0].message.includes("InvokeModelWithResponseStream"), before[0].message);
            allowedActions.push("bedrock:InvokeModelWithResponseStream");
            assert.deepStrictEqual(analyzeAll(withPermissions, { policies: [permissionsOnly], config }), []);
        });
    });
});
