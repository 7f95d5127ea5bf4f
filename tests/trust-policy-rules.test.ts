/** The pure trust-policy rules: each rule violated and passed, with its message; parsing as IAM reads. */
import * as assert from "assert";
import { Finding, RuleName } from "../rules/findings";
import { parseOperator, parsePolicyDocument } from "../rules/iam-json";
import { analyzeTrustPolicy, checkMaxSessionDuration, classifyTrustPolicy, TrustRuleConfig } from "../rules/trust-policy-rules";
import { checkOidcProviderClientIds, isWarpProviderUrl } from "../rules/oidc-provider-rules";
import { PROD_PROVIDER, STAGING_PROVIDER, trustPolicy } from "./support/resources";

const CONFIG: Partial<TrustRuleConfig> = { allowedTeamUids: ["TEAM_A"] };

function findings(policy: unknown, config: Partial<TrustRuleConfig> = CONFIG): Finding[] {
    return analyzeTrustPolicy(policy, config).findings;
}

function only(policy: unknown, rule: RuleName, config: Partial<TrustRuleConfig> = CONFIG): Finding[] {
    return findings(policy, config).filter((f) => f.rule === rule);
}

function assertFinding(fs: Finding[], rule: RuleName, ...fragments: string[]): Finding {
    const f = fs.find((x) => x.rule === rule && fragments.every((frag) => `${x.message} ${x.remediation}`.includes(frag)));
    assert.ok(f, `no ${rule} finding with ${JSON.stringify(fragments)} in:\n${fs.map((x) => `${x.rule}: ${x.message} | ${x.remediation}`).join("\n")}`);
    return f;
}

const withCondition = (Condition: unknown, extra: Record<string, unknown> = {}) => trustPolicy(undefined, { Condition, ...extra });
const AUD = { "app.warp.dev:aud": "sts.amazonaws.com" };

