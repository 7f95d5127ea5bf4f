/**
 * The trust conformance suite's harness: each case is one rule or example of the IAM User Guide, a trust
 * policy with one Allow statement for Warp's provider, and one token; it is asked of the trust engine and
 * of @cloud-copilot/iam-simulate (through tests/support/iam-simulator.ts, which renames Warp's claim keys
 * onto keys the simulator evaluates). The Guide is the truth: the engine must give the Guide's answer;
 * the simulator must too, unless the case records where it departs, and then it must still depart (so a
 * fixed simulator shows up here), while the corrected twin the differential test asks instead
 * (tests/support/simulator-twin.ts) gives the Guide's answer.
 */
import * as assert from "assert";
import { ONLY_ABSENT, ValueSet } from "../../rules/trust/boxes";
import { TrustEngine, analyzeTrust, evaluationsOf } from "../../rules/trust/engine";
import { admitted } from "../../rules/trust/evaluate";
import { words } from "../../rules/iam/languages";
import { ACCOUNT, providerArn, simulateRequest, toClaimStandInPolicy } from "../support/iam-simulator";
import { simulatorTwin, twinClaim } from "../support/simulator-twin";

type Decision = "Allowed" | "Denied";

/** A Warp token's claims; an absent claim is left out. */
interface Token {
    readonly sub?: string;
    readonly aud?: string;
}

export interface GuideCase {
    /** What the Guide says, in a few words. */
    readonly rule: string;
    readonly condition: Record<string, unknown>;
    readonly token: Token;
    /** The Guide's answer. */
    readonly guide: Decision;
    /** The policy's Version; null for none. Default 2012-10-17. */
    readonly version?: string | null;
    /** Where the simulator departs from the Guide: what it answers instead, and why. */
    readonly simulator?: { readonly says: Decision; readonly why: string };
}

const ISSUER = "app.warp.dev";
export const PERSON = "scoped_principal:TEAM_A/user:alice";
export const STS = "sts.amazonaws.com";

function policyOf(c: GuideCase): Record<string, unknown> {
    const statement = {
        Effect: "Allow",
        Principal: { Federated: providerArn(ISSUER) },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: c.condition,
    };
    return c.version === null ? { Statement: [statement] } : { Version: c.version ?? "2012-10-17", Statement: [statement] };
}

const claim = (value: string | undefined): ValueSet => (value === undefined ? ONLY_ABSENT : { absent: false, lang: words([value]) });

/** The engine's decision for exactly this token, and what it could not model (nothing, for a conformance case). */
function engineDecision(policy: unknown, token: Token, engine = new TrustEngine()): { decision: Decision; assumptions: readonly string[] } {
    const answer = analyzeTrust(policy, { account: ACCOUNT, meantForWarp: true }, engine);
    const e = evaluationsOf(answer).find((x) => x.request.kind === "web-identity" && x.request.issuer === ISSUER && !x.request.fresh);
    assert.ok(e !== undefined, "the engine evaluated no request of Warp's issuer");
    const hit = admitted(engine.cache, e, { sub: claim(token.sub), aud: claim(token.aud) });
    return { decision: hit === undefined ? "Denied" : "Allowed", assumptions: answer.assumptions };
}

async function simulatorDecision(policy: unknown, token: Token): Promise<Decision> {
    const result = await simulateRequest(toClaimStandInPolicy(policy), { kind: "web-identity", issuer: ISSUER, ...token });
    assert.ok(result === "Allowed" || result === "Denied", JSON.stringify(result));
    return result;
}

const tokenText = (t: Token) =>
    `sub ${t.sub === undefined ? "absent" : JSON.stringify(t.sub)}, aud ${t.aud === undefined ? "absent" : JSON.stringify(t.aud)}`;

/** One mocha suite per Guide page: each case against the engine and against the simulator. */
export function conformanceSuite(page: string, cases: readonly GuideCase[]): void {
    describe(`IAM User Guide, "${page}"`, () => {
        const engine = new TrustEngine();
        for (const c of cases) {
            const departs = c.simulator !== undefined ? ` (the simulator departs: ${c.simulator.why})` : "";
            it(`${c.rule}: ${JSON.stringify(c.condition)} with ${tokenText(c.token)} is ${c.guide}${departs}`, async () => {
                const policy = policyOf(c);
                const mine = engineDecision(policy, c.token, engine);
                assert.strictEqual(mine.decision, c.guide, "the engine departs from the Guide");
                assert.deepStrictEqual(mine.assumptions, [], "a conformance case is decided, not assumed");
                assert.strictEqual(
                    await simulatorDecision(policy, c.token),
                    c.simulator?.says ?? c.guide,
                    "the simulator's answer changed",
                );
                if (c.simulator !== undefined) {
                    // The differential test asks the corrected twin instead: it must give the Guide's answer.
                    const twin = simulatorTwin(policy, { issuer: ISSUER });
                    const token = Object.fromEntries(Object.entries(c.token).map(([k, v]) => [k, twinClaim(policy, v as string)]));
                    assert.strictEqual(await simulatorDecision(twin, token), c.guide, "the corrected twin departs from the Guide");
                }
            });
        }
    });
}
