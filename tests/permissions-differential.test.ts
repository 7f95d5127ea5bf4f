/**
 * Differential test: the permissions engine (rules/permissions) against an IAM policy simulator
 * (@cloud-copilot/iam-simulate) on random permissions policies (tests/support/permissions-generator.ts).
 *
 * Each policy is judged by the engine, and probes built from the IAM data (every Bedrock action on an
 * ARN of each resource type it accepts, plus IAM, STS, KMS, S3 and Marketplace actions) go to the
 * simulator, and:
 * - every probe the simulator allows outside the intended set (the two invoke actions on foundation
 *   models and inference profiles) must be an exposure of the engine (a read-only metadata action at
 *   least its convention finding): "no exposure" means no probe gets through;
 * - every witness the engine names must be allowed by the simulator.
 * Per policy the test sends 16 probes (8 from the whole battery, 8 of the services the policy names, drawn
 * with a fixed seed); bench/permissions-differential.ts runs 100,000 policies.
 *
 * Where the simulator cannot stand for IAM (each counted, not failed, and pinned below):
 * - A region-less foundation-model ARN (`arn:aws:bedrock:::foundation-model/<model>`) is refused as a
 *   request; AWS documents it as the resource global cross-Region inference profiles are authorised
 *   against ("Supported Regions and models for inference profiles", global profiles), so a policy naming
 *   it allows exactly that ARN, and the engine's witness on it is checked by the ARN matcher instead.
 * - The simulator pads a short ARN (`arn:aws:bedrock:*`) with `*` segments in Resource, as the IAM User
 *   Guide reads a trailing `*`, but lets it match every request in NotResource, so such a statement
 *   never applies; the simulator gets NotResource's short ARNs padded (permissions-differential.ts,
 *   simulatorCopy).
 * - An Allow with NotResource does not reach an action that takes no resource (`*`) in the simulator;
 *   the engine counts it (IAM reads NotResource as every resource not listed, and `*` is not listed),
 *   which errs towards a finding.
 * - A witness in another partition (aws-cn, aws-us-gov) is judged by the engine for a role in that
 *   partition; the simulator's role is in aws.
 * - KMS keys need a key policy: requests on a key carry the default key policy, which lets IAM decide.
 * - Where the simulator departs from the IAM User Guide (each departure pinned in
 *   tests/conformance/guide-cases.ts), it is asked about a corrected twin of the policy for each request
 *   (permissions-differential.ts, correctedTwin), never skipped: a resource type with wildcards (`*\/*`,
 *   `*-model/*`, `???????????-model/*`) is written as the request's own resource segment when the Guide's reading matches it; a
 *   policy variable in the partition, service, region or account segment takes the request's value
 *   (`${aws:PrincipalAccount}`: the role's account); and under Version 2008-10-17 or none, `${` is
 *   written `${$}{` under 2012-10-17, since the simulator replaces variables under every Version.
 * - Policies IAM refuses (Effect `allow`/`DENY`, an action without its service prefix, Action with
 *   NotAction) are not probed: the parser must refuse them and so must the simulator.
 */
import * as assert from "assert";
import { LanguageCache } from "../rules/iam/languages";
import { arnMatches } from "../rules/iam/match";
import { parsePolicyDocument } from "../rules/iam/document";
import { analyzePermissions } from "../rules/permissions/engine";
import { policiesAllow } from "./support/iam-simulator";
import { Disagreement, checkPolicy, simulatorCopy } from "./support/permissions-differential";
import { probeBattery, probesFor, random, randomPolicy } from "./support/permissions-generator";

const RUNS = Number(process.env.PERMISSIONS_DIFF_RUNS ?? 2000);

describe("permissions differential: the engine against the IAM policy simulator", function () {
    this.timeout(900_000);

    describe("the simulator harness", () => {
        it("allows a probe of each kind under Allow * on *, and denies it under nothing", async () => {
            const all = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };
            for (const p of probeBattery().filter((_, i) => i % 25 === 0)) {
                assert.ok(await policiesAllow({ p: all }, p.action, p.resource, {}, "111122223333"), `${p.action} on ${p.resource}`);
            }
            const none = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k" }] };
            assert.ok(!(await policiesAllow({ p: none }, "iam:PassRole", "arn:aws:iam::111122223333:role/x", {}, "111122223333")));
        });

        it("pins what the simulator cannot stand for: a region-less foundation-model request, and a short ARN in NotResource", async () => {
            const regionless = "arn:aws:bedrock:::foundation-model/anthropic.claude-3";
            const policy = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "bedrock:InvokeModel", Resource: regionless }] };
            await assert.rejects(policiesAllow({ p: policy }, "bedrock:InvokeModel", regionless, {}, "111122223333"));
            // The ARN matcher stands in: the region-less pattern names exactly the region-less ARN.
            assert.ok(
                arnMatches(regionless, regionless) &&
                    !arnMatches(regionless, "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3"),
            );
            const short = {
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Action: "iam:PassRole", NotResource: "arn:aws:bedrock:*" }],
            };
            const role = "arn:aws:iam::111122223333:role/x";
            assert.ok(!(await policiesAllow({ p: short }, "iam:PassRole", role, {}, "111122223333")));
            assert.ok(await policiesAllow({ p: simulatorCopy(short) }, "iam:PassRole", role, {}, "111122223333"));
            const resource = {
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Action: "iam:PassRole", Resource: "arn:aws:iam::*" }],
            };
            assert.ok(await policiesAllow({ p: resource }, "iam:PassRole", role, {}, "111122223333"), "padded in Resource");
        });

        it("reports a disagreement when the engine misses an allowed probe", async () => {
            const policy = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:PassRole", Resource: "*" }] };
            const found = await checkPolicy(
                policy,
                [{ action: "iam:PassRole", resource: "arn:aws:iam::111122223333:role/x" }],
                new LanguageCache(),
            );
            assert.deepStrictEqual(found, [], "the engine finds this one");
            const p = parsePolicyDocument(policy);
            assert.ok(p.ok && analyzePermissions([{ label: "p", doc: p.doc }]).exposures.length === 1);
        });
    });

    it(`agrees with the simulator on ${RUNS} random policies`, async () => {
        const rnd = random(14);
        const battery = probeBattery();
        const cache = new LanguageCache();
        const disagreements: Disagreement[] = [];
        const known: Record<string, number> = {};
        for (let i = 0; i < RUNS; i++) {
            const policy = randomPolicy(rnd);
            for (const d of await checkPolicy(policy, probesFor(rnd, battery, policy), cache)) {
                if (d.known !== undefined) {
                    known[d.known] = (known[d.known] ?? 0) + 1;
                } else {
                    disagreements.push(d);
                }
            }
        }
        assert.deepStrictEqual(
            disagreements.slice(0, 5).map((d) => `${d.what} in ${JSON.stringify(d.policy)}`),
            [],
            `${disagreements.length} disagreements`,
        );
        // The set-aside readings occur, so the generator reaches them, and stay rare.
        assert.ok(Object.values(known).reduce((a, b) => a + b, 0) < RUNS / 10, JSON.stringify(known));
    });
});
