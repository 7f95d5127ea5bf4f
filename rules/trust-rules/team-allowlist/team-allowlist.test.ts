/**
 * warp-trust-team-allowlist: no Warp token of another team gets in (allowedTeamUids, or with none
 * configured, at most one team). Happy path: the component's own policy; then one field changed per case.
 * Also the vocabulary: the pack names its config keys, lint its flags.
 */
import * as assert from "assert";
import {
    AUD,
    PROD,
    USERS,
    assertClean,
    componentPolicy,
    exposure,
    judge,
    mandatory,
    ofRule,
    peoplePolicy,
    plus,
    teamOf,
    tokenOf,
    withCondition,
} from "../../../tests/support/trust-fixtures";
import { LINT_USAGE } from "../../../cli/lint";
import { CLI_WORDS, PACK_WORDS } from "../rule";
import { trustTeamAllowlist } from ".";

const RULE = trustTeamAllowlist.name; // the module under test decides its findings (decidedBy in trust-fixtures)
const people = (sub: unknown, operator = "StringLike") =>
    withCondition(componentPolicy(), 0, { StringEquals: AUD, [operator]: { "app.warp.dev:sub": sub } });
const subOf = (f: ReturnType<typeof exposure>) => tokenOf(f.witness).sub;

describe(`${RULE} (exposure)`, () => {
    it("passes the component's policy for an allowed team", () => {
        assertClean(judge(componentPolicy()));
    });

    describe("unsafe: another team's people or agents get in", () => {
        it("a wildcard team: the witness is a subject of another team", () => {
            const f = exposure(judge(people("scoped_principal:*/user:*")), RULE);
            const sub = subOf(f);
            assert.ok(teamOf(sub) !== undefined && teamOf(sub) !== "TEAM_A", sub);
            assert.ok(f.message.includes(JSON.stringify(sub)), f.message);
            assert.ok(f.message.includes("outside TEAM_A"), f.message);
            assert.deepStrictEqual(f.statements, [0]);
        });

        it("a prefix-collision team (TEAM_A*): the witness's team starts with TEAM_A but is not TEAM_A", () => {
            const team = teamOf(subOf(exposure(judge(people("scoped_principal:TEAM_A*/user:*")), RULE)));
            assert.ok(team !== undefined && team.startsWith("TEAM_A") && team !== "TEAM_A", team);
        });

        it("a bare team prefix with no slash (scoped_principal:TEAM_A*)", () => {
            const team = teamOf(subOf(exposure(judge(people("scoped_principal:TEAM_A*")), RULE)));
            assert.ok(team !== undefined && team !== "TEAM_A", team);
        });

        it("a single-character wildcard in the team (TEAM_?)", () => {
            const team = teamOf(subOf(exposure(judge(people("scoped_principal:TEAM_?/user:*")), RULE)));
            assert.ok(team !== undefined && /^TEAM_.$/.test(team) && team !== "TEAM_A", team);
        });

        it("another team named exactly", () => {
            const a = judge(people("scoped_principal:TEAM_B/user:*"));
            assert.strictEqual(teamOf(subOf(exposure(a, RULE))), "TEAM_B");
        });

        it("StringEqualsIgnoreCase on sub admits teams whose UID differs only in case", () => {
            const team = teamOf(subOf(exposure(judge(people("scoped_principal:TEAM_A/user:u1", "StringEqualsIgnoreCase")), RULE)));
            assert.ok(team !== undefined && team.toUpperCase() === "TEAM_A" && team !== "TEAM_A", team);
        });

        it("any sub at all (StringLike *)", () => {
            exposure(judge(people("*")), RULE);
        });

        it("with no team configured, a role admitting two teams is an exposure naming both", () => {
            const f = exposure(judge(people([USERS, "scoped_principal:TEAM_B/user:*"]), {}), RULE);
            assert.strictEqual(teamOf(subOf(f)), "TEAM_B");
            assert.ok(f.message.includes("more than one team (TEAM_A and others)"), f.message);
        });
    });

    it("with no team configured and no team named (scoped_principal:*), the fix offers a placeholder, not a made-up team", () => {
        const f = exposure(
            judge(withCondition(peoplePolicy(), 0, { StringEquals: AUD, StringLike: { "app.warp.dev:sub": "scoped_principal:*" } }), {}),
            RULE,
        );
        assert.ok(f.message.includes("more than one team (every team)"), f.message);
        assert.ok(f.remediation.includes('"scoped_principal:<your-team-uid>/user:*"'), f.remediation);
        assert.ok(!/scoped_principal:[a-z]\/user/.test(`${f.message} ${f.remediation}`), `${f.message} ${f.remediation}`);
    });

    describe("safe: only TEAM_A gets in", () => {
        it("a wide StringLike AND-ed with an exact StringEquals", () => {
            assertClean(
                judge(
                    withCondition(componentPolicy(), 0, {
                        StringEquals: { ...AUD, "app.warp.dev:sub": "scoped_principal:TEAM_A/user:u1" },
                        StringLike: { "app.warp.dev:sub": "*" },
                    }),
                ),
            );
        });

        it("a StringNotLike Deny of everything but the team", () => {
            const doc = plus(people("scoped_principal:*/user:*"), {
                Effect: "Deny",
                Principal: { Federated: PROD },
                Action: "sts:AssumeRoleWithWebIdentity",
                Condition: { StringNotLike: { "app.warp.dev:sub": "scoped_principal:TEAM_A/*" } },
            });
            assertClean(judge(doc));
        });

        it("two teams, both allowed", () => {
            assertClean(judge(people([USERS, "scoped_principal:TEAM_B/user:*"]), { allowedTeamUids: ["TEAM_A", "TEAM_B"] }));
        });

        it("with no team configured, one team is an advisory note naming it, not an exposure", () => {
            const a = judge(componentPolicy(), {});
            assert.deepStrictEqual(mandatory(a.findings), []);
            const [note] = ofRule(a.findings, RULE);
            assert.strictEqual(note.level, "advisory");
            assert.strictEqual(note.witness, undefined);
            assert.ok(note.message.includes("this role admits team TEAM_A"), note.message);
            assert.strictEqual(a.answer.team, "TEAM_A");
        });
    });

    describe('policy variables in sub values, resolved as IAM does (IAM User Guide, "IAM policy elements: Variables and tags")', () => {
        it("a default of the team stands for the principal tag a web identity request never carries", () => {
            assertClean(judge(people("scoped_principal:${aws:PrincipalTag/team, 'TEAM_A'}/user:*")));
        });

        it("a default of another team lets that team in, with no assumption", () => {
            const f = exposure(judge(people("scoped_principal:${aws:PrincipalTag/team, 'TEAM_B'}/user:*")), RULE);
            assert.strictEqual(teamOf(subOf(f)), "TEAM_B");
            assert.strictEqual(f.witness.assumes, undefined);
        });

        it("the sub key's own variable admits every subject", () => {
            const f = exposure(judge(people("${app.warp.dev:sub}")), RULE);
            assert.notStrictEqual(teamOf(subOf(f)), "TEAM_A");
        });

        it("a variable of a key the request carries but the engine does not model is assumed, yet never offers a token with no sub", () => {
            const a = judge(people("scoped_principal:${aws:SourceIp}/user:*"));
            const f = exposure(a, RULE);
            assert.ok(f.witness.assumes !== undefined);
            for (const e of mandatory(a.findings)) {
                assert.notStrictEqual(tokenOf(e.witness!).sub, undefined, `StringLike on a missing sub is false: ${e.message}`);
            }
        });

        it("a variable of the other claim inside a sub pattern is not modelled: assumed, with a subject", () => {
            const f = exposure(judge(people("scoped_principal:${app.warp.dev:aud}/user:*")), RULE);
            assert.ok(f.witness.assumes?.some((x) => x.includes("${app.warp.dev:aud}")));
            assert.notStrictEqual(subOf(f), undefined);
        });
    });

    describe("vocabulary: the pack names config keys, lint names flags", () => {
        const wide = people("scoped_principal:*/user:*");
        it("the pack's remediation says allowedTeamUids, lint's says --team", () => {
            const pack = exposure(judge(wide, { allowedTeamUids: ["TEAM_A"] }, PACK_WORDS), RULE);
            const cli = exposure(judge(wide, { allowedTeamUids: ["TEAM_A"] }, CLI_WORDS), RULE);
            assert.ok(
                pack.remediation.includes("allowedTeamUids in the policy's config") && !pack.remediation.includes("--team"),
                pack.remediation,
            );
            assert.ok(cli.remediation.includes("--team") && !cli.remediation.includes("allowedTeamUids"), cli.remediation);
            assert.strictEqual(pack.message, cli.message, "only the remediation's words differ");
        });

        it("the advisory note with no team configured uses the same words", () => {
            const [pack] = ofRule(judge(componentPolicy(), {}, PACK_WORDS).findings, RULE);
            const [cli] = ofRule(judge(componentPolicy(), {}, CLI_WORDS).findings, RULE);
            assert.ok(pack.remediation.includes("allowedTeamUids in the policy's config"), pack.remediation);
            assert.ok(cli.remediation.includes("--team") && !cli.remediation.includes("allowedTeamUids"), cli.remediation);
        });

        it("every flag a CLI remediation names is an option lint accepts", () => {
            const docs = [
                wide,
                componentPolicy(),
                people("scoped_principal:TEAM_A/*"),
                withCondition(componentPolicy("staging.warp.dev"), 0, {
                    StringEquals: { "staging.warp.dev:aud": "sts.amazonaws.com" },
                    StringLike: { "staging.warp.dev:sub": USERS },
                }),
            ];
            const configs = [{}, { allowedTeamUids: ["TEAM_A"] }, { allowedTeamUids: ["TEAM_A"], allowedActorTypes: ["user" as const] }];
            const flags = new Set<string>();
            for (const doc of docs) {
                for (const config of configs) {
                    for (const f of judge(doc, config, CLI_WORDS).findings) {
                        (f.remediation.match(/--[a-z-]+/g) ?? []).forEach((flag) => flags.add(flag));
                    }
                }
            }
            assert.ok(flags.size >= 3, [...flags].join(", "));
            for (const flag of flags) {
                assert.ok(LINT_USAGE.includes(`${flag} `), `${flag} is named in a remediation but lint has no such option`);
            }
        });
    });
});
