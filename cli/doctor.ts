/**
 * `warp-bedrock doctor ROLE_ARN`: why Warp gets AccessDenied through one role. Offline from an
 * authorization-details file, or live (where it also asks iam:SimulatePrincipalPolicy, and says so).
 * Exit codes: 0 every check that ran passed, 1 one failed (a role that admits others or may do more, too), 2 bad input or no credentials.
 */
import type { CliIO } from "./command";
import { UsageError, all, formatOf, one, parseOptions, runCommand } from "./command";
import { DoctorCheck, DoctorReport, WARP_SESSION_SECONDS, diagnoseRole, finishReport } from "../account/doctor";
import { simulate } from "../account/load-live";
import { SOURCE_OPTIONS, SOURCE_USAGE, loadAccount } from "./account-source";
import { assertModelId, assertRegion } from "../rules/aws-names";
import { ValidationError } from "../rules/errors";
import { uidProblem } from "../rules/subject";
import type { PlannedRequest } from "../account/bedrock-requests";
import type { IAMClient } from "@aws-sdk/client-iam";

export const DOCTOR_USAGE = `usage: warp-bedrock doctor ROLE_ARN [options]

Diagnoses why a Bedrock call from Warp through the role fails: the role exists;
the account's OIDC provider for the issuer has client ID sts.amazonaws.com; the
trust policy admits the team's people and/or named agents; the permissions allow
bedrock:InvokeModel and InvokeModelWithResponseStream for the model in the region
(for a cross-region inference profile, also the foundation model in every
destination region); no permissions boundary or Deny cuts them; the session
duration covers the ${WARP_SESSION_SECONDS} seconds Warp requests. Live, it also asks
iam:SimulatePrincipalPolicy.

${SOURCE_USAGE}
                                (live: also the SDK's region)

options:
  --team UID                  the team whose tokens should get in (default: the
                              team the trust policy admits)
  --agent UID                 a named agent (service account) that should get in
                              (repeatable); with it, people are checked only with --people
  --people                    check the team's people too when --agent is given
  --issuer HOST               the Warp issuer (default: the one the trust names)
  --model ID                  model ID or inference profile ID Warp calls
                              (for example us.anthropic.claude-sonnet-4-20250514-v1:0)
  --region REGION             the region Warp calls Bedrock in
  --destination-region R      a destination region of the inference profile
                              (repeatable; default AWS's published list)
  --format text|json          output format (default text)
  -h, --help                  show this help

A role whose trust policy also admits others (another team, any audience, another
issuer or principal) fails the check "the trust policy admits no one else", and a role
that may do more than invoke Bedrock models fails "the permissions allow nothing beyond
invoking Bedrock models", even when Warp gets in: run warp-bedrock audit for every finding.

exit status: 0 every check that ran passed, 1 a check failed (a role that admits
others or may do more included), 2 bad input (a role that does not exist included) or
no credentials
`;

const OPTIONS = {
    ...SOURCE_OPTIONS,
    "--team": { value: true },
    "--agent": { value: true, repeat: true },
    "--people": {},
    "--issuer": { value: true },
    "--model": { value: true },
    "--destination-region": { value: true, repeat: true },
    "--format": { value: true },
} as const;

const MARK: Record<DoctorCheck["status"], string> = { pass: "pass   ", fail: "FAIL   ", "not-run": "not run" };

export function formatDoctorText(report: DoctorReport): string {
    const out = [`warp-bedrock doctor: ${report.role} (${report.source === "live" ? "live account" : "authorization-details file"})`, ""];
    for (const c of report.checks) {
        out.push(`${MARK[c.status]}  ${c.title}`);
        out.push(`         ${c.detail}`);
        if (c.status !== "pass" && c.fix) {
            out.push(`         ${c.status === "fail" ? "fix" : "to run it"}: ${c.fix}`);
        }
    }
    const failed = report.checks.filter((c) => c.status === "fail").length;
    const skipped = report.checks.filter((c) => c.status === "not-run").length;
    out.push("", `${report.checks.length - failed - skipped} passed, ${failed} failed, ${skipped} not run`);
    return `${out.join("\n")}\n`;
}

function validUid(flag: string, value: string): string {
    const problem = uidProblem(value);
    if (problem !== undefined) {
        throw new UsageError(`${flag}: ${problem}`);
    }
    return value;
}

/**
 * Why the simulator could not be asked, in one line: AccessDenied, an endpoint that does not answer as IAM
 * does (an HTML page or XML the SDK cannot parse: never echoed), or the error's code.
 */
