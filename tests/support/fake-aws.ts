/**
 * A stand-in `aws` executable for running generated scripts offline: it logs every call and keeps a
 * tiny IAM (OIDC providers and roles) in a JSON file, answering lookups the way the real CLI does
 * (NoSuchEntity on stderr, exit 254).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const FAKE_AWS = `#!/usr/bin/env node
const fs = require("fs");
const args = process.argv.slice(2);
fs.appendFileSync(process.env.FAKE_AWS_LOG, JSON.stringify(args) + "\\n");
const state = JSON.parse(fs.readFileSync(process.env.FAKE_AWS_STATE, "utf8"));
const save = () => fs.writeFileSync(process.env.FAKE_AWS_STATE, JSON.stringify(state));
const opt = (name) => { const i = args.indexOf(name); return i < 0 ? undefined : args[i + 1]; };
const missing = (op) => { process.stderr.write("\\nAn error occurred (NoSuchEntity) when calling the " + op + " operation: not found\\n"); process.exit(254); };
const [service, command] = args;
const { account, partition } = state;
if (service === "sts" && command === "get-caller-identity") {
    process.stdout.write(account + "\\tarn:" + partition + ":iam::" + account + ":user/admin\\n");
} else if (command === "get-open-id-connect-provider") {
    if (!state.providers.includes(opt("--open-id-connect-provider-arn"))) missing("GetOpenIDConnectProvider");
    process.stdout.write("{}\\n");
} else if (command === "create-open-id-connect-provider") {
    state.providers.push("arn:" + partition + ":iam::" + account + ":oidc-provider/" + opt("--url").replace(/^https:\\/\\//, ""));
    save();
    process.stdout.write("{}\\n");
} else if (command === "get-role") {
    const name = opt("--role-name");
    if (!state.roles.includes(name)) missing("GetRole");
    process.stdout.write(opt("--query") ? "arn:" + partition + ":iam::" + account + ":role/" + name + "\\n" : "{}\\n");
} else if (command === "create-role") {
    state.roles.push(opt("--role-name"));
    save();
    process.stdout.write("{}\\n");
}
`;

export interface FakeIam {
    account: string;
    partition: string;
    providers: string[];
    roles: string[];
}

export interface ScriptRun {
    code: number;
    stdout: string;
    stderr: string;
    /** Every aws call, in order, as its argument list. */
    calls: string[][];
    state: FakeIam;
}

export function runScript(script: string, iam: Partial<FakeIam> = {}, previous?: FakeIam): ScriptRun {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fake-aws-"));
    const bin = path.join(dir, "bin");
    fs.mkdirSync(bin);
    fs.writeFileSync(path.join(bin, "aws"), FAKE_AWS, { mode: 0o755 });
    const stateFile = path.join(dir, "state.json");
    const state: FakeIam = previous ?? { account: "111122223333", partition: "aws", providers: [], roles: [], ...iam };
    fs.writeFileSync(stateFile, JSON.stringify(state));
    const log = path.join(dir, "calls.jsonl");
    fs.writeFileSync(log, "");
    fs.writeFileSync(path.join(dir, "script.sh"), script);
    const r = spawnSync("bash", [path.join(dir, "script.sh")], {
        cwd: dir,
        encoding: "utf8",
        env: { PATH: `${bin}:${process.env.PATH}`, FAKE_AWS_LOG: log, FAKE_AWS_STATE: stateFile, HOME: dir },
    });
    const calls = fs
        .readFileSync(log, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l) as string[]);
    return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, calls, state: JSON.parse(fs.readFileSync(stateFile, "utf8")) };
}

export function bashSyntaxCheck(script: string): { ok: boolean; stderr: string } {
    const r = spawnSync("bash", ["-n"], { input: script, encoding: "utf8" });
    return { ok: r.status === 0, stderr: r.stderr };
}

/** The value after `flag` in one call's arguments. */
export function arg(call: string[], flag: string): string | undefined {
    const i = call.indexOf(flag);
    return i < 0 ? undefined : call[i + 1];
}
