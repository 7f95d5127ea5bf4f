/**
 * A real IAM, STS and Organizations endpoint for the tests: moto in server mode (`moto_server`), on a
 * free loopback port, with fake credentials. `.ci/run` installs moto and the AWS CLI v1 into
 * `.venv-moto/` (scripts/install-moto.sh); a developer runs that script once. Each test file starts its
 * own server and resets its state between tests (`POST /moto-api/reset`), so nothing leaks between files.
 *
 * moto speaks the real wire protocols (query protocol with URL-encoded documents for IAM and STS, JSON
 * for Organizations), pages with Marker/NextToken, answers with AWS's error codes and keeps state per
 * account. It does not throttle, expire tokens or implement iam:SimulatePrincipalPolicy: for throttling
 * and expired tokens `startFaultProxy` sits between the SDK and moto and answers chosen calls with the
 * error AWS sends, over HTTP, so the SDK's own retry strategy and error parsing run.
 */
import { ChildProcess, spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as http from "http";
import * as net from "net";
import * as path from "path";
import { IAMClient } from "@aws-sdk/client-iam";

// The SDK's notice that its 2027 releases need Node 22 would otherwise land on the tests' standard error.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

const REPO = path.resolve(__dirname, "../..");
const VENV_BIN = path.join(REPO, ".venv-moto", "bin");

/** A tool from .venv-moto/ (what .ci/run installs), else from PATH. */
export function toolPath(name: "moto_server" | "aws"): string {
    const venv = path.join(VENV_BIN, name);
    if (fs.existsSync(venv)) {
        return venv;
    }
    const found = spawnSync("bash", ["-c", `command -v ${name}`], { encoding: "utf8" }).stdout.trim();
    if (found === "") {
        throw new Error(`${name} is not installed: run bash scripts/install-moto.sh (what .ci/run does) to put it into .venv-moto/`);
    }
    return found;
}

async function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = net.createServer();
        server.unref();
        server.on("error", reject);
        server.listen(0, "127.0.0.1", () => {
            const port = (server.address() as net.AddressInfo).port;
            server.close(() => resolve(port));
        });
    });
}

/** The fake credentials moto accepts while its IAM authorization is off; its default account is 123456789012. */
export const FAKE_CREDENTIALS = { accessKeyId: "testing", secretAccessKey: "testing" };
export const DEFAULT_ACCOUNT = "123456789012";

async function post(url: string, body = ""): Promise<string> {
    const res = await fetch(url, { method: "POST", body });
    const text = await res.text();
    if (!res.ok) {
        throw new Error(`POST ${url}: ${res.status} ${text}`);
    }
    return text;
}

export class Moto {
    private constructor(
        private readonly child: ChildProcess,
        readonly endpoint: string,
        private readonly log: () => string,
    ) {}

    static async start(): Promise<Moto> {
        const port = await freePort();
        const child = spawn(toolPath("moto_server"), ["-H", "127.0.0.1", "-p", String(port)], {
            stdio: ["ignore", "pipe", "pipe"],
            env: { ...process.env, MOTO_ALLOW_NONEXISTENT_REGION: "true" },
        });
        let log = "";
        child.stdout?.on("data", () => undefined);
        child.stderr?.on("data", (d) => (log = (log + String(d)).slice(-4000)));
        const moto = new Moto(child, `http://127.0.0.1:${port}`, () => log);
        const deadline = Date.now() + 30_000;
        while (Date.now() < deadline) {
            if (child.exitCode !== null) {
                throw new Error(`moto_server exited with ${child.exitCode}: ${log}`);
            }
            try {
                const res = await fetch(`${moto.endpoint}/moto-api/`);
                if (res.ok) {
                    return moto;
                }
            } catch {
                // not listening yet
            }
            await new Promise((r) => setTimeout(r, 100));
        }
        moto.stop();
        throw new Error(`moto_server did not start on port ${port}: ${log}`);
    }

    private static sharedServer: Promise<Moto> | undefined;

    /**
     * One moto server for every test file of this process (`npm test` runs the moto files one after
     * another in one process): started by the first file that asks, reset by each, stopped when the process
     * exits. It holds no reference that keeps the process alive, so mocha ends as before.
     */
    static async shared(): Promise<Moto> {
        Moto.sharedServer ??= Moto.start().then((moto) => {
            moto.child.unref();
            for (const stream of [moto.child.stdout, moto.child.stderr]) {
                (stream as unknown as { unref?: () => void } | null)?.unref?.();
            }
            process.once("exit", () => moto.stop());
            return moto;
        });
        const moto = await Moto.sharedServer;
        await moto.reset();
        return moto;
    }

    /** Forget every account's state. */
    async reset(): Promise<void> {
        await post(`${this.endpoint}/moto-api/reset`);
        await this.authorization(false);
    }

    /**
     * moto's IAM authorization: off (its default) every signed request is allowed; on, each request
     * must be signed with an access key IAM knows, and the caller's policies (for sts:AssumeRole, also
     * the role's trust policy when the role is in the caller's account) must allow it.
     */
    async authorization(on: boolean): Promise<void> {
        await post(`${this.endpoint}/moto-api/reset-auth`, on ? "0" : "inf");
    }

