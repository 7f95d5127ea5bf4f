/**
 * What a role can do, decided as IAM decides it ("Policy evaluation logic", within one account): the
 * union of every Allow statement of every identity policy that reaches it, minus every Deny, cut by
 * its permissions boundary when it has one. Each statement is a set of (action, resource) pairs: its
 * actions (./../iam/match.ts) times its resources as a language of ARNs; the engine asks, per action,
 * whether the resources left after the Denies and the boundary hold one outside the intended set
 * (Bedrock invocation of foundation models and inference profiles), and names one such pair.
 *
 * Actions and the resource types each accepts come from the IAM data (../iam/facts.ts): an action
 * outside the intended set is an exposure when IAM could allow it on a resource of a type it accepts
 * (`*` for an action that takes no resource). Conditions are kept sound when in doubt: an Allow's
 * condition is assumed to hold and a Deny's not to, and the answer lists what was assumed.
 */
import { PolicyDocument, Statement, effectOf } from "../iam/document";
import { ActionFact, actionFact, actionsOf, allServices, arnFormatSource, exampleArn, isReadOnly, needsNoPermission } from "../iam/facts";
import { ALL, Lang, LanguageCache, NONE, and, contains, globSource, not, pattern } from "../iam/languages";
import {
    VariableContext,
    actionLang,
    arnLang,
    arnSegments,
    canonicalAction,
    canonicalArn,
    isVariableSegment,
    serviceOf,
    variableContext,
} from "../iam/match";
import { BEDROCK_INVOKE_ACTIONS } from "../constants";
import { PARTITIONS } from "../aws-names";
import { statementName } from "../findings";

/** One identity policy reaching the role; `label` names it in findings, `ref` is the caller's handle. */
export interface PolicySource<R = unknown> {
    label: string;
    doc: PolicyDocument;
    ref?: R;
    /** The role's account, which `${aws:PrincipalAccount}` stands for; unknown: any account. */
    account?: string;
}

export interface PermissionsConfig {
    /** Actions a Warp role may be allowed (matched without regard to case). */
    allowedActions: readonly string[];
    /** Regions of the inference profiles it may invoke; empty: every region. */
    allowedRegions: readonly string[];
    /** Model-ID patterns (`*`, `?`) it may invoke; empty: every model. */
    allowedModels: readonly string[];
}

export const DEFAULT_PERMISSIONS_CONFIG: PermissionsConfig = {
    allowedActions: BEDROCK_INVOKE_ACTIONS,
    allowedRegions: [],
    allowedModels: [],
};

/** A statement of one source, as findings name it. */
export interface StatementRef<R = unknown> {
    source: PolicySource<R>;
    index: number;
    sid?: string;
}

/** One (action, resource) pair the role may do, and the Allow statement that grants it. */
export interface Grant<R = unknown> {
    action: string;
    resource: string;
    by: StatementRef<R>;
}

export interface FutureForm<R = unknown> {
    /** The wildcard as written. */
    pattern: string;
    /** An action AWS could add that it would allow. */
    example: string;
    by: StatementRef<R>;
}

export interface Fenced<R = unknown> {
    by: StatementRef<R>;
    /** The Deny statements (NotAction, NotResource) that fence it. */
    fences: StatementRef<R>[];
}

export interface PermissionsAnswer<R = unknown> {
    config: PermissionsConfig;
    /** Pairs outside the intended set: at most one per Allow statement. */
    exposures: Grant<R>[];
    /** Read-only Bedrock metadata actions the role may use. */
    metadata: Grant<R>[];
    /** Wildcard actions that reach only the intended set today. */
    futureForms: FutureForm<R>[];
    /** Wide Allow statements (NotAction, `*`, NotResource) kept inside the intended set only by Deny statements with NotAction or NotResource. */
    fenced: Fenced<R>[];
    /** Whether some intended action is allowed on some intended resource. */
    canInvoke: boolean;
    /** Conditions the answer assumed, in words. */
    assumptions: string[];
    /** Statements whose resources were too complex to decide within the automaton limit: treated as exposures. */
    undecided: StatementRef<R>[];
}

