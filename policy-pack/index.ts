// The pack's entry point: the engine runs this file, and constructing the pack starts its gRPC server.
// Tests import the policies from ./policies instead, since only one pack can be served per process.
import { PolicyPack } from "@pulumi/policy";
import { policies } from "./policies";

new PolicyPack("warp-bedrock-guard", {
    description: "Stops unsafe Warp OIDC trust for AWS Bedrock: audience, subject, team and issuer pinning, statement shape, and Bedrock-only permissions.",
    policies,
});
