/**
 * What a role may do, in words, for people: which invoke actions, on which foundation models and
 * inference profiles, in which regions, and, when it may do more, the engine's witness of what lies
 * beyond. The audit report's "What it may do" shows this; like ../trust/describe.ts for trust, it is
 * the engine's answer (the allowed set within the intended one, and the exposures), never re-derived
 * from the statements: the patterns a policy writes are only the candidates the words are chosen from.
 */
import { ALL, Lang, LanguageCache, and, globSource, not, pattern } from "../iam/languages";
import { actionFact } from "../iam/facts";
import { effectOf } from "../iam/document";
import { arnLang, canonicalAction } from "../iam/match";
import { PARTITIONS } from "../aws-names";
import { PermissionsReach, describeRef, permissionsReach } from "./engine";
import type { RoleJudgement, Unseen } from "./role";

export interface InvokeReach {
    /** The actions, by IAM's names (`InvokeModel`), that reach these resources. */
    readonly actions: readonly string[];
    /** One phrase per kind of resource: `foundation models anthropic.* in us-east-1`. */
    readonly on: readonly string[];
    /** The actions and phrases in one line. */
    readonly text: string;
}

export interface MayDo {
    /** What the role may invoke; empty when it can invoke nothing. */
    readonly invoke: readonly InvokeReach[];
    /** Each way beyond the intended set, as its witness says it. */
    readonly beyond: readonly string[];
    /** What the answer could not see or decide, so the words are a floor, not the whole. */
    readonly unseen: readonly string[];
    /** All of it in one line. */
    readonly text: string;
}

type Kind = "foundation-model" | "inference-profile" | "application-inference-profile";

const KINDS: ReadonlyArray<{ kind: Kind; many: string }> = [
    { kind: "foundation-model", many: "foundation models" },
    { kind: "inference-profile", many: "inference profiles" },
    { kind: "application-inference-profile", many: "application inference profiles" },
];

/** Stands for every region and model no policy names: reached only through a wildcard that spans them all. */
const UNLISTED_REGION = "zz-unlisted-9";
const UNLISTED_ID = "zz-unlisted.model-v9";

const ANY_SEGMENT = "[a-z0-9-]*";
const partitions = `(?:${PARTITIONS.join("|")})`;

/** ARNs of one kind in `partition` whose region segment matches `region` and resource ID `id` (regular-expression sources). */
function kindLang(kind: Kind, region: string, id: string, partition = partitions): Lang {
    const account = kind === "foundation-model" ? "" : "[0-9]{12}";
    return pattern(`describe:${kind}`, `arn:${partition}:bedrock:${region}:${account}:${kind}/${id}`);
}

const exact = (s: string) => globSource(s, "[^:]");

/** A model or profile ID a policy names, and the Resource patterns that name it. */
interface Candidate {
    id: string;
    arns: string[];
}

interface Candidates {
    regions: string[];
    ids: Map<Kind, Candidate[]>;
}

/** The region and resource-ID patterns the role's Allow statements (and boundary) write, per kind: the candidates for the words. */
function written(j: RoleJudgement): Candidates {
    const regions = new Set<string>(j.answer.config.allowedRegions);
    const ids = new Map<Kind, Map<string, string[]>>(KINDS.map((k) => [k.kind, new Map<string, string[]>()]));
    const add = (kind: Kind, id: string, arn?: string) => {
        const seen = ids.get(kind)?.get(id) ?? [];
        ids.get(kind)?.set(id, arn === undefined ? seen : [...seen, arn]);
    };
    j.answer.config.allowedModels.forEach((m) => add("foundation-model", m));
    const docs = [...j.sources, ...(j.boundarySource ? [j.boundarySource] : [])].map((s) => s.doc);
    const patterns = docs.flatMap((d) => d.statements.filter((x) => effectOf(x.effect) === "allow").flatMap((x) => x.resources ?? []));
    for (const p of patterns.filter((x) => !x.includes("${"))) {
        const parts = p.split(":");
        const resource = parts.slice(5).join(":");
        const slash = resource.indexOf("/");
        const kind = KINDS.find((k) => resource.slice(0, slash) === k.kind)?.kind;
        if (parts.length < 6 || kind === undefined) {
            continue;
        }
        if (parts[3] !== "*" && parts[3] !== "") {
            regions.add(parts[3]);
        }
        const id = resource.slice(slash + 1);
        if (id !== "*" && kind !== "application-inference-profile") {
            add(kind, id, p);
        }
    }
    const listed = (m: Map<string, string[]>) => [...m].sort(([a], [b]) => a.localeCompare(b)).map(([id, arns]) => ({ id, arns }));
    return { regions: [...regions].sort(), ids: new Map([...ids].map(([k, m]) => [k, listed(m)])) };
}

const meets = (cache: LanguageCache, a: Lang, b: Lang) => !cache.isEmpty(and(a, b));

