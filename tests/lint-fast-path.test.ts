/**
 * `lint`'s automaton-free emptiness check (rules/iam/simple-emptiness.ts) side by side with the
 * automaton path on the trust differential generator's policies (tests/support/trust-generator.ts;
 * the permissions engine asks no emptiness question, so it never takes this path): the whole lint result of every file (kind, findings with
 * their witnesses, Warp trust, assumed account) must be identical, and the fast path must have decided
 * both empty and non-empty languages itself, so a wrong answer of it would show as a difference.
 */
import * as assert from "assert";
import fc from "fast-check";
import { LintOptions, lintFile } from "../cli/lint";
import { LanguageCache } from "../rules/iam/languages";
import { TrustEngine } from "../rules/trust/engine";
import { BASE_CONFIG, trustPolicyArb } from "./support/trust-generator";

const OPTS: LintOptions = {
    teams: [...BASE_CONFIG.allowedTeamUids],
    issuers: [...BASE_CONFIG.allowedIssuers],
    actorTypes: [],
    actions: [],
    allowActorSpanning: false,
    maxSessionDuration: 3600,
    format: "json",
    files: [],
};

function sideBySide(policies: ReadonlyArray<Record<string, unknown>>, opts: LintOptions): LanguageCache {
    const fast = new LanguageCache();
    const slow = new LanguageCache(4096, { automataOnly: true });
    const fastEngine = new TrustEngine(fast);
    const slowEngine = new TrustEngine(slow);
    policies.forEach((policy, i) => {
        const text = JSON.stringify(policy);
        const file = `policy-${i}.json`;
        assert.deepStrictEqual(lintFile(file, text, opts, fastEngine, fast), lintFile(file, text, opts, slowEngine, slow), text);
    });
    assert.deepStrictEqual(slow.decidedWithoutAutomata, { empty: 0, nonEmpty: 0 });
    return fast;
}

describe("lint: the automaton-free fast path gives the automaton path's answers", () => {
    it("on the trust generator's policies, for a configured team and for none", () => {
        const policies = fc.sample(trustPolicyArb, { numRuns: 400, seed: 2020 });
        const fast = sideBySide(policies, OPTS);
        sideBySide(policies.slice(0, 100), { ...OPTS, teams: [], issuers: [] });
        assert.ok(fast.decidedWithoutAutomata.empty > 100, JSON.stringify(fast.decidedWithoutAutomata));
        assert.ok(fast.decidedWithoutAutomata.nonEmpty > 100, JSON.stringify(fast.decidedWithoutAutomata));
    });
});
