/**
 * The permissions engine's automaton-free shortcuts (a wildcard Action's future-form check decided by an
 * ARN the statement names itself, LanguageCache.holdsOneOf; an invoke action granted nothing outside the
 * intended set by a statement whose every Resource pattern is of a model or profile type) side by side
 * with the automaton path (a LanguageCache with automataOnly), on the
 * permissions differential generator's policies (tests/support/permissions-generator.ts) and the lint
 * benchmark's: the whole lint result of every file (findings with their witnesses) must be identical,
 * and the shortcut must have answered itself, so a wrong answer of it would show as a difference.
 */
import * as assert from "assert";
import { permissionsPolicy } from "../bench/permissions-engine.bench";
import { LintOptions, lintFile } from "../cli/lint";
import { LanguageCache } from "../rules/iam/languages";
import { TrustEngine } from "../rules/trust/engine";
import { random, randomPolicy } from "./support/permissions-generator";

const OPTS: LintOptions = {
    teams: [],
    issuers: [],
    actorTypes: [],
    actions: [],
    kind: "permissions",
    allowActorSpanning: false,
    maxSessionDuration: 3600,
    format: "json",
    files: [],
};

function sideBySide(texts: readonly string[]): LanguageCache {
    const fast = new LanguageCache();
    const slow = new LanguageCache(4096, { automataOnly: true });
    const engine = new TrustEngine();
    texts.forEach((text, i) => {
        const file = `policy-${i}.json`;
        assert.deepStrictEqual(lintFile(file, text, OPTS, engine, fast), lintFile(file, text, OPTS, engine, slow), text);
    });
    assert.deepStrictEqual(slow.decidedWithoutAutomata, { empty: 0, nonEmpty: 0 });
    return fast;
}

describe("permissions lint: the automaton-free shortcuts give the automaton path's answers", () => {
    it("on the permissions generator's policies", () => {
        const rnd = random(2020);
        const fast = sideBySide(Array.from({ length: 300 }, () => JSON.stringify(randomPolicy(rnd))));
        const { empty, nonEmpty } = fast.decidedWithoutAutomata;
        assert.ok(nonEmpty > 100 && empty > 30, JSON.stringify(fast.decidedWithoutAutomata));
    });

    it("on the lint benchmark's policies", () => {
        const fast = sideBySide(Array.from({ length: 120 }, (_, i) => permissionsPolicy(i, 1 + (i % 8))));
        const { empty, nonEmpty } = fast.decidedWithoutAutomata;
        assert.ok(nonEmpty > 30 && empty > 400, JSON.stringify(fast.decidedWithoutAutomata));
    });
});
