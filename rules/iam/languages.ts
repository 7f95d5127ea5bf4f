/**
 * Sets of strings as regular languages. What a policy admits for one condition key is a boolean
 * combination of IAM patterns (Allow statements union, Deny statements subtract, conditions intersect,
 * negated operators complement), so every set here is an expression over pattern leaves, decided exactly:
 * by filtering a finite candidate list when one conjunct is a list of literal words (the usual
 * `StringEquals`), and otherwise by building the expression's automaton with `refa` and asking it.
 *
 * IAM's patterns, as the IAM User Guide ("IAM JSON policy elements: Condition operators", string
 * condition operators) documents them: `StringEquals` compares literally and case-sensitively,
 * `StringEqualsIgnoreCase` ignores case, `StringLike` reads `*` as any run of characters and `?` as any
 * one character.
 */
import { CharSet, DFA, FAIterators, JS, NFA, TransitionIterable, getIntersectionIterator } from "refa";
import { Finishing, emptyWithoutAutomata, finishing } from "./simple-emptiness";

/** UTF-16 code units, as JavaScript strings hold them. */
const MAX_CHARACTER = 0xffff;

/** refa's default limit (10,000 states) is too tight for a union of ARN formats against a NotResource list. */
const MAX_NODES = 50_000;

export type Lang =
    | { readonly op: "all" }
    | { readonly op: "none" }
    | { readonly op: "leaf"; readonly leaf: Leaf }
    | { readonly op: "and"; readonly parts: readonly Lang[]; key?: string }
    | { readonly op: "not"; readonly part: Lang; key?: string };

/** One operator's values: a union of literal words, case-folded words or glob patterns. */
export interface Leaf {
    /** Canonical text, the cache key of its automaton. */
    readonly key: string;
    /** A JavaScript regular expression for the same language (anchored, `s` flag), built on first use. */
    readonly regex: () => RegExp;
    /** The leaf's words, when it is a finite case-sensitive list: lets an intersection filter instead of building automata. */
    readonly words?: ReadonlySet<string>;
    /** The leaf as literal words and `prefix*` patterns, when it is no more (lets emptiness be decided without automata). */
    readonly simple?: SimpleLeaf;
}

/** A union of literal words and of every word that starts with one of `prefixes`. */
export interface SimpleLeaf {
    readonly words: readonly string[];
    readonly prefixes: readonly string[];
}

export const ALL: Lang = { op: "all" };
export const NONE: Lang = { op: "none" };

export const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");

/**
 * The one glob translation: IAM's `*` (any run) and `?` (any one character) as regular-expression
 * source, every other character literal. `any` is the class a wildcard ranges over: every character
 * for condition values and ARN resource IDs, every character but `:` within an ARN segment.
 */
export function globSource(glob: string, any = "[^]"): string {
    return glob.replace(/[*?]|[.+^${}()|[\]\\/-]/g, (c) => (c === "*" ? `${any}*` : c === "?" ? any : `\\${c}`));
}

function lazyRegex(source: () => string, flags: string): () => RegExp {
    let regex: RegExp | undefined;
    return () => (regex ??= new RegExp(`^(?:${source()})$`, `s${flags}`));
}

function leafOf(
    kind: string,
    values: readonly string[],
    toSource: (v: string) => string,
    flags: string,
    words?: ReadonlySet<string>,
    simple?: SimpleLeaf,
): Lang {
    if (values.length === 0) {
        return NONE;
    }
    const source = () => values.map((v) => `(?:${toSource(v)})`).join("|");
    return { op: "leaf", leaf: { key: `${kind}:${JSON.stringify(values)}`, regex: lazyRegex(source, flags), words, simple } };
}

/** `StringEquals`: exactly these words. */
export function words(values: readonly string[]): Lang {
    const set = new Set(values);
    return leafOf("eq", [...set], escapeRegex, "", set, { words: [...set], prefixes: [] });
}

/** `StringEqualsIgnoreCase`: these words in any case. */
export function wordsIgnoreCase(values: readonly string[]): Lang {
    return leafOf("eqi", [...new Set(values)], escapeRegex, "i");
}

