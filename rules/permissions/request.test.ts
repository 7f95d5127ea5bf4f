/**
 * The concrete-request query: IAM's "Policy evaluation logic" within one account (an explicit Deny wins,
 * else some Allow must apply, and a permissions boundary must allow too), with the statement that
 * decided, and `unknown` where a condition cannot be decided or a policy is not seen.
 */
import * as assert from "assert";
import { parsePolicyDocument } from "../iam/document";
import { PermissionRequest, decideRequest } from "./request";
import type { RoleInput, Route } from "./role";

const MODEL = "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0";
const PROFILE = "arn:aws:bedrock:us-east-1:111122223333:inference-profile/us.anthropic.claude-3-haiku-20240307-v1:0";
const invoke = (resource = MODEL, context: Record<string, string> = {}): PermissionRequest => ({
    action: "bedrock:InvokeModel",
    resource,
    context,
});

function doc(label: string, ...statements: object[]): Route {
    return { kind: "document", label, parsed: parsePolicyDocument({ Version: "2012-10-17", Statement: statements }) };
}

const allowInvoke = { Effect: "Allow", Action: "bedrock:InvokeModel", Resource: "arn:aws:bedrock:*::foundation-model/*" };
const role = (routes: Route[], boundary?: Route): RoleInput => (boundary ? { routes, boundary } : { routes });

