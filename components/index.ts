export * from "./team-bedrock-access";
export * from "./oidc-provider";
export { planTeamAccess, buildAccessDocuments } from "./plan";
export { buildTrustPolicy, grantedSubjects } from "./trust-policy";
export { buildPermissionsPolicy, BEDROCK_INVOKE_ACTIONS } from "./permissions-policy";