/** `StringLike`: any of these glob patterns. */
export function globs(patterns: readonly string[]): Lang {
    const unique = [...new Set(patterns)];
    if (unique.every((p) => !p.includes("*") && !p.includes("?"))) {
        return words(unique);
    }
    const isPrefix = (p: string) => !p.includes("?") && p.indexOf("*") === p.length - 1;
    const simple = unique.every((p) => isPrefix(p) || !/[*?]/.test(p))
        ? { words: unique.filter((p) => !/[*?]/.test(p)), prefixes: unique.filter(isPrefix).map((p) => p.slice(0, -1)) }
        : undefined;
    return leafOf("like", unique, globSource, "", undefined, simple);
}

/** A language written as a regular expression source (for grammars the project defines itself). */
export function pattern(name: string, source: string): Lang {
    return { op: "leaf", leaf: { key: `re:${name}:${source}`, regex: lazyRegex(() => source, "") } };
}

export function and(...parts: Lang[]): Lang {
    const flat: Lang[] = [];
    for (const p of parts) {
        if (p.op === "none") {
            return NONE;
        }
        if (p.op === "all") {
            continue;
        }
        if (p.op === "and") {
            flat.push(...p.parts);
        } else {
            flat.push(p);
        }
    }
    return flat.length === 0 ? ALL : flat.length === 1 ? flat[0] : { op: "and", parts: flat };
}

export function not(part: Lang): Lang {
    if (part.op === "all") {
        return NONE;
    }
    if (part.op === "none") {
        return ALL;
    }
    return part.op === "not" ? part.part : { op: "not", part };
}

export function contains(lang: Lang, word: string): boolean {
    switch (lang.op) {
        case "all":
            return true;
        case "none":
            return false;
        case "leaf":
            return lang.leaf.words !== undefined ? lang.leaf.words.has(word) : lang.leaf.regex().test(word);
        case "and":
            return lang.parts.every((p) => contains(p, word));
        case "not":
            return !contains(lang.part, word);
    }
}

/** Canonical text of a language; a compound node computes its own once. */
function keyOf(lang: Lang): string {
    if (lang.op === "and" || lang.op === "not") {
        return (lang.key ??= computeKey(lang));
    }
    return computeKey(lang);
}

function computeKey(lang: Lang): string {
    switch (lang.op) {
        case "all":
        case "none":
            return lang.op;
        case "leaf":
            return lang.leaf.key;
        case "and":
            return `and(${lang.parts.map(keyOf).sort().join(",")})`;
        case "not":
            return `not(${keyOf(lang.part)})`;
    }
}

/** A finite list of words that holds every word of the language, when one conjunct gives one. */
function candidates(lang: Lang): Iterable<string> | undefined {
    if (lang.op === "leaf") {
        return lang.leaf.words;
    }
    if (lang.op === "and") {
        let best: ReadonlySet<string> | undefined;
        for (const p of lang.parts) {
            const c = p.op === "leaf" ? p.leaf.words : undefined;
            if (c !== undefined && (best === undefined || c.size < best.size)) {
                best = c;
            }
        }
        return best;
    }
    return lang.op === "none" ? [] : undefined;
}

/**
 * Compiled automata and decided questions, keyed by canonical text. One per analysis context (the
 * pack keeps one for a preview, the CLI one per run): `rules/` itself holds no module-level cache.
 */
export class LanguageCache {
    private readonly automata = new Map<string, DFA>();
    private readonly examples = new Map<string, string | null>();
    private readonly shortest = new Map<string, CharSet[] | null>();
    private readonly finishing = new Map<string, Finishing>();
    private readonly limit: number;
    /** The differential tests' reference path: no question is decided without automata. */
    readonly automataOnly: boolean;
    /** How many emptiness questions were decided without automata (./simple-emptiness.ts), by answer. */
    readonly decidedWithoutAutomata = { empty: 0, nonEmpty: 0 };

    /** `automataOnly` turns the automaton-free emptiness check off: the differential test's reference path. */
    constructor(limit = 4096, options: { automataOnly?: boolean } = {}) {
        this.limit = limit;
        this.automataOnly = options.automataOnly === true;
    }

