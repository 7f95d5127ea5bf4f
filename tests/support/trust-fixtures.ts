/**
 * Shared fixtures for the trust rules' tests (rules/trust-rules/*.test.ts): the component's own trust
 * policy as the happy path, edits that change one field of it, and assertions on the findings the
 * registry reports. Kept under tests/ so the build never ships it.
 */
import * as assert from "assert";
import { buildTrustPolicy } from "../../components/trust-policy";
import type { Finding, RuleName } from "../../rules/findings";
import { issuerFromId } from "../../rules/issuer";
import { TRUST_RULES, TrustAnalysis, analyzeTrustPolicy, trustFindings } from "../../rules/registry";
import { PACK_WORDS, Vocabulary } from "../../rules/trust-rules/rule";
import type { TrustRuleConfig } from "../../rules/trust/config";
import type { Witness } from "../../rules/trust/witness";

const ACCOUNT = "123456789012";
export const OTHER_ACCOUNT = "444455556666";
export const providerArn = (host: string) => `arn:aws:iam::${ACCOUNT}:oidc-provider/${host}`;
export const PROD = providerArn("app.warp.dev");
export const STAGING = providerArn("staging.warp.dev");
export const GITHUB = providerArn("token.actions.githubusercontent.com");

/** The organisation's intent in these tests: team TEAM_A, production issuer, both actor types. */
const TEAM_A: Partial<TrustRuleConfig> = { allowedTeamUids: ["TEAM_A"] };

export type Policy = { Version?: string; Statement: Array<Record<string, any>> };

/**
 * What the component writes for team TEAM_A's people and its agent sa1: statement 0 (Sid
 * WarpTeamPeople) pins aud with StringEquals and sub with StringLike .../user:*; statement 1 (Sid
 * WarpTeamNamedAgents) pins both with StringEquals.
 */
export function componentPolicy(host = "app.warp.dev"): Policy {
    const doc = buildTrustPolicy(providerArn(host), issuerFromId(host), {
        teamUid: "TEAM_A",
        grantUsers: true,
        allNamedAgents: false,
        namedAgentUids: ["sa1"],
    });
    return JSON.parse(JSON.stringify(doc));
}

/** The people statement alone, as a one-statement policy. */
export function peoplePolicy(): Policy {
    const doc = componentPolicy();
    return { Version: doc.Version, Statement: [doc.Statement[0]] };
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));

/** A copy with one statement's fields replaced; a field set to undefined is removed. */
export function edit(policy: Policy, index: number, fields: Record<string, unknown>): Policy {
    const copy = clone(policy);
    const s = copy.Statement[index];
    for (const [k, v] of Object.entries(fields)) {
        if (v === undefined) {
            delete s[k];
        } else {
            s[k] = clone(v);
        }
    }
    return copy;
}

/** A copy with statement `index`'s Condition replaced. */
export const withCondition = (policy: Policy, index: number, condition: Record<string, unknown>) =>
    edit(policy, index, { Condition: condition });

/** A copy with these statements appended. */
export function plus(policy: Policy, ...statements: Array<Record<string, unknown>>): Policy {
    const copy = clone(policy);
    copy.Statement.push(...clone(statements));
    return copy;
}

/** The words each analysis was judged in, so a rule's own findings can be recomputed in them. */
const wordsOf = new WeakMap<TrustAnalysis, Vocabulary>();

export function judge(policy: unknown, config: Partial<TrustRuleConfig> = TEAM_A, words: Vocabulary = PACK_WORDS): TrustAnalysis {
    const analysis = analyzeTrustPolicy(policy, config, undefined, words);
    wordsOf.set(analysis, words);
    return analysis;
}

/**
 * The findings the rule module named `rule` decides on its own, run alone on the engine's answer: the
 * registry's findings under that name must be exactly these, so a rule's test says which rule decided
 * (not just which name some rule put on a finding).
 */
