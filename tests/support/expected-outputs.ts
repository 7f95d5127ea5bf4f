/** The outputs the issue names for a team stack and the component, spelled out independently of the code. */
export const TEAM_OUTPUTS = [
    "agentOverrides",
    "agentRoleArns",
    "oidcProviderArn",
    "permissionsPolicy",
    "roleArn",
    "roleName",
    "subjects",
    "trustPolicy",
];
