/**
 * The automaton-free emptiness check (./simple-emptiness.ts) against the automata (refa) on random
 * conjunctions of literal and `prefix*` lists, some complemented, with and without one other language.
 */
import * as assert from "assert";
import fc from "fast-check";
import { Lang, LanguageCache, and, globs, not, pattern, words } from "./languages";

// A small alphabet, so prefixes and words overlap often and both answers come up.
const str = fc.string({ unit: fc.constantFrom("a", "b", ":"), maxLength: 4 });
const simpleLeaf: fc.Arbitrary<Lang> = fc.oneof(
    fc.array(str, { minLength: 1, maxLength: 3 }).map(words),
    fc
        .array(
            fc.tuple(str, fc.boolean()).map(([s, star]) => (star ? `${s}*` : s)),
            { minLength: 1, maxLength: 3 },
        )
        .map(globs),
);
const part = fc.tuple(simpleLeaf, fc.boolean()).map(([l, neg]) => (neg ? not(l) : l));
const others = [undefined, pattern("ab-then-colon", "a[ab]{0,2}:b?"), pattern("short", "[^]{0,3}"), globs(["a*b"])];
const langArb = fc
    .tuple(fc.array(part, { minLength: 1, maxLength: 4 }), fc.constantFrom(...others))
    .map(([parts, other]) => (other === undefined ? and(...parts) : and(...parts, other)));

describe("rules/iam: emptiness without automata", () => {
    it("answers exactly as the automata do, and decides both answers itself", () => {
        const fast = new LanguageCache();
        const slow = new LanguageCache(4096, { automataOnly: true });
        fc.assert(
            fc.property(langArb, (lang) => {
                assert.strictEqual(fast.isEmpty(lang), slow.isEmpty(lang));
            }),
            { numRuns: 3000, seed: 20 },
        );
        assert.ok(fast.decidedWithoutAutomata.empty > 200, JSON.stringify(fast.decidedWithoutAutomata));
        assert.ok(fast.decidedWithoutAutomata.nonEmpty > 200, JSON.stringify(fast.decidedWithoutAutomata));
        assert.deepStrictEqual(slow.decidedWithoutAutomata, { empty: 0, nonEmpty: 0 });
    });

    it("finds a word only the other language's automaton holds past every named prefix", () => {
        const cache = new LanguageCache();
        const grammar = pattern("g", "x[ab]y");
        // x* minus xa* and xb*: only "x" itself and x·c for c not a or b; the grammar holds neither.
        assert.ok(cache.isEmpty(and(globs(["x*"]), not(globs(["xa*", "xb*"])), grammar)));
        // x* minus xa*: xby is left.
        assert.ok(!cache.isEmpty(and(globs(["x*"]), not(globs(["xa*"])), grammar)));
        assert.deepStrictEqual(cache.decidedWithoutAutomata, { empty: 1, nonEmpty: 1 });
    });

    it("reads ? as a wildcard, never as a literal word", () => {
        const cache = new LanguageCache();
        assert.ok(!cache.isEmpty(and(globs(["a?"]), words(["ab"]))));
        assert.ok(!cache.isEmpty(and(globs(["a?", "b*"]), not(words(["ab"])))));
    });
});