/** The regions of one kind the reach holds: any (undefined), those written, or an example's. */
function regionsOf(cache: LanguageCache, reach: Lang, kind: Kind, candidates: readonly string[]): string[] | undefined {
    if (meets(cache, reach, kindLang(kind, exact(UNLISTED_REGION), "[^]+"))) {
        return undefined;
    }
    const listed = candidates.filter((r) => meets(cache, reach, kindLang(kind, exact(r), "[^]+")));
    return listed.length > 0 ? listed : [(cache.example(reach) ?? "").split(":")[3] || "no region"];
}

/** The models or profiles of one kind the reach holds: any (""), those written (`in part` when cut), or an example. */
function idWords(cache: LanguageCache, reach: Lang, kind: Kind, candidates: readonly Candidate[], regions: string[] | undefined): string {
    if (kind === "application-inference-profile" || meets(cache, reach, kindLang(kind, ANY_SEGMENT, globSource(UNLISTED_ID)))) {
        return "";
    }
    const example = cache.example(reach) ?? "";
    const partition = exact(example.split(":")[1] ?? "aws");
    const region = regions === undefined ? ANY_SEGMENT : `(?:${regions.map(exact).join("|")})`;
    const phrases: string[] = [];
    for (const { id, arns } of candidates) {
        const lang = and(kindLang(kind, region, globSource(id), partition), arns.length > 0 ? arnLang(arns) : ALL);
        if (meets(cache, reach, lang)) {
            phrases.push(cache.isEmpty(and(lang, not(reach))) ? id : `${id} (in part)`);
        }
    }
    return phrases.length > 0 ? phrases.join(", ") : `such as ${example.slice(example.indexOf("/") + 1)}`;
}

/** One phrase per kind of resource the action reaches. */
function phrases(r: PermissionsReach, action: string, cands: Candidates): string[] {
    const reach = r.reach(action);
    const out: string[] = [];
    for (const { kind, many } of KINDS) {
        const mine = and(reach, kindLang(kind, ANY_SEGMENT, "[^]+"));
        if (r.cache.isEmpty(mine)) {
            continue;
        }
        const regions = regionsOf(r.cache, mine, kind, cands.regions);
        const ids = idWords(r.cache, mine, kind, cands.ids.get(kind) ?? [], regions);
        const head = ids === "" ? `${many}` : `${many} ${ids}`;
        out.push(`${head} in ${regions === undefined ? "any region" : regions.join(", ")}`);
    }
    return out;
}

const actionName = (a: string) => (actionFact(canonicalAction(a))?.name ?? a).replace(/^bedrock:/, "");

function unseenWords(u: Unseen): string {
    const why = {
        "unknown-in-preview": "unknown until applied",
        "unknown-aws-managed": "an AWS managed policy the data does not hold",
        "outside-stack": "a policy from outside",
    };
    return `${u.label} (${why[u.why]})`;
}

const joinAnd = (xs: readonly string[]) => (xs.length <= 1 ? xs.join("") : `${xs.slice(0, -1).join(", ")} and ${xs[xs.length - 1]}`);

function sentence(invoke: readonly InvokeReach[], beyond: readonly string[], unseen: readonly string[]): string {
    const parts = invoke.map((i) => i.text);
    let text = parts.length > 0 ? parts.join("; ") : beyond.length > 0 ? "no model invocation" : "nothing";
    if (beyond.length > 0) {
        text += `; and beyond that: ${beyond.join("; ")}`;
    }
    if (unseen.length > 0) {
        text += `; not counting what could not be read: ${unseen.join("; ")}`;
    }
    return text;
}

/** What the judged role may do, from the permissions engine's reach and exposures. */
export function describeMayDo(j: RoleJudgement, cache?: LanguageCache): MayDo {
    const r = permissionsReach(j.sources, { boundary: j.boundarySource, config: j.answer.config, cache });
    const cands = written(j);
    const groups: Array<{ actions: string[]; on: string[] }> = [];
    for (const action of j.answer.config.allowedActions) {
        const on = phrases(r, action, cands);
        const same = groups.find((i) => i.on.join("\n") === on.join("\n"));
        if (on.length === 0) {
            continue;
        }
        if (same !== undefined) {
            same.actions.push(actionName(action));
        } else {
            groups.push({ actions: [actionName(action)], on });
        }
    }
    const invoke = groups.map((g) => ({ ...g, text: `${joinAnd(g.actions)} on ${g.on.join("; ")}` }));
    const beyond = [
        ...j.answer.exposures.map((e) => `${e.action} on ${e.resource} (${describeRef(e.by)})`),
        ...j.answer.undecided.map((u) => `whatever ${describeRef(u)} allows (too complex to decide)`),
    ];
    const unseen = [...j.unseen, ...(j.boundaryUnseen ? [j.boundaryUnseen] : [])].map(unseenWords);
    return { invoke, beyond, unseen, text: sentence(invoke, beyond, unseen) };
}
