/**
 * Reading resource properties as the policy server hands them over: wrapped in a proxy that throws
 * UnknownValueError on a value not known during preview. The rules want plain JSON and an explicit
 * "not known yet", so values are copied out here, with the unknown case reported instead of thrown.
 */
import { UnknownValueError } from "@pulumi/policy";

/**
 * The engine's placeholders for values not known during preview (sdk/go/common/resource/plugin/rpc.go).
 * The proxy normally catches them; they are also recognised here so plain props (tests, the bench) behave
 * the same way.
 */
const UNKNOWN_SENTINELS: ReadonlySet<string> = new Set([
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
    "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
    "030794c1-ac77-496b-92df-f27374a8bd58",
    "e48ece36-62e2-4504-bad9-02848725956a",
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
]);
export const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const SENTINEL_LENGTH = UNKNOWN_STRING.length;

export type Known<T = unknown> = { known: true; value: T } | { known: false; path: string };

class UnknownAt {
    constructor(readonly path: string) {}
}

function get(obj: any, key: string | number, path: string): unknown {
    try {
        return obj[key];
    } catch (e) {
        if (e instanceof UnknownValueError) {
            throw new UnknownAt(`${path}.${key}`);
        }
        throw e;
    }
}

function copy(value: unknown, path: string): unknown {
    if (typeof value === "string") {
        if (UNKNOWN_SENTINELS.has(value)) {
            throw new UnknownAt(path);
        }
        return value;
    }
    if (value === null || typeof value !== "object") {
        return value;
    }
    if (Array.isArray(value)) {
        const length = value.length;
        const out = new Array(length);
        for (let i = 0; i < length; i++) {
            out[i] = copy(get(value, i, path), `${path}[${i}]`);
        }
        return out;
    }
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value)) {
        out[k] = copy(get(value, k, path), `${path}.${k}`);
    }
    return out;
}

/** What `readRaw` returns for a property not known yet; its path is `.<key>`, as `readKnown` would report. */
export const NOT_KNOWN: unique symbol = Symbol("not known during preview");
/** What `readRaw` returns for an object or array, which only `readKnown` can check for unknowns inside. */
export const NEEDS_COPY: unique symbol = Symbol("object value");

/**
 * A top-level property without the deep copy, for the hot paths: strings, numbers and the like need no
 * copy, and an object is left to `readKnown`. Every policy reads a role's trust policy, usually a
 * string, so this saves the allocations of `readKnown` on each of those calls.
 */
export function readRaw(props: Record<string, any>, key: string): unknown {
    let value: unknown;
    // Through the server's proxy, not around it: its internals are not a published API.
    try {
        value = props[key];
    } catch (e) {
        if (e instanceof UnknownValueError) {
            return NOT_KNOWN;
        }
        throw e;
    }
    if (typeof value === "string") {
        // Every sentinel is a 36-character UUID; checking the length first spares hashing a long document.
        return value.length === SENTINEL_LENGTH && UNKNOWN_SENTINELS.has(value) ? NOT_KNOWN : value;
    }
    return value !== null && typeof value === "object" ? NEEDS_COPY : value;
}

/** A property as plain JSON, or where it is not known yet. A missing property is known and undefined. */
export function readKnown(props: Record<string, any>, key: string): Known {
    try {
        return { known: true, value: copy(get(props, key, ""), `.${key}`) };
    } catch (e) {
        if (e instanceof UnknownAt) {
            return { known: false, path: e.path };
        }
        throw e;
    }
}
