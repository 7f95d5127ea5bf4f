/**
 * `--format aws-cli`: a bash script of `aws iam` calls that creates what the plan creates, for admins
 * who cannot run Pulumi. It is rendered from the same recorded resources as the other formats, so the
 * documents it sends are the ones `pulumi up` would send.
 *
 * Accounts: the plan is made for one account (often the placeholder), but the script must be right in
 * the account whose credentials run it. So it asks STS for the caller's account and partition, puts
 * them into every ARN of every document in place of the plan's, and refuses to run in another account
 * when the plan's account was a real one (from --account-id or a reused provider's ARN).
 *
 * Names: Pulumi gives generated role names a random suffix, which a script cannot reproduce and still
 * find the role again on the next run. The script uses `<name or prefix><stack>` instead: stable, so
 * re-running updates the same roles, and distinct per stack, so two teams never share a role.
 */
import { DEFAULT_SESSION_SECONDS } from "../rules/constants";
import { PlannedRole, PolicyDocument, SynthReport } from "./synth-report";

/** Heredoc delimiter of the embedded documents; no line of pretty-printed JSON can equal it. */
export const DOC_DELIMITER = "WARP_POLICY_JSON";
const IAM_NAME_CHARS = /[^\w+=,.@-]/g;

/** Quotes a value for bash: single quotes, with each `'` closed, escaped and reopened. */
export function shq(value: string): string {
    return `'${value.replace(/'/g, `'\\''`)}'`;
}

function comment(text: string): string {
    return text.replace(/[\r\n]+/g, " ");
}

/** The role's name in the script: the plan's name, or its prefix and the stack (Pulumi adds a random suffix instead). */
export function scriptRoleName(role: Pick<PlannedRole, "name" | "namePrefix" | "resource">, stack: string): string {
    if (role.name !== undefined) {
        return role.name;
    }
    const base = role.namePrefix ?? `${role.resource}-`;
    return `${base}${stack.replace(IAM_NAME_CHARS, "-")}`.slice(0, 64);
}

function tagList(tags: Record<string, string> | undefined): string {
    return JSON.stringify(Object.entries(tags ?? {}).map(([Key, Value]) => ({ Key, Value })));
}

function embed(variable: string, doc: PolicyDocument): string[] {
    return [`read_document ${variable} <<'${DOC_DELIMITER}'`, JSON.stringify(doc, null, 2), DOC_DELIMITER];
}

// Plain strings, not a template literal: the bash below is full of ${...}.
const PRELUDE = [
    'export AWS_PAGER=""',
    "",
    "IDENTITY=\"$(aws sts get-caller-identity --query '[Account, Arn]' --output text)\"",
    "ACCOUNT_ID=\"$(printf '%s' \"$IDENTITY\" | awk '{print $1}')\"",
    "CALLER_ARN=\"$(printf '%s' \"$IDENTITY\" | awk '{print $2}')\"",
    'PARTITION="$(printf \'%s\' "$CALLER_ARN" | cut -d: -f2)"',
    'if ! [[ "$ACCOUNT_ID" =~ ^[0-9]{12}$ && -n "$PARTITION" ]]; then',
    '    echo "error: could not read the account and partition of the AWS credentials (aws sts get-caller-identity said: $IDENTITY)" >&2',
    "    exit 1",
    "fi",
    'if [[ "$PLAN_ACCOUNT_IS_PLACEHOLDER" != true && "$ACCOUNT_ID" != "$PLAN_ACCOUNT_ID" ]]; then',
    '    echo "error: these credentials are for account $ACCOUNT_ID, but the plan is for account $PLAN_ACCOUNT_ID; use credentials for $PLAN_ACCOUNT_ID, or generate the script again with --account-id $ACCOUNT_ID" >&2',
    "    exit 1",
    "fi",
    'if [[ "$PLAN_PARTITION_IS_PLACEHOLDER" != true && "$PARTITION" != "$PLAN_PARTITION" ]]; then',
    '    echo "error: these credentials are in partition $PARTITION, but the plan is for partition $PLAN_PARTITION" >&2',
    "    exit 1",
    "fi",
    'echo "account $ACCOUNT_ID, partition $PARTITION"',
    "",
    "# read_document VAR: reads a document from standard input into VAR, with this account and partition in",
    '# place of the plan\'s in every ARN. Account IDs only appear between colons in ARNs, so ":<account>:" and',
    '# "arn:<partition>:" match nothing else.',
    "read_document() {",
    "    local doc",
    '    doc="$(cat)"',
    '    doc="${doc//:${PLAN_ACCOUNT_ID}:/:${ACCOUNT_ID}:}"',
    '    doc="${doc//arn:${PLAN_PARTITION}:/arn:${PARTITION}:}"',
    '    printf -v "$1" \'%s\' "$doc"',
    "}",
    "",
    "# Succeed when IAM has the entity, fail when IAM says NoSuchEntity, and stop on any other error",
    '# (no credentials, access denied), so a failed lookup is never mistaken for "create it".',
    "iam_has() {",
    "    local err",
    '    if err="$("$@" 2>&1 >/dev/null)"; then',
    "        return 0",
    "    fi",
    '    case "$err" in',
    "        *NoSuchEntity*) return 1 ;;",
    "        *) printf '%s\\n' \"$err\" >&2; exit 1 ;;",
    "    esac",
    "}",
    "",
    "# ensure_role NAME PATH DESCRIPTION MAX_SESSION BOUNDARY TAGS_JSON TRUST_POLICY",
    "ensure_role() {",
    '    local name="$1" path="$2" description="$3" max_session="$4" boundary="$5" tags="$6" trust="$7"',
    '    if iam_has aws iam get-role --role-name "$name"; then',
    '        echo "role $name exists: updating its trust policy, description, session length, boundary and tags (its path stays as it is)"',
    '        aws iam update-assume-role-policy --role-name "$name" --policy-document "$trust"',
    '        aws iam update-role --role-name "$name" --description "$description" --max-session-duration "$max_session"',
    '        if [[ -n "$boundary" ]]; then',
    '            aws iam put-role-permissions-boundary --role-name "$name" --permissions-boundary "$boundary"',
    "        fi",
    '        if [[ "$tags" != "[]" ]]; then',
    '            aws iam tag-role --role-name "$name" --tags "$tags"',
    "        fi",
    "    else",
    '        echo "creating role $name"',
    "        local extra=()",
    '        if [[ -n "$boundary" ]]; then',
    '            extra+=(--permissions-boundary "$boundary")',
    "        fi",
    '        if [[ "$tags" != "[]" ]]; then',
    '            extra+=(--tags "$tags")',
    "        fi",
    '        aws iam create-role --role-name "$name" --path "$path" --description "$description" \\',
    '            --max-session-duration "$max_session" --assume-role-policy-document "$trust" ${extra[@]+"${extra[@]}"} >/dev/null',
    "    fi",
    "}",
    "",
].join("\n");

function providerSection(plan: SynthReport): string[] {
    const provider = plan.oidcProvider;
    if (!provider) {
        return [];
    }
    const lines = ["", `read_document OIDC_PROVIDER_ARN <<<${shq(provider.arn)}`];
    if (provider.action === "create") {
        const clientIds = provider.clientIds ?? [];
        lines.push(
            `# The account's one IAM OIDC provider for ${comment(provider.url ?? "")}; IAM allows one per URL, so an existing one is kept.`,
            `if iam_has aws iam get-open-id-connect-provider --open-id-connect-provider-arn "$OIDC_PROVIDER_ARN"; then`,
            `    echo "OIDC provider $OIDC_PROVIDER_ARN already exists: leaving it as is, only adding client ID ${clientIds.join(", ")} if it is missing"`,
            // Added only when missing: AWS accepts adding a listed client ID again, but not every IAM endpoint does.
            `    CLIENT_IDS="$(aws iam get-open-id-connect-provider --open-id-connect-provider-arn "$OIDC_PROVIDER_ARN" --query ClientIDList --output text)"`,
            ...clientIds.flatMap((id) => [
                `    if ! printf '%s\n' "$CLIENT_IDS" | tr '\t' '\n' | grep -qxF ${shq(id)}; then`,
                `        aws iam add-client-id-to-open-id-connect-provider --open-id-connect-provider-arn "$OIDC_PROVIDER_ARN" --client-id ${shq(id)}`,
                "    fi",
            ]),
            "else",
            `    echo "creating OIDC provider $OIDC_PROVIDER_ARN"`,
            `    aws iam create-open-id-connect-provider --url ${shq(provider.url ?? "")} --client-id-list ${clientIds.map(shq).join(" ")}${
                Object.keys(provider.tags ?? {}).length > 0 ? ` --tags ${shq(tagList(provider.tags))}` : ""
            } >/dev/null`,
            "fi",
        );
    } else {
        const origin = provider.fromStack
            ? `the oidcProviderArn output of stack ${provider.fromStack}`
            : "oidcProviderArn in the stack file";
        const create = provider.fromStack
            ? " Create it first with the account stack's script (warp-bedrock synth <account stack file> --format aws-cli)."
            : "";
        lines.push(
            `# This stack reuses an existing provider (${comment(origin)}) and never creates or changes it.`,
            `if ! iam_has aws iam get-open-id-connect-provider --open-id-connect-provider-arn "$OIDC_PROVIDER_ARN"; then`,
            `    echo ${shq(`error: this stack reuses the OIDC provider `)}"$OIDC_PROVIDER_ARN"${shq(` (${origin}), which does not exist in this account.${create}`)} >&2`,
            "    exit 1",
            "fi",
            `echo "reusing OIDC provider $OIDC_PROVIDER_ARN"`,
        );
    }
    return lines;
}

