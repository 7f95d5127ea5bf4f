/**
 * The reference blocks of docs/configuration.md: stack config keys from Pulumi.yaml (and the keys it
 * can only describe in a comment), the components' args and outputs from their doc comments.
 */
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { STACK_CONFIG_KEYS } from "../../components/stack-config";
import { cell, code, table } from "./markdown";
import { Member, docOfDeclaration, membersOf } from "./source";

interface ConfigEntry {
    type?: string;
    items?: { type?: string };
    default?: unknown;
    description?: string;
}

function showDefault(value: unknown): string {
    if (value === undefined || value === "" || (Array.isArray(value) && value.length === 0)) {
        return "(unset)";
    }
    return code(JSON.stringify(value));
}

function showType(entry: ConfigEntry): string {
    return entry.type === "array" ? `list of ${entry.items?.type ?? "any"}` : (entry.type ?? "any");
}

/**
 * Keys Pulumi's project schema cannot type (no map or union type) are described in a comment block of
 * Pulumi.yaml: `#   <key>  <text>`, continued on lines indented further.
 */
function commentedKeys(text: string): Map<string, string> {
    const out = new Map<string, string>();
    let current: string | undefined;
    for (const line of text.split("\n")) {
        const start = /^#\s{1,4}([A-Za-z]\w*)\s{2,}(\S.*)$/.exec(line);
        const more = /^#\s{5,}(\S.*)$/.exec(line);
        if (start !== null) {
            current = start[1];
            out.set(current, start[2].trim());
        } else if (more !== null && current !== undefined) {
            out.set(current, `${out.get(current)} ${more[1].trim()}`);
        } else {
            current = undefined;
        }
    }
    return out;
}

export function stackConfigTable(root: string): string {
    const text = fs.readFileSync(path.join(root, "Pulumi.yaml"), "utf8");
    const config = (YAML.parse(text).config ?? {}) as Record<string, ConfigEntry>;
    const comments = commentedKeys(text);
    const args = new Set(membersOf(path.join(root, "components"), "TeamBedrockAccessArgs").map((m) => m.name));
    const keys = [...Object.keys(config), ...STACK_CONFIG_KEYS.filter((k) => !(k in config))];
    const rows = keys.map((key) => {
        const entry = config[key];
        const arg = args.has(key) ? code(key) : "";
        if (entry !== undefined) {
            return [code(key), showType(entry), showDefault(entry.default), arg, cell(entry.description ?? "")];
        }
        const described = comments.get(key);
        if (described === undefined) {
            throw new Error(
                `scripts/docs: stack config key ${key} is read by components/stack-config.ts but neither declared nor described in Pulumi.yaml`,
            );
        }
        return [code(key), "see description", "(unset)", arg, cell(described)];
    });
    return table(["key", "type", "default", "component arg", "description"], rows);
}

function memberRows(members: readonly Member[], required: boolean): string[][] {
    return members.map((m) => {
        const row = [code(m.name), code(m.type)];
        if (required) {
            row.push(m.optional ? "no" : "**yes**");
        }
        row.push(cell(m.doc));
        return row;
    });
}

export function argsTable(root: string, name: string): string {
    return table(["arg", "type", "required", "description"], memberRows(membersOf(path.join(root, "components"), name), true));
}

export function outputsTable(root: string, name: string): string {
    const dir = path.join(root, "components");
    return `${cell(docOfDeclaration(dir, name))}\n\n${table(["output", "type", "description"], memberRows(membersOf(dir, name), false))}`;
}

export function configurationBlocks(root: string): Record<string, () => string> {
    return {
        "stack-config": () => stackConfigTable(root),
        "team-args": () => argsTable(root, "TeamBedrockAccessArgs"),
        "agent-role-args": () => argsTable(root, "AgentRoleArgs"),
        "import-ids": () => argsTable(root, "ImportIds"),
        "team-outputs": () => outputsTable(root, "TeamBedrockAccess"),
        "agent-override": () =>
            table(["field", "type", "description"], memberRows(membersOf(path.join(root, "components"), "AgentOverride"), false)),
        "provider-args": () => argsTable(root, "WarpOidcProviderArgs"),
        "provider-outputs": () => outputsTable(root, "WarpOidcProvider"),
    };
}
