/**
 * The corpus of hand-written trust policies, labelled by meaning (who gets in), judged by the engine
 * and the trust rules with allowedTeamUids ["TEAM_A"], and cross-checked with an IAM policy simulator:
 * - trust-unsafe.json: someone outside the intended set gets in. At least one mandatory exposure, each
 *   with a witness; the rules listed in expectRules are exactly the exposure rules reported; and the
 *   simulator agrees: it admits some outsider, and admits every witness it can express.
 * - trust-convention.json: no outsider gets in, but the policy departs from Warp's conventions (or IAM
 *   would refuse it, or it admits no intended token: broken). No exposure; exactly the rules listed in
 *   expectRules, all advisory except a validity finding; the simulator admits no outsider.
 * - trust-safe.json: exactly the intended people and agents get in; no finding at all; the simulator
 *   admits insiders only.
 * - trust-unrelated.json: roles Warp cannot assume; out of scope, no finding.
 *
 * The simulator's probes include sub values Warp's issuer never mints (`scoped_principal:TEAM_A/admin:x1`,
 * a GitHub-style subject): the engine reasons about tokens Warp can actually issue, so those probes are
 * not counted as outsiders for a Warp issuer (see `mintable`). See tests/support/iam-simulator.ts for how
 * Warp's condition keys reach the simulator.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { buildTrustPolicy } from "../components/trust-policy";
import type { Finding } from "../rules/findings";
import { KNOWN_ISSUER_HOSTS, issuerFromId } from "../rules/issuer";
import { analyzeTrustPolicy } from "../rules/registry";
import { SUBJECT_GRAMMAR_SOURCE } from "../rules/subject";
import type { TrustRuleConfig } from "../rules/trust/config";
import {
    Intent,
    OtherCaller,
    Probe,
    judgeWithSimulator,
    providerArn,
    simulate,
    simulateRequest,
    toClaimStandInPolicy,
    usesStandInKeys,
} from "./support/iam-simulator";
import { witnessRequest } from "./support/trust-generator";

interface Case {
    name: string;
    policy: unknown;
    config?: Partial<TrustRuleConfig>;
    intent?: Partial<Intent>;
}
interface UnsafeCase extends Case {
    mistake: string;
    expectRules: string[];
    /** Context keys that make the conditions the engine does not model hold (sts:ExternalId, aws:PrincipalOrgID). */
    simulatorContext?: Record<string, string>;
    /** Why the simulator cannot express this case's requests at all. */
    simulatorBlind?: string;
}
interface ConventionCase extends Case {
    unusual: string;
    expectRules: string[];
    broken?: boolean;
    /** Why the simulator admits not even an insider, where the engine does (a shape the simulator does not read as IAM does). */
    simulatorAdmitsNobody?: string;
}
interface SafeCase extends Case {
    why?: string;
}

function loadCorpus<T>(file: string): T[] {
    return JSON.parse(fs.readFileSync(path.join(__dirname, "corpus", file), "utf8"));
}
const unsafeCorpus = loadCorpus<UnsafeCase>("trust-unsafe.json");
const conventionCorpus = loadCorpus<ConventionCase>("trust-convention.json");
const safeCorpus = loadCorpus<SafeCase>("trust-safe.json");
const unrelatedCorpus = loadCorpus<Case>("trust-unrelated.json");
const everyCase: Case[] = [...unsafeCorpus, ...conventionCorpus, ...safeCorpus, ...unrelatedCorpus];

const BASE_CONFIG: Partial<TrustRuleConfig> = { allowedTeamUids: ["TEAM_A"] };
const configOf = (c: Case): Partial<TrustRuleConfig> => ({ ...BASE_CONFIG, ...(c.config ?? {}) });
const analyze = (c: Case) => analyzeTrustPolicy(c.policy, configOf(c));

function intentOf(c: Case): Intent {
    const config = configOf(c);
    return {
        issuers: config.allowedIssuers ?? ["app.warp.dev"],
        teams: c.intent?.teams ?? config.allowedTeamUids ?? ["TEAM_A"],
        actorTypes: c.intent?.actorTypes ?? ["user", "service_account"],
    };
}

const WARP_SUBJECT = new RegExp(`^(?:${SUBJECT_GRAMMAR_SOURCE})$`);

