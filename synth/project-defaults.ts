/**
 * The Pulumi CLI fills every key that Pulumi.yaml declares with its default when the stack file leaves
 * it unset; synth must hand the program the same config. Pulumi.yaml ships in the npm package, so the
 * installed `warp-bedrock synth` reads the defaults of the version it runs.
 */
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { PROJECT_NAME as PROJECT } from "../rules/constants";

/** The package root: from synth/ in a checkout, from dist/synth/ when compiled. */
function packageRoot(): string | undefined {
    for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
        const manifest = path.join(dir, "package.json");
        if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, "utf8")).name === PROJECT) {
            return dir;
        }
    }
    return undefined;
}

/** `project:key` to the default as the CLI passes it: text as is, anything else as JSON. */
export function projectConfigDefaults(): Record<string, string> {
    const root = packageRoot();
    const file = root && path.join(root, "Pulumi.yaml");
    if (!file || !fs.existsSync(file)) {
        return {};
    }
    const project = YAML.parse(fs.readFileSync(file, "utf8")) as { config?: Record<string, { default?: unknown }> };
    const defaults: Record<string, string> = {};
    for (const [key, declaration] of Object.entries(project.config ?? {})) {
        const value = declaration && typeof declaration === "object" ? declaration.default : undefined;
        if (value !== undefined) {
            defaults[key.includes(":") ? key : `${PROJECT}:${key}`] = typeof value === "string" ? value : JSON.stringify(value);
        }
    }
    return defaults;
}
