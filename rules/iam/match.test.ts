/** The one action matcher and the one ARN matcher, as the IAM User Guide documents Action and Resource. */
import * as assert from "assert";
import { documentKind, effectOf, parsePolicyDocument } from "./document";
import { actionMatches, arnMatches, arnSegments, canonicalArn, variableContext } from "./match";

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

    it("reads the resource segment as one glob: * and ? span the resource type and /", () => {
        assert.ok(arnMatches("arn:aws:iam::111122223333:*/*", "arn:aws:iam::111122223333:role/admin"));
        assert.ok(arnMatches("arn:aws:bedrock:*:111122223333:*-model/*", "arn:aws:bedrock:us-east-1:111122223333:custom-model/x"));
        assert.ok(arnMatches("arn:aws:bedrock:*:1:???????????-model/*", "arn:aws:bedrock:eu-west-1:1:provisioned-model/x"));
        assert.ok(!arnMatches("arn:aws:bedrock:*:1:???????????-model/*", "arn:aws:bedrock:eu-west-1:1:custom-model/x"));
        assert.ok(!arnMatches("arn:aws:iam::111122223333:*/*", "arn:aws:iam::111122223333:root"));
    });

    it("reads policy variables under 2012-10-17 as the values their keys can take, and as literal text otherwise", () => {
        const v12 = variableContext("2012-10-17");
        const own = variableContext("2012-10-17", "111122223333");
        const role = "arn:aws:iam::111122223333:role/x";
        assert.ok(arnMatches("arn:aws:iam::${aws:PrincipalAccount}:role/*", role, v12));
        assert.ok(arnMatches("arn:aws:iam::${aws:PrincipalAccount}:role/*", role, own));
        assert.ok(!arnMatches("arn:aws:iam::${aws:PrincipalAccount}:role/*", "arn:aws:iam::444455556666:role/x", own));
        assert.ok(arnMatches("arn:aws:bedrock:${aws:RequestedRegion}:*:*", "arn:aws:bedrock:eu-west-1:1:agent/a", v12));
        assert.ok(arnMatches("arn:aws:s3:::b/${aws:username}/*", "arn:aws:s3:::b/anyone/k", v12));
        assert.ok(arnMatches("arn:aws:s3:::b/${aws:PrincipalTag/team, 'none'}/*", "arn:aws:s3:::b/blue/k", v12));
        assert.ok(
            arnMatches("arn:aws:s3:::b/a${*}b", "arn:aws:s3:::b/a*b", v12) &&
                !arnMatches("arn:aws:s3:::b/a${*}b", "arn:aws:s3:::b/axb", v12),
        );
        for (const literal of [variableContext("2008-10-17"), variableContext(undefined)]) {
            assert.ok(!arnMatches("arn:aws:iam::${aws:PrincipalAccount}:role/*", role, literal));
            assert.ok(arnMatches("arn:aws:s3:::b/${aws:username}/*", "arn:aws:s3:::b/${aws:username}/k", literal));
        }
        assert.deepStrictEqual(arnSegments("arn:aws:iam::${aws:PrincipalAccount}:role/*", v12), [
            "arn",
            "aws",
            "iam",
            "",
            "${aws:PrincipalAccount}",
            "role/*",
        ]);
    });

    it("reads Effect exactly as IAM does, and records what IAM's grammar refuses", () => {
        assert.strictEqual(effectOf("Allow"), "allow");
        assert.strictEqual(effectOf("Deny"), "deny");
        for (const odd of ["allow", "DENY", undefined, 1]) {
            assert.strictEqual(effectOf(odd), undefined);
        }
        const problems = (statement: Record<string, unknown>) => {
            const p = parsePolicyDocument({ Version: "2012-10-17", Statement: [statement] });
            assert.ok(p.ok);
            return p.doc.statements[0].problems.join("\n");
        };
        const ok = { Effect: "Allow", Action: "bedrock:InvokeModel", Resource: "*" };
        assert.strictEqual(problems(ok), "");
        assert.match(problems({ ...ok, Effect: "allow" }), /"allow".*case sensitive.*Effect/);
        assert.match(problems({ Action: ok.Action, Resource: "*" }), /no Effect/);
        assert.match(problems({ ...ok, NotAction: "s3:*" }), /both Action and NotAction/);
        assert.match(problems({ ...ok, NotResource: "x" }), /both Resource and NotResource/);
        assert.match(problems({ ...ok, Action: "InvokeModel" }), /"InvokeModel".*service prefix/);
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
