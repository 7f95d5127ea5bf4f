/**
 * What a role may do, in words: the engine's allowed set within the intended one (actions, models or
 * profiles, regions), "nothing" for a role that can invoke nothing, and the witness of what lies beyond.
 */
import * as assert from "assert";
import { buildPermissionsPolicy } from "../../components/permissions-policy";
import { parsePolicyDocument } from "../iam/document";
import { LanguageCache } from "../iam/languages";
import { DEFAULT_PERMISSIONS_SETTINGS, PermissionsSettings, Route, judgeRole } from "./role";
import { describeMayDo } from "./describe";

const cache = new LanguageCache();
const INVOKE = ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"];
const doc = (...Statement: unknown[]) => ({ Version: "2012-10-17", Statement });
const route = (d: unknown, label = "p"): Route => ({ kind: "document", label, parsed: parsePolicyDocument(d) });

function mayDo(d: unknown, opts: { boundary?: unknown; settings?: Partial<PermissionsSettings> } = {}) {
    const j = judgeRole(
        { routes: [route(d)], wholeRole: true, ...(opts.boundary ? { boundary: route(opts.boundary, "boundary") } : {}) },
        { ...DEFAULT_PERMISSIONS_SETTINGS, ...opts.settings },
        cache,
    );
    const words = describeMayDo(j, cache);
    // The words and the engine's own answer agree on whether the role can invoke anything at all.
    assert.strictEqual(words.invoke.length > 0, j.answer.canInvoke, words.text);
    return words;
}

const BOTH = "InvokeModel and InvokeModelWithResponseStream";