function decidedBy(analysis: TrustAnalysis, rule: RuleName): Finding[] {
    const module = TRUST_RULES.find((r) => r.name === rule);
    assert.ok(module, `${rule} is not a registered trust rule`);
    const own = trustFindings(analysis.answer, wordsOf.get(analysis) ?? PACK_WORDS, [module]);
    assert.ok(
        own.every((f) => f.rule === rule),
        `${rule} reports findings under another name: ${show(own)}`,
    );
    assert.deepStrictEqual(ofRule(analysis.findings, rule), own, `the registry's ${rule} findings are not the module's own`);
    return own;
}

export const ofRule = (findings: readonly Finding[], rule: RuleName) => findings.filter((f) => f.rule === rule);
export const mandatory = (findings: readonly Finding[]) => findings.filter((f) => f.level === "mandatory");

const show = (findings: readonly Finding[]) =>
    JSON.stringify(
        findings.map((f) => `${f.level} ${f.rule}: ${f.message}`),
        null,
        1,
    );

/** No finding of any rule. */
export function assertClean(analysis: TrustAnalysis): void {
    assert.ok(analysis.answer.warpTrusted, "expected a role Warp can assume");
    assert.deepStrictEqual(analysis.findings, [], show(analysis.findings));
}

/** No mandatory finding; the advisory findings are exactly these rules (each at least once). */
export function assertAdvisoryOnly(analysis: TrustAnalysis, ...rules: RuleName[]): void {
    assert.deepStrictEqual(mandatory(analysis.findings), [], show(analysis.findings));
    assert.deepStrictEqual([...new Set(analysis.findings.map((f) => f.rule))].sort(), [...rules].sort(), show(analysis.findings));
    rules.forEach((r) => assert.ok(decidedBy(analysis, r).length > 0, r));
    for (const f of analysis.findings) {
        assert.strictEqual(f.level, "advisory");
        assert.strictEqual(f.witness, undefined, "a convention finding has no witness: no outsider gets in");
    }
}

/**
 * The findings of `rule` on `analysis`: at least one, each a mandatory exposure whose message names its
 * witness and whose statements are listed. Returns the witnesses for the caller's checks on the data.
 */
export function exposures(analysis: TrustAnalysis, rule: RuleName): Array<Finding & { witness: Witness }> {
    const found = decidedBy(analysis, rule);
    assert.ok(found.length > 0, `expected ${rule}, got ${show(analysis.findings)}`);
    for (const f of found) {
        assert.strictEqual(f.level, "mandatory", show([f]));
        assert.strictEqual(f.tier, "exposure", show([f]));
        assert.ok(f.witness, `exposure without a witness: ${show([f])}`);
        assert.ok(f.message.includes(f.witness.description), `message does not name the witness:\n${f.message}\n${f.witness.description}`);
        assert.ok(f.statements && f.statements.length > 0, "an exposure lists the statements that let it in");
        assert.strictEqual(f.statementIndex, f.statements[0]);
    }
    return found as Array<Finding & { witness: Witness }>;
}

/** The one exposure of `rule` whose witness satisfies `pick`. */
export function exposure(
    analysis: TrustAnalysis,
    rule: RuleName,
    pick: (w: Witness) => boolean = () => true,
): Finding & { witness: Witness } {
    const found = exposures(analysis, rule).filter((f) => pick(f.witness));
    assert.strictEqual(found.length, 1, `expected one matching ${rule} exposure, got ${show(found)}`);
    return found[0];
}

/** A web-identity witness's request, asserting its kind. */
export function tokenOf(w: Witness): { issuer: string; sub?: string; aud?: string; anyOtherIssuer?: boolean } {
    assert.strictEqual(w.request.kind, "web-identity", JSON.stringify(w));
    return w.request as { issuer: string; sub?: string; aud?: string };
}

/** The team of a Warp subject (`scoped_principal:<team>/...`). */
export function teamOf(sub: string | undefined): string | undefined {
    return /^scoped_principal:([^/]+)\//.exec(sub ?? "")?.[1];
}

/** Warp's statement for its provider with these conditions. */
export function warpStatement(condition: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
    return { Effect: "Allow", Principal: { Federated: PROD }, Action: "sts:AssumeRoleWithWebIdentity", Condition: condition, ...extra };
}

export const AUD = { "app.warp.dev:aud": "sts.amazonaws.com" };
export const USERS = "scoped_principal:TEAM_A/user:*";
