import { runSimulation } from "@cloud-copilot/iam-simulate";
import { buildTrustPolicy } from "../components/trust-policy";
import { issuerFromId } from "../rules/issuer";
(async () => {
  const prov = "arn:aws:iam::123456789012:oidc-provider/app.warp.dev";
  const tp = JSON.parse(JSON.stringify(buildTrustPolicy(prov, issuerFromId("app.warp.dev"), { teamUid: "T1", grantUsers: true, allNamedAgents: false, namedAgentUids: ["a1"] })).replace(/app\.warp\.dev:/g, "accounts.google.com:"));
  for (const sub of ["scoped_principal:T1/user:u1", "scoped_principal:T2/user:u1", "scoped_principal:T1/service_account:a1", "scoped_principal:T1/service_account:a2"]) {
  const r: any = await runSimulation({ identityPolicies: [], serviceControlPolicies: [], resourceControlPolicies: [], resourcePolicy: tp as any,
      request: { action: "sts:AssumeRoleWithWebIdentity", principal: prov, resource: { accountId: "123456789012", resource: "arn:aws:iam::123456789012:role/r" }, contextVariables: { "accounts.google.com:sub": sub, "accounts.google.com:aud": "sts.amazonaws.com" } } } as any, {});
  console.log(sub, r.resultType, r.overallResult, r.ignoredContextKeys ?? r.result?.ignoredContextKeys);
  }
})();
