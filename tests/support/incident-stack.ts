/** The incident stack the account-tool tests share: a stack with per-agent roles, revoked principals and revoked sessions (its own provider). */
export const INCIDENT_STACK = `config:
  aws:region: us-east-1
  warp-bedrock-access:teamUid: TeamRev0000000000001
  warp-bedrock-access:namedAgents: all
  warp-bedrock-access:revokedAgents:
    - AgentBad000000000001
  warp-bedrock-access:revokedUsers:
    - UserBad0000000000001
  warp-bedrock-access:revokeSessionsIssuedBefore: "2026-01-01T00:00:00Z"
  warp-bedrock-access:agentRoles:
    AgentBad000000000001: {}
    AgentOk0000000000001:
      models:
        - anthropic.claude-sonnet-*
  warp-bedrock-access:tags:
    team: incident
`;
