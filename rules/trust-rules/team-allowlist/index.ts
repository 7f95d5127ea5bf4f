import { finding } from "../../findings";
import { subjectFor } from "../../subject";
import { exposureRule } from "../exposure";
import { TrustRule } from "../rule";
import type { TrustAnswer } from "../../trust/engine";

/**
 * The team the engine found, when the policy names it; with none named (a sub such as `scoped_principal:*`)
 * the engine's sample team is made up, and a placeholder stands in its place.
 */
function namedTeam(answer: TrustAnswer): string | undefined {
    const team = answer.config.allowedTeamUids[0] ?? answer.team;
    return team !== undefined && JSON.stringify(answer.doc ?? "").includes(`scoped_principal:${team}/`) ? team : undefined;
}

const base = exposureRule({
    name: "warp-trust-team-allowlist",
    description:
        "No Warp token of another team gets in: only the teams in allowedTeamUids, or, with none configured, at most one team, whichever it is.",
    remediation:
        "Name your team's UID literally in every sub pattern (scoped_principal:<team-uid>/user:*), or add the team to allowedTeamUids.",
    ways: ["other-team"],
    configKeys: ["allowedIssuers", "allowedTeamUids"],
    problem: (e, answer) =>
        answer.config.allowedTeamUids.length > 0
            ? `the role admits a team outside ${answer.config.allowedTeamUids.join(", ")}`
            : `the role admits more than one team (${namedTeam(answer) !== undefined ? `${namedTeam(answer)} and others` : "every team"})`,
    fix: (e, answer, words) => {
        const team = namedTeam(answer) ?? "<your-team-uid>";
        return `Name the team literally, for example "${subjectFor(team, "user", "*")}"; a wildcard or a bare prefix in the team position reaches other teams. If the other team is meant to get in, add it with ${words.allowedTeamUids}.`;
    },
});

/** With no team configured, says which one team the role admits, so a reviewer can pin it. */
export const trustTeamAllowlist: TrustRule = {
    ...base,
    check: (answer, words) => {
        const found = base.check(answer, words);
        if (answer.config.allowedTeamUids.length === 0 && answer.team !== undefined && found.length === 0) {
            found.push(
                finding(
                    { ...base, tier: "convention" },
                    `no team is configured, so any one team may be admitted; this role admits team ${answer.team}`,
                    `Pin the organisation's teams with ${words.allowedTeamUids} (for example ${answer.team}).`,
                    undefined,
                    "advisory",
                ),
            );
        }
        return found;
    },
};