interface Compiled<R> {
    ref: StatementRef<R>;
    allow: boolean;
    /** Whether the statement matches a canonical action. */
    matches: (action: string) => boolean;
    /** Services it can reach, or undefined for every service. */
    services?: ReadonlySet<string>;
    /** Action patterns with a wildcard, as written (NotAction: `*`). */
    wildcards: readonly string[];
    /** Literal actions it names. */
    literals: readonly string[];
    resources: Lang;
    /** One ARN per Resource pattern: likely witnesses. */
    resourceWords: readonly string[];
    /** The Resource element's patterns (undefined for NotResource). */
    resourcePatterns?: readonly string[];
    /** How the document's Version reads `${...}` in its ARNs. */
    ctx: VariableContext;
    /** Whether it reaches beyond naming actions and resources: NotAction, `*` or a service wildcard, NotResource, Resource `*`. */
    wide: boolean;
    /** A Deny with NotAction or NotResource: a fence around wide Allows. */
    fence: boolean;
    /** The Resource element names only literal ARNs, so its words are all its resources. */
    literalOnly: boolean;
    conditional: boolean;
}

const hasWildcard = (s: string) => s.includes("*") || s.includes("?");

/** The statement's resources as a language; NotResource "*" leaves nothing (NotAction "*" likewise, checked by `matches`). */
function resourcesOf(s: Statement, ctx: VariableContext): Lang {
    if (s.notResources !== undefined) {
        return s.notResources.includes("*") ? NONE : not(arnLang(s.notResources, ctx));
    }
    return s.resources !== undefined ? arnLang(s.resources, ctx) : NONE;
}

const isWideResource = (s: Statement) => s.notResources !== undefined || (s.resources ?? []).includes("*");

const refOf = <R>(source: PolicySource<R>, s: Statement): StatementRef<R> =>
    s.sid !== undefined ? { source, index: s.index, sid: s.sid } : { source, index: s.index };

function compileStatement<R>(source: PolicySource<R>, s: Statement): Compiled<R> | undefined {
    const effect = effectOf(s.effect);
    if (effect !== "allow" && effect !== "deny") {
        return undefined;
    }
    const ref = refOf(source, s);
    const written = s.notActions ?? s.actions ?? [];
    const patterns = written.map(canonicalAction);
    const literal = new Set(patterns.filter((p) => !hasWildcard(p)));
    const wild = patterns.filter(hasWildcard);
    const wildLang = wild.length === 0 ? NONE : actionLang(wild);
    const inList = (a: string) => literal.has(a) || contains(wildLang, a);
    const negated = s.notActions !== undefined;
    const services = negated || wild.some((p) => serviceOf(p) === undefined) ? undefined : new Set(patterns.map((p) => serviceOf(p) ?? ""));
    const ctx = variableContext(source.doc.version, source.account);
    return {
        ref,
        allow: effect === "allow",
        matches: negated ? (a) => !inList(a) : inList,
        services,
        wildcards: negated ? ["*"] : written.filter(hasWildcard),
        literals: negated ? [] : [...literal],
        resources: resourcesOf(s, ctx),
        resourceWords: (s.resources ?? []).map((p) => instantiate(p, ctx)).filter((r): r is string => r !== undefined),
        ...(s.resources !== undefined && s.notResources === undefined ? { resourcePatterns: s.resources } : {}),
        ctx,
        wide: negated || isWideResource(s) || wild.some((p) => p === "*" || p.endsWith(":*")),
        fence: effect === "deny" && (negated || s.notResources !== undefined),
        literalOnly: s.notResources === undefined && (s.resources ?? []).every((r) => !isVariableSegment(r, ctx)),
        conditional: s.conditions.length > 0,
    };
}

const EXAMPLE_SEGMENTS = ["arn", "aws", "", "us-east-1", "111122223333"];

/** A segment's wildcards and (read as variables) policy variables each replaced by `x`. */
function fill(segment: string, ctx: VariableContext): string {
    const filled = ctx.variables ? segment.replace(/\$\{[^}]*\}/g, "x") : segment;
    return filled.replace(/[*?]/g, "x");
}

/**
 * One ARN a Resource pattern names, for a readable witness: each wildcard or variable segment of the
 * partition, region and account takes a real value, other wildcards and variables an `x`. Undefined for
 * `*` itself.
 */
function instantiate(p: string, ctx: VariableContext): string | undefined {
    if (p === "*" || !/^arn:/i.test(p)) {
        return isVariableSegment(p, ctx) ? undefined : p;
    }
    const parts = arnSegments(p, ctx);
    while (parts.length < 6) {
        parts.push("*");
    }
    const head = parts.slice(0, 5).map((seg, i) => (isVariableSegment(seg, ctx) && i !== 2 ? EXAMPLE_SEGMENTS[i] : fill(seg, ctx)));
    return canonicalArn([...head, fill(parts.slice(5).join(":"), ctx)].join(":"));
}

