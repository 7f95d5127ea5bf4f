import { finding } from "../../findings";
import { TrustRule } from "../rule";

/**
 * IAM reads a document without Version, or with 2008-10-17, under the old grammar: policy variables are
 * plain text there (IAM User Guide, "IAM JSON policy elements: Version").
 */
export const trustPolicyVersion: TrustRule = {
    name: "warp-trust-policy-version",
    tier: "convention",
    level: "advisory",
    description: 'A Warp-trusted role\'s trust policy declares "Version": "2012-10-17".',
    remediation: 'Write "Version": "2012-10-17" at the top of the document.',
    configKeys: [],
    check(answer) {
        const version = answer.doc?.version;
        // Any other Version IAM refuses outright: warp-trust-iam-valid says so.
        if (!answer.warpTrusted || (version !== undefined && version !== "2008-10-17")) {
            return [];
        }
        const said =
            version === undefined ? "declares no Version, so IAM reads it as 2008-10-17" : `declares Version ${JSON.stringify(version)}`;
        return [finding(this, `the trust policy ${said}, where policy variables are plain text`, this.remediation)];
    },
};
