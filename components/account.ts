import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AccountContext } from "./plan";

/**
 * The deploying account and partition, from one `aws.getCallerIdentity` invoke, which resolves during
 * preview. The partition is read from the caller's ARN rather than a second invoke, so a program (or a
 * test's mocks) needs to answer only this one call.
 */
export function accountContext(opts: pulumi.InvokeOutputOptions): pulumi.Output<AccountContext> {
    return aws.getCallerIdentityOutput({}, opts).apply((identity) => {
        if (typeof identity.accountId !== "string" || !/^\d{12}$/.test(identity.accountId)) {
            throw new Error(
                `aws.getCallerIdentity returned no usable account ID (${JSON.stringify(identity.accountId)}); check the AWS credentials`,
            );
        }
        const partition = typeof identity.arn === "string" ? identity.arn.split(":")[1] : undefined;
        // The caller's ARN always names the partition in AWS; "aws" covers callers that omit it.
        return { accountId: identity.accountId, partition: partition || "aws" };
    });
}