/** The intended resources: foundation models (any region, and the region-less form), system and application inference profiles. */
function intendedResources(config: PermissionsConfig): Lang {
    const glob = (g: string) => globSource(g);
    const models = config.allowedModels.length > 0 ? `(?:${config.allowedModels.map(glob).join("|")})` : "[^]+";
    const regions = config.allowedRegions.length > 0 ? `(?:${config.allowedRegions.map(glob).join("|")})` : "[a-z0-9-]+";
    const partition = `(?:${PARTITIONS.join("|")})`;
    const source = [
        `arn:${partition}:bedrock:[a-z0-9-]*::foundation-model/${models}`,
        `arn:${partition}:bedrock:${regions}:[0-9]{12}:inference-profile/(?:[a-z]+\\.)?${models}`,
        `arn:${partition}:bedrock:${regions}:[0-9]{12}:application-inference-profile/[^]+`,
    ].join("|");
    return pattern(`intended:${JSON.stringify(config)}`, source);
}

/** The requests IAM could see for an action: ARNs of the resource types it accepts, or `*`. */
function requestResources(fact: ActionFact | undefined): Lang {
    if (fact === undefined) {
        return ALL;
    }
    return derivedOf(fact).types;
}

/**
 * What the engine derives from an action's facts (its request language, readable example ARNs), kept
 * with the facts: they are the IAM data's, read once per process, so this is no cache of documents.
 */
interface Derived {
    types: Lang;
    examples: string[];
    /** Each ARN format split at its `${...}` variables: literal text at even indexes, variable names at odd ones. */
    templates: string[][];
    /** Each ARN format's service and resource type (see compatibleFormats). */
    shapes: Array<{ format: string; service: string; type?: string }>;
}

const DERIVED = new WeakMap<ActionFact, Derived>();

function derivedOf(fact: ActionFact): Derived {
    let d = DERIVED.get(fact);
    if (d === undefined) {
        const formats = fact.arnFormats;
        const templates = formats.map((f) => f.split(/\$\{([^}]+)\}/));
        const shapes = formats.map((format) => ({ format, service: arnService(format) ?? "", type: resourceType(format) }));
        d =
            formats.length === 0
                ? { types: pattern("any-resource", "\\*"), examples: ["*"], templates, shapes }
                : {
                      types: pattern(`types:${fact.name}`, formats.map((f) => `(?:${arnFormatSource(f)})`).join("|")),
                      examples: ["x", "other"].flatMap((id) => formats.map((f) => exampleArn(f, id))),
                      templates,
                      shapes,
                  };
        DERIVED.set(fact, d);
    }
    return d;
}

function examplesOf(fact: ActionFact | undefined): readonly string[] {
    return fact === undefined ? ["*"] : derivedOf(fact).examples;
}

/** The Resource patterns one by one (smaller automata than their union), or the whole element. */
function pieces(
    c: { resourcePatterns?: readonly string[]; resources: Lang; ctx: VariableContext },
    skip?: (pattern: string) => boolean,
): Lang[] {
    if (c.resourcePatterns === undefined) {
        return [c.resources];
    }
    return c.resourcePatterns.filter((p) => skip === undefined || !skip(p)).map((p) => arnLang([p], c.ctx));
}

/**
 * ARNs of the action's formats in the segments a Resource pattern names literally (its partition,
 * region, account), so a pattern such as `arn:aws:bedrock:eu-west-1:444455556666:*` gets a witness of
 * its own account without an automaton.
 */
function fittedExamples(
    fact: ActionFact | undefined,
    from: { resourcePatterns?: readonly string[]; ctx: VariableContext },
): readonly string[] {
    if (fact === undefined || from.resourcePatterns === undefined) {
        return [];
    }
    const fitted = fittedOf(from);
    const key = fact.arnFormats.join("\n");
    let out = fitted.byFormats.get(key);
    if (out === undefined) {
        const { templates } = derivedOf(fact);
        out = fitted.values.flatMap((values) =>
            templates.map((t) => canonicalArn(t.map((piece, i) => (i % 2 === 0 ? piece : (values.get(piece) ?? "x"))).join(""))),
        );
        fitted.byFormats.set(key, out);
    }
    return out;
}

