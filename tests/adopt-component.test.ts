/** The component's adoption arguments: importIds sets the `import` option on its children; inlinePolicyName names the policy. */
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { TeamBedrockAccess } from "../components";
import { planImportIds } from "../components/plan";
import { ValidationError } from "../rules/errors";
import { installMocks, resolveOutput, settle } from "../synth/mock-deployment";

async function construct(args: Record<string, unknown>) {
    const deployment = installMocks({ accountId: "210987654321" });
    const options: Record<string, unknown> = {};
    const capture: pulumi.ResourceTransformation = (a) => {
        options[a.name] = (a.opts as pulumi.CustomResourceOptions).import;
        return undefined;
    };
    const c = new TeamBedrockAccess("team", { teamUid: "TeamA", ...args } as any, { transformations: [capture] });
    await resolveOutput(c.roleArn);
    await settle(deployment);
    return { deployment, options };
}

describe("TeamBedrockAccess adoption arguments", () => {
    it("sets the import option on the provider, the role and its inline policy from importIds", async () => {
        const importIds = {
            oidcProvider: "arn:aws:iam::210987654321:oidc-provider/app.warp.dev",
            role: "WarpBedrockRole",
            rolePolicy: "WarpBedrockRole:WarpBedrockInvoke",
        };
        const { options } = await construct({ importIds, roleName: "WarpBedrockRole", inlinePolicyName: "WarpBedrockInvoke" });
        assert.strictEqual(options["team-oidc"], importIds.oidcProvider);
        assert.strictEqual(options["team-role"], importIds.role);
        assert.strictEqual(options["team-bedrock"], importIds.rolePolicy);
    });

    it("imports nothing without importIds", async () => {
        const { options } = await construct({});
        assert.deepStrictEqual(
            Object.values(options).filter((v) => v !== undefined),
            [],
        );
    });

    it("names the inline policy inlinePolicyName, warp-bedrock-invoke by default", async () => {
        const named = await construct({ inlinePolicyName: "WarpBedrockInvoke" });
        assert.strictEqual(named.deployment.managed("aws:iam/rolePolicy:RolePolicy")[0].inputs.name, "WarpBedrockInvoke");
        const plain = await construct({});
        assert.strictEqual(plain.deployment.managed("aws:iam/rolePolicy:RolePolicy")[0].inputs.name, "warp-bedrock-invoke");
    });

    it("refuses importIds it cannot use, naming the field", () => {
        assert.throws(
            () => planImportIds({ role: pulumi.output("x") }),
            (e: any) => e instanceof ValidationError && e.field === "importIds.role",
        );
        assert.throws(
            () => planImportIds({ oidcProvider: "app.warp.dev" }),
            (e: any) => e.field === "importIds.oidcProvider",
        );
        assert.throws(
            () => planImportIds({ rolePolicy: "just-a-name" }),
            (e: any) => e.field === "importIds.rolePolicy",
        );
        assert.throws(
            () => planImportIds({ agentRole: "x" }),
            (e: any) => e.field === "importIds.agentRole",
        );
    });

    it("refuses an inlinePolicyName IAM would refuse", async () => {
        assert.throws(
            () => new TeamBedrockAccess("bad", { teamUid: "TeamA", inlinePolicyName: "has space" } as any),
            (e: any) => e instanceof ValidationError && e.field === "inlinePolicyName",
        );
    });
});
