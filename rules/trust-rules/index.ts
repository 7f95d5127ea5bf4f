// Written by `npm run docs` (scripts/docs/rule-index.ts) from the rule folders: do not edit.
/** Every trust rule, one folder each, in the order reports list them: exposure, validity, convention. */
import type { TrustRule } from "./rule";
import { trustAudience as audience } from "./audience";
import { trustSubject as subject } from "./subject";
import { trustTeamAllowlist as teamAllowlist } from "./team-allowlist";
import { trustIssuerAllowlist as issuerAllowlist } from "./issuer-allowlist";
import { trustOtherPrincipals as otherPrincipals } from "./other-principals";
import { trustIamValid as iamValid } from "./iam-valid";
import { trustPrincipalForm as principalForm } from "./principal-form";
import { trustActionForm as actionForm } from "./action-form";
import { trustSubjectForm as subjectForm } from "./subject-form";
import { trustPolicyVersion as policyVersion } from "./policy-version";
import { trustBrokenRole as brokenRole } from "./broken-role";

export const TRUST_RULES: readonly TrustRule[] = [
    audience,
    subject,
    teamAllowlist,
    issuerAllowlist,
    otherPrincipals,
    iamValid,
    principalForm,
    actionForm,
    subjectForm,
    policyVersion,
    brokenRole,
];
