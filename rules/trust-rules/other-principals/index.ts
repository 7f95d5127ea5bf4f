import { exposureRule } from "../exposure";

/** A role Warp can assume is Bedrock access for the account: no AWS principal, service or SAML session may assume it too. */
export const trustOtherPrincipals = exposureRule({
    name: "warp-trust-other-principals",
    description:
        "No AWS principal (of this or another account), AWS service or SAML session can assume a role that Warp's tokens can assume.",
    remediation:
        "Keep the Warp role for Warp alone: remove statements that trust AWS accounts, roles, users, services or SAML providers, and give them their own role.",
    ways: ["aws-principal", "service", "saml"],
    configKeys: [],
    problem: (_e, answer) =>
        answer.warpTrusted
            ? "the role, which Warp's agents can assume, also lets someone else in"
            : "the role, which is meant for Warp, lets someone else in",
    fix: (e) =>
        `Remove statement(s) ${e.statements.join(", ")} (or narrow their Principal and Action to Warp's provider and sts:AssumeRoleWithWebIdentity); conditions such as sts:ExternalId or aws:PrincipalOrgID still let someone else in. Give other principals their own role.`,
});
