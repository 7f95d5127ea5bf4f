// Written by `npm run docs` (scripts/docs/rule-index.ts) from the rule folders: do not edit.
/** Each rule's good and bad examples, from its folder, by rule name: the docs and the tests read them. */
import type { TrustRuleExamples } from "./example-support";
import { examples as audience } from "./audience/examples";
import { examples as subject } from "./subject/examples";
import { examples as teamAllowlist } from "./team-allowlist/examples";
import { examples as issuerAllowlist } from "./issuer-allowlist/examples";
import { examples as otherPrincipals } from "./other-principals/examples";
import { examples as iamValid } from "./iam-valid/examples";
import { examples as principalForm } from "./principal-form/examples";
import { examples as actionForm } from "./action-form/examples";
import { examples as subjectForm } from "./subject-form/examples";
import { examples as policyVersion } from "./policy-version/examples";
import { examples as brokenRole } from "./broken-role/examples";

export const TRUST_EXAMPLES: Readonly<Record<string, TrustRuleExamples>> = {
    "warp-trust-audience": audience,
    "warp-trust-subject": subject,
    "warp-trust-team-allowlist": teamAllowlist,
    "warp-trust-issuer-allowlist": issuerAllowlist,
    "warp-trust-other-principals": otherPrincipals,
    "warp-trust-iam-valid": iamValid,
    "warp-trust-principal-form": principalForm,
    "warp-trust-action-form": actionForm,
    "warp-trust-subject-form": subjectForm,
    "warp-trust-policy-version": policyVersion,
    "warp-trust-broken-role": brokenRole,
};
