/**
 * The request space the engine searches, one condition key at a time. A modelled key's value is either
 * absent from the request or one string; a `ValueSet` says which of those satisfy a condition. A `Box`
 * gives one value set per modelled key (a missing key is unconstrained): one statement's conditions are
 * one box, because IAM AND-s a statement's condition blocks and keys (IAM User Guide, "Condition element:
 * evaluation logic"). What a policy admits is a union of Allow boxes minus a union of Deny boxes, and
 * `findPoint` decides exactly whether such a set holds a request, returning one when it does.
 */
import { ALL, Lang, LanguageCache, NONE, and, contains, not } from "../iam/languages";

export interface ValueSet {
    /** Whether a request without the key satisfies the condition. */
    readonly absent: boolean;
    /** The values that satisfy it when the key is present. */
    readonly lang: Lang;
}

export const ANY_VALUE: ValueSet = { absent: true, lang: ALL };
export const ONLY_ABSENT: ValueSet = { absent: true, lang: NONE };
export const ANY_PRESENT: ValueSet = { absent: false, lang: ALL };

export function intersect(a: ValueSet, b: ValueSet): ValueSet {
    return { absent: a.absent && b.absent, lang: and(a.lang, b.lang) };
}

export function complement(a: ValueSet): ValueSet {
    return { absent: !a.absent, lang: not(a.lang) };
}

/** Modelled key name (`sub`, `aud`) to the values that satisfy every condition on it. */
export type Box = Readonly<Record<string, ValueSet>>;

/** One request inside a box: each modelled key's value, `undefined` when the key is absent. */
export type Point = Readonly<Record<string, string | undefined>>;

/** What a key may hold at all (Warp's issuer mints only subjects of its grammar), and values to prefer in a witness. */
export interface KeySpace {
    readonly universe: Readonly<Record<string, ValueSet>>;
    readonly prefer: Readonly<Record<string, readonly string[]>>;
    /** Keys whose absence reads better in a witness than a value not in `prefer` (a token with no aud, not aud ""). */
    readonly preferAbsent?: readonly string[];
}

export function intersectBoxes(a: Box, b: Box): Box {
    const out: Record<string, ValueSet> = { ...a };
    for (const [k, v] of Object.entries(b)) {
        out[k] = out[k] === undefined ? v : intersect(out[k], v);
    }
    return out;
}

function within(space: KeySpace, key: string, v: ValueSet): ValueSet {
    const u = space.universe[key];
    return u === undefined ? v : intersect(u, v);
}

function valueIsEmpty(cache: LanguageCache, v: ValueSet): boolean {
    return !v.absent && cache.isEmpty(v.lang);
}

function boxIsEmpty(cache: LanguageCache, space: KeySpace, box: Box): boolean {
    for (const [k, v] of Object.entries(box)) {
        if (valueIsEmpty(cache, within(space, k, v))) {
            return true;
        }
    }
    return false;
}

/**
 * A key's value in a witness: a present value reads as a real request, absence only when nothing else
 * is in the set, or, for a key whose absence reads better, when no preferred value is.
 */
function valueFor(cache: LanguageCache, space: KeySpace, k: string, v: ValueSet): string | undefined {
    const prefer = space.prefer[k] ?? [];
    if (v.absent && space.preferAbsent?.includes(k) === true) {
        return prefer.find((w) => contains(v.lang, w));
    }
    return cache.example(v.lang, prefer);
}

function pickPoint(cache: LanguageCache, space: KeySpace, box: Box): Point {
    const point: Record<string, string | undefined> = {};
    const keys = new Set([...Object.keys(space.universe), ...Object.keys(box)]);
    for (const k of keys) {
        point[k] = valueFor(cache, space, k, within(space, k, box[k] ?? ANY_VALUE));
    }
    return point;
}

/**
 * A request in `box` (within the key space) that none of `subtract` holds, or undefined when there is
 * none. Box minus box splits into at most one piece per key of the subtracted box, each searched on.
 */
export function findPoint(cache: LanguageCache, space: KeySpace, box: Box, subtract: readonly Box[]): Point | undefined {
    return search(cache, space, box, subtract, 0, pickPoint);
}

const SOME_POINT: Point = {};

/** Whether `box` holds a request none of `subtract` holds: findPoint's search, without picking the request's values. */
export function hasPoint(cache: LanguageCache, space: KeySpace, box: Box, subtract: readonly Box[]): boolean {
    return search(cache, space, box, subtract, 0, () => SOME_POINT) !== undefined;
}

type Pick = (cache: LanguageCache, space: KeySpace, box: Box) => Point;

function search(cache: LanguageCache, space: KeySpace, box: Box, subtract: readonly Box[], from: number, pick: Pick): Point | undefined {
    if (boxIsEmpty(cache, space, box)) {
        return undefined;
    }
    if (from === subtract.length) {
        return pick(cache, space, box);
    }
    const d = subtract[from];
    if (boxIsEmpty(cache, space, intersectBoxes(box, d))) {
        return search(cache, space, box, subtract, from + 1, pick);
    }
    let prefix: Box = box;
    for (const [k, v] of Object.entries(d)) {
        const mine = prefix[k] ?? ANY_VALUE;
        const found = search(cache, space, { ...prefix, [k]: intersect(mine, complement(v)) }, subtract, from + 1, pick);
        if (found !== undefined) {
            return found;
        }
        prefix = { ...prefix, [k]: intersect(mine, v) };
    }
    return undefined;
}