describe("what a role may do, in words", () => {
    it("says the intended set in full for the component's own policy", () => {
        const d = mayDo(buildPermissionsPolicy("aws", "123456789012", { regions: [], models: [] }));
        assert.strictEqual(
            d.text,
            `${BOTH} on foundation models in any region; inference profiles in any region (account 123456789012); application inference profiles in any region (account 123456789012)`,
        );
        assert.deepStrictEqual(d.beyond, []);
    });

    it("names the models and regions a policy narrows to", () => {
        const d = mayDo(
            doc({
                Effect: "Allow",
                Action: INVOKE,
                Resource: [
                    "arn:aws:bedrock:us-east-1::foundation-model/anthropic.*",
                    "arn:aws:bedrock:us-west-2::foundation-model/anthropic.*",
                    "arn:aws:bedrock:*:123456789012:inference-profile/*",
                ],
            }),
        );
        assert.strictEqual(
            d.text,
            `${BOTH} on foundation models anthropic.* in us-east-1, us-west-2; inference profiles in any region (account 123456789012)`,
        );
    });

    it("keeps actions apart when they reach different resources", () => {
        const d = mayDo(
            doc(
                {
                    Effect: "Allow",
                    Action: "bedrock:InvokeModel",
                    Resource: "arn:aws:bedrock:eu-west-1::foundation-model/amazon.nova-pro-v1:0",
                },
                { Effect: "Allow", Action: "bedrock:InvokeModelWithResponseStream", Resource: "arn:aws:bedrock:*::foundation-model/*" },
            ),
        );
        assert.strictEqual(
            d.text,
            "InvokeModel on foundation models amazon.nova-pro-v1:0 in eu-west-1; InvokeModelWithResponseStream on foundation models in any region",
        );
    });

    it("says nothing for a role that can invoke nothing, and for one whose Deny takes it all back", () => {
        assert.strictEqual(mayDo(doc({ Effect: "Allow", Action: "bedrock:ListFoundationModels", Resource: "*" })).text, "nothing");
        const denied = mayDo(
            doc(
                { Effect: "Allow", Action: INVOKE, Resource: "arn:aws:bedrock:*::foundation-model/*" },
                { Effect: "Deny", Action: "bedrock:Invoke*", Resource: "*" },
            ),
        );
        assert.strictEqual(denied.text, "nothing");
        assert.deepStrictEqual(denied.invoke, []);
    });

    it("names the witness of what lies beyond for a wider role", () => {
        const d = mayDo(doc({ Effect: "Allow", Action: "*", Resource: "*" }));
        assert.strictEqual(d.invoke.length, 1);
        assert.match(d.text, new RegExp(`^${BOTH} on foundation models in any region; .*; and beyond that: `));
        assert.deepStrictEqual(d.beyond, ["bedrock:PutModelInvocationLoggingConfiguration on * (Statement[0] of p)"]);
        const only = mayDo(doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }));
        assert.match(only.text, /^no model invocation; and beyond that: s3:GetObject on arn:aws:s3:::b\/x/);
    });

    it("cuts by the permissions boundary", () => {
        const wide = doc({ Effect: "Allow", Action: "bedrock:*", Resource: "*" });
        const boundary = doc({ Effect: "Allow", Action: INVOKE, Resource: "arn:aws:bedrock:us-east-1::foundation-model/meta.*" });
        const d = mayDo(wide, { boundary });
        assert.strictEqual(d.text, `${BOTH} on foundation models meta.* in us-east-1`);
        const nothing = mayDo(wide, { boundary: doc({ Effect: "Allow", Action: "s3:*", Resource: "*" }) });
        assert.strictEqual(nothing.text, "nothing");
    });

    it("marks a model pattern a Deny cuts as reached in part, and reads the configured intended set", () => {
        const d = mayDo(
            doc(
                { Effect: "Allow", Action: INVOKE, Resource: "arn:aws:bedrock:us-east-1::foundation-model/anthropic.*" },
                { Effect: "Deny", Action: INVOKE, Resource: "arn:aws:bedrock:*::foundation-model/anthropic.claude-v2*" },
            ),
        );
        assert.strictEqual(d.text, `${BOTH} on foundation models anthropic.* (in part) in us-east-1`);
        const configured = mayDo(doc({ Effect: "Allow", Action: INVOKE, Resource: "arn:aws:bedrock:*::foundation-model/*" }), {
            settings: { allowedModels: ["amazon.nova-*"] },
        });
        assert.strictEqual(configured.invoke[0].on[0], "foundation models amazon.nova-* in any region");
    });

    it("says what a NotResource or a Deny leaves out of an otherwise open grant, and words each region's models", () => {
        const notMeta = mayDo(doc({ Effect: "Allow", Action: INVOKE, NotResource: "arn:aws:bedrock:*::foundation-model/meta.*" }));
        assert.strictEqual(notMeta.invoke[0].on[0], "foundation models other than meta.* in any region");
        assert.strictEqual(notMeta.invoke[0].on[1], "inference profiles in any region");
        const notRegion = mayDo(
            doc(
                { Effect: "Allow", Action: INVOKE, Resource: "arn:aws:bedrock:*::foundation-model/*" },
                { Effect: "Deny", Action: "*", Resource: "arn:aws:bedrock:us-east-1:*:*" },
            ),
        );
        assert.strictEqual(notRegion.text, `${BOTH} on foundation models in any region but us-east-1`);
        const perRegion = mayDo(
            doc({
                Effect: "Allow",
                Action: INVOKE,
                Resource: ["arn:aws:bedrock:eu-west-1::foundation-model/*", "arn:aws:bedrock:us-east-1::foundation-model/amazon.*"],
            }),
        );
        assert.strictEqual(perRegion.text, `${BOTH} on foundation models in eu-west-1; foundation models amazon.* in us-east-1`);
    });

    it("states the conditions the engine assumed", () => {
        const d = mayDo(
            doc({
                Effect: "Allow",
                Action: INVOKE,
                Resource: "arn:aws:bedrock:*::foundation-model/*",
                Condition: { StringEquals: { "aws:RequestedRegion": "us-east-1" } },
            }),
        );
        assert.deepStrictEqual(d.assumptions, ["Statement[0] of p: its condition is assumed to hold"]);
        assert.strictEqual(
            d.text,
            `${BOTH} on foundation models in any region; assuming Statement[0] of p: its condition is assumed to hold`,
        );
    });

    it("says what it could not see", () => {
        const j = judgeRole(
            { routes: [route(doc({ Effect: "Allow", Action: INVOKE, Resource: "*" })), { kind: "unknown", label: "later" }] },
            DEFAULT_PERMISSIONS_SETTINGS,
            cache,
        );
        assert.match(describeMayDo(j, cache).text, /; not counting what could not be read: later \(unknown until applied\)$/);
    });
});