function roleSection(role: PlannedRole, index: number, plan: SynthReport): string[] {
    const n = index + 1;
    const name = scriptRoleName(role, plan.stack);
    const lines = [
        "",
        `# Role ${comment(role.resource)} of the plan${role.name === undefined ? ` (Pulumi would name it ${comment(role.namePrefix ?? `${role.resource}-`)}<random suffix>)` : ""}.`,
        `ROLE_NAME_${n}=${shq(name)}`,
        ...(role.revokedSubjects.length > 0
            ? [
                  `# Revoked by the trust policy's Deny statement, whatever the grants say: ${comment(role.revokedSubjects.map((s) => s.subject).join(", "))}`,
              ]
            : []),
        ...embed(`TRUST_POLICY_${n}`, role.trustPolicy),
    ];
    if (role.permissionsBoundary) {
        lines.push(`read_document BOUNDARY_${n} <<<${shq(role.permissionsBoundary)}`);
    }
    lines.push(
        `ensure_role "$ROLE_NAME_${n}" ${shq(role.path)} ${shq(role.description ?? "")} ${shq(String(role.maxSessionDuration ?? DEFAULT_SESSION_SECONDS))} ${
            role.permissionsBoundary ? `"$BOUNDARY_${n}"` : "''"
        } ${shq(tagList(role.tags))} "$TRUST_POLICY_${n}"`,
    );
    role.inlinePolicies.forEach((policy, i) => {
        const variable = `POLICY_${n}_${i + 1}`;
        if (policy.name === role.sessionsRevoked?.policy) {
            lines.push(
                `# Revokes every session of this role issued before ${comment(role.sessionsRevoked.issuedBefore)}, as the IAM console's "Revoke active sessions" does;`,
                "# sessions issued after that time work. Delete the policy once the role's longest session has passed since then.",
            );
        }
        lines.push(
            ...embed(variable, policy.document),
            `echo "putting inline policy ${policy.name} on role $ROLE_NAME_${n}"`,
            `aws iam put-role-policy --role-name "$ROLE_NAME_${n}" --policy-name ${shq(policy.name)} --policy-document "$${variable}"`,
        );
    });
    lines.push(`ROLE_ARN_${n}="$(aws iam get-role --role-name "$ROLE_NAME_${n}" --query Role.Arn --output text)"`);
    const agentUid = role.tags["warp:agent-uid"];
    if (agentUid !== undefined) {
        const overrides = (plan.outputs.agentOverrides ?? {}) as Record<string, { region?: string }>;
        const region = overrides[agentUid]?.region;
        // UIDs and regions were validated to letters, digits, '-', '_' and '.', so they are safe inside double quotes.
        const safe = (v: string) => /^[\w.-]+$/.test(v);
        const fields = [`\\"role_arn\\": \\"$ROLE_ARN_${n}\\"`, ...(region && safe(region) ? [`\\"region\\": \\"${region}\\"`] : [])];
        if (safe(agentUid)) {
            lines.push(`echo "named agent ${agentUid}: set its inference_providers.aws override to {${fields.join(", ")}}"`);
        }
    } else {
        lines.push(`echo "team role: set $ROLE_ARN_${n} as the team's Bedrock role in Warp"`);
    }
    return lines;
}

