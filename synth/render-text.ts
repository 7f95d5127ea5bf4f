/** `--format text`: the plan for a human reviewer. */
import { PlannedProvider, PlannedRole, SynthReport } from "./synth-report";
import { VerdictReport } from "./verdicts";
import { Setting } from "./synthesize";

function indent(text: string, by: string): string {
    return text
        .split("\n")
        .map((line) => (line ? by + line : line))
        .join("\n");
}

function sourceNote(s: Setting, flag: string, fileKey: string): string {
    switch (s.source) {
        case "placeholder":
            return `(placeholder: pass ${flag})`;
        case "flag":
            return `(from ${flag})`;
        case "stack file":
            return `(${fileKey} in the stack file)`;
        case "oidcProviderArn":
            return "(from the reused provider's ARN)";
    }
}

function table(rows: string[][], by = "  "): string {
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    return rows.map((r) => by + r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]))).join("  ")).join("\n");
}

function roleName(role: PlannedRole): string {
    if (role.name !== undefined) {
        return role.name;
    }
    if (role.namePrefix !== undefined) {
        return `${role.namePrefix}<random suffix added by Pulumi>`;
    }
    return `${role.resource}-<random suffix added by Pulumi>`;
}

function renderRole(role: PlannedRole): string {
    const lines = [`Role ${role.resource}`];
    const details = [
        `IAM name ${roleName(role)}`,
        `path ${role.path}`,
        ...(role.maxSessionDuration !== undefined ? [`longest session ${role.maxSessionDuration} s`] : []),
        ...(role.permissionsBoundary ? [`permissions boundary ${role.permissionsBoundary}`] : []),
    ];
    lines.push(...details.map((d) => `  ${d}`));
    const tags = Object.entries(role.tags);
    if (tags.length > 0) {
        lines.push(`  tags ${tags.map(([k, v]) => `${k}=${v}`).join(", ")}`);
    }
    if (role.description) {
        lines.push(`  description ${role.description}`);
    }
    lines.push("  Who may assume it (the trust engine's answer):");
    if (role.whoMayAssume.lines.length === 0) {
        lines.push("    nobody: no Warp token gets in");
    }
    for (const l of role.whoMayAssume.lines) {
        lines.push(`    - ${l}`);
    }
    for (const a of role.whoMayAssume.assumptions) {
        lines.push(`    note: ${a}`);
    }
    if (role.subjects.length > 0) {
        lines.push("    Granted subjects, as written:");
    }
    for (const s of role.subjects) {
        lines.push(`    - ${s.description}`, `      ${s.subject}${s.sid ? `  [${s.sid}]` : ""}`);
    }
    if (role.revokedSubjects.length > 0) {
        lines.push("    Revoked: refused by a Deny statement even where a grant above matches");
        for (const s of role.revokedSubjects) {
            lines.push(`    - REVOKED ${s.description}`, `      ${s.subject}${s.sid ? `  [${s.sid}]` : ""}`);
        }
        const revoked = new Set(role.revokedSubjects.map((s) => s.subject));
        if (role.subjects.every((s) => revoked.has(s.subject))) {
            lines.push("    So nobody can assume this role while the revocation stands.");
        }
    }
    if (role.sessionsRevoked) {
        const { issuedBefore, policy } = role.sessionsRevoked;
        lines.push(
            `  Sessions issued before ${issuedBefore} are revoked (inline policy ${policy}): every one of them, the innocent included,`,
            "    is denied every action from the moment this applies; sessions issued after that time, new ones included, work at once.",
        );
    }
    lines.push("  Trust policy:", indent(JSON.stringify(role.trustPolicy, null, 2), "    "));
    for (const p of role.inlinePolicies) {
        lines.push(`  Inline policy ${p.name} (resource ${p.resource}):`, indent(JSON.stringify(p.document, null, 2), "    "));
    }
    return lines.join("\n");
}

export function renderText(plan: SynthReport): string {
    const { context } = plan;
    const out: string[] = [];
    out.push(`warp-bedrock synth: ${plan.stackFile} (stack ${plan.stack})`);
    out.push("An offline plan from the stack program under Pulumi's mocks runtime: nothing was deployed and no AWS API was called.");
    out.push("");
    out.push(
        table(
            [
                ["account", context.accountId.value, sourceNote(context.accountId, "--account-id", "")],
                ["partition", context.partition.value, sourceNote(context.partition, "--partition", "")],
                ["region", context.region.value, sourceNote(context.region, "--region", "aws:region")],
            ],
            "",
        ),
    );
    if (plan.oidcProvider) {
        out.push("", "OIDC provider", ...providerLines(plan.oidcProvider));
    }
    out.push("", `Resources (${plan.resources.length})`);
    out.push(table(plan.resources.map((r) => [r.action, r.type, r.name])));
    for (const role of plan.roles) {
        out.push("", renderRole(role));
    }
    if (plan.disabledAgents.length > 0) {
        out.push("", 'Named agents with their override turned off (no role; set inference_providers.aws to {"disabled": true})');
        out.push(...plan.disabledAgents.map((uid) => `  - ${uid}`));
    }
    const shown = Object.entries(plan.outputs).filter(([k]) => k !== "trustPolicy" && k !== "permissionsPolicy");
    if (shown.length > 0) {
        out.push("", "Outputs");
        out.push(table(shown.map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)])));
    }
    out.push("", ...verdictLines(plan.verdicts));
    if (plan.placeholders.length > 0) {
        out.push("", "Placeholders in this plan");
        out.push(...plan.placeholders.map((p) => `  - ${p}`));
    }
    return `${out.join("\n")}\n`;
}

/** Whether the stack creates the provider or reuses one, and where a reused ARN came from. */
function providerLines(provider: PlannedProvider): string[] {
    if (provider.action === "create") {
        return [
            `  creates ${provider.url} (client IDs: ${(provider.clientIds ?? []).join(", ")}) as ${provider.arn}`,
            ...(provider.retainOnDelete
                ? ["  kept in AWS when this stack is destroyed (retainOnDelete): other stacks of the account trust it"]
                : []),
        ];
    }
    if (!provider.fromStack) {
        return [`  reuses ${provider.arn}`, "  set by oidcProviderArn in the stack file"];
    }
    const how =
        provider.arnSource === "oidcProviderStack (placeholder)" ? "placeholder: pass --oidc-provider-arn" : "from --oidc-provider-arn";
    return [`  reuses ${provider.arn}`, `  the oidcProviderArn output of stack ${provider.fromStack} (${how})`];
}

/** The pack's verdict on each resource (pass, note or FAIL) and its stack-level reports. */
function verdictLines(verdicts: VerdictReport): string[] {
    const out = [`Policy pack ${verdicts.pack} (${verdicts.policies.length} policies, run in-process on the inputs above)`];
    for (const v of verdicts.resources) {
        if (v.violations.length === 0) {
            out.push(`  pass  ${v.type} ${v.name}`);
            continue;
        }
        out.push(`  ${v.violations.some((x) => x.level === "mandatory") ? "FAIL" : "note"}  ${v.type} ${v.name}`);
        for (const x of v.violations) {
            out.push(`    ${x.level} ${x.policy}: ${x.message.replace(/\n/g, " ")}`);
        }
    }
    for (const x of verdicts.stack) {
        out.push(`  ${x.level} ${x.policy} (stack): ${x.message.replace(/\n/g, " ")}`);
    }
    return out;
}
