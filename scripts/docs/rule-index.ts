/**
 * The rule lists, written from the rule folders: `rules/trust-rules/index.ts`,
 * `rules/permissions-rules/index.ts` and `rules/resource-rules/index.ts` (every rule in report order: listed rules keep their place, a new
 * folder joins after the last rule of its tier: exposure, validity, convention) and each folder set's `examples.ts` (every rule's good and bad examples by rule name). A new
 * rule is one folder; `npm run docs` lists it, and tests/docs.test.ts fails while it is not listed.
 */
import * as fs from "fs";
import * as path from "path";
import * as prettier from "prettier";
import type { RuleInfo } from "../../rules/findings";

interface RuleSet {
    dir: string;
    listName: string;
    ruleType: string;
    ruleTypeFrom: string;
    examplesName: string;
    examplesType: string;
    examplesTypeFrom: string;
    doc: string;
    tail?: string;
}

const SETS: readonly RuleSet[] = [
    {
        dir: "rules/trust-rules",
        listName: "TRUST_RULES",
        ruleType: "TrustRule",
        ruleTypeFrom: "./rule",
        examplesName: "TRUST_EXAMPLES",
        examplesType: "TrustRuleExamples",
        examplesTypeFrom: "./example-support",
        doc: "Every trust rule, one folder each",
    },
    {
        dir: "rules/permissions-rules",
        listName: "PERMISSIONS_RULES",
        ruleType: "PermissionsRule",
        ruleTypeFrom: "./rule",
        examplesName: "PERMISSIONS_EXAMPLES",
        examplesType: "PermissionsRuleExamples",
        examplesTypeFrom: "./example-support",
        doc: "Every permissions rule, one folder each",
    },
    {
        dir: "rules/resource-rules",
        listName: "RESOURCE_RULES",
        ruleType: "ResourceRule<any>",
        ruleTypeFrom: "./rule",
        examplesName: "RESOURCE_EXAMPLES",
        examplesType: "ResourceRuleExamples",
        examplesTypeFrom: "./example-support",
        doc: "Every rule about a role's other settings or its OIDC provider, one folder each",
    },
];

const TIER_ORDER: Readonly<Record<string, number>> = { exposure: 0, validity: 1, convention: 2, resource: 3 };
const HEADER = "// Written by `npm run docs` (scripts/docs/rule-index.ts) from the rule folders: do not edit.";

interface Folder {
    folder: string;
    exportName: string;
    rule: RuleInfo;
}

function folders(root: string, set: RuleSet): Folder[] {
    const dir = path.join(root, set.dir);
    const out: Folder[] = [];
    for (const folder of fs.readdirSync(dir).sort()) {
        if (!fs.existsSync(path.join(dir, folder, "index.ts"))) {
            continue;
        }
        const mod = require(path.join(dir, folder)) as Record<string, unknown>;
        const found = Object.entries(mod).find(([, v]) => typeof v === "object" && v !== null && "name" in v && "check" in v);
        if (found === undefined) {
            throw new Error(`${set.dir}/${folder}/index.ts exports no rule (an object with name and check)`);
        }
        if (!fs.existsSync(path.join(dir, folder, "examples.ts"))) {
            throw new Error(`${set.dir}/${folder} has no examples.ts with its good and bad examples`);
        }
        out.push({ folder, exportName: found[0], rule: found[1] as RuleInfo });
    }
    return ordered(out, listedNames(dir, set));
}

/** The names the current list holds, in its order (empty when it cannot be read). */
function listedNames(dir: string, set: RuleSet): string[] {
    try {
        const list = (require(path.join(dir, "index.ts")) as Record<string, unknown>)[set.listName];
        return Array.isArray(list) ? list.map((r: RuleInfo) => r.name) : [];
    } catch {
        return [];
    }
}

/** Listed rules keep their place; a new folder goes after the last rule of its tier (or an earlier one). */
function ordered(found: Folder[], listed: readonly string[]): Folder[] {
    const out = listed.flatMap((name) => found.filter((f) => f.rule.name === name));
    const fresh = found.filter((f) => !listed.includes(f.rule.name)).sort((a, b) => a.rule.name.localeCompare(b.rule.name));
    for (const f of fresh) {
        let at = out.length;
        while (at > 0 && TIER_ORDER[out[at - 1].rule.tier] > TIER_ORDER[f.rule.tier]) {
            at--;
        }
        out.splice(at, 0, f);
    }
    return out;
}

const ident = (folder: string) => folder.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

function indexText(set: RuleSet, list: readonly Folder[]): string {
    const imports = list.map((f) => `import { ${f.exportName} as ${ident(f.folder)} } from "./${f.folder}";`);
    return [
        HEADER,
        `/** ${set.doc}, in the order reports list them: exposure, validity, convention. */`,
        `import type { ${set.ruleType.replace(/<.*>$/, "")} } from "${set.ruleTypeFrom}";`,
        ...imports,
        "",
        `export const ${set.listName}: readonly ${set.ruleType}[] = [${list.map((f) => ident(f.folder)).join(", ")}];`,
        "",
    ].join("\n");
}

function examplesText(set: RuleSet, list: readonly Folder[]): string {
    const imports = list.map((f) => `import { examples as ${ident(f.folder)} } from "./${f.folder}/examples";`);
    const entries = list.map((f) => `    ${JSON.stringify(f.rule.name)}: ${ident(f.folder)},`);
    return [
        HEADER,
        "/** Each rule's good and bad examples, from its folder, by rule name: the docs and the tests read them. */",
        `import type { ${set.examplesType} } from "${set.examplesTypeFrom}";`,
        ...imports,
        "",
        `export const ${set.examplesName}: Readonly<Record<string, ${set.examplesType}>> = {`,
        ...entries,
        "};",
        "",
    ].join("\n");
}

async function formatted(root: string, file: string, text: string): Promise<string> {
    const options = (await prettier.resolveConfig(path.join(root, file))) ?? {};
    return prettier.format(text, { ...options, filepath: path.join(root, file) });
}

/** Every generated list, path relative to the root, with its content. */
export async function ruleIndexFiles(root: string): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const set of SETS) {
        const list = folders(root, set);
        out.set(`${set.dir}/index.ts`, await formatted(root, `${set.dir}/index.ts`, indexText(set, list)));
        out.set(`${set.dir}/examples.ts`, await formatted(root, `${set.dir}/examples.ts`, examplesText(set, list)));
    }
    return out;
}
