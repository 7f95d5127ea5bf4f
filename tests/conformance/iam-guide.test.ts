/**
 * Conformance to the IAM User Guide, beyond one simulator: each documented rule or example
 * (guide-cases.ts, each citing its page) is run against the engine (its one parser, action and ARN
 * matchers, permissions engine and trust engine) and against @cloud-copilot/iam-simulate. The Guide
 * decides; where the simulator departs from it the case records why, the test checks the departure is
 * still there, and the simulator is asked about the case's corrected twin instead. Departures listed:
 * resource-type wildcards (`*\/*`, `*-model/*`, `???...-model/*`) and policy variables whose key holds a
 * colon outside the resource segment (`${aws:PrincipalAccount}`, `${aws:RequestedRegion}`).
 */
import * as assert from "assert";
import { effectOf, parsePolicyDocument } from "../../rules/iam/document";
import { actionMatches, arnMatches, variableContext } from "../../rules/iam/match";
import { analyzePermissions } from "../../rules/permissions/engine";
import { TrustEngine, admitsToken, analyzeTrust } from "../../rules/trust/engine";
import { policiesAllow, providerArn, trustAdmits } from "../support/iam-simulator";
import { ACCOUNT, PERMISSIONS_CASES, PermissionsCase, Request, TRUST_CASES, TrustCase } from "./guide-cases";

type Decision = "allow" | "deny" | "refused";

/** The engine's reading of one concrete request: the one parser decides validity and Effect, the one matchers decide reach. */
function engineDecision(policy: unknown, r: Request): Decision {
    const parsed = parsePolicyDocument(policy);
    if (!parsed.ok || parsed.doc.problems.length > 0 || parsed.doc.statements.some((s) => s.problems.length > 0)) {
        return "refused";
    }
    const ctx = variableContext(parsed.doc.version, r.context?.["aws:PrincipalAccount"]);
    const applies = parsed.doc.statements.filter((s) => {
        const action = s.actions
            ? s.actions.some((a) => actionMatches(a, r.action))
            : !(s.notActions ?? []).some((a) => actionMatches(a, r.action));
        const resource = s.resources
            ? s.resources.some((p) => arnMatches(p, r.resource, ctx))
            : !(s.notResources ?? []).some((p) => arnMatches(p, r.resource, ctx));
        return action && resource;
    });
    if (applies.some((s) => effectOf(s.effect) === "deny")) {
        return "deny";
    }
    return applies.some((s) => effectOf(s.effect) === "allow") ? "allow" : "deny";
}

async function simulatorDecision(policy: unknown, r: Request): Promise<Decision> {
    try {
        return (await policiesAllow({ p: policy }, r.action, r.resource, r.context ?? {}, ACCOUNT)) ? "allow" : "deny";
    } catch (e) {
        if (/policy\.errors|rejected/.test(String(e))) {
            return "refused";
        }
        throw e;
    }
}

const title = (c: { page: string; rule: string }) => `${c.page}: ${c.rule}`;

describe("conformance: the IAM User Guide's documented semantics", function () {
    this.timeout(120_000);

    describe("permissions policies (Resource, Action, NotAction, NotResource, Effect, variables, grammar)", () => {
        for (const c of PERMISSIONS_CASES) {
            it(title(c), async () => {
                assert.strictEqual(engineDecision(c.policy, c.request), c.iam, "engine's matchers");
                engineAgrees(c);
                const sim = await simulatorDecision(c.policy, c.request);
                if (c.simulatorDeparts === undefined) {
                    assert.strictEqual(sim, c.iam, "simulator");
                    return;
                }
                assert.notStrictEqual(sim, c.iam, `the simulator no longer departs (${c.simulatorDeparts.why}): drop the twin`);
                assert.strictEqual(await simulatorDecision(c.simulatorDeparts.twin, c.request), c.iam, "simulator on the corrected twin");
                assert.strictEqual(engineDecision(c.simulatorDeparts.twin, c.request), c.iam, "engine on the corrected twin");
            });
        }
    });

    describe("trust policies (condition operators, ...IfExists, Null, set operators, case rules)", () => {
        const engine = new TrustEngine();
        for (const c of TRUST_CASES) {
            it(title(c), async () => {
                const policy = trustPolicy(c);
                const answer = analyzeTrust(policy, {}, engine);
                assert.strictEqual(admitsToken(answer, engine, "app.warp.dev", c.token.sub, c.token.aud), c.iam === "allow", "engine");
                assert.strictEqual(await trustAdmits(policy, { issuerId: "app.warp.dev", ...c.token }), c.iam === "allow", "simulator");
            });
        }
    });
});

/** The permissions engine over the case's policy: a request the Guide allows outside invoking models is an exposure; a refused document a validity problem. */
function engineAgrees(c: PermissionsCase): void {
    const parsed = parsePolicyDocument(c.policy);
    assert.ok(parsed.ok);
    if (c.iam === "refused") {
        assert.ok(
            parsed.doc.statements.some((s) => s.problems.length > 0),
            "the parser records IAM's refusal",
        );
        return;
    }
    const answer = analyzePermissions([{ label: "case", doc: parsed.doc }]);
    if (c.iam === "allow") {
        assert.ok(answer.exposures.length > 0, `the engine names an exposure for ${c.request.action} on ${c.request.resource}`);
    } else {
        assert.ok(
            !answer.exposures.some((e) => e.action.toLowerCase() === c.request.action.toLowerCase() && e.resource === c.request.resource),
            "the engine's witness is not the request IAM denies",
        );
    }
}

function trustPolicy(c: TrustCase): unknown {
    return {
        Version: c.version ?? "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Principal: { Federated: providerArn("app.warp.dev") },
                Action: "sts:AssumeRoleWithWebIdentity",
                Condition: c.conditions,
            },
        ],
    };
}