/** Whether a simulator caller is a request that can happen: a Warp issuer only mints subjects of its grammar. */
function mintable(caller: Probe | OtherCaller): boolean {
    return !("issuer" in caller) || !KNOWN_ISSUER_HOSTS.includes(caller.issuer) || WARP_SUBJECT.test(caller.sub);
}

async function simulatorVerdict(c: Case) {
    const verdict = await judgeWithSimulator(c.policy, intentOf(c));
    assert.deepStrictEqual(verdict.errors, [], `${c.name}: the simulator refused the input`);
    return { outsiders: verdict.admittedOutsiders.filter(mintable), insiders: verdict.admittedInsiders };
}

const exposuresOf = (findings: readonly Finding[]) => findings.filter((f) => f.tier === "exposure" && f.level === "mandatory");
const rulesOf = (findings: readonly Finding[]) => [...new Set(findings.map((f) => f.rule as string))].sort();
const show = (findings: readonly Finding[]) => findings.map((f) => `${f.level} ${f.rule}: ${f.message}`).join("\n");

describe("trust policy corpus", () => {
    it("holds distinct, uniquely named cases of every kind, with the issue's shapes", () => {
        assert.ok(unsafeCorpus.length >= 40, `only ${unsafeCorpus.length} unsafe cases`);
        assert.ok(conventionCorpus.length >= 20 && safeCorpus.length >= 20 && unrelatedCorpus.length >= 3);
        assert.strictEqual(new Set(everyCase.map((c) => c.name)).size, everyCase.length, "duplicate names");
        assert.strictEqual(
            new Set(everyCase.map((c) => JSON.stringify([c.policy, c.config ?? {}]))).size,
            everyCase.length,
            "duplicate policies",
        );
        const mistakes = new Set(unsafeCorpus.map((c) => c.mistake));
        for (const known of [
            "missing sub",
            "missing aud",
            "wildcard team",
            "prefix-collision team",
            "issuer not allowed",
            "IfExists on sub",
            "negative-only sub",
            "ForAllValues on sub",
            "another account",
            "Principal * narrowed by org",
            "service principal",
            "another OIDC issuer",
            "SAML provider",
            "AWS * with NotAction",
        ]) {
            assert.ok(mistakes.has(known), `the unsafe corpus lacks ${known}`);
        }
        const conventions = new Set(conventionCorpus.map((c) => c.unusual));
        for (const known of [
            "Principal *",
            "Version 2008-10-17",
            "NotPrincipal",
            "broken role",
            "IfExists guarded by Null",
            "ForAnyValue on sub",
            "partial principal wildcard",
        ]) {
            assert.ok(conventions.has(known), `the convention corpus lacks ${known}`);
        }
    });

    describe("unsafe: at least one mandatory exposure, each with its witness", () => {
        for (const c of unsafeCorpus) {
            it(`${c.name} (${c.mistake})`, () => {
                const { answer, findings } = analyze(c);
                assert.ok(answer.warpTrusted, `${c.name}: Warp's tokens get in, so the role is Warp's`);
                const exposures = exposuresOf(findings);
                assert.deepStrictEqual(rulesOf(exposures), [...c.expectRules].sort(), show(findings));
                for (const f of exposures) {
                    assert.ok(f.witness, `${c.name}: exposure without a witness: ${f.message}`);
                    assert.ok(f.message.includes(f.witness.description), `${c.name}: the message does not name the witness: ${f.message}`);
                    assert.ok(f.statements && f.statements.length > 0, `${c.name}: no statement named`);
                    assert.ok(f.remediation.length > 20, `${c.name}: terse remediation`);
                }
            });
        }
    });

    describe("convention: no outsider gets in; advisory findings (or a validity finding) only", () => {
        for (const c of conventionCorpus) {
            it(`${c.name} (${c.unusual})`, () => {
                const { answer, findings } = analyze(c);
                assert.deepStrictEqual(exposuresOf(findings), [], show(findings));
                assert.deepStrictEqual(rulesOf(findings), [...c.expectRules].sort(), show(findings));
                for (const f of findings) {
                    assert.ok(f.level === "advisory" || f.tier === "validity", `${c.name}: ${f.level} ${f.rule}`);
                    assert.strictEqual(f.witness, undefined, `${c.name}: a witness means someone gets in`);
                }
                assert.strictEqual(answer.broken, c.broken === true, `${c.name}: broken`);
            });
        }
    });

    describe("safe: no finding at all", () => {
        for (const c of safeCorpus) {
            it(c.name, () => {
                const { answer, findings } = analyze(c);
                assert.ok(answer.warpTrusted, `${c.name} should be recognised as Warp-trusted`);
                assert.strictEqual(answer.broken, false);
                assert.deepStrictEqual(findings, [], show(findings));
            });
        }
        it("every trust policy the component builds", () => {
            const grants = [
                { teamUid: "TEAM_A", grantUsers: true, allNamedAgents: false, namedAgentUids: [] },
                { teamUid: "TEAM_A", grantUsers: true, allNamedAgents: true, namedAgentUids: [] },
                { teamUid: "TEAM_A", grantUsers: false, allNamedAgents: false, namedAgentUids: ["sa1"] },
                { teamUid: "TEAM_A", grantUsers: true, allNamedAgents: false, namedAgentUids: ["sa1", "sa2"] },
            ];
            for (const host of ["app.warp.dev", "staging.warp.dev"]) {
                for (const g of grants) {
                    const policy = buildTrustPolicy(providerArn(host), issuerFromId(host), g);
                    const { findings } = analyzeTrustPolicy(JSON.stringify(policy), { ...BASE_CONFIG, allowedIssuers: [host] });
                    assert.deepStrictEqual(findings, [], `${host} ${JSON.stringify(g)}`);
                }
            }
        });
    });

    describe("unrelated: roles Warp cannot assume are out of scope", () => {
        for (const c of unrelatedCorpus) {
            it(c.name, () => {
                const { answer, findings } = analyzeTrustPolicy(c.policy, BASE_CONFIG);
                assert.strictEqual(answer.warpTrusted, false);
                assert.strictEqual(answer.mentionsWarp, false);
                assert.deepStrictEqual(findings, []);
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
            for (const c of everyCase) {
                assert.ok(!usesStandInKeys(c.policy), c.name);
            }
        });

        it("unsafe: the simulator admits some outsider, and every witness it can express", async () => {
            const unexpressed: string[] = [];
            for (const c of unsafeCorpus) {
                if (c.simulatorBlind !== undefined) {
                    unexpressed.push(`${c.name}: ${c.simulatorBlind}`);
                    continue;
                }
                const { outsiders } = await simulatorVerdict(c);
                const renamed = toClaimStandInPolicy(c.policy);
                let witnessesIn = 0;
                let blind = 0;
                const exposures = exposuresOf(analyze(c).findings);
                for (const f of exposures) {
                    const w = f.witness!;
                    if (w.assumes !== undefined && c.simulatorContext === undefined) {
                        unexpressed.push(`${c.name}: ${w.description}`);
                        blind++;
                        continue;
                    }
                    const result = await simulateRequest(renamed, witnessRequest(w), w.assumes !== undefined ? c.simulatorContext : {});
                    assert.strictEqual(
                        result,
                        "Allowed",
                        `${c.name}: the simulator refuses the engine's witness ${w.description} (${JSON.stringify(result)})`,
                    );
                    witnessesIn++;
                }
                if (blind < exposures.length || outsiders.length > 0) {
                    assert.ok(outsiders.length + witnessesIn > 0, `${c.name}: the simulator admits no outsider`);
                }
            }
            // Witnesses that get in only if a condition the engine does not model holds, and the simulator cannot
            // make hold either (a claim it does not carry, a policy variable): few, and named here when they grow.
            assert.ok(unexpressed.length <= 5, unexpressed.join("\n"));
        });

        it("convention: the simulator admits no outsider, and an insider unless the role is broken", async () => {
            for (const c of conventionCorpus) {
                const { outsiders, insiders } = await simulatorVerdict(c);
                assert.deepStrictEqual(outsiders, [], `${c.name}: the simulator admits outsiders`);
                const expectInsiders = c.broken !== true && c.simulatorAdmitsNobody === undefined;
                assert.strictEqual(insiders.length > 0, expectInsiders, `${c.name}: the simulator admits ${insiders.length} insiders`);
            }
        });

        it("safe: the simulator admits insiders only", async () => {
            for (const c of safeCorpus) {
                const { outsiders, insiders } = await simulatorVerdict(c);
                assert.deepStrictEqual(outsiders, [], `${c.name}: the simulator admits outsiders`);
                assert.ok(insiders.length > 0, `${c.name}: the simulator admits nobody, so the check proves nothing`);
            }
        });
    });
});
