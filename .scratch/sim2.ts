import { runSimulation } from "@cloud-copilot/iam-simulate";
import { buildTrustPolicy } from "../components/trust-policy";
import { issuerFromId } from "../rules/issuer";
(async () => {
  const prov = "arn:aws:iam::123456789012:oidc-provider/app.warp.dev";
  const tp = buildTrustPolicy(prov, issuerFromId("app.warp.dev"), { teamUid: "T1", grantUsers: true, allNamedAgents: false, namedAgentUids: ["a1"] });
  const r: any = await runSimulation({ identityPolicies: [], serviceControlPolicies: [], resourceControlPolicies: [], resourcePolicy: tp as any,
      request: { action: "sts:AssumeRoleWithWebIdentity", principal: prov, resource: { accountId: "123456789012", resource: "arn:aws:iam::123456789012:role/r" }, contextVariables: { "app.warp.dev:sub": "scoped_principal:T1/user:u1", "app.warp.dev:aud": "sts.amazonaws.com" } } } as any, {});
  console.log(JSON.stringify(r.result, null, 1).slice(0, 4000));
})();
