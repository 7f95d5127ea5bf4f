import { Finding, finding } from "../../findings";
import { ACTIONS, COMPANION_ACTIONS } from "../../trust/requests";
import { TrustRule, warpAllowStatements, where } from "../rule";

const EXPECTED = [ACTIONS.webIdentity, ...COMPANION_ACTIONS].map((a) => a.toLowerCase());

/** Warp's convention: statements that let Warp in allow sts:AssumeRoleWithWebIdentity (and its companions) by name. */
export const trustActionForm: TrustRule = {
    name: "warp-trust-action-form",
    tier: "convention",
    level: "advisory",
    description: `Statements that admit Warp tokens allow "${ACTIONS.webIdentity}" by name (with ${COMPANION_ACTIONS.join(" or ")} if session tags or source identity are used), not a wildcard or NotAction.`,
    remediation: `Write "Action": "${ACTIONS.webIdentity}".`,
    configKeys: [],
    check(answer) {
        const out: Finding[] = [];
        for (const s of warpAllowStatements(answer)) {
            if (s.notActions !== undefined) {
                out.push(
                    finding(this, "the statement uses NotAction, which allows every action it does not list", this.remediation, where(s)),
                );
                continue;
            }
            const odd = (s.actions ?? []).filter((a) => !EXPECTED.includes(a.toLowerCase()));
            if (odd.length > 0) {
                out.push(
                    finding(
                        this,
                        `the statement allows ${odd.map((a) => JSON.stringify(a)).join(", ")} where ${ACTIONS.webIdentity} is meant`,
                        this.remediation,
                        where(s),
                    ),
                );
            }
        }
        return out;
    },
};