    /** One word of the language (a short, readable one), or undefined when it is empty. */
    example(lang: Lang, prefer?: readonly string[]): string | undefined {
        for (const w of prefer ?? []) {
            if (contains(lang, w)) {
                return w;
            }
        }
        const finite = candidates(lang);
        if (finite !== undefined) {
            for (const w of finite) {
                if (contains(lang, w)) {
                    return w;
                }
            }
            return undefined;
        }
        const key = keyOf(lang);
        let found = this.examples.get(key);
        if (found === undefined) {
            const outside = this.exampleOutside(lang);
            found = outside !== undefined ? outside : (shortestWord(this.shortestSet(lang, key)) ?? null);
            this.remember(this.examples, key, found);
        }
        return found ?? undefined;
    }

    /**
     * A conjunction that excludes finite word lists (a Deny on exact subjects, StringNotEquals) is decided
     * without an automaton for the whole: the rest's automaton is shared across documents, and among any
     * n + 1 of its words one is outside n excluded words. Undefined when this shortcut does not apply.
     */
    private exampleOutside(lang: Lang): string | null | undefined {
        if (lang.op !== "and") {
            return undefined;
        }
        const excluded = new Set<string>();
        const rest: Lang[] = [];
        for (const p of lang.parts) {
            if (p.op === "not" && p.part.op === "leaf" && p.part.leaf.words !== undefined) {
                p.part.leaf.words.forEach((w) => excluded.add(w));
            } else {
                rest.push(p);
            }
        }
        if (excluded.size === 0 || excluded.size > 64) {
            return undefined;
        }
        const set = this.shortestSet(and(...rest));
        if (set === undefined) {
            return null;
        }
        // A word of the rest outside the excluded words, if its shortest words hold one; else the full automaton decides.
        return wordsOfSet(set, excluded.size + 1).find((w) => !excluded.has(w));
    }

    /**
     * Whether one of `words` is in the language: non-emptiness proved by a member, without automata
     * (counted with the fast path's answers). Always false on the automata-only path, so the caller asks
     * the automata instead and a differential test compares the two.
     */
    holdsOneOf(lang: Lang, words: readonly string[]): boolean {
        const held = !this.automataOnly && words.some((w) => contains(lang, w));
        if (held) {
            this.decidedWithoutAutomata.nonEmpty++;
        }
        return held;
    }

    isEmpty(lang: Lang): boolean {
        const fast =
            this.automataOnly || candidates(lang) !== undefined
                ? undefined
                : emptyWithoutAutomata(lang, contains, (l) => this.finishingOf(l));
        if (fast !== undefined) {
            this.decidedWithoutAutomata[fast ? "empty" : "nonEmpty"]++;
            return fast;
        }
        return this.example(lang) === undefined;
    }

    private finishingOf(lang: Lang): Finishing {
        const key = keyOf(lang);
        let found = this.finishing.get(key);
        if (found === undefined) {
            found = finishing(this.dfa(lang, key));
            this.remember(this.finishing, key, found);
        }
        return found;
    }

    /**
     * A shortest word set of the language. A conjunction is searched in the lazy product of its parts'
     * cached automata (only the states the search reaches are built), anything else in its automaton.
     */
    private shortestSet(lang: Lang, key = keyOf(lang)): CharSet[] | undefined {
        let set = this.shortest.get(key);
        if (set === undefined) {
            set =
                (lang.op !== "and" || this.automata.has(key)
                    ? FAIterators.shortestWordSet(this.dfa(lang, key).transitionIterator())
                    : lazyShortestSet(
                          this.dfa(lang.parts[0]),
                          lang.parts.slice(1).map((p) => this.dfa(p)),
                      )) ?? null;
            this.remember(this.shortest, key, set);
        }
        return set ?? undefined;
    }

    private dfa(lang: Lang, key = keyOf(lang)): DFA {
        let dfa = this.automata.get(key);
        if (dfa === undefined) {
            dfa = this.build(lang);
            this.remember(this.automata, key, dfa);
        }
        return dfa;
    }

