/**
 * The pack's fast paths must agree with the general ones they shortcut: subjects in the accepted forms,
 * permissions documents in IAM's own spelling with nothing to report, trust documents the engine decides
 * are not Warp's without evaluating a condition (`mayConcernWarp`, the pack's only shortcut), and property reads that look past the policy server's
 * unknown-checking proxy.
 */
import * as assert from "assert";
import fc from "fast-check";
import { unknownCheckingProxy } from "@pulumi/policy";
import { parsePolicyDocument } from "../rules/iam/document";
import { parseSubject } from "../rules/subject";
import { NEEDS_COPY, NOT_KNOWN, UNKNOWN_STRING, readKnown, readRaw } from "../policy-pack/policies/resource-values";
import { answerFor, clearTrustAnswers } from "../policy-pack/policies/role-trust";
import { trustConfig } from "../rules/trust/config";
import { analyzeTrust, mayConcernWarp } from "../rules/trust/engine";
import { evaluate } from "../rules/trust/evaluate";
import { invalidPolicyArb, trustPolicyArb } from "./support/trust-generator";

const ACCEPTED = /^scoped_principal:([A-Za-z0-9_-]{1,64})\/(user|service_account):(\*|[A-Za-z0-9_-]{1,64})$/;

describe("policy pack fast paths", () => {
    describe("parseSubject", () => {
        const tricky = [
            "scoped_principal:T1/user:*",
            "scoped_principal:T1/service_account:sa-1_x",
            `scoped_principal:${"t".repeat(64)}/user:${"p".repeat(64)}`,
            `scoped_principal:${"t".repeat(65)}/user:*`,
            `scoped_principal:T1/user:${"p".repeat(65)}`,
            "scoped_principal:T1/user:**",
            "scoped_principal:T1/user:a*",
            "scoped_principal:T1/user:",
            "scoped_principal:/user:*",
            "scoped_principal:T1/user",
            "scoped_principal:T1/users:*",
            "scoped_principal:T1/user:a:b",
            "scoped_principal:T1/user:a/b",
            "scoped_principal:T1/user:a b",
            "scoped_principal:T1/user:tëam",
            "scoped_principal:T*/user:*",
            "scoped_principal:T1/*",
            "scoped_principal:T1/*:x",
            "Scoped_principal:T1/user:*",
            "scoped_principal:T1/user:*\n",
            "*",
        ];
        for (const value of tricky) {
            it(`accepts ${JSON.stringify(value).slice(0, 40)} exactly when the grammar does`, () => {
                const parsed = parseSubject(value);
                const m = ACCEPTED.exec(value);
                assert.strictEqual(parsed.ok, m !== null);
                if (parsed.ok && m) {
                    assert.deepStrictEqual(parsed, { ok: true, teamUid: m[1], actorType: m[2], principalUid: m[3] });
                }
            });
        }
        it("agrees with the grammar on generated subjects", () => {
            const piece = fc.stringMatching(/^[A-Za-z0-9_*?:/ -]{0,6}$/);
            const subject = fc.oneof(
                fc
                    .tuple(piece, fc.constantFrom("user", "service_account", "agent", "*", ""), piece)
                    .map(([t, a, p]) => `scoped_principal:${t}/${a}:${p}`),
                fc.tuple(piece, piece).map(([t, rest]) => `scoped_principal:${t}/${rest}`),
                fc.string(),
            );
            fc.assert(
                fc.property(subject, (value) => {
                    const parsed = parseSubject(value);
                    const m = ACCEPTED.exec(value);
                    return (
                        parsed.ok === (m !== null) &&
                        (!parsed.ok || (parsed.teamUid === m![1] && parsed.actorType === m![2] && parsed.principalUid === m![3]))
                    );
                }),
                { numRuns: 2000 },
            );
        });
    });

    describe("trust documents decided without evaluating conditions (the engine's own reading)", () => {
        const config = trustConfig({ allowedTeamUids: ["TEAM_A"] });
        const provider = (host: string) => `arn:aws:iam::123456789012:oidc-provider/${host}`;
        const agree = (text: string) => {
            const fast = answerFor(text, config);
            const engine = analyzeTrust(text, config);
            assert.deepStrictEqual(
                { warpTrusted: fast.warpTrusted, mentionsWarp: fast.mentionsWarp, exposures: fast.exposures.length },
                { warpTrusted: engine.warpTrusted, mentionsWarp: engine.mentionsWarp, exposures: engine.exposures.length },
                text,
            );
        };
        beforeEach(() => clearTrustAnswers());
        const texts: Array<[string, string]> = [
            [
                "a service role",
                JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }] }),
            ],
            [
                "a GitHub role",
                JSON.stringify({
                    Statement: [
                        {
                            Effect: "Allow",
                            Principal: { Federated: provider("token.actions.githubusercontent.com") },
                            Action: "sts:AssumeRoleWithWebIdentity",
                        },
                    ],
                }),
            ],
            [
                "Warp's provider in capitals",
                JSON.stringify({
                    Statement: [
                        { Effect: "Allow", Principal: { Federated: provider("APP.WARP.DEV") }, Action: "sts:AssumeRoleWithWebIdentity" },
                    ],
                }),
            ],
            [
                "Warp's host behind a \\u escape",
                `{"Statement":[{"Effect":"Allow","Principal":{"Federated":"${provider("\\u0061pp.warp.dev")}"},"Action":"sts:AssumeRoleWithWebIdentity"}]}`,
            ],
            [
                "Warp's keys only, under Federated *",
                JSON.stringify({
                    Statement: [
                        {
                            Effect: "Allow",
                            Principal: { Federated: "*" },
                            Action: "sts:AssumeRoleWithWebIdentity",
                            Condition: { StringEquals: { "app.warp.dev:aud": "sts.amazonaws.com" } },
                        },
                    ],
                }),
            ],
            [
                "Principal * and no Warp name",
                JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*", Action: "sts:AssumeRoleWithWebIdentity" }] }),
            ],
            [
                "NotPrincipal and no Warp name",
                JSON.stringify({
                    Statement: [
                        {
                            Effect: "Allow",
                            NotPrincipal: { AWS: "arn:aws:iam::444455556666:root" },
                            Action: "sts:AssumeRoleWithWebIdentity",
                        },
                    ],
                }),
            ],
            [
                "staging's provider",
                JSON.stringify({
                    Statement: [
                        {
                            Effect: "Allow",
                            Principal: { Federated: provider("staging.warp.dev") },
                            Action: "sts:AssumeRoleWithWebIdentity",
                        },
                    ],
                }),
            ],
            ["not JSON", "{ Statement: ["],
        ];
        for (const [name, text] of texts) {
            it(`${name}: the same answer as the engine's`, () => agree(text));
        }
        // A statement with no Principal (which IAM refuses in a trust policy) is read by the engine as covering
        // everyone, so Warp's tokens get in: the text filter counts Principal elements against statements.
        it("a statement without Principal: the same answer as the engine's", () =>
            agree(JSON.stringify({ Statement: [{ Effect: "Allow", Action: "sts:AssumeRoleWithWebIdentity" }] })));

        it("every shape of the differential generator: no Warp token gets in where the engine skips evaluation, and the pack answers as the engine", () => {
            const full = trustConfig({ allowedTeamUids: ["TEAM_A"], account: "123456789012" });
            let skipped = 0;
            const check = (d: unknown) => {
                const parsed = parsePolicyDocument(d);
                assert.ok(parsed.ok);
                if (!mayConcernWarp(parsed.doc, full)) {
                    skipped++;
                    for (const issuer of full.warpIssuers) {
                        const e = evaluate(parsed.doc, { kind: "web-identity", issuer, account: "123456789012" }, full.warpIssuers, false);
                        assert.deepStrictEqual(e.allows, [], JSON.stringify(d));
                    }
                }
                const text = JSON.stringify(d);
                const pack = answerFor(text, full);
                const engine = analyzeTrust(text, full);
                assert.deepStrictEqual(
                    [pack.warpTrusted, pack.judged, pack.broken, pack.exposures.map((e) => e.witness.description)],
                    [engine.warpTrusted, engine.judged, engine.broken, engine.exposures.map((e) => e.witness.description)],
                    text,
                );
            };
            fc.assert(fc.property(trustPolicyArb, check), { numRuns: 1000, seed: 15 });
            fc.assert(
                fc.property(invalidPolicyArb, ({ policy }) => check(policy)),
                { numRuns: 300, seed: 15 },
            );
            assert.ok(skipped > 50, `only ${skipped} documents skipped evaluation`);
        });

        it("agrees with the engine on generated documents", () => {
            const principal = fc.constantFrom<unknown>(
                "*",
                { AWS: "*" },
                { AWS: "arn:aws:iam::444455556666:root" },
                { Service: "lambda.amazonaws.com" },
                { Federated: provider("app.warp.dev") },
                { Federated: provider("App.Warp.Dev") },
                { Federated: provider("staging.warp.dev") },
                { Federated: provider("token.actions.githubusercontent.com") },
                { Federated: "*" },
            );
            const key = fc.constantFrom(
                "app.warp.dev:sub",
                "APP.WARP.DEV:aud",
                "staging.warp.dev:sub",
                "token.actions.githubusercontent.com:sub",
                "sts:ExternalId",
            );
            const value = fc.constantFrom("scoped_principal:TEAM_A/user:*", "sts.amazonaws.com", "repo:x", "x");
            const condition = fc.dictionary(
                fc.constantFrom("StringEquals", "StringLike", "StringNotLike"),
                fc.dictionary(key, value, { maxKeys: 2 }),
                { maxKeys: 2 },
            );
            const statement = fc.record({
                Effect: fc.constantFrom("Allow", "Deny"),
                Principal: principal,
                Action: fc.constantFrom("sts:AssumeRoleWithWebIdentity", "sts:AssumeRole", "sts:TagSession"),
                Condition: condition,
            });
            const doc = fc.record({ Version: fc.constant("2012-10-17"), Statement: fc.array(statement, { minLength: 1, maxLength: 3 }) });
            fc.assert(
                fc.property(doc, (d) => agree(JSON.stringify(d))),
                { numRuns: 300 },
            );
        });
    });

    describe("property reads behind the unknown-checking proxy", () => {
        const props = { s: "text", n: 3, u: UNKNOWN_STRING, o: { a: [1, UNKNOWN_STRING] }, z: null, k: { a: 1 } };
        for (const key of ["s", "n", "u", "o", "z", "k", "missing"]) {
            it(`${key}: the same through the proxy as on plain props`, () => {
                const proxied = unknownCheckingProxy(props) as Record<string, any>;
                assert.deepStrictEqual(readRaw(proxied, key), readRaw(props, key));
                // Inside an object the copy names an unknown's place as the proxy reports it (".o.a.1"), not as on plain props.
                if (key !== "o") {
                    assert.deepStrictEqual(readKnown(proxied, key), readKnown(props, key));
                }
            });
        }
        it("reads as expected", () => {
            const proxied = unknownCheckingProxy(props) as Record<string, any>;
            assert.strictEqual(readRaw(proxied, "u"), NOT_KNOWN);
            assert.strictEqual(readRaw(proxied, "o"), NEEDS_COPY);
            assert.deepStrictEqual(readKnown(proxied, "o"), { known: false, path: ".o.a.1" });
            assert.deepStrictEqual(readKnown(proxied, "u"), { known: false, path: ".u" });
            assert.deepStrictEqual(readKnown(proxied, "k"), { known: true, value: { a: 1 } });
        });
    });
});