/** A statement's fitted examples: each ARN pattern's segment values, read once, and the ARNs per list of ARN formats. */
interface Fitted {
    values: Array<Map<string, string>>;
    byFormats: Map<string, readonly string[]>;
}

/** Kept with the compiled statement (one evaluation's), never across documents. */
const FITTED = new WeakMap<object, Fitted>();

function fittedOf(from: { resourcePatterns?: readonly string[]; ctx: VariableContext }): Fitted {
    let fitted = FITTED.get(from);
    if (fitted === undefined) {
        const ctx = from.ctx;
        const literal = (s: string | undefined) => (s !== undefined && !isVariableSegment(s, ctx) ? s.toLowerCase() : undefined);
        const values: Array<Map<string, string>> = [];
        for (const p of from.resourcePatterns ?? []) {
            const parts = arnSegments(p, ctx);
            if (parts.length < 5 || parts[0].toLowerCase() !== "arn") {
                continue;
            }
            values.push(
                new Map([
                    ["Partition", literal(parts[1]) ?? "aws"],
                    ["Region", literal(parts[3]) ?? "us-east-1"],
                    ["Account", literal(parts[4]) ?? "111122223333"],
                ]),
            );
        }
        fitted = { values, byFormats: new Map() };
        FITTED.set(from, fitted);
    }
    return fitted;
}

/** Resource types whose every ARN (of any partition, region and account) is intended when no region or model is configured. */
const INTENDED_TYPES = new Set(["foundation-model/", "inference-profile/", "application-inference-profile/"]);

/** The first word of `lang` among candidate lists (a function is called only when reached). */
function firstIn(lang: Lang, lists: ReadonlyArray<readonly string[] | (() => readonly string[])>): string | undefined {
    for (const list of lists) {
        for (const w of typeof list === "function" ? list() : list) {
            if (contains(lang, w)) {
                return w;
            }
        }
    }
    return undefined;
}

const FORMATS = new Map<string, Lang>();

/** One ARN format's language, kept with the IAM data it comes from (see derivedOf). */
function formatLang(format: string): Lang {
    let lang = FORMATS.get(format);
    if (lang === undefined) {
        lang = pattern(`format:${format}`, arnFormatSource(format));
        FORMATS.set(format, lang);
    }
    return lang;
}

/** The service segment of an ARN (pattern or format), lower case; undefined when not an ARN. */
function arnService(arn: string, ctx?: VariableContext): string | undefined {
    const parts = arnSegments(arn, ctx);
    return parts[0].toLowerCase() === "arn" && parts.length > 2 ? parts[2].toLowerCase() : undefined;
}

/**
 * The action's ARN formats a positive Resource list can reach: those whose service some pattern's service
 * segment matches (a pattern of `*` or a non-ARN reaches all). Undefined: all formats.
 */
function compatibleFormats(fact: ActionFact, patterns: readonly string[] | undefined, ctx: VariableContext): readonly string[] | undefined {
    if (patterns === undefined) {
        return fact.arnFormats;
    }
    const reach: Array<{ service: RegExp; type?: string }> = [];
    for (const p of patterns) {
        const service = arnService(p, ctx);
        if (service === undefined || p === "*" || (ctx.variables && service.includes("${"))) {
            return fact.arnFormats;
        }
        reach.push({ service: new RegExp(`^${globSource(service, "[^:]")}$`), type: resourceType(p, ctx) });
    }
    return derivedOf(fact)
        .shapes.filter(({ service, type }) =>
            reach.some((r) => r.service.test(service) && (r.type === undefined || type === undefined || r.type === type)),
        )
        .map((f) => f.format);
}

/**
 * The literal resource type that opens an ARN's resource segment (`foundation-model/`); undefined when
 * there is none, or when a wildcard or policy variable stands in it (which may reach any type: the
 * resource segment's `*` spans `/`), or for S3.
 */
function resourceType(arn: string, ctx: VariableContext = { variables: true }): string | undefined {
    const parts = arnSegments(arn, ctx);
    while (parts.length < 6) {
        parts.push("*");
    }
    if (parts[2].toLowerCase() === "s3") {
        return undefined;
    }
    const resource = parts.slice(5).join(":");
    const cut = [resource.indexOf("/"), resource.indexOf(":")].filter((k) => k >= 0);
    const type = cut.length === 0 ? undefined : resource.slice(0, Math.min(...cut) + 1);
    return type === undefined || isVariableSegment(type, ctx) ? undefined : type;
}

