"""Gives one Warp team's agents Bedrock access, using the TypeScript component from Python."""
import pulumi
import pulumi_warp_bedrock_access as warp

config = pulumi.Config()

access = warp.TeamBedrockAccess(
    "warp-bedrock-access",
    team_uid=config.require("teamUid"),
    # Reuse the account stack's provider by ARN; leave unset to let the component create it.
    oidc_provider_arn=config.get("oidcProviderArn"),
    grant_users=True,
    named_agent_uids=["AgentB1uid00000000001", "AgentB2uid00000000002"],
    bedrock_regions=["us-east-1", "us-west-2"],
    bedrock_models=["anthropic.claude-*"],
    # Plain values: the map decides how many roles exist, so it cannot wait on other resources.
    agent_roles={
        "AgentB3uid00000000003": {"region": "eu-central-1", "models": ["anthropic.claude-sonnet-*"]},
    },
    max_session_duration=3600,
    tags={"team": "python-example"},
)

pulumi.export("roleArn", access.role_arn)
pulumi.export("trustPolicy", access.trust_policy)
pulumi.export("subjects", access.subjects)
pulumi.export("agentOverrides", access.agent_overrides)
