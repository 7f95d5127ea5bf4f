/** Every trust rule, in the order reports list them: exposures first, then validity, then conventions. */
import { trustActionForm } from "./action-form";
import { trustAudience } from "./audience";
import { trustBrokenRole } from "./broken-role";
import { trustIamValid } from "./iam-valid";
import { trustIssuerAllowlist } from "./issuer-allowlist";
import { trustOtherPrincipals } from "./other-principals";
import { trustPolicyVersion } from "./policy-version";
import { trustPrincipalForm } from "./principal-form";
import { TrustRule } from "./rule";
import { trustSubject } from "./subject";
import { trustSubjectForm } from "./subject-form";
import { trustTeamAllowlist } from "./team-allowlist";

export const TRUST_RULES: readonly TrustRule[] = [
    trustAudience,
    trustSubject,
    trustTeamAllowlist,
    trustIssuerAllowlist,
    trustOtherPrincipals,
    trustIamValid,
    trustPrincipalForm,
    trustActionForm,
    trustSubjectForm,
    trustPolicyVersion,
    trustBrokenRole,
];