describe("decideRequest: one concrete request against the routes reaching a role", () => {
    it("allows by the statement that applies, naming it", () => {
        const d = decideRequest(role([doc("inline policy bedrock", { Sid: "Invoke", ...allowInvoke })]), invoke());
        assert.strictEqual(d.decision, "allowed");
        assert.deepStrictEqual(d.allowedBy, [{ policy: "inline policy bedrock", index: 0, sid: "Invoke" }]);
    });

    it("denies implicitly when no Allow applies (another action, another resource)", () => {
        const input = role([doc("p", allowInvoke)]);
        assert.strictEqual(decideRequest(input, { ...invoke(), action: "bedrock:CreateModelCustomizationJob" }).decision, "implicit-deny");
        assert.strictEqual(decideRequest(input, invoke(PROFILE)).decision, "implicit-deny");
    });

    it("lets an explicit Deny in any policy win over an Allow in another", () => {
        const d = decideRequest(
            role([doc("allow", allowInvoke), doc("deny", { Sid: "NoHaiku", Effect: "Deny", Action: "bedrock:Invoke*", Resource: "*" })]),
            invoke(),
        );
        assert.strictEqual(d.decision, "explicit-deny");
        assert.deepStrictEqual(d.deniedBy, [{ policy: "deny", index: 0, sid: "NoHaiku" }]);
    });

    it("reads NotAction and NotResource with the one matcher", () => {
        const input = role([doc("p", { Effect: "Allow", NotAction: "iam:*", NotResource: "arn:aws:bedrock:*:*:inference-profile/*" })]);
        assert.strictEqual(decideRequest(input, invoke()).decision, "allowed");
        assert.strictEqual(decideRequest(input, invoke(PROFILE)).decision, "implicit-deny");
        assert.strictEqual(decideRequest(input, { action: "iam:PassRole", resource: "*", context: {} }).decision, "implicit-deny");
    });

    describe("a permissions boundary must allow too", () => {
        const wide = doc("wide", { Effect: "Allow", Action: "bedrock:*", Resource: "*" });
        const boundary = doc("permissions boundary B", {
            Effect: "Allow",
            Action: "bedrock:InvokeModel",
            Resource: "arn:aws:bedrock:*::foundation-model/*",
        });

        it("passes what both allow", () => {
            assert.strictEqual(decideRequest(role([wide], boundary), invoke()).decision, "allowed");
        });

        it("cuts what the identity policies allow and the boundary does not", () => {
            assert.strictEqual(decideRequest(role([wide], boundary), invoke(PROFILE)).decision, "boundary-deny");
        });

        it("names a Deny in the boundary", () => {
            const denying = doc(
                "permissions boundary D",
                { Effect: "Allow", Action: "*", Resource: "*" },
                { Effect: "Deny", Action: "bedrock:InvokeModel", Resource: "*" },
            );
            const d = decideRequest(role([wide], denying), invoke());
            assert.strictEqual(d.decision, "boundary-deny");
            assert.deepStrictEqual(d.deniedBy, [{ policy: "permissions boundary D", index: 1 }]);
        });

        it("grants nothing itself: a boundary alone allows no request", () => {
            assert.strictEqual(decideRequest(role([], boundary), invoke()).decision, "implicit-deny");
        });

        it("is unknown when the input does not hold the boundary's document", () => {
            const d = decideRequest(
                role([wide], { kind: "arn", label: "permissions boundary X", arn: "arn:aws:iam::111122223333:policy/X" }),
                invoke(),
            );
            assert.strictEqual(d.decision, "unknown");
            assert.deepStrictEqual(d.unseen, ["permissions boundary X"]);
        });
    });

    describe("conditions, on the one condition reader", () => {
        const viaProfile = doc("p", {
            Effect: "Allow",
            Action: "bedrock:InvokeModel",
            Resource: "arn:aws:bedrock:*::foundation-model/*",
            Condition: { ArnLike: { "bedrock:InferenceProfileArn": "arn:aws:bedrock:us-east-1:111122223333:inference-profile/us.*" } },
        });

        it("decides a condition on a key the request carries", () => {
            assert.strictEqual(
                decideRequest(role([viaProfile]), invoke(MODEL, { "bedrock:InferenceProfileArn": PROFILE })).decision,
                "allowed",
            );
            const other = PROFILE.replace("/us.", "/eu.");
            assert.strictEqual(
                decideRequest(role([viaProfile]), invoke(MODEL, { "bedrock:InferenceProfileArn": other })).decision,
                "implicit-deny",
            );
        });

        it("reads a key the request does not carry as missing (a positive operator fails, IfExists holds)", () => {
            assert.strictEqual(decideRequest(role([viaProfile]), invoke()).decision, "implicit-deny");
            const ifExists = doc("p", {
                ...allowInvoke,
                Condition: { ArnLikeIfExists: { "bedrock:InferenceProfileArn": "arn:aws:bedrock:*:*:inference-profile/us.*" } },
            });
            assert.strictEqual(decideRequest(role([ifExists]), invoke()).decision, "allowed");
        });

        it("says so when it cannot decide a condition (a global key whose value the request does not list)", () => {
            const d = decideRequest(
                role([doc("p", { ...allowInvoke, Condition: { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } } })]),
                invoke(),
            );
            assert.strictEqual(d.decision, "unknown");
            assert.match(d.undecided[0], /^p Statement\[0\] has a condition .*IpAddress aws:SourceIp/);
        });

        it("does not call a request allowed when a Deny it cannot decide may refuse it", () => {
            const d = decideRequest(
                role([
                    doc("p", allowInvoke, {
                        Effect: "Deny",
                        Action: "*",
                        Resource: "*",
                        Condition: { Bool: { "aws:SecureTransport": "false" } },
                    }),
                ]),
                invoke(),
            );
            assert.strictEqual(d.decision, "unknown");
            assert.strictEqual(d.allowedBy.length, 1);
        });

        it("reads a policy variable as a variable under 2012-10-17 (undecided) and as text under 2008-10-17", () => {
            const condition = { StringEquals: { "bedrock:InferenceProfileArn": "${aws:username}" } };
            const v2012 = doc("p", { ...allowInvoke, Condition: condition });
            assert.strictEqual(decideRequest(role([v2012]), invoke(MODEL, { "bedrock:InferenceProfileArn": "x" })).decision, "unknown");
            const v2008: Route = {
                kind: "document",
                label: "p",
                parsed: parsePolicyDocument({ Version: "2008-10-17", Statement: [{ ...allowInvoke, Condition: condition }] }),
            };
            assert.strictEqual(
                decideRequest(role([v2008]), invoke(MODEL, { "bedrock:InferenceProfileArn": "${aws:username}" })).decision,
                "allowed",
            );
        });
    });

    describe("routes", () => {
        it("reads an AWS managed policy named by ARN from the bundled copy, and a document route as given", () => {
            const arn = "arn:aws:iam::aws:policy/AmazonBedrockFullAccess";
            const bundled = decideRequest(role([{ kind: "arn", label: arn, arn }]), {
                action: "bedrock:CreateModelCustomizationJob",
                resource: "*",
                context: {},
            });
            assert.strictEqual(bundled.decision, "allowed");
            // An account's default version that differs from the bundled copy is the truth.
            const account = decideRequest(role([doc(arn, allowInvoke)]), {
                action: "bedrock:CreateModelCustomizationJob",
                resource: "*",
                context: {},
            });
            assert.strictEqual(account.decision, "implicit-deny");
        });

        it("is unknown, naming it, when a policy that could allow is not in the input", () => {
            const arn = "arn:aws:iam::111122223333:policy/Elsewhere";
            const d = decideRequest(role([{ kind: "arn", label: arn, arn }]), invoke());
            assert.strictEqual(d.decision, "unknown");
            assert.deepStrictEqual(d.unseen, [arn]);
        });
    });
});