/** Actions a wildcard exposure is looked for first: the ones a reader recognises. */
const TELLING_ACTIONS = [
    "bedrock:putmodelinvocationloggingconfiguration",
    "iam:passrole",
    "aws-marketplace:subscribe",
    "bedrock:createprovisionedmodelthroughput",
    "sts:assumerole",
    "s3:getobject",
    "kms:decrypt",
];

/** Read-only Bedrock actions about foundation models and inference profiles, and viewing Marketplace subscriptions. */
export function isMetadataAction(action: string, fact: ActionFact | undefined): boolean {
    if (action === "aws-marketplace:viewsubscriptions") {
        return true;
    }
    return fact !== undefined && action.startsWith("bedrock:") && isReadOnly(fact) && /foundationmodel|inferenceprofile/.test(action);
}

class RoleEvaluation<R> {
    readonly answer: PermissionsAnswer<R>;
    private readonly allows: Compiled<R>[] = [];
    private readonly denies: Compiled<R>[] = [];
    private readonly boundary?: Compiled<R>[];
    private readonly intended: Lang;
    private readonly intendedActions: ReadonlySet<string>;
    /**
     * A Resource pattern whose resource type is a model or profile type reaches only intended ARNs of an
     * invoke action (the action's formats fix the rest) when no region or model is configured: decided
     * without an automaton; a statement of only such patterns grants an invoke action nothing outside it.
     * Undefined when the config narrows the set, and on the automata-only path (the differential tests'
     * reference: tests/permissions-fast-path.test.ts).
     */
    private readonly withinIntended?: (pattern: string) => boolean;

    constructor(
        policies: readonly PolicySource<R>[],
        boundary: PolicySource<R> | undefined,
        config: PermissionsConfig,
        private readonly cache: LanguageCache,
    ) {
        this.answer = {
            config,
            exposures: [],
            metadata: [],
            futureForms: [],
            fenced: [],
            canInvoke: false,
            assumptions: [],
            undecided: [],
        };
        this.intended = intendedResources(config);
        this.intendedActions = new Set(config.allowedActions.map(canonicalAction));
        if (!cache.automataOnly && config.allowedModels.length === 0 && config.allowedRegions.length === 0) {
            this.withinIntended = (p) => INTENDED_TYPES.has(resourceType(p) ?? "");
        }
        for (const p of policies) {
            for (const s of p.doc.statements) {
                this.add(compileStatement(p, s));
            }
        }
        if (boundary !== undefined) {
            this.boundary = boundary.doc.statements.map((s) => compileStatement(boundary, s)).filter((c) => c !== undefined);
        }
    }

    private add(c: Compiled<R> | undefined): void {
        if (c === undefined) {
            return;
        }
        if (c.conditional) {
            this.assume(c, c.allow ? "its condition is assumed to hold" : "its condition is assumed not to hold, so it is not counted");
        }
        if (c.allow) {
            this.allows.push(c);
        } else if (!c.conditional) {
            this.denies.push(c);
        }
    }

    private assume(c: Compiled<R>, what: string): void {
        this.answer.assumptions.push(`${describeRef(c.ref)}: ${what}`);
    }

    /** The resources an action is left with from one Allow statement, after Denies and the boundary. */
    private left(action: string, from: Compiled<R>): Lang {
        const parts: Lang[] = [from.resources];
        for (const d of this.denies) {
            if (d.matches(action)) {
                if (d.resources.op === "leaf" && d.resources.leaf.key === ALL_KEY) {
                    return NONE;
                }
                parts.push(not(d.resources));
            }
        }
        if (this.boundary !== undefined) {
            const allowed = this.boundary.filter((b) => b.allow && b.matches(action));
            if (allowed.length === 0) {
                return NONE;
            }
            parts.push(not(and(...allowed.map((b) => not(b.resources)))));
            for (const b of this.boundary) {
                if (!b.allow && !b.conditional && b.matches(action)) {
                    parts.push(not(b.resources));
                }
            }
        }
        return and(...parts);
    }

