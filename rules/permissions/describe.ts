/**
 * What a role may do, in words, for people: which invoke actions, on which foundation models and
 * inference profiles, in which regions, and, when it may do more, the engine's witness of what lies
 * beyond. The audit report's "What it may do" shows this; like ../trust/describe.ts for trust, it is
 * the engine's answer (the allowed set within the intended one, and the exposures), never re-derived
 * from the statements: the patterns a policy writes are only the candidates the words are chosen from.
 */
import { ALL, Lang, LanguageCache, and, globSource, not, pattern } from "../iam/languages";
import { actionFact } from "../iam/facts";
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
    /** Conditions the engine assumed (an Allow's to hold, a Deny's not to). */
    readonly assumptions: readonly string[];
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
const UNLISTED_ACCOUNT = "000000000009";

const ANY_SEGMENT = "[a-z0-9-]*";
const partitions = `(?:${PARTITIONS.join("|")})`;

/** ARNs of one kind in `partition` whose region segment matches `region` and resource ID `id` (regular-expression sources). */
function kindLang(kind: Kind, region: string, id: string, partition = partitions, account = "[0-9]{12}"): Lang {
    account = kind === "foundation-model" ? "" : account;
    // A foundation model's ARN may omit the region; a profile's names one.
    region = region === ANY_SEGMENT && kind !== "foundation-model" ? "[a-z0-9-]+" : region;
    return pattern(`describe:${kind}`, `arn:${partition}:bedrock:${region}:${account}:${kind}/${id}`);
}

/** A region or partition glob within the segment's characters (those the intended set allows). */
const exact = (s: string) => globSource(s, "[a-z0-9-]");

/** A model or profile ID a policy names, and the Resource patterns that name it. */
interface Candidate {
    id: string;
    arns: string[];
}

interface Candidates {
    regions: string[];
    accounts: string[];
    ids: Map<Kind, Candidate[]>;
}

/** Every ARN pattern the role's statements (and boundary) write, Allow or Deny, Resource or NotResource. */
function writtenPatterns(j: RoleJudgement): string[] {
    const docs = [...j.sources, ...(j.boundarySource ? [j.boundarySource] : [])].map((s) => s.doc);
    const all = docs.flatMap((d) => d.statements.flatMap((x) => [...(x.resources ?? []), ...(x.notResources ?? [])]));
    return all.filter((x) => !x.includes("${"));
}

/** The region and resource-ID patterns the role's policies write, per kind: the candidates for the words. */
function written(j: RoleJudgement): Candidates {
    const regions = new Set<string>(j.answer.config.allowedRegions);
    const accounts = new Set<string>();
    const ids = new Map<Kind, Map<string, string[]>>(KINDS.map((k) => [k.kind, new Map<string, string[]>()]));
    const add = (kind: Kind, id: string, arn?: string) => {
        const seen = ids.get(kind)?.get(id) ?? [];
        ids.get(kind)?.set(id, arn === undefined ? seen : [...seen, arn]);
    };
    j.answer.config.allowedModels.forEach((m) => add("foundation-model", m));
    for (const p of writtenPatterns(j)) {
        const parts = p.split(":");
        const resource = parts.slice(5).join(":");
        const slash = resource.indexOf("/");
        const kind = KINDS.find((k) => resource.slice(0, slash) === k.kind)?.kind;
        if (parts.length >= 6 && parts[3] !== "*" && parts[3] !== "") {
            regions.add(parts[3]);
        }
        if (parts.length >= 6 && /^[0-9]{12}$/.test(parts[4])) {
            accounts.add(parts[4]);
        }
        if (parts.length < 6 || kind === undefined) {
            continue;
        }
        const id = resource.slice(slash + 1);
        if (id !== "*" && kind !== "application-inference-profile") {
            add(kind, id, p);
        }
    }
    const listed = (m: Map<string, string[]>) => [...m].sort(([a], [b]) => a.localeCompare(b)).map(([id, arns]) => ({ id, arns }));
    return { regions: [...regions].sort(), accounts: [...accounts].sort(), ids: new Map([...ids].map(([k, m]) => [k, listed(m)])) };
}

const meets = (cache: LanguageCache, a: Lang, b: Lang) => !cache.isEmpty(and(a, b));

/** The regions of one kind the reach holds: any but `except`, or those `listed` (written, else an example's). */
interface Regions {
    any: boolean;
    listed: string[];
    except: string[];
    /** The accounts of the profiles reached, when not every account's. */
    accounts?: string[];
}

function regionsOf(cache: LanguageCache, reach: Lang, kind: Kind, candidates: readonly string[]): Regions {
    const met = (r: string) => meets(cache, reach, kindLang(kind, exact(r), "[^]+"));
    if (met(UNLISTED_REGION)) {
        return { any: true, listed: [], except: candidates.filter((r) => !met(r)) };
    }
    const listed = candidates.filter(met);
    return { any: false, listed: listed.length > 0 ? listed : [(cache.example(reach) ?? "").split(":")[3] || "no region"], except: [] };
}

const alternatives = (xs: readonly string[]) => `(?:${xs.map(exact).join("|")})`;

