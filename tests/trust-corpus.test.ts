/**
 * The corpus of real-world OIDC trust mistakes (tests/corpus/trust-unsafe.json), safe policies and
 * unrelated roles, judged by the rules and cross-checked with an IAM policy simulator: whatever the
 * simulator says admits a token outside the intended issuer, audience, team and actor types must be
 * flagged. See tests/support/iam-simulator.ts for how Warp's condition keys reach the simulator.
 */
import * as assert from "assert";
import { analyzeTrustPolicy, TrustRuleConfig } from "../rules/trust-policy-rules";
import { buildTrustPolicy } from "../components/trust-policy";
import { issuerFromId } from "../rules/issuer";
import { Intent, judgeWithSimulator, providerArn, simulate, usesStandInKeys } from "./support/iam-simulator";
import * as fs from "fs";
import * as path from "path";

interface UnsafeCase extends Case {
    mistake: string;
    expectRules: string[];
}

function loadCorpus<T>(file: string): T[] {
    return JSON.parse(fs.readFileSync(path.join(__dirname, "corpus", file), "utf8"));
}
const unsafeCorpus = loadCorpus<UnsafeCase>("trust-unsafe.json");
const safeCorpus = loadCorpus<Case>("trust-safe.json");
const unrelatedCorpus = loadCorpus<Case>("trust-unrelated.json");

const BASE_CONFIG: Partial<TrustRuleConfig> = { allowedTeamUids: ["TEAM_A"] };

interface Case {
    name: string;
    policy: unknown;
    config?: Partial<TrustRuleConfig>;
    intent?: Partial<Intent>;
}

function configOf(c: Case): Partial<TrustRuleConfig> {
    return { ...BASE_CONFIG, ...(c.config ?? {}) };
}

function intentOf(c: Case): Intent {
    const config = configOf(c);
    return {
        issuers: config.allowedIssuers ?? ["app.warp.dev"],
        teams: c.intent?.teams ?? config.allowedTeamUids ?? ["TEAM_A"],
        actorTypes: c.intent?.actorTypes ?? ["user", "service_account"],
    };
}

const mandatory = (c: Case) => analyzeTrustPolicy(c.policy, configOf(c)).findings.filter((f) => f.level === "mandatory");

describe("trust policy corpus", () => {
    it("holds at least 40 distinct unsafe policies and a safe set", () => {
        assert.ok(unsafeCorpus.length >= 40, `only ${unsafeCorpus.length} unsafe cases`);
        assert.strictEqual(new Set(unsafeCorpus.map((c) => JSON.stringify(c.policy))).size, unsafeCorpus.length, "duplicate policies in the corpus");
        assert.ok(safeCorpus.length >= 10);
        const mistakes = new Set(unsafeCorpus.map((c) => c.mistake));
        for (const known of ["missing sub", "sub wildcard", "missing aud", "wildcard team", "wrong provider"]) {
            assert.ok(mistakes.has(known), `corpus lacks the known mistake ${known}`);
        }
    });

    describe("unsafe policies are flagged by the rule that owns the mistake", () => {
        for (const c of unsafeCorpus) {
            it(`${c.name} (${c.mistake})`, () => {
                const findings = mandatory(c);
                const rules = new Set(findings.map((f) => f.rule));
                for (const expected of c.expectRules) {
                    assert.ok(rules.has(expected as never), `${c.name}: expected ${expected}, got ${[...rules].join(", ") || "nothing"}`);
                }
                for (const f of findings) {
                    assert.ok(f.message.length > 20 && f.remediation.length > 20, `${c.name}: terse finding ${JSON.stringify(f)}`);
                }
            });
        }
    });

    describe("safe policies are not flagged at all", () => {
        for (const c of safeCorpus) {
            it(c.name, () => {
                const analysis = analyzeTrustPolicy(c.policy, configOf(c));
                assert.ok(analysis.model.warpTrusted, `${c.name} should be recognised as Warp-trusted`);
                assert.deepStrictEqual(analysis.findings, []);
            });
        }
        it("every trust policy the component builds", () => {
            const issuer = issuerFromId("app.warp.dev");
            const grants = [
                { teamUid: "TEAM_A", grantUsers: true, allNamedAgents: false, namedAgentUids: [] },
                { teamUid: "TEAM_A", grantUsers: true, allNamedAgents: true, namedAgentUids: [] },
                { teamUid: "TEAM_A", grantUsers: false, allNamedAgents: false, namedAgentUids: ["sa1"] },
                { teamUid: "TEAM_A", grantUsers: true, allNamedAgents: false, namedAgentUids: ["sa1", "sa2"] },
            ];
            for (const g of grants) {
                const policy = buildTrustPolicy(providerArn("app.warp.dev"), issuer, g);
                assert.deepStrictEqual(analyzeTrustPolicy(JSON.stringify(policy), BASE_CONFIG).findings, [], JSON.stringify(g));
            }
        });
    });

    describe("roles that do not trust Warp are out of scope", () => {
        for (const c of unrelatedCorpus) {
            it(c.name, () => {
                const analysis = analyzeTrustPolicy(c.policy, BASE_CONFIG);
                assert.strictEqual(analysis.model.warpTrusted, false);
                assert.deepStrictEqual(analysis.findings, []);
            });
        }
    });

    describe("IAM simulator cross-check", () => {
        it("the simulator ignores Warp's own condition keys, which is why they are renamed onto a stand-in", async () => {
            const policy = unsafeCorpus.find((c) => c.name === "sub-bare-star")!.policy;
            const insider = { issuer: "app.warp.dev", aud: "sts.amazonaws.com", sub: "scoped_principal:TEAM_A/user:u1" };
            // Unrenamed, even the intended token is refused: the simulator treats app.warp.dev:aud as missing.
            assert.strictEqual(await simulate(policy, insider, { renameKeys: false }), "Denied");
            assert.strictEqual(await simulate(policy, insider), "Allowed");
        });

        it("corpus policies do not already use the stand-in providers' keys", () => {
            for (const c of [...unsafeCorpus, ...safeCorpus]) {
                assert.ok(!usesStandInKeys(c.policy), c.name);
            }
        });

        it("every policy the simulator finds admitting an outsider is flagged; safe ones admit insiders only", async () => {
            let unsafeBySimulator = 0;
            for (const c of unsafeCorpus) {
                const verdict = await judgeWithSimulator(c.policy, intentOf(c));
                if (verdict.admittedOutsiders.length > 0 || verdict.errors.length > 0) {
                    unsafeBySimulator++;
                    assert.ok(mandatory(c).length > 0, `${c.name}: simulator admits ${JSON.stringify(verdict.admittedOutsiders[0])} but no rule flags it`);
                }
            }
            for (const c of safeCorpus) {
                const verdict = await judgeWithSimulator(c.policy, intentOf(c));
                assert.deepStrictEqual(verdict.errors, [], c.name);
                assert.deepStrictEqual(verdict.admittedOutsiders, [], `${c.name}: simulator admits outsiders`);
                assert.ok(verdict.admittedInsiders.length > 0, `${c.name}: simulator admits nobody, so the check proves nothing`);
            }
            // Most mistakes really open the role; if the renaming broke, the simulator would find none.
            assert.ok(unsafeBySimulator >= unsafeCorpus.length / 3, `simulator found only ${unsafeBySimulator} unsafe cases`);
        });
    });
});
