/**
 * The permissions engine by meaning: what IAM would let the role do beyond invoking the allowed models
 * is an exposure with a concrete (action, resource) witness; every form that grants exactly that passes.
 */
import * as assert from "assert";
import { buildPermissionsPolicy } from "../../components/permissions-policy";
import { parsePolicyDocument } from "../iam/document";
import { LanguageCache } from "../iam/languages";
import { arnMatches, actionMatches } from "../iam/match";
import { analyzePermissionsPolicy } from "../registry";
import { DEFAULT_PERMISSIONS_SETTINGS, judgeRole } from "./role";
import { analyzePermissions } from "./engine";

const cache = new LanguageCache();
const INVOKE = ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"];
const FM = "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3";
const doc = (...Statement: unknown[]) => ({ Version: "2012-10-17", Statement });

function answer(d: unknown, config = {}) {
    const p = parsePolicyDocument(d);
    assert.ok(p.ok);
    return analyzePermissions([{ label: "p", doc: p.doc }], { cache, config });
}

/** Each exposure's witness really is allowed by the statement it names and outside the intended set. */
function exposures(d: unknown, config = {}): string[] {
    const a = answer(d, config);
    return a.exposures.map((e) => `${e.action} on ${e.resource}`);
}

describe("permissions engine", () => {
    it("passes every policy the component builds, in every partition and scope", () => {
        for (const scope of [
            { regions: [], models: [] },
            { regions: ["us-east-1"], models: [] },
            { regions: ["us-east-1", "eu-west-1"], models: ["anthropic.claude-*", "amazon.nova-pro-v1:0"] },
        ]) {
            for (const partition of ["aws", "aws-us-gov", "aws-cn"]) {
                const a = answer(buildPermissionsPolicy(partition, "123456789012", scope));
                assert.deepStrictEqual(a.exposures, [], `${partition} ${JSON.stringify(scope)}`);
                assert.ok(a.canInvoke);
            }
        }
    });

    it("names a concrete witness for a wildcard action or resource", () => {
        assert.deepStrictEqual(exposures(doc({ Effect: "Allow", Action: "*", Resource: "*" })), [
            "bedrock:PutModelInvocationLoggingConfiguration on *",
        ]);
        // Even on one model, bedrock:* buys provisioned throughput: spend is an exposure.
        assert.deepStrictEqual(exposures(doc({ Effect: "Allow", Action: "bedrock:*", Resource: FM })), [
            `bedrock:CreateProvisionedModelThroughput on ${FM}`,
        ]);
        const [invokeStar] = exposures(doc({ Effect: "Allow", Action: INVOKE, Resource: "*" }));
        assert.match(invokeStar, /^bedrock:InvokeModel on arn:aws:bedrock:us-east-1:111122223333:/);
        assert.doesNotMatch(invokeStar, /foundation-model|inference-profile/);
    });

    it("reads a permissions policy with NotResource and sts:AssumeRole* as one, and names the role it can assume", () => {
        const d = doc({ Effect: "Allow", Action: "sts:AssumeRole*", NotResource: "arn:aws:iam::111122223333:role/x" });
        const [e] = answer(d).exposures;
        assert.strictEqual(e.action, "sts:AssumeRole");
        assert.ok(arnMatches("arn:aws:iam::*:role/*", e.resource) && !arnMatches("arn:aws:iam::111122223333:role/x", e.resource));
        assert.ok(actionMatches("sts:AssumeRole*", e.action));
    });

    it("accepts the region-less foundation-model ARN and the invoke actions in any case", () => {
        assert.deepStrictEqual(
            exposures(doc({ Effect: "Allow", Action: ["BEDROCK:invokemodel"], Resource: "arn:aws:bedrock:::foundation-model/x" })),
            [],
        );
    });

    it("treats read-only model metadata as convention, Marketplace subscribing as an exposure", () => {
        const a = answer(doc({ Effect: "Allow", Action: ["bedrock:GetFoundationModel", "bedrock:ListFoundationModels"], Resource: "*" }));
        assert.deepStrictEqual(a.exposures, []);
        assert.deepStrictEqual(a.metadata.map((m) => m.action).sort(), ["bedrock:GetFoundationModel", "bedrock:ListFoundationModels"]);
        assert.deepStrictEqual(exposures(doc({ Effect: "Allow", Action: "aws-marketplace:Subscribe", Resource: "*" })), [
            "aws-marketplace:Subscribe on *",
        ]);
    });

    it("names the action a wildcard could add tomorrow when it reaches only the invoke actions today", () => {
        const a = answer(doc({ Effect: "Allow", Action: "bedrock:InvokeModel*", Resource: FM }));
        assert.deepStrictEqual(a.exposures, []);
        assert.deepStrictEqual(
            a.futureForms.map((f) => f.example),
            ["bedrock:InvokeModelFuture"],
        );
    });

    it("gives no finding to Deny statements that only narrow, and counts those that fence an Allow", () => {
        const fenced = doc(
            { Effect: "Allow", Action: "*", Resource: "*" },
            { Effect: "Deny", NotAction: INVOKE, Resource: "*" },
            {
                Effect: "Deny",
                Action: "*",
                NotResource: ["arn:aws:bedrock:*::foundation-model/*"],
            },
        );
        const a = answer(fenced);
        assert.deepStrictEqual(a.exposures, []);
        assert.ok(a.canInvoke);
        const partly = doc({ Effect: "Allow", Action: "*", Resource: "*" }, { Effect: "Deny", Action: "iam:*", Resource: "*" });
        assert.ok(!exposures(partly).some((e) => e.startsWith("iam:")), "the Deny takes iam away");
        assert.ok(exposures(partly).length > 0, "but not the rest");
    });

    it("assumes an Allow's condition holds and a Deny's does not, and says so", () => {
        const a = answer(
            doc(
                {
                    Effect: "Allow",
                    Action: "s3:GetObject",
                    Resource: "*",
                    Condition: { StringEquals: { "aws:RequestedRegion": "us-east-1" } },
                },
                { Effect: "Deny", Action: "*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } },
            ),
        );
        assert.deepStrictEqual(
            a.exposures.map((e) => e.action),
            ["s3:GetObject"],
        );
        assert.strictEqual(a.assumptions.length, 2);
    });

    it("narrows the intended set by configured regions and models", () => {
        const profiles = doc({ Effect: "Allow", Action: INVOKE, Resource: "arn:aws:bedrock:*:111122223333:inference-profile/*" });
        assert.deepStrictEqual(exposures(profiles), []);
        assert.match(exposures(profiles, { allowedRegions: ["us-east-1"] })[0], /inference-profile/);
        const models = doc({ Effect: "Allow", Action: INVOKE, Resource: "arn:aws:bedrock:*::foundation-model/*" });
        assert.deepStrictEqual(exposures(models, { allowedModels: ["anthropic.*"] }).length, 1);
        assert.deepStrictEqual(exposures(doc({ Effect: "Allow", Action: INVOKE, Resource: FM }), { allowedModels: ["anthropic.*"] }), []);
    });

    it("cuts with a permissions boundary, and ignores none it cannot see", () => {
        const wide = parsePolicyDocument(doc({ Effect: "Allow", Action: "*", Resource: "*" }));
        const boundary = parsePolicyDocument(doc({ Effect: "Allow", Action: INVOKE, Resource: "arn:aws:bedrock:*::foundation-model/*" }));
        const j = judgeRole(
            {
                routes: [{ kind: "document", label: "wide", parsed: wide }],
                boundary: { kind: "document", label: "b", parsed: boundary },
                wholeRole: true,
            },
            DEFAULT_PERMISSIONS_SETTINGS,
            cache,
        );
        assert.deepStrictEqual(j.answer.exposures, []);
        const unseen = judgeRole(
            {
                routes: [{ kind: "document", label: "wide", parsed: wide }],
                boundary: { kind: "arn", label: "b", arn: "arn:aws:iam::111122223333:policy/b" },
            },
            DEFAULT_PERMISSIONS_SETTINGS,
            cache,
        );
        assert.ok(unseen.answer.exposures.length > 0 && unseen.boundaryUnseen !== undefined);
    });

    it("reaches every resource a resource-type wildcard or a policy variable (under 2012-10-17) names", () => {
        const role = "arn:aws:iam::111122223333:role/x";
        assert.deepStrictEqual(exposures(doc({ Effect: "Allow", Action: "iam:PassRole", Resource: "arn:aws:iam::111122223333:*/*" })), [
            `iam:PassRole on ${role}`,
        ]);
        assert.match(
            exposures(doc({ Effect: "Allow", Action: INVOKE, Resource: "arn:aws:bedrock:*:111122223333:???????????-model/*" }))[0],
            /^bedrock:InvokeModel on arn:aws:bedrock:us-east-1:111122223333:provisioned-model\//,
        );
        const passRole = { Effect: "Allow", Action: "iam:PassRole", Resource: "arn:aws:iam::${aws:PrincipalAccount}:role/*" };
        assert.deepStrictEqual(exposures(doc(passRole)), [`iam:PassRole on ${role}`]);
        assert.deepStrictEqual(exposures({ Version: "2008-10-17", Statement: [passRole] }), [], "literal text under 2008-10-17");
        assert.deepStrictEqual(exposures({ Statement: [passRole] }), [], "literal text without Version");
        const region = exposures(doc({ Effect: "Allow", Action: "bedrock:*", Resource: "arn:aws:bedrock:${aws:RequestedRegion}:*:*" }));
        assert.strictEqual(region.length, 1);
    });

    it("counts sts:GetCallerIdentity as no grant, and notes an Allow fenced only by Deny statements", () => {
        const invoke = { Effect: "Allow", Action: INVOKE, Resource: "arn:aws:bedrock:*::foundation-model/*" };
        assert.deepStrictEqual(exposures(doc(invoke, { Effect: "Allow", Action: "sts:GetCallerIdentity", Resource: "*" })), []);
        const fenced = answer(
            doc(
                { Effect: "Allow", Action: "*", Resource: "*" },
                { Effect: "Deny", NotAction: INVOKE, Resource: "*" },
                { Effect: "Deny", Action: "*", NotResource: "arn:aws:bedrock:*::foundation-model/*" },
            ),
        );
        assert.deepStrictEqual(fenced.exposures, []);
        assert.deepStrictEqual(
            fenced.fenced.map((f) => [f.by.index, f.fences.map((r) => r.index)]),
            [[0, [1, 2]]],
        );
        assert.deepStrictEqual(answer(doc(invoke)).fenced, [], "a named Allow is no fenced form");
    });

    it("reports IAM's size quotas: a managed policy over 6,144, a role's inline policies over 10,240 in all", () => {
        const statement = (i: number) => ({ Sid: `S${i}`, Effect: "Allow", Action: INVOKE, Resource: `${FM}-${i}` });
        const sized = (n: number) => parsePolicyDocument(doc(...Array.from({ length: n }, (_, i) => statement(i))));
        const problems = (routes: Parameters<typeof judgeRole>[0]["routes"]) =>
            judgeRole({ routes }, DEFAULT_PERMISSIONS_SETTINGS, cache).invalid.map((v) => v.problem);
        assert.deepStrictEqual(problems([{ kind: "document", label: "m", parsed: sized(30), form: "managed" }]), []);
        assert.match(
            problems([{ kind: "document", label: "m", parsed: sized(40), form: "managed" }])[0],
            /managed policy is \d+ characters.*6144/,
        );
        assert.deepStrictEqual(problems([{ kind: "document", label: "m", parsed: sized(40), form: "inline" }]), []);
        const two = [1, 2].map((i) => ({ kind: "document" as const, label: `i${i}`, parsed: sized(40), form: "inline" as const }));
        assert.match(problems(two)[0], /2 inline policies together are \d+ characters.*10240/);
        assert.match(problems([{ kind: "document", label: "u", parsed: sized(60) }])[0], /10240.*as a managed policy.*6144/);
        const spaced = parsePolicyDocument(JSON.stringify(doc(...Array.from({ length: 40 }, (_, i) => statement(i))), null, 8));
        assert.deepStrictEqual(
            problems([{ kind: "document", label: "w", parsed: spaced, form: "inline" }]),
            [],
            "white space is not counted",
        );
    });

    it("judges AWS managed policies by their real documents, and reports an ARN the data does not know", () => {
        for (const name of ["AdministratorAccess", "AmazonBedrockFullAccess"]) {
            const j = judgeRole(
                { routes: [{ kind: "arn", label: name, arn: `arn:aws:iam::aws:policy/${name}` }] },
                DEFAULT_PERMISSIONS_SETTINGS,
                cache,
            );
            assert.ok(j.answer.exposures.length > 0, name);
        }
        const j = judgeRole(
            { routes: [{ kind: "arn", label: "x", arn: "arn:aws:iam::aws:policy/NoSuchPolicyAtAll" }] },
            DEFAULT_PERMISSIONS_SETTINGS,
            cache,
        );
        assert.deepStrictEqual(
            j.unseen.map((u) => u.why),
            ["unknown-aws-managed"],
        );
        const findings = analyzePermissionsPolicy("{oops").findings;
        assert.ok(findings.some((f) => f.rule === "warp-permissions-iam-valid" && f.message.includes("not valid JSON")));
    });
});
