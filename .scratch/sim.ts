import { runUnsafeSimulation } from "@cloud-copilot/iam-simulate";
import { buildTrustPolicy } from "../components/trust-policy";
import { buildPermissionsPolicy } from "../components/permissions-policy";
import { issuerFromId } from "../rules/issuer";
(async () => {
  const prov = "arn:aws:iam::123456789012:oidc-provider/app.warp.dev";
  const tp = buildTrustPolicy(prov, issuerFromId("app.warp.dev"), { teamUid: "T1", grantUsers: true, allNamedAgents: false, namedAgentUids: ["a1"] });
  for (const [sub, aud, principal] of [["scoped_principal:T1/user:u1", "sts.amazonaws.com", prov], ["scoped_principal:T2/user:u1", "sts.amazonaws.com", prov], ["scoped_principal:T1/service_account:a1", "sts.amazonaws.com", prov], ["scoped_principal:T1/service_account:a2", "sts.amazonaws.com", prov], ["scoped_principal:T1/user:u1", "other", prov], ["scoped_principal:T1/user:u1", "sts.amazonaws.com", "arn:aws:iam::123456789012:oidc-provider/staging.warp.dev"]]) {
    const r: any = await runUnsafeSimulation({ identityPolicies: [], serviceControlPolicies: [], resourceControlPolicies: [], resourcePolicy: tp as any,
      request: { action: "sts:AssumeRoleWithWebIdentity", principal, resource: { accountId: "123456789012", resource: "arn:aws:iam::123456789012:role/r" }, contextVariables: { "app.warp.dev:sub": sub, "app.warp.dev:aud": aud } } } as any, {});
    console.log(sub, aud, principal.slice(-16), r.resultType, r.overallResult, r.errors ? JSON.stringify(r.errors).slice(0, 300) : "");
  }
  const pp = buildPermissionsPolicy("aws", "123456789012", { regions: ["us-east-1"], models: ["anthropic.claude-*"] });
  for (const [action, res, ctx] of [["bedrock:InvokeModel", "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3", {}], ["bedrock:InvokeModel", "arn:aws:bedrock:us-west-2::foundation-model/anthropic.claude-3", {}], ["bedrock:InvokeModel", "arn:aws:bedrock:us-west-2::foundation-model/anthropic.claude-3", {"bedrock:InferenceProfileArn": "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3"}], ["bedrock:InvokeModel", "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3", {}], ["bedrock:InvokeModel", "arn:aws:bedrock:us-east-1::foundation-model/amazon.nova", {}], ["bedrock:CreateModelCustomizationJob", "arn:aws:bedrock:us-east-1:123456789012:model-customization-job/x", {}], ["bedrock:InvokeModel", "arn:aws:bedrock:::foundation-model/anthropic.claude-3", {"bedrock:InferenceProfileArn": "arn:aws:bedrock:us-east-1:123456789012:inference-profile/global.anthropic.claude-3"}]] as any) {
    const r: any = await runUnsafeSimulation({ identityPolicies: [{ name: "p", policy: pp as any }], serviceControlPolicies: [], resourceControlPolicies: [],
      request: { action, principal: "arn:aws:sts::123456789012:assumed-role/r/s", resource: { accountId: "123456789012", resource: res }, contextVariables: ctx } } as any, {});
    console.log(action, res.slice(-50), JSON.stringify(ctx).slice(0,40), r.resultType, r.overallResult, r.errors ? JSON.stringify(r.errors).slice(0, 300) : "");
  }
})();
