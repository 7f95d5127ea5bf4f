import * as assert from "assert";
import { installMocks, resolveOutput, settle } from "../synth/mock-deployment";
import { TeamBedrockAccess } from "../components";

describe("smoke", () => {
    it("builds", async () => {
        const d = installMocks();
        const c = new TeamBedrockAccess("t", { teamUid: "TEAM1", namedAgentUids: ["a1", "a2"], agentRoles: { a3: { region: "us-west-2" } } });
        const tp = await resolveOutput(c.trustPolicy);
        const ov = await resolveOutput(c.agentOverrides);
        await settle(d);
        console.log(tp.value, JSON.stringify(ov.value));
        console.log(d.resources.map((r) => `${r.type} ${r.name} parent=${r.parent.split("::").pop()} deps=${r.dependencies.length} retain=${r.retainOnDelete}`).join("\n"));
        assert.ok(tp.known);
    });
});
