// The pack's entry point: the engine runs this file, and constructing the pack starts its gRPC server.
// Tests import the policies from ./policies instead, since only one pack can be served per process.
import { PolicyPack } from "@pulumi/policy";
import { policies } from "./policies";
import { POLICY_PACK_NAME } from "../rules/constants";

new PolicyPack(POLICY_PACK_NAME, {
    description:
        "Stops unsafe Warp OIDC trust for AWS Bedrock: who can assume a Warp-trusted role, judged as IAM evaluates it (exposures with a witness, conventions as advice), and Bedrock-only permissions.",
    policies,
});