describe("trust policy rules", () => {
    it("a component-shaped policy has no finding, as JSON text or as an object", () => {
        assert.deepStrictEqual(findings(JSON.stringify(trustPolicy())), []);
        assert.deepStrictEqual(findings(trustPolicy()), []);
    });

    describe("reading documents the way IAM does", () => {
        it("accepts Statement as a single object, and URL-encoded text as IAM's API returns it", () => {
            const single = { Version: "2012-10-17", Statement: (trustPolicy().Statement as unknown[])[0] };
            assert.deepStrictEqual(findings(single), []);
            assert.deepStrictEqual(findings(encodeURIComponent(JSON.stringify(trustPolicy()))), []);
        });
        it("matches operators and condition keys without regard to case", () => {
            const policy = withCondition({ stringequals: { "APP.WARP.DEV:AUD": "sts.amazonaws.com" }, STRINGLIKE: { "App.Warp.Dev:Sub": "*" } });
            assert.deepStrictEqual(only(policy, "warp-trust-audience"), []);
            assertFinding(findings(policy), "warp-trust-subject", "matches every Warp principal");
        });
        it("splits qualifiers and the IfExists suffix off operators", () => {
            assert.deepStrictEqual(parseOperator("ForAnyValue:StringLikeIfExists"), { base: "stringlike", qualifier: "foranyvalue", ifExists: true });
            assert.deepStrictEqual(parseOperator("StringEquals"), { base: "stringequals", ifExists: false });
        });
        it("reports unreadable documents that name a Warp issuer, and leaves others alone", () => {
            assertFinding(findings('{"Statement": [{"Principal": {"Federated": "app.warp.dev"'), "warp-trust-statement-shape", "not valid JSON");
            assert.deepStrictEqual(findings("{not json"), []);
            const parsed = parsePolicyDocument("[]");
            assert.strictEqual(parsed.ok, false);
        });
        it("cannot be fooled by JSON escapes or case in the text it skips without parsing", () => {
            const text = JSON.stringify(withCondition({ StringEquals: AUD })).replace(/app\.warp\.dev/g, "APP.w\\u0061rp.dev");
            assert.ok(!text.includes("*") && text.includes("\\u0061") && JSON.parse(text).Statement[0].Principal.Federated.endsWith("APP.warp.dev"));
            assertFinding(findings(text), "warp-trust-subject", "no app.warp.dev:sub condition");
            const escapedNotPrincipal = '{"Statement":[{"Effect":"Allow","Not\\u0050rincipal":{"AWS":"arn:aws:iam::1:root"},"Action":"sts:AssumeRoleWithWebIdentity"}]}';
            assertFinding(findings(escapedNotPrincipal), "warp-trust-statement-shape", "NotPrincipal");
        });
        it("recognises which roles Warp can assume", () => {
            assert.strictEqual(classifyTrustPolicy(trustPolicy()).warpTrusted, true);
            assert.strictEqual(classifyTrustPolicy({ Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }] }).warpTrusted, false);
            // Principal "*" with web identity admits Warp tokens even though it names no Warp provider.
            assert.strictEqual(classifyTrustPolicy({ Statement: [{ Effect: "Allow", Principal: "*", Action: "sts:AssumeRoleWith*" }] }).warpTrusted, true);
            assert.strictEqual(classifyTrustPolicy({ Statement: [{ Effect: "Allow", Principal: "*", Action: "sts:AssumeRole" }] }).warpTrusted, false);
        });
    });

    describe("warp-trust-audience", () => {
        it("flags a missing aud", () => {
            const f = assertFinding(only(withCondition({ StringLike: { "app.warp.dev:sub": "scoped_principal:TEAM_A/user:*" } }), "warp-trust-audience"), "warp-trust-audience", "no app.warp.dev:aud condition", '"StringEquals": {"app.warp.dev:aud": "sts.amazonaws.com"}');
            assert.strictEqual(f.level, "mandatory");
            assert.strictEqual(f.statementIndex, 0);
            assert.strictEqual(f.sid, "WarpTeamPeople");
        });
        it("flags StringLike, ForAnyValue:, IfExists and other values", () => {
            const sub = { "app.warp.dev:sub": "scoped_principal:TEAM_A/user:*" };
            assertFinding(only(withCondition({ StringLike: { ...AUD, ...sub } }), "warp-trust-audience"), "warp-trust-audience", "with StringLike");
            assertFinding(only(withCondition({ "ForAnyValue:StringEquals": AUD, StringLike: sub }), "warp-trust-audience"), "warp-trust-audience", "ForAnyValue:StringEquals", "single-valued");
            assertFinding(only(withCondition({ StringEqualsIfExists: AUD, StringLike: sub }), "warp-trust-audience"), "warp-trust-audience", "no aud claim");
            assertFinding(only(withCondition({ StringEquals: { "app.warp.dev:aud": ["sts.amazonaws.com", "web-app"] }, StringLike: sub }), "warp-trust-audience"), "warp-trust-audience", 'admits "web-app"');
        });
        it("passes the exact audience", () => {
            assert.deepStrictEqual(only(trustPolicy(), "warp-trust-audience"), []);
        });
    });

    describe("warp-trust-subject", () => {
        const cases: Array<[string, unknown, string]> = [
            ["bare wildcard", "*", "matches every Warp principal of every team"],
            ["wildcard team", "scoped_principal:*/user:*", "wildcard in the team position"],
            ["wildcard inside the team", "scoped_principal:TEAM_?/user:*", "wildcard in the team position"],
            ["team/*", "scoped_principal:TEAM_A/*", "does not fix the actor type"],
            ["partial principal wildcard", "scoped_principal:TEAM_A/user:ab*", "partial wildcard in the principal position"],
            ["unknown actor type", "scoped_principal:TEAM_A/admin:*", "Warp issues only user and service_account"],
            ["another provider's grammar", "repo:org/app:*", "does not start with 'scoped_principal:'"],
        ];
        for (const [label, sub, fragment] of cases) {
            it(`flags ${label}`, () => {
                assertFinding(only(trustPolicy(sub), "warp-trust-subject"), "warp-trust-subject", fragment, "scoped_principal:");
            });
        }
        it("flags a missing sub", () => {
            assertFinding(only(withCondition({ StringEquals: AUD }), "warp-trust-subject"), "warp-trust-subject", "no app.warp.dev:sub condition", "every Warp team");
        });
        it("flags StringNotLike/StringNotEquals as the only restriction", () => {
            assertFinding(only(withCondition({ StringEquals: AUD, StringNotLike: { "app.warp.dev:sub": "scoped_principal:TEAM_B/*" } }), "warp-trust-subject"), "warp-trust-subject", "only with StringNotLike", "other Warp teams");
        });
        it("flags ForAnyValue:/ForAllValues: and IfExists on sub", () => {
            const sub = { "app.warp.dev:sub": "scoped_principal:TEAM_A/user:*" };
            assertFinding(only(withCondition({ StringEquals: AUD, "ForAnyValue:StringLike": sub }), "warp-trust-subject"), "warp-trust-subject", "single-valued", "Drop the ForAnyValue: prefix");
            assertFinding(only(withCondition({ StringEquals: AUD, "ForAllValues:StringLike": sub }), "warp-trust-subject"), "warp-trust-subject", "no sub value at all");
            assertFinding(only(withCondition({ StringEquals: AUD, StringLikeIfExists: sub }), "warp-trust-subject"), "warp-trust-subject", "no sub claim", 'Write "StringLike" without the IfExists suffix');
        });
        it("flags one bad value among good ones", () => {
            const fs = only(trustPolicy(["scoped_principal:TEAM_A/user:*", "scoped_principal:*"]), "warp-trust-subject");
            assert.strictEqual(fs.length, 1);
            assert.ok(fs[0].message.includes('"scoped_principal:*"'));
        });
        it("notes, as advisory, that StringEquals treats * literally", () => {
            const f = assertFinding(only(withCondition({ StringEquals: { ...AUD, "app.warp.dev:sub": "scoped_principal:TEAM_A/user:*" } }), "warp-trust-subject"), "warp-trust-subject", "literally");
            assert.strictEqual(f.level, "advisory");
        });
        it("passes every accepted form, and actor-spanning patterns when configured", () => {
            for (const sub of ["scoped_principal:TEAM_A/user:*", "scoped_principal:TEAM_A/service_account:*", "scoped_principal:TEAM_A/user:u1", "scoped_principal:TEAM_A/service_account:sa-1"]) {
                assert.deepStrictEqual(only(trustPolicy(sub), "warp-trust-subject"), [], sub);
            }
            assert.deepStrictEqual(only(trustPolicy("scoped_principal:TEAM_A/*"), "warp-trust-subject", { ...CONFIG, allowActorSpanningSubjects: true }), []);
        });
    });

    describe("warp-trust-team-allowlist", () => {
        it("flags a team outside the allowlist", () => {
            const f = assertFinding(only(trustPolicy("scoped_principal:TEAM_B/user:*"), "warp-trust-team-allowlist"), "warp-trust-team-allowlist", "admits team TEAM_B", "scoped_principal:TEAM_A/user:*");
            assert.strictEqual(f.level, "mandatory");
        });
        it("is advisory when no allowlist is configured", () => {
            const f = assertFinding(only(trustPolicy(), "warp-trust-team-allowlist", {}), "warp-trust-team-allowlist", "allowedTeamUids is not configured", '{"allowedTeamUids": ["TEAM_A"]}');
            assert.strictEqual(f.level, "advisory");
        });
        it("reads the team of actor-spanning patterns when they are accepted", () => {
            assertFinding(only(trustPolicy("scoped_principal:TEAM_B/*"), "warp-trust-team-allowlist", { ...CONFIG, allowActorSpanningSubjects: true }), "warp-trust-team-allowlist", "TEAM_B");
        });
        it("passes an allowed team", () => {
            assert.deepStrictEqual(only(trustPolicy(), "warp-trust-team-allowlist"), []);
        });
    });

    describe("warp-trust-issuer-allowlist", () => {
        const staging = trustPolicy(undefined, {}, "staging.warp.dev");
        it("flags staging unless allowed", () => {
            assertFinding(only(staging, "warp-trust-issuer-allowlist"), "warp-trust-issuer-allowlist", "staging.warp.dev", 'add "staging.warp.dev" to allowedIssuers');
            assert.deepStrictEqual(only(staging, "warp-trust-issuer-allowlist", { ...CONFIG, allowedIssuers: ["https://staging.warp.dev/"] }), []);
        });
        it("passes production by default", () => {
            assert.deepStrictEqual(only(trustPolicy(), "warp-trust-issuer-allowlist"), []);
        });
    });

    describe("warp-trust-statement-shape", () => {
        const shape = (extra: Record<string, unknown>) => only(trustPolicy(undefined, extra), "warp-trust-statement-shape");
        it("flags NotPrincipal, NotAction and Principal *", () => {
            const notPrincipal = trustPolicy();
            const s = (notPrincipal.Statement as any[])[0];
            s.NotPrincipal = { AWS: "arn:aws:iam::999999999999:root" };
            delete s.Principal;
            assertFinding(only(notPrincipal, "warp-trust-statement-shape"), "warp-trust-statement-shape", "NotPrincipal");
            const notAction = trustPolicy();
            (notAction.Statement as any[])[0].NotAction = "sts:AssumeRole";
            delete (notAction.Statement as any[])[0].Action;
            assertFinding(only(notAction, "warp-trust-statement-shape"), "warp-trust-statement-shape", "NotAction", '"Action": "sts:AssumeRoleWithWebIdentity"');
            assertFinding(shape({ Principal: "*" }), "warp-trust-statement-shape", 'Principal "*"');
            assertFinding(shape({ Principal: { AWS: "*" } }), "warp-trust-statement-shape", 'Principal "*"');
        });
        it("flags extra actions and wildcards next to web identity", () => {
            assertFinding(shape({ Action: ["sts:AssumeRoleWithWebIdentity", "sts:AssumeRole"] }), "warp-trust-statement-shape", '"sts:AssumeRole" alongside');
            assertFinding(shape({ Action: "sts:*" }), "warp-trust-statement-shape", '"sts:*" instead of');
        });
        it("flags Deny statements, other principal types and several providers in one statement", () => {
            assertFinding(shape({ Effect: "Deny" }), "warp-trust-statement-shape", 'Effect "Deny"', "Allow statements only");
            assertFinding(shape({ Principal: { Federated: PROD_PROVIDER, AWS: "arn:aws:iam::999999999999:root" } }), "warp-trust-statement-shape", "AWS principals alongside");
            assertFinding(shape({ Principal: { Federated: [PROD_PROVIDER, STAGING_PROVIDER] } }), "warp-trust-statement-shape", "2 identity providers");
        });
        it("flags conditions on one issuer's keys under another provider", () => {
            assertFinding(shape({ Principal: { Federated: "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com" } }), "warp-trust-statement-shape", "tests app.warp.dev:* condition keys", "oidc-provider/app.warp.dev");
        });
        it("notes other statements of a Warp role as advisory", () => {
            const policy = trustPolicy();
            (policy.Statement as unknown[]).push({ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" });
            const f = assertFinding(only(policy, "warp-trust-statement-shape"), "warp-trust-statement-shape", "principals other than Warp's issuer");
            assert.strictEqual(f.level, "advisory");
            assert.strictEqual(f.statementIndex, 1);
        });
        it("passes the component's shape", () => {
            assert.deepStrictEqual(only(trustPolicy(), "warp-trust-statement-shape"), []);
        });
    });

    describe("warp-role-max-session-duration", () => {
        it("flags a duration above the ceiling and a non-number", () => {
            const [f] = checkMaxSessionDuration(7200, 3600);
            assert.strictEqual(f.rule, "warp-role-max-session-duration");
            assert.ok(f.message.includes("7200 seconds") && f.remediation.includes("at most 3600"), f.message);
            assert.ok(checkMaxSessionDuration("long", 3600)[0].message.includes("not a number"));
        });
        it("passes the default (unset means IAM's 3600) and values within the ceiling", () => {
            assert.deepStrictEqual(checkMaxSessionDuration(undefined, 3600), []);
            assert.deepStrictEqual(checkMaxSessionDuration(43200, 43200), []);
        });
    });

    describe("warp-oidc-provider-client-id", () => {
        it("flags anything but exactly sts.amazonaws.com", () => {
            assert.ok(checkOidcProviderClientIds("https://app.warp.dev", ["web"])[0].message.includes('"web" as client ID instead of sts.amazonaws.com'));
            assert.ok(checkOidcProviderClientIds("https://app.warp.dev", [])[0].message.includes("lists no client ID"));
            assert.ok(checkOidcProviderClientIds("https://app.warp.dev", ["sts.amazonaws.com", "sts.amazonaws.com"])[0].message.includes("2 times"));
        });
        it("passes exactly sts.amazonaws.com, for Warp providers only", () => {
            assert.deepStrictEqual(checkOidcProviderClientIds("https://app.warp.dev", ["sts.amazonaws.com"]), []);
            assert.strictEqual(isWarpProviderUrl("https://App.Warp.Dev/", ["app.warp.dev"]), true);
            assert.strictEqual(isWarpProviderUrl("https://token.actions.githubusercontent.com", ["app.warp.dev"]), false);
        });
    });
});