    /** A resource of `lang`, preferring readable ARNs of the action's resource types. */
    private example(lang: Lang, prefer: readonly string[]): string | typeof TOO_LARGE | undefined {
        for (const w of prefer) {
            if (contains(lang, w)) {
                return w;
            }
        }
        if (lang.op === "none") {
            return undefined;
        }
        let found: string | undefined;
        try {
            found = this.cache.example(lang);
        } catch {
            // An automaton too large to build: undecided, which the caller counts against the statement.
            return TOO_LARGE;
        }
        return found === undefined ? undefined : (readable(found).find((w) => contains(lang, w)) ?? found);
    }

    /**
     * What one action may be done on through one Allow statement, outside `outside`: a resource of a type
     * the action accepts. Decided by readable candidates first (exact when the statement names literal
     * ARNs, or the action takes no resource), then per resource pattern and ARN format by automata.
     */
    private grant(action: string, from: Compiled<R>, outside?: Lang, skip?: (pattern: string) => boolean): string | undefined {
        if (skip !== undefined && from.resourcePatterns?.every(skip) === true) {
            // Every Resource pattern reaches only resources `outside` excludes: nothing to search.
            this.cache.decidedWithoutAutomata.empty++;
            return undefined;
        }
        const fact = actionFact(action);
        const left = this.left(action, from);
        if (left.op === "none") {
            return undefined;
        }
        const formats = fact === undefined ? undefined : compatibleFormats(fact, from.resourcePatterns, from.ctx);
        if (formats !== undefined && formats.length === 0 && fact !== undefined && fact.arnFormats.length > 0) {
            return undefined;
        }
        const found = firstIn(and(left, requestResources(fact), outside ?? ALL), [
            from.resourceWords,
            examplesOf(fact),
            () => fittedExamples(fact, from),
        ]);
        if (found !== undefined || from.literalOnly || (fact !== undefined && fact.arnFormats.length === 0)) {
            return found;
        }
        return this.searchPieces(from, and(left, outside ?? ALL), formats ?? [undefined], skip);
    }

    /** The automaton search, one Resource pattern and ARN format at a time; too large counts against the statement. */
    private searchPieces(
        from: Compiled<R>,
        rest: Lang,
        formats: ReadonlyArray<string | undefined>,
        skip?: (pattern: string) => boolean,
    ): string | undefined {
        for (const piece of pieces(from, skip)) {
            for (const format of formats) {
                const found = this.example(and(piece, rest, format === undefined ? ALL : formatLang(format)), []);
                if (found === TOO_LARGE) {
                    if (!this.answer.undecided.includes(from.ref)) {
                        this.answer.undecided.push(from.ref);
                    }
                } else if (found !== undefined) {
                    return found;
                }
            }
        }
        return undefined;
    }

    /** The intended resources the role may use with an action, after Denies and the boundary: what it may invoke. */
    reach(action: string): Lang {
        const canonical = canonicalAction(action);
        const parts = this.allows.filter((a) => a.matches(canonical)).map((a) => this.left(canonical, a));
        return parts.length === 0 ? NONE : and(not(and(...parts.map(not))), this.intended);
    }

    run(): PermissionsAnswer<R> {
        for (const a of this.allows) {
            this.judgeStatement(a);
        }
        this.answer.canInvoke = [...this.intendedActions].some((action) =>
            this.allows.some((a) => a.matches(action) && this.grant(action, a, this.intended) !== undefined),
        );
        return this.answer;
    }

    private judgeStatement(a: Compiled<R>): void {
        let exposed = false;
        for (const action of this.candidates(a)) {
            if (!a.matches(action)) {
                continue;
            }
            const fact = actionFact(action);
            if (this.intendedActions.has(action)) {
                const resource = this.grant(action, a, not(this.intended), this.withinIntended);
                if (resource !== undefined) {
                    this.answer.exposures.push({ action: fact?.name ?? action, resource, by: a.ref });
                    exposed = true;
                    break;
                }
                continue;
            }
            if (fact === undefined || needsNoPermission(action)) {
                continue;
            }
            const resource = this.grant(action, a);
            if (resource === undefined) {
                continue;
            }
            if (isMetadataAction(action, fact)) {
                this.answer.metadata.push({ action: fact.name, resource, by: a.ref });
                continue;
            }
            this.answer.exposures.push({ action: fact.name, resource, by: a.ref });
            exposed = true;
            break;
        }
        if (!exposed) {
            this.judgeFuture(a);
            this.judgeFenced(a);
        }
    }

