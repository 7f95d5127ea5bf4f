/**
 * The real Pulumi engine for the engine suite: the CLI, language hosts and stand-in aws plugin that
 * scripts/build-engine.sh builds into .engine-bin/, a local file backend and a Pulumi home in a fresh
 * temporary folder, and AWS calls sent to a moto server. docs/engine.md says what this proves.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Moto } from "../../tests/support/moto";

export const ROOT = path.resolve(__dirname, "../..");
export const BIN = path.join(ROOT, ".engine-bin");
export const POLICY_PACK = path.join(ROOT, "policy-pack");
/** The stand-in aws plugin, outside PATH: the engine takes it from the Pulumi home it is installed into. */
const STAND_IN = path.join(BIN, "plugins", "pulumi-resource-aws");
/** What a project folder links to: the stack program and everything it loads. */
const PROJECT_ENTRIES = ["components", "rules", "stack.ts", "index.ts", "package.json", "tsconfig.json", "node_modules"];
const RUN_TIMEOUT_MS = 240_000;

export interface RunResult {
    code: number;
    stdout: string;
    stderr: string;
    /** stdout and stderr together, for messages the engine may print on either. */
    output: string;
}

function requireBinaries(cli: string): void {
    for (const file of [cli, path.join(BIN, "pulumi-language-nodejs"), STAND_IN]) {
        if (!fs.existsSync(file)) {
            throw new Error(`${file} is missing: run bash scripts/build-engine.sh (npm run test:engine does)`);
        }
    }
}

function awsVersion(): string {
    return JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules/@pulumi/aws/package.json"), "utf8")).version;
}

export class Engine {
    readonly dir: string;
    readonly env: NodeJS.ProcessEnv;

    private constructor(
        readonly moto: Moto,
        readonly cli: string,
    ) {
        this.dir = fs.mkdtempSync(path.join(os.tmpdir(), "warp-engine-"));
        fs.mkdirSync(path.join(this.dir, "state"));
        const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(AWS_|PULUMI_|TS_NODE_)/.test(k)));
        this.env = {
            ...inherited,
            ...moto.env(),
            PATH: `${path.dirname(cli)}${path.delimiter}${BIN}${path.delimiter}${process.env.PATH}`,
            PULUMI_HOME: path.join(this.dir, "home"),
            PULUMI_BACKEND_URL: `file://${path.join(this.dir, "state")}`,
            PULUMI_CONFIG_PASSPHRASE: "engine-tests",
            PULUMI_SKIP_UPDATE_CHECK: "true",
            PULUMI_SKIP_CONFIRMATIONS: "true",
            PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
            PULUMI_NODEJS_TRANSPILE_ONLY: "true",
            NO_COLOR: "1",
        };
    }

    /** A Pulumi home with the stand-in installed as the aws plugin the program's @pulumi/aws asks for. */
    static async start(moto: Moto, cli = path.join(BIN, "pulumi")): Promise<Engine> {
        requireBinaries(cli);
        const engine = new Engine(moto, cli);
        const r = await engine.pulumi(engine.dir, "plugin", "install", "resource", "aws", awsVersion(), "--file", STAND_IN);
        if (r.code !== 0) {
            throw new Error(`installing the stand-in aws plugin failed: ${r.output}`);
        }
        return engine;
    }

    /**
     * A project folder: this repository's Pulumi.yaml (or `pulumiYaml`), links to the stack program and
     * its sources, and `files` (a program beside it, stack config files).
     */
    project(name: string, files: Record<string, string> = {}, pulumiYaml?: string): string {
        const dir = path.join(this.dir, "projects", name);
        fs.mkdirSync(dir, { recursive: true });
        for (const entry of PROJECT_ENTRIES) {
            fs.symlinkSync(path.join(ROOT, entry), path.join(dir, entry));
        }
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), pulumiYaml ?? fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8"));
        for (const [file, text] of Object.entries(files)) {
            fs.writeFileSync(path.join(dir, file), text);
        }
        return dir;
    }

    /** Runs the CLI in `cwd`; never throws on a non-zero exit. */
    pulumi(cwd: string, ...args: string[]): Promise<RunResult> {
        return run(this.cli, args, cwd, this.env);
    }

    /** `pulumi stack init STACK` with the example's (or given) config file in place. */
    async initStack(cwd: string, stack: string, configYaml: string): Promise<void> {
        fs.writeFileSync(path.join(cwd, `Pulumi.${stack}.yaml`), configYaml);
        const r = await this.pulumi(cwd, "stack", "init", stack, "--non-interactive");
        if (r.code !== 0) {
            throw new Error(`pulumi stack init ${stack}: ${r.output}`);
        }
    }

    async up(cwd: string, stack: string, ...extra: string[]): Promise<RunResult> {
        return this.pulumi(cwd, "up", "--stack", stack, "--yes", "--skip-preview", "--non-interactive", ...extra);
    }

    async preview(cwd: string, stack: string, ...extra: string[]): Promise<RunResult> {
        return this.pulumi(cwd, "preview", "--stack", stack, "--non-interactive", ...extra);
    }

    async outputs(cwd: string, stack: string): Promise<Record<string, unknown>> {
        const r = await this.pulumi(cwd, "stack", "output", "--stack", stack, "--json", "--show-secrets");
        if (r.code !== 0) {
            throw new Error(`pulumi stack output: ${r.output}`);
        }
        return JSON.parse(r.stdout);
    }

    cleanup(): void {
        fs.rmSync(this.dir, { recursive: true, force: true });
    }
}

export function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<RunResult> {
    return new Promise((resolve, reject) => {
        const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        let output = "";
        child.stdout.on("data", (d) => ((stdout += d), (output += d)));
        child.stderr.on("data", (d) => ((stderr += d), (output += d)));
        const timer = setTimeout(() => child.kill("SIGKILL"), RUN_TIMEOUT_MS);
        child.on("error", reject);
        child.on("close", (code) => {
            clearTimeout(timer);
            resolve({ code: code ?? -1, stdout, stderr, output });
        });
    });
}

/** An example stack file of this repository. */
export function exampleConfig(stack: string): string {
    return fs.readFileSync(path.join(ROOT, "examples", `Pulumi.${stack}.yaml`), "utf8");
}
