/**
 * Facts read from the TypeScript source without compiling it: the members of the components' args
 * interfaces and output properties, with their doc comments. Parsing only (no type checker), so the
 * docs test stays fast; the same doc comments are what Pulumi's schema analyzer publishes.
 */
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

export interface Member {
    name: string;
    type: string;
    optional: boolean;
    doc: string;
}

const files = new Map<string, ts.SourceFile>();

function tsFiles(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e): string[] => {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) {
            return tsFiles(p);
        }
        return e.name.endsWith(".ts") && !e.name.endsWith(".test.ts") ? [p] : [];
    });
}

function sourceFiles(dir: string): ts.SourceFile[] {
    return tsFiles(dir)
        .sort()
        .map((p) => {
            let sf = files.get(p);
            if (sf === undefined) {
                sf = ts.createSourceFile(p, fs.readFileSync(p, "utf8"), ts.ScriptTarget.ES2020, true);
                files.set(p, sf);
            }
            return sf;
        });
}

/** `pulumi.Input<pulumi.Input<string>[]>` reads `string[]`; `{ [k: string]: X }` reads `map<X>`. */
export function plainType(text: string): string {
    let t = text.replace(/\s+/g, " ").trim();
    for (let prev = ""; prev !== t;) {
        prev = t;
        t = t.replace(/pulumi\.(?:Input|Output)<([^<>]*(?:<[^<>]*>[^<>]*)*)>/g, "$1");
        t = t.replace(/\{ \[\w+: string\]: ([^{}]+?) \}/g, "map<$1>");
    }
    return t;
}

function docOf(node: ts.Node): string {
    const docs = (node as { jsDoc?: ts.JSDoc[] }).jsDoc ?? [];
    return docs
        .map((d) => ts.getTextOfJSDocComment(d.comment) ?? "")
        .join(" ")
        .replace(/\s+/g, " ")
        .trim();
}

function memberOf(m: ts.TypeElement | ts.ClassElement): Member | undefined {
    if (!(ts.isPropertySignature(m) || ts.isPropertyDeclaration(m)) || m.type === undefined) {
        return undefined;
    }
    return { name: m.name.getText(), type: plainType(m.type.getText()), optional: m.questionToken !== undefined, doc: docOf(m) };
}

function findDeclaration(dir: string, name: string): ts.InterfaceDeclaration | ts.ClassDeclaration {
    for (const sf of sourceFiles(dir)) {
        for (const s of sf.statements) {
            if ((ts.isInterfaceDeclaration(s) || ts.isClassDeclaration(s)) && s.name?.text === name) {
                return s;
            }
        }
    }
    throw new Error(`scripts/docs: no interface or class ${name} under ${dir}`);
}

/** The documented properties of an interface (every member) or a class (its public readonly fields). */
export function membersOf(dir: string, name: string): Member[] {
    const decl = findDeclaration(dir, name);
    const members: ReadonlyArray<ts.TypeElement | ts.ClassElement> = decl.members;
    return members
        .filter((m) => !ts.isClassDeclaration(decl) || (ts.getCombinedModifierFlags(m as ts.Declaration) & ts.ModifierFlags.Public) !== 0)
        .map(memberOf)
        .filter((m): m is Member => m !== undefined);
}

/** The doc comment of a class or interface itself. */
export function docOfDeclaration(dir: string, name: string): string {
    return docOf(findDeclaration(dir, name));
}