export function renderAwsCli(plan: SynthReport): string {
    const { context } = plan;
    const header = [
        "#!/usr/bin/env bash",
        `# Creates the IAM resources of stack ${comment(plan.stack)} (${comment(plan.stackFile)}) with the AWS CLI, for accounts`,
        "# managed without Pulumi. Generated by `warp-bedrock synth --format aws-cli` from the same plan `pulumi up`",
        "# applies: change the stack file and generate the script again rather than editing the documents here.",
        "#",
        "# Safe to run again: an existing OIDC provider is kept (only the client ID is added if missing), an",
        "# existing role gets its trust policy and settings updated, and put-role-policy replaces the inline policy.",
        `# The plan was made for account ${context.accountId.value}${context.accountId.source === "placeholder" ? " (a placeholder)" : ""} in partition ${context.partition.value}; the`,
        "# script uses the account and partition of the credentials it runs with and puts them into every ARN below.",
        `# Needs: bash, the AWS CLI (v2, or v1 from PyPI) and credentials allowed to manage IAM roles${plan.oidcProvider?.action === "create" ? " and OIDC providers" : ""}.`,
        "",
        "set -euo pipefail",
        `PLAN_ACCOUNT_ID=${shq(context.accountId.value)}`,
        `PLAN_ACCOUNT_IS_PLACEHOLDER=${context.accountId.source === "placeholder" ? "true" : "false"}`,
        `PLAN_PARTITION=${shq(context.partition.value)}`,
        `PLAN_PARTITION_IS_PLACEHOLDER=${context.partition.source === "placeholder" ? "true" : "false"}`,
    ];
    const disabled = plan.disabledAgents
        .filter((uid) => /^[\w-]+$/.test(uid))
        .map(
            (uid) =>
                `echo "named agent ${uid}: its override is turned off; set its inference_providers.aws override to {\\"disabled\\": true}"`,
        );
    const body = [
        ...providerSection(plan),
        ...plan.roles.flatMap((role, i) => roleSection(role, i, plan)),
        ...(disabled.length > 0 ? ["", ...disabled] : []),
    ];
    const done = plan.roles.length === 0 && plan.oidcProvider ? [`echo "done: OIDC provider $OIDC_PROVIDER_ARN"`] : ['echo "done"'];
    return `${[...header, PRELUDE, ...body, "", ...done].join("\n")}\n`;
}