    /** A wide Allow that only Deny statements with NotAction or NotResource keep inside the intended set: a departure from naming them. */
    private judgeFenced(a: Compiled<R>): void {
        const fences = this.denies.filter((d) => d.fence).map((d) => d.ref);
        if (a.wide && fences.length > 0 && !this.answer.futureForms.some((f) => f.by === a.ref)) {
            this.answer.fenced.push({ by: a.ref, fences });
        }
    }

    /** Actions to try, telling ones first, then every known action the statement's services hold. */
    private *candidates(a: Compiled<R>): Iterable<string> {
        const seen = new Set<string>();
        const fresh = (x: string) => !seen.has(x) && seen.add(x) !== undefined;
        for (const x of [...TELLING_ACTIONS, ...this.intendedActions, ...a.literals]) {
            if (fresh(x)) {
                yield x;
            }
        }
        if (a.wildcards.length === 0) {
            return;
        }
        for (const service of a.services ?? allServices()) {
            for (const x of actionsOf(service)?.keys() ?? []) {
                if (fresh(x)) {
                    yield x;
                }
            }
        }
    }

    /** A wildcard that reaches only the intended set today: name an action AWS could add that it would allow. */
    private judgeFuture(a: Compiled<R>): void {
        for (const p of a.wildcards) {
            const example = p === "*" ? "newservice:NewAction" : p.replace(/\*/g, "Future").replace(/\?/g, "X");
            const action = canonicalAction(example);
            const left = actionFact(action) === undefined && a.matches(action) ? this.left(action, a) : NONE;
            if (left.op !== "none") {
                // Only whether the statement leaves any resource: a named ARN of its own proves it without an automaton.
                if (this.cache.holdsOneOf(left, a.resourceWords) || this.example(left, ["*"]) !== undefined) {
                    this.answer.futureForms.push({ pattern: p, example, by: a.ref });
                    return;
                }
            }
        }
    }
}

/** The automaton's shortest word made readable where the language allows: a real partition, region and account. */
function readable(arn: string): string[] {
    const parts = arn.split(":");
    if (parts.length < 6 || parts[0] !== "arn") {
        return [];
    }
    const out: string[] = [];
    const variants = [
        (p: string[]) => [p[0], "aws", ...p.slice(2)],
        (p: string[]) => [...p.slice(0, 3), "us-east-1", ...p.slice(4)],
        (p: string[]) => [...p.slice(0, 4), "111122223333", ...p.slice(5)],
    ];
    let current = parts;
    for (const v of variants) {
        current = v(current);
        out.unshift(current.join(":"));
    }
    return out;
}

const TOO_LARGE: unique symbol = Symbol("automaton too large");

const ALL_KEY = (arnLang(["*"]) as Extract<Lang, { op: "leaf" }>).leaf.key;

export function describeRef(ref: StatementRef): string {
    return `${statementName(ref)} of ${ref.source.label}`;
}

/**
 * What a role with these identity policies (and permissions boundary, when it has a known one) can do
 * beyond the intended set. The cache of compiled languages is the caller's: one per preview or run.
 */
export function analyzePermissions<R>(
    policies: readonly PolicySource<R>[],
    options: { boundary?: PolicySource<R>; config?: Partial<PermissionsConfig>; cache?: LanguageCache } = {},
): PermissionsAnswer<R> {
    const config = { ...DEFAULT_PERMISSIONS_CONFIG, ...options.config };
    return new RoleEvaluation(policies, options.boundary, config, options.cache ?? new LanguageCache()).run();
}

/** What the role may invoke, per action, as a language of ARNs within the intended set (see ./describe.ts). */
export interface PermissionsReach {
    config: PermissionsConfig;
    reach: (action: string) => Lang;
    cache: LanguageCache;
}

/** The same evaluation as `analyzePermissions`, asked for the allowed set within the intended one instead of what lies beyond. */
export function permissionsReach<R>(
    policies: readonly PolicySource<R>[],
    options: { boundary?: PolicySource<R>; config?: Partial<PermissionsConfig>; cache?: LanguageCache } = {},
): PermissionsReach {
    const config = { ...DEFAULT_PERMISSIONS_CONFIG, ...options.config };
    const cache = options.cache ?? new LanguageCache();
    const evaluation = new RoleEvaluation(policies, options.boundary, config, cache);
    return { config, cache, reach: (action) => evaluation.reach(action) };
}
