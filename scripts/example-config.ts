/**
 * The policy pack's example config, from the registry: every trust policy gets the same block of the
 * keys it reads (CrossGuard hands each policy only its own config, so an organisation pastes the block
 * into each), every other policy its own keys.
 */
import { PERMISSIONS_RULES, TRUST_RULES } from "../rules/registry";
import { RESOURCE_RULES } from "../rules/resource-rules";

const TRUST_BLOCK: Record<string, unknown> = {
    allowedIssuers: ["app.warp.dev"],
    allowedTeamUids: ["REPLACE_WITH_TEAM_UID_1", "REPLACE_WITH_TEAM_UID_2"],
    allowedActorTypes: ["user", "service_account"],
    allowActorSpanningSubjects: false,
};

const RESOURCE_BLOCKS: Record<string, Record<string, unknown>> = {
    "warp-role-max-session-duration": { maxSessionDurationCeiling: 3600 },
};

/** What every permissions policy reads (each gets the same block, as each trust policy does). */
const PERMISSIONS_BLOCK: Record<string, unknown> = {
    allowedActions: ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"],
    allowedRegions: [],
    allowedModels: [],
    allowedPolicyArns: [],
};

export function exampleConfig(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const r of TRUST_RULES) {
        const keys = r.configKeys.filter((k) => k in TRUST_BLOCK);
        out[r.name] =
            keys.length === 0 ? r.level : { enforcementLevel: r.level, ...Object.fromEntries(keys.map((k) => [k, TRUST_BLOCK[k]])) };
    }
    for (const r of PERMISSIONS_RULES) {
        out[r.name] = { enforcementLevel: r.level, ...PERMISSIONS_BLOCK };
    }
    for (const r of RESOURCE_RULES) {
        const block = RESOURCE_BLOCKS[r.name];
        out[r.name] = block === undefined ? r.level : { enforcementLevel: r.level, ...block };
    }
    return out;
}

if (require.main === module) {
    process.stdout.write(`${JSON.stringify(exampleConfig(), null, 4)}\n`);
}
