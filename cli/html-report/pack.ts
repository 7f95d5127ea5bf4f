/**
 * The report's data as embedded: every string value of 8 characters or more that occurs more than once
 * is stored once, in a table, and referred to by its index. An organization's roles repeat the same
 * documents, findings and advice, so this keeps a 2,000-role report small. Shared by the writer
 * (render.ts) and the viewer (viewer/main.ts), so the two always agree.
 *
 * A value in the packed tree that starts with REF is a table index (base 36); one that starts with
 * LITERAL is the rest of the string as it was (so no string from AWS can pose as a reference).
 */
const REF = "^";
const LITERAL = "~";
const MIN = 8;

export interface Packed {
    strings: string[];
    data: unknown;
}

function walk(value: unknown, leaf: (s: string) => unknown): unknown {
    if (typeof value === "string") {
        return leaf(value);
    }
    if (Array.isArray(value)) {
        return value.map((v) => walk(v, leaf));
    }
    if (value !== null && typeof value === "object") {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, leaf)]));
    }
    return value;
}

export function pack(data: unknown): Packed {
    const seen = new Map<string, number>();
    walk(data, (s) => (s.length >= MIN ? seen.set(s, (seen.get(s) ?? 0) + 1) : undefined));
    const strings = [...seen].filter(([, n]) => n > 1).map(([s]) => s);
    const index = new Map(strings.map((s, i) => [s, i]));
    const packed = walk(data, (s) => {
        const i = index.get(s);
        return i !== undefined ? `${REF}${i.toString(36)}` : s.startsWith(REF) || s.startsWith(LITERAL) ? `${LITERAL}${s}` : s;
    });
    return { strings, data: packed };
}

export function unpack(p: Packed): unknown {
    return walk(p.data, (s) => (s.startsWith(REF) ? p.strings[parseInt(s.slice(1), 36)] : s.startsWith(LITERAL) ? s.slice(1) : s));
}
