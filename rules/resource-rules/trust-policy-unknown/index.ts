/**
 * During preview a trust policy built from values of resources not created yet (a new provider's ARN,
 * say) is unknown. The trust rules cannot judge it then; this says so instead of passing silently.
 */
import { Finding, finding } from "../../findings";
import type { ResourceRule } from "../rule";

/** Whether the trust policy is known in preview, and where the unknown part is when not (`.assumeRolePolicy` itself, or a path in it). */
type Known = { known: true } | { known: false; path: string };

function check(trust: Known): Finding[] {
    if (trust.known) {
        return [];
    }
    const what = `the trust policy (assumeRolePolicy${trust.path === ".assumeRolePolicy" ? "" : `, at ${trust.path}`})`;
    return [
        finding(
            trustPolicyUnknown,
            `${what} is not known during preview, so the trust engine could not judge who can assume the role yet; they check it during \`pulumi up\`, before the role is created or changed`,
            "To have it checked in preview too, build the trust policy from values known before the update, such as the OIDC provider ARN built from the partition, account ID and issuer host.",
            undefined,
            "advisory",
        ),
    ];
}

export const trustPolicyUnknown: ResourceRule<[trust: Known]> = {
    name: "warp-trust-policy-unknown",
    tier: "resource",
    level: "advisory",
    description: "Says when a role's trust policy is not known during preview, so the Warp trust checks could not run yet.",
    remediation: "Nothing to fix now: the trust policy is checked again during `pulumi up`, once its value is known.",
    check,
};