    /** The environment an AWS CLI or SDK process needs to reach this moto with fake credentials. */
    env(extra: Record<string, string> = {}): Record<string, string> {
        return awsEnv(this.endpoint, extra);
    }

    iam(credentials = FAKE_CREDENTIALS): IAMClient {
        return new IAMClient({ region: "us-east-1", endpoint: this.endpoint, credentials });
    }

    serverLog(): string {
        return this.log();
    }

    stop(): void {
        if (this.child.exitCode === null) {
            this.child.kill("SIGTERM");
        }
    }
}

/** AWS_* settings that point the SDK and the AWS CLI at `endpoint`, with no shared config or instance metadata. */
function awsEnv(endpoint: string, extra: Record<string, string> = {}): Record<string, string> {
    return {
        AWS_ENDPOINT_URL: endpoint,
        AWS_ACCESS_KEY_ID: FAKE_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: FAKE_CREDENTIALS.secretAccessKey,
        AWS_REGION: "us-east-1",
        AWS_DEFAULT_REGION: "us-east-1",
        AWS_CONFIG_FILE: "/dev/null",
        AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
        AWS_EC2_METADATA_DISABLED: "true",
        AWS_PAGER: "",
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
        ...extra,
    };
}

const AWS_VARIABLES = /^AWS_/;

/**
 * Runs `fn` (the CLI in this process) with exactly these AWS_* variables: every other AWS_* variable
 * of the machine is hidden for the duration, and all are put back after.
 */
export async function withAwsEnv<T>(env: Record<string, string>, fn: () => Promise<T>): Promise<T> {
    const saved: Record<string, string | undefined> = {};
    for (const key of Object.keys(process.env).filter((k) => AWS_VARIABLES.test(k))) {
        saved[key] = process.env[key];
        delete process.env[key];
    }
    for (const [key, value] of Object.entries(env)) {
        saved[key] ??= process.env[key];
        process.env[key] = value;
    }
    try {
        return await fn();
    } finally {
        for (const [key, value] of Object.entries(saved)) {
            if (value === undefined) {
                delete process.env[key];
            } else {
                process.env[key] = value;
            }
        }
        for (const key of Object.keys(env)) {
            if (!(key in saved)) {
                delete process.env[key];
            }
        }
    }
}

/** The operation of a request: `Action=` of the query protocol (IAM, STS) or X-Amz-Target of JSON (Organizations). */
function operationOf(req: http.IncomingMessage, body: string): string {
    const target = req.headers["x-amz-target"];
    if (typeof target === "string") {
        return target.split(".").pop() ?? "";
    }
    return new URLSearchParams(body).get("Action") ?? new URL(req.url ?? "/", "http://x").searchParams.get("Action") ?? "";
}

export interface Fault {
    status: number;
    code: string;
    message: string;
}

/** Chooses the error AWS would send for a request, or undefined to pass it to moto. */
export type FaultRule = (operation: string, body: string) => Fault | undefined;

export const THROTTLING: Fault = { status: 400, code: "Throttling", message: "Rate exceeded" };
export const EXPIRED_TOKEN: Fault = { status: 403, code: "ExpiredToken", message: "The security token included in the request is expired" };

function faultBody(req: http.IncomingMessage, fault: Fault): { type: string; body: string } {
    if (typeof req.headers["x-amz-target"] === "string") {
        return { type: "application/x-amz-json-1.1", body: JSON.stringify({ __type: fault.code, message: fault.message }) };
    }
    return {
        type: "text/xml",
        body: `<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>${fault.code}</Code><Message>${fault.message}</Message></Error><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ErrorResponse>`,
    };
}

export interface FaultProxy {
    endpoint: string;
    /** Every operation that reached the proxy, in order, with whether it was answered with a fault. */
    calls: { operation: string; fault?: string }[];
    close(): Promise<void>;
}

/** An HTTP proxy on a loopback port that answers what `rule` picks with AWS's error and forwards the rest to moto. */
export async function startFaultProxy(target: string, rule: FaultRule): Promise<FaultProxy> {
    const calls: FaultProxy["calls"] = [];
    const server = http.createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on("data", (c: Buffer) => chunks.push(c));
        req.on("end", () => {
            const raw = Buffer.concat(chunks);
            const operation = operationOf(req, raw.toString("utf8"));
            const fault = rule(operation, raw.toString("utf8"));
            calls.push({ operation, ...(fault ? { fault: fault.code } : {}) });
            if (fault) {
                const { type, body } = faultBody(req, fault);
                res.writeHead(fault.status, { "content-type": type, "x-amzn-errortype": fault.code });
                res.end(body);
                return;
            }
            const upstream = http.request(`${target}${req.url}`, { method: req.method, headers: req.headers }, (up) => {
                res.writeHead(up.statusCode ?? 502, up.headers);
                up.pipe(res);
            });
            upstream.on("error", (e) => {
                res.writeHead(502);
                res.end(String(e));
            });
            upstream.end(raw);
        });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as net.AddressInfo).port;
    return {
        endpoint: `http://127.0.0.1:${port}`,
        calls,
        close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    };
}
