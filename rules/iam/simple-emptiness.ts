/**
 * Emptiness of the languages users actually write, decided without building automata: a conjunction
 * of literal word lists and `prefix*` lists (StringEquals, StringLike on `team/user:*`), each possibly
 * complemented (a Deny, a negated operator), and at most one other language (Warp's subject grammar)
 * whose automaton is compiled once and shared by every document.
 *
 * Why a finite search is exact: let S be every word and prefix the simple parts name. Whether a word w
 * is in a simple part depends only on whether w is in S and on which strings of S are prefixes of w.
 * So either w is in S (or empty), and is tested directly, or w = p·x with x non-empty, p the longest
 * string of S ∪ {""} that is a prefix of w; then every such w answers the simple parts as p·c does, for
 * a character c that starts no longer string of S, and what is left is whether the other language holds
 * a word p·x that no longer string of S prefixes: a search of its automaton from p alongside a trie of
 * those strings.
 */
import type { DFA } from "refa";
import type { Lang, SimpleLeaf } from "./languages";

/** More named strings than this and the automata decide (the search is quadratic in them). */
const MAX_STRINGS = 256;

interface Split {
    readonly simple: readonly Lang[];
    readonly strings: readonly string[];
    readonly other?: Lang;
}

function simpleOf(part: Lang): SimpleLeaf | undefined {
    const leaf = part.op === "leaf" ? part : part.op === "not" && part.part.op === "leaf" ? part.part : undefined;
    return leaf?.op === "leaf" ? leaf.leaf.simple : undefined;
}

function split(lang: Lang): Split | undefined {
    const parts = lang.op === "and" ? lang.parts : [lang];
    const simple: Lang[] = [];
    const strings = new Set<string>();
    let other: Lang | undefined;
    for (const part of parts) {
        const s = simpleOf(part);
        if (s !== undefined) {
            simple.push(part);
            s.words.forEach((w) => strings.add(w));
            s.prefixes.forEach((p) => strings.add(p));
        } else if (part.op === "leaf" && other === undefined) {
            other = part;
        } else {
            return undefined;
        }
    }
    return strings.size > MAX_STRINGS ? undefined : { simple, strings: [...strings], other };
}

interface Trie {
    readonly next: Map<number, Trie>;
    end: boolean;
}

function trieOf(strings: readonly string[]): Trie {
    const root: Trie = { next: new Map(), end: false };
    for (const s of strings) {
        let node = root;
        for (let i = 0; i < s.length; i++) {
            const c = s.charCodeAt(i);
            let child = node.next.get(c);
            if (child === undefined) {
                child = { next: new Map(), end: false };
                node.next.set(c, child);
            }
            node = child;
        }
        node.end = true;
    }
    return root;
}

function nodeAt(trie: Trie, word: string): Trie {
    let node = trie;
    for (let i = 0; i < word.length; i++) {
        node = node.next.get(word.charCodeAt(i))!;
    }
    return node;
}

/** A character that no string of the trie starts with, readable when one is free. */
function freshChar(trie: Trie): string {
    let c = 0x61;
    while (trie.next.has(c)) {
        c++;
    }
    return String.fromCharCode(c);
}

/** An automaton with the states from which a final state can be reached. */
export interface Finishing {
    readonly dfa: DFA;
    readonly finish: ReadonlySet<DFA.ReadonlyNode>;
}

/** The states of `dfa` from which a final state can be reached (the caller keeps it with the automaton). */
export function finishing(dfa: DFA): Finishing {
    const into = new Map<DFA.ReadonlyNode, DFA.ReadonlyNode[]>();
    const seen = new Set<DFA.ReadonlyNode>([dfa.initial]);
    const stack: DFA.ReadonlyNode[] = [dfa.initial];
    while (stack.length > 0) {
        const node = stack.pop()!;
        for (const [, to] of node.out) {
            into.set(to, [...(into.get(to) ?? []), node]);
            if (!seen.has(to)) {
                seen.add(to);
                stack.push(to);
            }
        }
    }
    const done = new Set<DFA.ReadonlyNode>(dfa.finals as ReadonlySet<DFA.ReadonlyNode>);
    const finals: ReadonlySet<DFA.ReadonlyNode> = dfa.finals;
    const work = [...finals];
    while (work.length > 0) {
        for (const from of into.get(work.pop()!) ?? []) {
            if (!done.has(from)) {
                done.add(from);
                work.push(from);
            }
        }
    }
    return { dfa, finish: done };
}

function walk(dfa: DFA, word: string): DFA.ReadonlyNode | undefined {
    let node: DFA.ReadonlyNode | undefined = dfa.initial;
    for (let i = 0; node !== undefined && i < word.length; i++) {
        node = node.out.get(word.charCodeAt(i));
    }
    return node;
}

/** Whether the automaton, read from `p`, holds a word p·x (x non-empty) that no string of the trie prefixes after p. */
function extends_({ dfa, finish }: Finishing, p: string, trie: Trie): boolean {
    const start = walk(dfa, p);
    if (start === undefined) {
        return false;
    }
    const seen = new Map<DFA.ReadonlyNode, Set<Trie>>();
    const stack: Array<[DFA.ReadonlyNode, Trie]> = [[start, trie]];
    while (stack.length > 0) {
        const [node, at] = stack.pop()!;
        for (const [range, to] of node.out) {
            let inTrie = 0;
            for (const [c, child] of at.next) {
                if (c < range.min || c > range.max) {
                    continue;
                }
                inTrie++;
                if (child.end || seen.get(to)?.has(child) === true) {
                    continue;
                }
                if ((dfa.finals as ReadonlySet<DFA.ReadonlyNode>).has(to)) {
                    return true;
                }
                seen.set(to, (seen.get(to) ?? new Set()).add(child));
                stack.push([to, child]);
            }
            // A character of the range that leaves the trie: every longer word is free of the named strings.
            if (inTrie < range.max - range.min + 1 && finish.has(to)) {
                return true;
            }
        }
    }
    return false;
}

/**
 * Whether `lang` is empty, when it has the shape described above (else undefined). `contains` answers
 * membership and `dfaOf` gives the other language's (cached) automaton with `finishing`.
 */
export function emptyWithoutAutomata(
    lang: Lang,
    contains: (lang: Lang, word: string) => boolean,
    dfaOf: (lang: Lang) => Finishing,
): boolean | undefined {
    const parts = split(lang);
    if (parts === undefined) {
        return undefined;
    }
    const { simple, strings, other } = parts;
    if ([...strings, ""].some((w) => contains(lang, w))) {
        return false;
    }
    const trie = trieOf(strings);
    for (const p of [...strings, ""]) {
        // The strings of S longer than p that start with it, as the trie below p's node.
        const below = nodeAt(trie, p);
        const stand = p + freshChar(below);
        if (simple.every((part) => contains(part, stand)) && (other === undefined || extends_(dfaOf(other), p, below))) {
            return false;
        }
    }
    return true;
}
