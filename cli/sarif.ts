/**
 * SARIF 2.1.0 output (OASIS Static Analysis Results Interchange Format), what GitHub code scanning and
 * other security dashboards ingest. One writer for every command that reports findings (`lint`,
 * `audit`): the rules come from the registry, each result names its rule, level and location.
 *
 * Levels: a mandatory finding is `error`, an advisory one `warning`, a check that could not run `note`.
 */
import type * as sarif from "sarif";
import { ALL_RULES } from "../rules/registry";

const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
const TOOL_NAME = "warp-bedrock";

export interface SarifFinding {
    ruleId: string;
    level: "mandatory" | "advisory" | "note";
    message: string;
    remediation?: string;
    /** The file the finding is in (relative to the repository root for code scanning). */
    uri?: string;
    startLine?: number;
    /** A name for what the finding is about when there is no file: a role ARN, `Statement[0]`. */
    logicalLocation?: string;
    properties?: Record<string, unknown>;
}

function toolVersion(): string {
    try {
        return String(require("../package.json").version);
    } catch {
        try {
            return String(require("../../package.json").version);
        } catch {
            return "0.0.0";
        }
    }
}

const LEVELS: Record<SarifFinding["level"], sarif.Result.level> = { mandatory: "error", advisory: "warning", note: "note" };

function ruleDescriptors(extra: readonly string[]): sarif.ReportingDescriptor[] {
    const known = ALL_RULES.map((r): sarif.ReportingDescriptor => ({
        id: r.name,
        name: r.name,
        shortDescription: { text: r.description },
        help: { text: r.remediation },
        defaultConfiguration: { level: r.level === "mandatory" ? "error" : "warning" },
        properties: { tier: r.tier },
    }));
    const ids = new Set(known.map((r) => r.id));
    const more = [...new Set(extra)]
        .filter((id) => !ids.has(id))
        .map((id): sarif.ReportingDescriptor => ({ id, name: id, shortDescription: { text: id } }));
    return [...known, ...more];
}

function location(f: SarifFinding): sarif.Location[] | undefined {
    const loc: sarif.Location = {};
    if (f.uri !== undefined) {
        loc.physicalLocation = {
            artifactLocation: { uri: f.uri },
            ...(f.startLine !== undefined ? { region: { startLine: f.startLine } } : {}),
        };
    }
    if (f.logicalLocation !== undefined) {
        loc.logicalLocations = [{ fullyQualifiedName: f.logicalLocation }];
    }
    return Object.keys(loc).length > 0 ? [loc] : undefined;
}

/** One SARIF log with one run of the tool. */
export function toSarif(findings: readonly SarifFinding[], invocation?: { commandLine?: string; successful: boolean }): sarif.Log {
    const rules = ruleDescriptors(findings.map((f) => f.ruleId));
    const index = new Map(rules.map((r, i) => [r.id, i]));
    const results = findings.map((f): sarif.Result => {
        const locations = location(f);
        return {
            ruleId: f.ruleId,
            ruleIndex: index.get(f.ruleId),
            level: LEVELS[f.level],
            message: { text: f.remediation ? `${f.message}. Fix: ${f.remediation}` : f.message },
            ...(locations ? { locations } : {}),
            ...(f.properties ? { properties: f.properties } : {}),
        };
    });
    return {
        $schema: SARIF_SCHEMA,
        version: "2.1.0",
        runs: [
            {
                tool: { driver: { name: TOOL_NAME, version: toolVersion(), rules } },
                ...(invocation
                    ? {
                          invocations: [
                              {
                                  executionSuccessful: invocation.successful,
                                  ...(invocation.commandLine ? { commandLine: invocation.commandLine } : {}),
                              },
                          ],
                      }
                    : {}),
                results,
            },
        ],
    };
}

export function renderSarif(findings: readonly SarifFinding[], invocation?: { commandLine?: string; successful: boolean }): string {
    return `${JSON.stringify(toSarif(findings, invocation), null, 2)}\n`;
}

/** The 1-based line of the first occurrence of `needle` in `text`, for a SARIF region. */
export function lineOf(text: string, needle: string): number | undefined {
    const at = text.indexOf(needle);
    return at < 0 ? undefined : text.slice(0, at).split("\n").length;
}

/** The offset just past the JSON value that starts at `at` (strings and nesting skipped), or -1. */
function endOfValue(text: string, at: number): number {
    let depth = 0;
    for (let i = at; i < text.length; i++) {
        const c = text[i];
        if (c === '"') {
            for (i++; i < text.length && text[i] !== '"'; i++) {
                i += text[i] === "\\" ? 1 : 0;
            }
        } else if (c === "[" || c === "{") {
            depth++;
        } else if (c === "]" || c === "}") {
            depth--;
        }
        if (depth === 0 && (c === '"' || c === "]" || c === "}" || /[\d\w]/.test(c))) {
            return c === '"' || c === "]" || c === "}" ? i + 1 : at + /^[-\w.+]+/.exec(text.slice(at))![0].length;
        }
    }
    return -1;
}

function skipSpace(text: string, at: number): number {
    while (at < text.length && /\s/.test(text[at])) {
        at++;
    }
    return at;
}

/**
 * The 1-based line of statement `index` of the first "Statement" key at or after `from` in a JSON text (a
 * policy file, or an authorization-details file from a role's or policy's ARN on), for a SARIF region that
 * points at the statement; undefined when the text does not hold one there (a URL-encoded document).
 */
export function statementLine(text: string, index: number, from = 0): number | undefined {
    const key = text.indexOf('"Statement"', from);
    const colon = key < 0 ? -1 : skipSpace(text, key + '"Statement"'.length);
    if (colon < 0 || text[colon] !== ":") {
        return undefined;
    }
    let at = skipSpace(text, colon + 1);
    if (text[at] === "{") {
        return index === 0 ? text.slice(0, at).split("\n").length : undefined;
    }
    if (text[at] !== "[") {
        return undefined;
    }
    at = skipSpace(text, at + 1);
    for (let i = 0; i < index; i++) {
        const end = endOfValue(text, at);
        if (end < 0) {
            return undefined;
        }
        at = skipSpace(text, end);
        if (text[at] !== ",") {
            return undefined;
        }
        at = skipSpace(text, at + 1);
    }
    return text[at] === "{" ? text.slice(0, at).split("\n").length : undefined;
}
