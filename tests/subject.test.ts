import * as assert from "assert";
import {
    SUBJECT_GRAMMAR_SOURCE,
    UID_MAX_LENGTH,
    describeSubject,
    overlongUidOf,
    parseSubject,
    subjectFor,
    uidProblem,
} from "../rules/subject";

describe("subject grammar", () => {
    describe("UIDs", () => {
        for (const good of ["abc", "A1b2C3", "team_uid-01", "x".repeat(64), "0123456789"]) {
            it(`accepts ${good.slice(0, 20)}`, () => assert.strictEqual(uidProblem(good), undefined));
        }
        const bad: Array<[unknown, RegExp]> = [
            ["", /empty/],
            ["   ", /whitespace/],
            ["ab cd", /whitespace/],
            ["ab\n", /whitespace/],
            ["*", /wildcard/],
            ["team*", /wildcard/],
            ["te?m", /wildcard/],
            ["team/user", /'\/' or ':'/],
            ["team:x", /'\/' or ':'/],
            ["x".repeat(65), /65 characters.*limit is 64/],
            ["${aws:username}", /'\/' or ':'/],
            ["team$1", /outside letters/],
            ["tëam", /outside letters/],
            [42, /is not a string/],
            [null, /is not a string \(got null\)/],
        ];
        for (const [value, message] of bad) {
            it(`refuses ${JSON.stringify(value)}`, () => assert.match(uidProblem(value) ?? "accepted", message));
        }
    });

    describe("parseSubject", () => {
        it("reads a people wildcard", () =>
            assert.deepStrictEqual(parseSubject("scoped_principal:T1/user:*"), {
                ok: true,
                teamUid: "T1",
                actorType: "user",
                principalUid: "*",
            }));
        it("reads an exact named agent", () =>
            assert.deepStrictEqual(parseSubject("scoped_principal:T1/service_account:a-1"), {
                ok: true,
                teamUid: "T1",
                actorType: "service_account",
                principalUid: "a-1",
            }));
        const cases: Array<[unknown, string]> = [
            ["*", "bare-wildcard"],
            ["scoped_principal:*", "wildcard-team"],
            ["scoped_principal:*/user:*", "wildcard-team"],
            ["scoped_principal:T?/user:*", "wildcard-team"],
            ["*:T1/user:*", "wildcard-team"],
            ["scoped_principal:T1/*", "spans-actor-types"],
            ["scoped_principal:T1/*:abc", "spans-actor-types"],
            ["scoped_principal:T1/user*", "spans-actor-types"],
            ["scoped_principal:T1/robot:abc", "unknown-actor-type"],
            ["scoped_principal:T1/user", "unknown-actor-type"],
            ["scoped_principal:T1/user:ab*", "partial-principal-wildcard"],
            ["scoped_principal:T1/service_account:?", "partial-principal-wildcard"],
            ["scoped_principal:T1/user:a/b", "bad-principal"],
            ["scoped_principal:T1/user:", "bad-principal"],
            ["scoped_principal:T1", "bad-team"],
            ["scoped_principal:/user:*", "bad-team"],
            ["principal:T1/user:*", "wrong-prefix"],
            [7, "not-a-string"],
        ];
        for (const [value, reason] of cases) {
            it(`flags ${JSON.stringify(value)} as ${reason}`, () => {
                const parsed = parseSubject(value);
                assert.strictEqual(parsed.ok, false);
                assert.strictEqual(parsed.ok ? undefined : parsed.reason, reason);
            });
        }
        it("round-trips every subject the builder writes", () => {
            for (const actor of ["user", "service_account"] as const) {
                for (const principal of ["*", "uid_1"]) {
                    const parsed = parseSubject(subjectFor("Team-9", actor, principal));
                    assert.deepStrictEqual(parsed, { ok: true, teamUid: "Team-9", actorType: actor, principalUid: principal });
                }
            }
        });
    });

    it("finds a UID longer than Warp mints in the team or principal position, and nothing else", () => {
        const long = "a".repeat(UID_MAX_LENGTH + 1);
        assert.strictEqual(overlongUidOf(`scoped_principal:T/service_account:${long}`), long);
        assert.strictEqual(overlongUidOf(`scoped_principal:${long}/user:*`), long);
        assert.strictEqual(overlongUidOf(`scoped_principal:T/user:${"a".repeat(UID_MAX_LENGTH)}`), undefined);
        assert.strictEqual(overlongUidOf(`scoped_principal:T/user:${long}*`), undefined, "a pattern, not a UID");
        assert.strictEqual(overlongUidOf(long), undefined);
        assert.strictEqual(overlongUidOf(7), undefined);
    });

    it("the grammar's subjects hold UIDs of 1 to UID_MAX_LENGTH characters", () => {
        const grammar = new RegExp(`^(?:${SUBJECT_GRAMMAR_SOURCE})$`);
        assert.ok(grammar.test(`scoped_principal:T/user:${"a".repeat(UID_MAX_LENGTH)}`));
        assert.ok(!grammar.test(`scoped_principal:T/user:${"a".repeat(UID_MAX_LENGTH + 1)}`));
        assert.ok(!grammar.test(`scoped_principal:${"T".repeat(UID_MAX_LENGTH + 1)}/user:a`));
    });

    it("describes subjects in plain words", () => {
        assert.match(describeSubject("scoped_principal:T1/user:*"), /^any person of team T1/);
        assert.match(describeSubject("scoped_principal:T1/service_account:*"), /^any named agent .* of team T1/);
        assert.strictEqual(describeSubject("scoped_principal:T1/service_account:a1"), "the named agent a1 of team T1");
        assert.match(describeSubject("*"), /unrecognised/);
    });
});
