import * as pulumi from "@pulumi/pulumi";
import { Deployment, MockEnvironment, installMocks, resolveOutput, settle } from "../../synth/mock-deployment";
import { TeamBedrockAccess, TeamBedrockAccessArgs } from "../../components";
import { TEAM_OUTPUTS } from "./expected-outputs";

export interface DeployedTeam {
    deployment: Deployment;
    component: TeamBedrockAccess;
    outputs: {
        roleArn: string | undefined;
        roleName: string | undefined;
        oidcProviderArn: string;
        trustPolicy: any;
        permissionsPolicy: any;
        subjects: string[];
        agentRoleArns: Record<string, string>;
        agentOverrides: Record<string, { role_arn: string; region?: string }>;
    };
    known: Record<string, boolean>;
}

/** Constructs the component under fresh mocks and waits for every registration to arrive. */
export async function deployTeam(args: TeamBedrockAccessArgs, env: MockEnvironment = {}, name = "team"): Promise<DeployedTeam> {
    const deployment = installMocks(env);
    const component = new TeamBedrockAccess(name, args);
    const outputs: Record<string, any> = {};
    const known: Record<string, boolean> = {};
    for (const key of TEAM_OUTPUTS) {
        const r = await resolveOutput((component as any)[key] as pulumi.Output<unknown>);
        known[key] = r.known;
        outputs[key] =
            (key === "trustPolicy" || key === "permissionsPolicy") && typeof r.value === "string" ? JSON.parse(r.value) : r.value;
    }
    await settle(deployment);
    return { deployment, component, outputs: outputs as DeployedTeam["outputs"], known };
}

/** Constructs the component expecting a refusal; returns the error and what got registered meanwhile. */
export async function deployExpectingError(args: unknown, env: MockEnvironment = {}): Promise<{ error: Error; deployment: Deployment }> {
    const deployment = installMocks(env);
    let error: Error | undefined;
    const onRejection = (e: unknown) => {
        error = error ?? (e as Error);
    };
    process.on("unhandledRejection", onRejection);
    try {
        const component = new TeamBedrockAccess("team", args as TeamBedrockAccessArgs);
        // A refusal after construction arrives as one unhandled rejection, and the outputs never resolve.
        await Promise.race([resolveOutput(component.trustPolicy).catch(onRejection), settle(deployment)]);
    } catch (e) {
        error = e as Error;
    }
    await settle(deployment);
    process.off("unhandledRejection", onRejection);
    if (!error) {
        throw new Error("expected the component to refuse its arguments, but it accepted them");
    }
    return { error, deployment };
}
