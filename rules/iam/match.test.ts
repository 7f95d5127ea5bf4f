/** The one action matcher and the one ARN matcher, as the IAM User Guide documents Action and Resource. */
import * as assert from "assert";
import { documentKind, parsePolicyDocument } from "./document";
import { actionMatches, arnMatches, canonicalArn } from "./match";

describe("rules/iam: matchers and document kind", () => {
    it("matches actions without regard to case, with * and ? inside the action name only", () => {
        assert.ok(actionMatches("bedrock:invokemodel", "bedrock:InvokeModel"));
        assert.ok(actionMatches("Bedrock:InvokeModel*", "bedrock:InvokeModelWithResponseStream"));
        assert.ok(actionMatches("bedrock:Get?oundationModel", "bedrock:GetFoundationModel"));
        assert.ok(actionMatches("*", "iam:PassRole"));
        assert.ok(!actionMatches("bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"));
        assert.ok(!actionMatches("bedrock:Invoke?", "bedrock:InvokeModel"));
        assert.ok(!actionMatches("bedrock:*", "iam:PassRole"));
    });

    it("keeps a wildcard inside its ARN segment, but lets the resource segment's * span / and :", () => {
        assert.ok(arnMatches("arn:aws:bedrock:*::foundation-model/*", "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-v2:1"));
        assert.ok(!arnMatches("arn:aws:bedrock:*::foundation-model/*", "arn:aws:bedrock:us-east-1:111122223333:foundation-model/x"));
        assert.ok(!arnMatches("arn:aws:bedrock:us-*:*:inference-profile/*", "arn:aws:bedrock:us-east-1:1:x:inference-profile/y"));
        assert.ok(arnMatches("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/a/b:c"));
        assert.ok(arnMatches("arn:aws:bedrock:*::foundation-model/*", "arn:aws:bedrock:::foundation-model/amazon.nova-pro-v1:0"));
    });

    it("reads a short ARN as padded with * segments, and the first segments without regard to case", () => {
        assert.ok(arnMatches("arn:aws:bedrock:*", "arn:aws:bedrock:us-east-1:111122223333:agent/x"));
        assert.ok(arnMatches("arn:AWS:Bedrock:US-EAST-1::foundation-model/m", "arn:aws:bedrock:us-east-1::foundation-model/m"));
        assert.ok(!arnMatches("arn:aws:bedrock:us-east-1::foundation-model/M", "arn:aws:bedrock:us-east-1::foundation-model/m"));
        assert.strictEqual(canonicalArn("arn:AWS:IAM::111122223333:role/Name"), "arn:aws:iam::111122223333:role/Name");
    });

    it("tells a document's kind by Principal, as IAM does, not by its look", () => {
        const kind = (...Statement: unknown[]) => {
            const p = parsePolicyDocument({ Version: "2012-10-17", Statement });
            assert.ok(p.ok);
            return documentKind(p.doc);
        };
        const trust = { Effect: "Allow", Principal: { Federated: "x" }, Action: "sts:AssumeRoleWithWebIdentity" };
        const permissions = { Effect: "Allow", Action: "sts:AssumeRole*", NotResource: "arn:aws:iam::*:role/x" };
        assert.strictEqual(kind(trust), "trust");
        assert.strictEqual(kind(permissions), "permissions");
        assert.strictEqual(kind(trust, permissions), "mixed");
    });

    it("parses once: the parsed model passed back in is returned as is", () => {
        const p = parsePolicyDocument('{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}');
        assert.strictEqual(parsePolicyDocument(p), p);
    });
});