    private build(lang: Lang): DFA {
        switch (lang.op) {
            case "all":
                return DFA.all({ maxCharacter: MAX_CHARACTER });
            case "none":
                return DFA.empty({ maxCharacter: MAX_CHARACTER });
            case "leaf":
                return compile(lang.leaf.regex());
            case "not": {
                const copy = this.dfa(lang.part).copy();
                copy.complement();
                return copy;
            }
            case "and": {
                let acc = this.dfa(lang.parts[0]);
                for (const p of lang.parts.slice(1)) {
                    acc = DFA.fromIntersection(acc, this.dfa(p), new DFA.LimitedNodeFactory(MAX_NODES));
                    acc.minimize();
                }
                return acc;
            }
        }
    }

    private remember<V>(map: Map<string, V>, key: string, value: V): void {
        if (map.size >= this.limit) {
            map.clear();
        }
        map.set(key, value);
    }
}

function compile(regex: RegExp): DFA {
    // The anchors are implied: refa reads a pattern as the language of whole words it matches.
    const source = regex.source.slice(4, -2);
    const { expression } = JS.Parser.fromLiteral({ source, flags: regex.flags.replace("s", "") + "s" }).parse();
    const dfa = DFA.fromFA(NFA.fromRegex(expression, { maxCharacter: MAX_CHARACTER }), new DFA.LimitedNodeFactory(MAX_NODES));
    dfa.minimize();
    return dfa;
}

/** Readable characters first, so a witness reads `TEAMa` rather than `TEAM\u0000`. */
const PREFERRED = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_-.:/";

/** Up to `limit` characters of a range, readable ones first. */
function someChars(min: number, max: number, limit: number): string[] {
    const out: string[] = [];
    for (const c of PREFERRED) {
        const code = c.charCodeAt(0);
        if (out.length < limit && code >= min && code <= max) {
            out.push(c);
        }
    }
    for (let c = min; out.length < limit && c <= max; c++) {
        const ch = String.fromCharCode(c);
        if (!out.includes(ch)) {
            out.push(ch);
        }
    }
    return out;
}

const preference = (ch: string) => {
    const i = PREFERRED.indexOf(ch);
    return i < 0 ? PREFERRED.length + ch.charCodeAt(0) : i;
};

const isSingle = (cs: CharSet) => cs.ranges.length === 1 && cs.ranges[0].min === cs.ranges[0].max;

/** Up to `limit` words of a word set (one character set per position), readable ones first. */
function wordsOfSet(set: readonly CharSet[], limit: number): string[] {
    const choices = set.map((cs) =>
        isSingle(cs)
            ? [String.fromCharCode(cs.ranges[0].min)]
            : cs.ranges
                  .flatMap((r) => someChars(r.min, r.max, limit))
                  .sort((x, y) => preference(x) - preference(y))
                  .slice(0, limit),
    );
    const out: string[] = [];
    const pick = new Array<number>(choices.length).fill(0);
    while (out.length < limit) {
        out.push(pick.map((i, pos) => choices[pos][i]).join(""));
        // Odometer over the choices, last position fastest.
        let pos = choices.length - 1;
        while (pos >= 0 && ++pick[pos] === choices[pos].length) {
            pick[pos--] = 0;
        }
        if (pos < 0) {
            break;
        }
    }
    return out;
}

/** A shortest word set of the intersection of `left` and `rest`, building product states only as the search reaches them. */
function lazyShortestSet<L>(left: TransitionIterable<L>, rest: readonly DFA[]): CharSet[] | undefined {
    if (rest.length === 0) {
        return FAIterators.shortestWordSet(left.transitionIterator());
    }
    const product = getIntersectionIterator(left, rest[0], MAX_NODES);
    return lazyShortestSet({ maxCharacter: MAX_CHARACTER, transitionIterator: () => product }, rest.slice(1));
}

function shortestWord(set: readonly CharSet[] | undefined): string | undefined {
    if (set === undefined) {
        return undefined;
    }
    return set
        .map((cs) => {
            for (const c of PREFERRED) {
                if (cs.has(c.charCodeAt(0))) {
                    return c;
                }
            }
            return String.fromCharCode(cs.ranges[0].min);
        })
        .join("");
}