/** The kind's ARNs in the reach's partition and regions: what a model pattern must fill to be reached in full. */
function regionLang(kind: Kind, regions: Regions, partition: string, id: string): Lang {
    const accounts = regions.accounts === undefined ? undefined : alternatives(regions.accounts);
    const within = kindLang(kind, regions.any ? ANY_SEGMENT : alternatives(regions.listed), id, partition, accounts);
    return regions.except.length === 0 ? within : and(within, not(kindLang(kind, alternatives(regions.except), "[^]+")));
}

/** The models or profiles of one kind the reach holds: any (""), any but some, those written (`in part` when cut), or an example. */
function idWords(cache: LanguageCache, reach: Lang, kind: Kind, candidates: readonly Candidate[], regions: Regions): string {
    if (kind === "application-inference-profile") {
        return "";
    }
    const example = cache.example(reach) ?? "";
    const partition = exact(example.split(":")[1] ?? "aws");
    const full = (lang: Lang) => cache.isEmpty(and(lang, not(reach)));
    const langOf = (c: Candidate) => and(regionLang(kind, regions, partition, globSource(c.id)), c.arns.length > 0 ? arnLang(c.arns) : ALL);
    if (meets(cache, reach, kindLang(kind, ANY_SEGMENT, globSource(UNLISTED_ID)))) {
        const everything = regionLang(kind, regions, partition, "[^]+");
        if (full(everything)) {
            return "";
        }
        const except = candidates.filter((c) => !full(langOf(c))).map((c) => c.id);
        const missed = cache.example(and(everything, not(reach))) ?? "";
        return except.length > 0 ? `other than ${except.join(", ")}` : `but not all (not ${missed.slice(missed.indexOf("/") + 1)})`;
    }
    const phrases = candidates.filter((c) => meets(cache, reach, langOf(c))).map((c) => (full(langOf(c)) ? c.id : `${c.id} (in part)`));
    return phrases.length > 0 ? phrases.join(", ") : `such as ${example.slice(example.indexOf("/") + 1)}`;
}

function regionWords(r: Regions): string {
    if (!r.any) {
        return `in ${r.listed.join(", ")}`;
    }
    return r.except.length > 0 ? `in any region but ${r.except.join(", ")}` : "in any region";
}

/** The accounts whose profiles the reach holds, or undefined for every account's (and for foundation models, which have none). */
function accountsOf(cache: LanguageCache, reach: Lang, kind: Kind, candidates: readonly string[]): string[] | undefined {
    const met = (a: string) => meets(cache, reach, kindLang(kind, ANY_SEGMENT, "[^]+", partitions, a));
    if (kind === "foundation-model" || met(UNLISTED_ACCOUNT)) {
        return undefined;
    }
    const listed = candidates.filter(met);
    return listed.length > 0 ? listed : [(cache.example(reach) ?? "").split(":")[4] ?? ""];
}

/** The words for one kind: per region listed, grouped by the models they reach, or one phrase for any region. */
function kindPhrases(cache: LanguageCache, reach: Lang, kind: Kind, many: string, cands: Candidates): string[] {
    const accounts = accountsOf(cache, reach, kind, cands.accounts);
    const regions = { ...regionsOf(cache, reach, kind, cands.regions), ...(accounts ? { accounts } : {}) };
    const of = accounts === undefined ? "" : ` (account ${accounts.join(", ")})`;
    const ids = cands.ids.get(kind) ?? [];
    const phrase = (words: string, where: string) => `${words === "" ? many : `${many} ${words}`} ${where}${of}`;
    if (regions.any || regions.listed.length === 1) {
        return [phrase(idWords(cache, reach, kind, ids, regions), regionWords(regions))];
    }
    const byWords = new Map<string, string[]>();
    for (const region of regions.listed) {
        const one = { any: false, listed: [region], except: [], ...(accounts ? { accounts } : {}) };
        const words = idWords(cache, and(reach, kindLang(kind, exact(region), "[^]+")), kind, ids, one);
        byWords.set(words, [...(byWords.get(words) ?? []), region]);
    }
    return [...byWords].map(([words, where]) => phrase(words, `in ${where.join(", ")}`));
}

/** One phrase per kind of resource the action reaches (and per group of regions that reach different models). */
function phrases(r: PermissionsReach, action: string, cands: Candidates): string[] {
    const reach = r.reach(action);
    const out: string[] = [];
    for (const { kind, many } of KINDS) {
        const mine = and(reach, kindLang(kind, ANY_SEGMENT, "[^]+"));
        if (!r.cache.isEmpty(mine)) {
            out.push(...kindPhrases(r.cache, mine, kind, many, cands));
        }
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

function sentence({ invoke, beyond, unseen, assumptions }: Omit<MayDo, "text">): string {
    const parts = invoke.map((i) => i.text);
    let text = parts.length > 0 ? parts.join("; ") : beyond.length > 0 ? "no model invocation" : "nothing";
    if (beyond.length > 0) {
        text += `; and beyond that: ${beyond.join("; ")}`;
    }
    if (unseen.length > 0) {
        text += `; not counting what could not be read: ${unseen.join("; ")}`;
    }
    if (assumptions.length > 0) {
        text += `; assuming ${assumptions.join("; ")}`;
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
    const parts = { invoke, beyond, unseen, assumptions: [...j.answer.assumptions] };
    return { ...parts, text: sentence(parts) };
}
