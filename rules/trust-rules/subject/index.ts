import { subjectFor } from "../../subject";
import { exposureRule } from "../exposure";
import { teamHint } from "../rule";

/** Every Warp token that gets in carries a sub of an intended actor type. */
export const trustSubject = exposureRule({
    name: "warp-trust-subject",
    description:
        "No token of an allowed Warp issuer gets in without a sub claim, or with a sub of an actor type the role is not meant for.",
    remediation:
        'Restrict "<issuer>:sub" with StringLike/StringEquals (not ...IfExists) to scoped_principal:<team-uid>/user:* and/or scoped_principal:<team-uid>/service_account:* or exact agent UIDs.',
    ways: ["no-subject", "actor-type"],
    configKeys: ["allowedIssuers", "allowedTeamUids", "allowedActorTypes"],
    problem: (e) =>
        e.way === "no-subject"
            ? "the role admits a Warp token that carries no sub claim"
            : "the role admits an actor type it is not meant for",
    fix: (e, answer, words) => {
        const host = e.witness.request.kind === "web-identity" ? e.witness.request.issuer : "app.warp.dev";
        const t = teamHint(answer);
        const like = `"StringLike": {"${host}:sub": "${subjectFor(t, "user", "*")}"}`;
        return e.way === "no-subject"
            ? `Test ${host}:sub with a plain StringLike or StringEquals (an ...IfExists or negated operator passes a token without sub), for example ${like}.`
            : `Admit only the intended actor types (${answer.config.allowedActorTypes.join(", ")}), for example ${like}; or, if this actor type is intended, add it with ${words.allowedActorTypes}.`;
    },
});