function simulatorNotAsked(e: unknown): string {
    const code = (e as { code?: string; name?: string })?.code ?? (e as { name?: string })?.name ?? "Error";
    const message = e instanceof Error ? e.message : String(e);
    if (/AccessDenied/.test(code)) {
        return "not asked: the caller may not call iam:SimulatePrincipalPolicy (AccessDenied)";
    }
    if (/^(Error|SyntaxError|TypeError|AwsReadError)$/.test(code) || /[<>]|Deserializ|not expected|Unexpected|parse/i.test(message)) {
        return "not asked: the endpoint did not answer as IAM does (it may not implement iam:SimulatePrincipalPolicy)";
    }
    return `not asked: iam:SimulatePrincipalPolicy failed with ${code.replace(/[^\w.:-]/g, "?").slice(0, 80)}`;
}

async function simulationCheck(client: IAMClient, roleArn: string, requests: readonly PlannedRequest[]): Promise<DoctorCheck> {
    const title = "IAM's policy simulator (iam:SimulatePrincipalPolicy) allows the calls";
    const denied: string[] = [];
    // One call per context: the destination-region requests carry bedrock:InferenceProfileArn.
    const groups = new Map<string, PlannedRequest[]>();
    for (const r of requests) {
        const key = JSON.stringify(r.context);
        groups.set(key, [...(groups.get(key) ?? []), r]);
    }
    for (const [, rs] of groups) {
        let results;
        try {
            results = await simulate(
                client,
                roleArn,
                [...new Set(rs.map((r) => r.action))],
                [...new Set(rs.map((r) => r.resource))],
                rs[0].context,
            );
        } catch (e) {
            // An endpoint without the simulator (a local IAM, a caller without iam:SimulatePrincipalPolicy):
            // the check did not run, which is neither a pass nor a failure.
            return {
                id: "iam-simulation",
                title,
                status: "not-run",
                detail: simulatorNotAsked(e),
                fix: "Allow iam:SimulatePrincipalPolicy to the caller, against an endpoint that implements it",
            };
        }
        denied.push(...results.filter((x) => x.decision !== "allowed").map((x) => `${x.action} on ${x.resource}: ${x.decision}`));
    }
    return denied.length === 0
        ? {
              id: "iam-simulation",
              title,
              status: "pass",
              detail: `asked live: ${requests.length} request(s) allowed (the simulator does not see service control policies)`,
              fix: "",
          }
        : {
              id: "iam-simulation",
              title,
              status: "fail",
              detail: `asked live: ${denied.slice(0, 4).join("; ")}${denied.length > 4 ? `; and ${denied.length - 4} more` : ""}`,
              fix: "See the permissions checks above for the statements to change",
          };
}

export async function runDoctor(argv: string[], io: CliIO): Promise<number> {
    return runCommand("doctor", io, async () => {
        const args = parseOptions(argv, OPTIONS);
        if (args.help) {
            io.out(DOCTOR_USAGE);
            return 0;
        }
        if (args.positionals.length !== 1) {
            throw new UsageError(
                args.positionals.length === 0 ? "ROLE_ARN is required" : `one ROLE_ARN only, got ${args.positionals.length} arguments`,
            );
        }
        const format = formatOf(args, ["text", "json"] as const);
        const region = one(args, "--region");
        try {
            if (region !== undefined) {
                assertRegion(region, "--region");
            }
            all(args, "--destination-region").forEach((r) => assertRegion(r, "--destination-region"));
            all(args, "--model").forEach((m) => assertModelId(m, "--model"));
        } catch (e) {
            throw new UsageError(e instanceof ValidationError ? e.message : String(e));
        }
        const team = one(args, "--team");
        const options = {
            role: args.positionals[0],
            ...(one(args, "--issuer") ? { issuer: one(args, "--issuer") } : {}),
            ...(team !== undefined ? { team: validUid("--team", team) } : {}),
            agents: all(args, "--agent").map((a) => validUid("--agent", a)),
            people: args.flags.has("--people"),
            ...(one(args, "--model") ? { model: one(args, "--model") } : {}),
            ...(region ? { region } : {}),
            destinationRegions: all(args, "--destination-region"),
            requestedSessionSeconds: WARP_SESSION_SECONDS,
        };
        const loaded = await loadAccount(args);
        const diagnosis = diagnoseRole(loaded.snapshot, options);
        if (diagnosis.role === undefined) {
            // A role that does not exist is bad input, like a file that is not JSON: the reason alone, on stderr.
            const [missing] = diagnosis.report.checks;
            io.err(`warp-bedrock doctor: ${missing.detail}\nFix: ${missing.fix ?? ""}\n`);
            return 2;
        }
        let report = diagnosis.report;
        if (loaded.client && diagnosis.role && diagnosis.requests.length > 0) {
            const sim = await simulationCheck(loaded.client, diagnosis.role.arn, diagnosis.requests);
            report = finishReport(report.role, report.source, [...report.checks, sim]);
        }
        io.out(format === "json" ? `${JSON.stringify(report, null, 2)}\n` : formatDoctorText(report));
        return report.exitCode;
    });
}
