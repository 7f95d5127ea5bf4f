/**
 * The pack's policies, imported from their own modules (never policy-pack/index.ts, which starts a
 * server), run in-process with the policy server's semantics (policy-pack/in-process.ts): each rule
 * violated and passed, unknowns in preview, config and enforcement levels, stack-wide linking, and the
 * pack over everything the component registers under the SDK mocks.
 */
import * as assert from "assert";
import { Policies } from "@pulumi/policy";
import { Diagnostic, AnalyzedResource, PackConfig, analyzeAll, analyzeResource, analyzeStack } from "../policy-pack/in-process";
import { policies } from "../policy-pack/policies";
import { trustPolicyUnknown } from "../policy-pack/policies/trust-policy-unknown";
import { roleMaxSessionDuration } from "../policy-pack/policies/role-max-session-duration";
import { roleBedrockPermissionsOnly } from "../policy-pack/policies/role-bedrock-permissions-only";
import { oidcProviderClientId } from "../policy-pack/policies/oidc-provider-client-id";
import { UNKNOWN_STRING } from "../policy-pack/policies/resource-values";
import type { RuleName } from "../rules/findings";
import { RULE_NAMES } from "../rules/registry";
import { TRUST_RULES } from "../rules/registry";
import type { TrustConfigKey } from "../rules/trust-rules/rule";
import { installMocks, resolveOutput, settle } from "../synth/mock-deployment";
import { TeamBedrockAccess, TeamBedrockAccessArgs } from "../components";
import { RESOURCE_TYPES } from "../rules/constants";
import {
    BEDROCK_POLICY,
    PROD_PROVIDER,
    attachment,
    managedPolicy,
    oidcProvider,
    role,
    rolePolicy,
    trustPolicy,
    urnOf,
} from "./support/resources";

const TEAM_CONFIG: PackConfig = { "warp-trust-team-allowlist": { allowedTeamUids: ["TEAM_A"] } };

/** The pack's policy of this name: the trust policies are built from the registry's rules. */
function policy(name: RuleName): Policies[number] {
    const found = policies.find((p) => p.name === name);
    assert.ok(found, `the pack has no policy ${name}`);
    return found;
}
const trustAudience = policy("warp-trust-audience");
const trustSubject = policy("warp-trust-subject");
const trustTeamAllowlist = policy("warp-trust-team-allowlist");
const trustIssuerAllowlist = policy("warp-trust-issuer-allowlist");
const trustOtherPrincipals = policy("warp-trust-other-principals");
const trustIamValid = policy("warp-trust-iam-valid");
const trustPrincipalForm = policy("warp-trust-principal-form");
const trustSubjectForm = policy("warp-trust-subject-form");
const trustBrokenRole = policy("warp-trust-broken-role");

function only(policy: Policies[number], resource: AnalyzedResource, config: PackConfig = {}): Diagnostic[] {
    return analyzeResource(resource, { policies: [policy], config });
}

function assertOne(ds: Diagnostic[], policyName: string, level: string, ...fragments: string[]): Diagnostic {
    assert.strictEqual(ds.length, 1, `expected one diagnostic, got ${JSON.stringify(ds, null, 1)}`);
    const [d] = ds;
    assert.strictEqual(d.policyName, policyName);
    assert.strictEqual(d.enforcementLevel, level);
    for (const f of fragments) {
        assert.ok(d.message.includes(f), `message lacks ${JSON.stringify(f)}:\n${d.message}`);
    }
    return d;
}

describe("policy pack: policies", () => {
    it("has one policy per rule, the trust rules in the registry's order, each with a kebab-case name, description, remediation, config schema and level", () => {
        assert.deepStrictEqual(policies.map((p) => p.name).sort(), [...RULE_NAMES].sort());
        assert.deepStrictEqual(
            policies.slice(0, TRUST_RULES.length).map((p) => p.name),
            TRUST_RULES.map((r) => r.name),
        );
        for (const p of policies) {
            assert.match(p.name, /^[a-z]+(-[a-z]+)+$/);
            assert.ok(p.description.length > 30, p.name);
            assert.ok((p.remediationSteps ?? "").length > 20, p.name);
            assert.ok(p.configSchema && Object.keys(p.configSchema.properties).includes("warpIssuers"), p.name);
            assert.ok(p.enforcementLevel === "mandatory" || p.enforcementLevel === "advisory", p.name);
        }
        const advisory = policies
            .filter((p) => p.enforcementLevel === "advisory")
            .map((p) => p.name)
            .sort();
        assert.deepStrictEqual(advisory, [
            "warp-permissions-action-wildcard",
            "warp-permissions-broken-role",
            "warp-permissions-metadata-read",
            "warp-role-max-session-duration",
            "warp-trust-action-form",
            "warp-trust-broken-role",
            "warp-trust-policy-unknown",
            "warp-trust-policy-version",
            "warp-trust-principal-form",
            "warp-trust-subject-form",
        ]);
    });

    it("each trust policy publishes the config keys its rule reads", () => {
        for (const rule of TRUST_RULES) {
            const keys = Object.keys(policy(rule.name).configSchema?.properties ?? {}).sort();
            assert.deepStrictEqual(keys, [...new Set(["warpIssuers", ...rule.configKeys])].sort(), rule.name);
        }
    });

    describe("warp-trust-audience", () => {
        it("flags a statement without the aud condition with its witness, and says what to write", () => {
            const policy = trustPolicy();
            delete (policy.Statement as any)[0].Condition.StringEquals;
            assertOne(
                only(trustAudience, role("r", policy)),
                "warp-trust-audience",
                "mandatory",
                "role r",
                'Statement[0] (Sid "WarpTeamPeople")',
                "minted for another audience",
                'a token from app.warp.dev with sub "scoped_principal:TEAM_A/user:',
                '"StringEquals": {"app.warp.dev:aud": "sts.amazonaws.com"}',
            );
        });
        it("flags StringLike with a wildcard on aud", () => {
            const policy = trustPolicy("scoped_principal:TEAM_A/user:*", {
                Condition: {
                    StringLike: { "app.warp.dev:aud": "sts.amazonaws.com*", "app.warp.dev:sub": "scoped_principal:TEAM_A/user:*" },
                },
            });
            assertOne(only(trustAudience, role("r", policy)), "warp-trust-audience", "mandatory", 'aud "sts.amazonaws.com');
        });
        it("passes StringEquals sts.amazonaws.com, also when the document is an object rather than JSON text", () => {
            assert.deepStrictEqual(only(trustAudience, role("r", trustPolicy())), []);
            const asObject = role("r", trustPolicy());
            asObject.props.assumeRolePolicy = trustPolicy();
            assert.deepStrictEqual(only(trustAudience, asObject), []);
        });
    });

    describe("warp-trust-subject", () => {
        it("flags a token without sub getting in", () => {
            const policy = trustPolicy(undefined, {
                Condition: {
                    StringEquals: { "app.warp.dev:aud": "sts.amazonaws.com" },
                    StringLikeIfExists: { "app.warp.dev:sub": "scoped_principal:TEAM_A/user:*" },
                },
            });
            assertOne(
                only(trustSubject, role("r", policy)),
                "warp-trust-subject",
                "mandatory",
                "carries no sub claim",
                "a token from app.warp.dev with no sub claim",
            );
        });
        it("flags an actor type outside allowedActorTypes, which it reads from its own config", () => {
            const r = role("r", trustPolicy("scoped_principal:TEAM_A/*"));
            assert.deepStrictEqual(only(trustSubject, r), []);
            assertOne(
                only(trustSubject, r, { "warp-trust-subject": { allowedActorTypes: ["user"] } }),
                "warp-trust-subject",
                "mandatory",
                "scoped_principal:TEAM_A/service_account:",
                "allowedActorTypes in the policy's config",
            );
        });
        it("passes a team's users", () => {
            assert.deepStrictEqual(only(trustSubject, role("r", trustPolicy())), []);
        });
    });

    describe("warp-trust-team-allowlist", () => {
        it("is advisory while no allowlist is configured, naming the admitted team", () => {
            assertOne(
                only(trustTeamAllowlist, role("r", trustPolicy())),
                "warp-trust-team-allowlist",
                "advisory",
                "no team is configured",
                "admits team TEAM_A",
                "allowedTeamUids",
            );
        });
        it("flags a team outside the allowlist, with the other team's token as witness", () => {
            assertOne(
                only(trustTeamAllowlist, role("r", trustPolicy("scoped_principal:TEAM_B/user:*")), TEAM_CONFIG),
                "warp-trust-team-allowlist",
                "mandatory",
                "outside TEAM_A",
                'sub "scoped_principal:TEAM_B/user:',
            );
        });
        it("flags more than one team when none is configured", () => {
            assertOne(
                only(trustTeamAllowlist, role("r", trustPolicy("scoped_principal:*/user:*"))),
                "warp-trust-team-allowlist",
                "mandatory",
                "more than one team",
            );
        });
        it("passes an allowed team", () => {
            assert.deepStrictEqual(only(trustTeamAllowlist, role("r", trustPolicy()), TEAM_CONFIG), []);
        });
    });

    describe("warp-trust-issuer-allowlist", () => {
        const staging = role("r", trustPolicy("scoped_principal:TEAM_A/user:*", {}, "staging.warp.dev"));
        it("flags staging by default", () => {
            assertOne(
                only(trustIssuerAllowlist, staging),
                "warp-trust-issuer-allowlist",
                "mandatory",
                "a token from staging.warp.dev",
                "allowedIssuers",
            );
        });
        it("passes staging when the stack allows it, and production by default", () => {
            assert.deepStrictEqual(
                only(trustIssuerAllowlist, staging, {
                    "warp-trust-issuer-allowlist": { allowedIssuers: ["app.warp.dev", "staging.warp.dev"] },
                }),
                [],
            );
            assert.deepStrictEqual(only(trustIssuerAllowlist, role("r", trustPolicy())), []);
        });
    });

    describe("warp-trust-other-principals", () => {
        it("flags another account beside Warp's provider, whatever its sts:ExternalId", () => {
            const doc = trustPolicy();
            (doc.Statement as any[]).push({
                Effect: "Allow",
                Principal: { AWS: "arn:aws:iam::444455556666:root" },
                Action: "sts:AssumeRole",
                Condition: { StringEquals: { "sts:ExternalId": "x" } },
            });
            assertOne(
                only(trustOtherPrincipals, role("r", doc)),
                "warp-trust-other-principals",
                "mandatory",
                "role r, Statement[1]",
                "any principal in account 444455556666",
            );
        });
        it("ignores roles Warp cannot assume", () => {
            assert.deepStrictEqual(
                only(
                    trustOtherPrincipals,
                    role("x", {
                        Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::444455556666:root" }, Action: "sts:AssumeRole" }],
                    }),
                ),
                [],
            );
        });
    });

    describe("warp-trust-iam-valid", () => {
        it("flags NotPrincipal, which IAM refuses in a trust policy", () => {
            const r = role("r", trustPolicy(undefined, { Principal: undefined, NotPrincipal: { AWS: "arn:aws:iam::444455556666:root" } }));
            assertOne(only(trustIamValid, r), "warp-trust-iam-valid", "mandatory", "NotPrincipal");
        });
    });

    describe("convention rules are advisory and never block", () => {
        it('Principal "*" with Warp conditions: warp-trust-principal-form only', () => {
            const r = role("r", trustPolicy(undefined, { Principal: "*" }));
            const ds = analyzeResource(r, { config: TEAM_CONFIG });
            assertOne(ds, "warp-trust-principal-form", "advisory", 'Principal "*"', '"Federated"');
        });
        it("scoped_principal:<team>/*: warp-trust-subject-form, silenced by its own config", () => {
            const r = role("r", trustPolicy("scoped_principal:TEAM_A/*"));
            assertOne(only(trustSubjectForm, r), "warp-trust-subject-form", "advisory", "every actor type", "allowActorSpanningSubjects");
            assert.deepStrictEqual(only(trustSubjectForm, r, { "warp-trust-subject-form": { allowActorSpanningSubjects: true } }), []);
        });
        it("a broken role: conditions on another issuer's keys", () => {
            const r = role(
                "r",
                trustPolicy(undefined, {
                    Condition: {
                        StringEquals: { "staging.warp.dev:aud": "sts.amazonaws.com" },
                        StringLike: { "staging.warp.dev:sub": "scoped_principal:TEAM_A/user:*" },
                    },
                }),
            );
            assertOne(only(trustBrokenRole, r), "warp-trust-broken-role", "advisory", "admits no intended token");
        });
        it("a provider of another account: the role's own ARN tells the pack its account", () => {
            const other = trustPolicy(undefined, { Principal: { Federated: "arn:aws:iam::999999999999:oidc-provider/app.warp.dev" } });
            assertOne(only(trustBrokenRole, role("r", other)), "warp-trust-broken-role", "advisory", "a provider of account 999999999999");
            // Before the role exists its ARN is unknown: the provider's own account is assumed, and the role reads as Warp's.
            assert.deepStrictEqual(only(trustBrokenRole, role("r", other, { arn: undefined })), []);
        });
        it("an organisation can raise a convention to mandatory", () => {
            const r = role("r", trustPolicy(undefined, { Principal: "*" }));
            assertOne(
                only(trustPrincipalForm, r, { "warp-trust-principal-form": { enforcementLevel: "mandatory" } }),
                "warp-trust-principal-form",
                "mandatory",
            );
        });
    });

    describe("warp-trust-policy-unknown", () => {
        const unknown = role("r", "x");
        unknown.props.assumeRolePolicy = UNKNOWN_STRING;
        it("says so, as advisory, when the trust policy is unknown in preview; the other trust rules stay quiet", () => {
            const ds = analyzeResource(unknown);
            assertOne(ds, "warp-trust-policy-unknown", "advisory", "not known during preview", "pulumi up");
        });
        it("reports a partially unknown document too", () => {
            const partial = role("r", "x");
            partial.props.assumeRolePolicy = {
                ...trustPolicy(),
                Statement: [{ ...(trustPolicy().Statement as any)[0], Principal: { Federated: UNKNOWN_STRING } }],
            };
            assertOne(only(trustPolicyUnknown, partial), "warp-trust-policy-unknown", "advisory", "Statement[0].Principal.Federated");
        });
        it("is silent when the trust policy is known", () => {
            assert.deepStrictEqual(only(trustPolicyUnknown, role("r", trustPolicy())), []);
        });
    });

    describe("warp-role-max-session-duration", () => {
        it("flags a Warp-trusted role above the ceiling", () => {
            assertOne(
                only(roleMaxSessionDuration, role("r", trustPolicy(), { maxSessionDuration: 43200 })),
                "warp-role-max-session-duration",
                "advisory",
                "43200 seconds",
                "at most 3600",
            );
        });
        it("passes within a configured ceiling, and ignores roles Warp does not trust", () => {
            assert.deepStrictEqual(
                only(roleMaxSessionDuration, role("r", trustPolicy(), { maxSessionDuration: 43200 }), {
                    "warp-role-max-session-duration": { maxSessionDurationCeiling: 43200 },
                }),
                [],
            );
            const ec2 = role(
                "ec2",
                { Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }] },
                { maxSessionDuration: 43200 },
            );
            assert.deepStrictEqual(only(roleMaxSessionDuration, ec2), []);
            assert.deepStrictEqual(only(roleMaxSessionDuration, role("r", trustPolicy())), []);
        });
    });

    describe("warp-role-bedrock-permissions-only", () => {
        const stack = (...extra: AnalyzedResource[]) =>
            analyzeStack([role("warp", trustPolicy()), ...extra], { policies: [roleBedrockPermissionsOnly] });
        const exposure = (ds: ReturnType<typeof stack>) =>
            ds.filter((d) => d.policyName === "warp-role-bedrock-permissions-only" && d.enforcementLevel === "mandatory");
        it("flags bedrock:* on * through a RolePolicy, with a witness, on the RolePolicy", () => {
            const ds = stack(rolePolicy("rp", "warp", { Statement: [{ Effect: "Allow", Action: "bedrock:*", Resource: "*" }] }));
            assert.strictEqual(ds.length, 1);
            assertOne(
                ds,
                "warp-role-bedrock-permissions-only",
                "mandatory",
                "role warp via RolePolicy rp",
                "bedrock:PutModelInvocationLoggingConfiguration on *",
            );
            assert.strictEqual(ds[0].urn, urnOf(RESOURCE_TYPES.rolePolicy, "rp"));
        });
        it("routes a RolePolicy that names the role in another letter case (IAM role names are case-insensitive)", () => {
            const ds = stack(rolePolicy("rp", "WARP", { Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }));
            assert.strictEqual(exposure(ds).length, 1, JSON.stringify(ds));
        });
        it("judges AWS managed policies such as AdministratorAccess by their documents", () => {
            const ds = stack(attachment("admin", "warp", "arn:aws:iam::aws:policy/AdministratorAccess"));
            assertOne(ds, "warp-role-bedrock-permissions-only", "mandatory", "role warp via RolePolicyAttachment admin", "on *");
        });
        it("reads an aws.iam.Policy attached by ARN, and never calls its document missing", () => {
            const p = managedPolicy("s3", { Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/*" }] });
            const ds = stack(p, attachment("att", "warp", p.props.arn));
            assert.strictEqual(ds.length, 1);
            assert.ok(ds[0].message.includes("s3:GetObject on arn:aws:s3:::bucket/"), ds[0].message);
            assert.ok(!ds.some((d) => d.message.includes("not in this stack")));
        });
        it("links through propertyDependencies when a new role's name and policy ARN are unknown in preview", () => {
            const p = managedPolicy("wide", { Statement: [{ Effect: "Allow", NotAction: "iam:*", Resource: "*" }] }, UNKNOWN_STRING);
            const att = attachment("att", UNKNOWN_STRING, UNKNOWN_STRING, {
                propertyDependencies: { role: [urnOf(RESOURCE_TYPES.role, "warp")], policyArn: [p.urn] },
            });
            assert.strictEqual(exposure(stack(p, att)).length, 1);
        });
        it("checks the role's own inline and managed policies", () => {
            const ds = analyzeStack(
                [
                    role("warp", trustPolicy(), {
                        inlinePolicies: [
                            {
                                name: "extra",
                                policy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: "bedrock:InvokeAgent", Resource: "*" }] }),
                            },
                        ],
                        managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonBedrockFullAccess"],
                    }),
                ],
                { policies: [roleBedrockPermissionsOnly] },
            );
            assert.ok(ds.some((d) => d.message.includes("bedrock:InvokeAgent on arn:aws:bedrock:")));
            assert.ok(ds.some((d) => d.message.includes("AmazonBedrockFullAccess")));
        });
        it("notes a managedPolicyArns entry unknown in preview, naming the role, instead of skipping it", () => {
            const ds = analyzeStack([role("warp", trustPolicy(), { managedPolicyArns: [UNKNOWN_STRING] })], {
                policies: [roleBedrockPermissionsOnly],
            });
            assertOne(ds, "warp-role-bedrock-permissions-only", "advisory", "role warp (managedPolicyArns[0])", "not known during preview");
        });
        it("passes the invoke actions on model ARNs, and ignores roles Warp does not trust", () => {
            assert.deepStrictEqual(stack(rolePolicy("rp", "warp", BEDROCK_POLICY)), []);
            const ec2 = role("ec2", {
                Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
            });
            assert.deepStrictEqual(
                analyzeStack([ec2, attachment("admin", "ec2", "arn:aws:iam::aws:policy/AdministratorAccess")], {
                    policies: [roleBedrockPermissionsOnly],
                }),
                [],
            );
        });
    });

    describe("warp-oidc-provider-client-id", () => {
        const run = (ids: unknown, url = "https://app.warp.dev") =>
            analyzeStack([oidcProvider("oidc", url, ids)], { policies: [oidcProviderClientId] });
        it("flags a client ID besides sts.amazonaws.com", () => {
            assertOne(
                run(["sts.amazonaws.com", "my-app"]),
                "warp-oidc-provider-client-id",
                "mandatory",
                '"my-app"',
                'clientIdLists: ["sts.amazonaws.com"]',
            );
        });
        it("passes exactly sts.amazonaws.com, and ignores other issuers", () => {
            assert.deepStrictEqual(run(["sts.amazonaws.com"]), []);
            assert.deepStrictEqual(run(["anything"], "https://token.actions.githubusercontent.com"), []);
        });
    });

    describe("config and enforcement levels", () => {
        const bad = role("r", trustPolicy("*"));
        it("an organisation can lower a mandatory policy to advisory or disable it", () => {
            assertOne(
                only(trustTeamAllowlist, bad, { "warp-trust-team-allowlist": { enforcementLevel: "advisory" } }),
                "warp-trust-team-allowlist",
                "advisory",
            );
            assert.deepStrictEqual(only(trustTeamAllowlist, bad, { "warp-trust-team-allowlist": { enforcementLevel: "disabled" } }), []);
        });
        it("a config value of the wrong type fails loudly instead of falling back to a default", () => {
            assert.throws(
                () => only(trustTeamAllowlist, bad, { "warp-trust-team-allowlist": { allowedTeamUids: "TEAM_A" } }),
                /allowedTeamUids must be a list of strings/,
            );
        });
        it("trustPolicyLengthQuota is the account's role trust policy length quota: over it is a validity finding, out of IAM's range an error", () => {
            const agents = Array.from({ length: 60 }, (_, i) => `scoped_principal:TEAM_A/service_account:agent${i}uid0000000000`);
            const long = role("r", trustPolicy(agents));
            assertOne(
                only(trustIamValid, long, TEAM_CONFIG),
                "warp-trust-iam-valid",
                "mandatory",
                "role trust policy length quota of 2048",
                "trustPolicyLengthQuota",
            );
            assert.deepStrictEqual(
                only(trustIamValid, long, { ...TEAM_CONFIG, "warp-trust-iam-valid": { trustPolicyLengthQuota: 8192 } }),
                [],
            );
            for (const quota of [1000, 9000, "4096"]) {
                assert.throws(
                    () => only(trustIamValid, long, { "warp-trust-iam-valid": { trustPolicyLengthQuota: quota } }),
                    /trustPolicyLengthQuota must be a whole number from 2048 to 8192/,
                );
            }
        });
        it("warpIssuers decides which providers are Warp's", () => {
            const custom = role("r", {
                Version: "2012-10-17",
                Statement: [
                    {
                        Effect: "Allow",
                        Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/warp.example.com` },
                        Action: "sts:AssumeRoleWithWebIdentity",
                        Condition: { StringEquals: { "warp.example.com:aud": "sts.amazonaws.com" } },
                    },
                ],
            });
            assert.deepStrictEqual(only(trustSubject, custom), []);
            const config = { warpIssuers: ["warp.example.com"], allowedIssuers: ["warp.example.com"] };
            assertOne(
                only(trustSubject, custom, { "warp-trust-subject": config }),
                "warp-trust-subject",
                "mandatory",
                "a token from warp.example.com with no sub claim",
            );
        });
    });
});

/** The component's registrations as the engine would present them to the pack. */
function fromDeployment(resources: ReturnType<typeof installMocks>["resources"], opts: { preview: boolean }): AnalyzedResource[] {
    const custom = resources.filter((r) => r.custom);
    const roleUrns = new Set(custom.filter((r) => r.type === RESOURCE_TYPES.role).map((r) => r.urn));
    return custom.map((r) => {
        const props = { ...r.inputs };
        if (r.type === RESOURCE_TYPES.role && props.name === undefined) {
            // The engine autonames a role before the pack sees it; mirror the mocks' stand-in so names link up.
            props.name = typeof props.namePrefix === "string" ? `${props.namePrefix}0000000000000000000000000a` : `${r.name}-0000000`;
        }
        const roleDeps = r.dependencies.filter((u) => roleUrns.has(u));
        return {
            type: r.type,
            name: r.name,
            urn: r.urn,
            props,
            dependencies: r.dependencies,
            // The engine records where `role` came from; in a preview that is all that links a new role.
            ...(r.type === RESOURCE_TYPES.rolePolicy && roleDeps.length > 0 ? { propertyDependencies: { role: roleDeps } } : {}),
            ...(opts.preview && r.type === RESOURCE_TYPES.rolePolicy ? { props: { ...props, role: UNKNOWN_STRING } } : {}),
        };
    });
}

/** The same setting for every trust policy whose rule reads it (each policy reads only its own config). */
function everyTrustPolicy(key: TrustConfigKey, value: unknown): PackConfig {
    return Object.fromEntries(TRUST_RULES.filter((r) => r.configKeys.includes(key)).map((r) => [r.name, { [key]: value }]));
}

async function registered(args: TeamBedrockAccessArgs, preview = false): Promise<AnalyzedResource[]> {
    const d = installMocks({ preview });
    const c = new TeamBedrockAccess("warp", args);
    await resolveOutput(c.roleArn);
    await resolveOutput(c.agentOverrides);
    await settle(d);
    return fromDeployment(d.resources, { preview });
}

describe("policy pack: everything the component registers passes", () => {
    const modes: Array<[string, TeamBedrockAccessArgs, PackConfig?]> = [
        ["people (default)", { teamUid: "TEAM_A" }],
        ["people and every named agent", { teamUid: "TEAM_A", allNamedAgents: true }],
        ["named agents only", { teamUid: "TEAM_A", grantUsers: false, namedAgentUids: ["sa1", "sa2"] }],
        [
            "people, named agents and dedicated agent roles",
            {
                teamUid: "TEAM_A",
                namedAgentUids: ["sa1"],
                agentRoles: { sa2: { region: "us-west-2", models: ["anthropic.claude-*"] }, sa3: {} },
            },
        ],
        [
            "regions and models narrowed",
            {
                teamUid: "TEAM_A",
                bedrockRegions: ["us-east-1", "eu-central-1"],
                bedrockModels: ["anthropic.claude-*", "amazon.nova-pro-v1:0"],
            },
        ],
        ["reused provider", { teamUid: "TEAM_A", oidcProviderArn: PROD_PROVIDER, roleName: "warp-team-a" }],
        [
            "staging issuer where staging is allowed",
            { teamUid: "TEAM_A", issuer: "staging.warp.dev" },
            everyTrustPolicy("allowedIssuers", ["app.warp.dev", "staging.warp.dev"]),
        ],
    ];
    for (const [label, args, extraConfig] of modes) {
        for (const preview of [false, true]) {
            it(`${label}${preview ? " (preview)" : ""}`, async () => {
                const resources = await registered(args, preview);
                const config: PackConfig = { ...(extraConfig ?? {}) };
                config["warp-trust-team-allowlist"] = {
                    ...config["warp-trust-team-allowlist"],
                    ...TEAM_CONFIG["warp-trust-team-allowlist"],
                };
                assert.ok(resources.some((r) => r.type === RESOURCE_TYPES.role));
                assert.deepStrictEqual(analyzeAll(resources, { config }), []);

                // The pass must come from checking, not from missing the permissions: swap in a wide policy.
                const widened = resources.map((r) =>
                    r.type === RESOURCE_TYPES.rolePolicy
                        ? {
                              ...r,
                              props: {
                                  ...r.props,
                                  policy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }),
                              },
                          }
                        : r,
                );
                const flagged = analyzeAll(widened, { config }).filter(
                    (d) => d.policyName === "warp-role-bedrock-permissions-only" && d.enforcementLevel === "mandatory",
                );
                const rolePolicies = resources.filter((r) => r.type === RESOURCE_TYPES.rolePolicy);
                assert.deepStrictEqual(new Set(flagged.map((d) => d.urn)), new Set(rolePolicies.map((r) => r.urn)));
            });
        }
    }

    it("the provider the component creates lists exactly sts.amazonaws.com", async () => {
        const resources = await registered({ teamUid: "TEAM_A" });
        const provider = resources.find((r) => r.type === RESOURCE_TYPES.oidcProvider);
        assert.ok(provider);
        const changed = resources.map((r) =>
            r === provider ? { ...r, props: { ...r.props, clientIdLists: ["sts.amazonaws.com", "extra"] } } : r,
        );
        assertOne(analyzeAll(changed, { config: TEAM_CONFIG }), "warp-oidc-provider-client-id", "mandatory", '"extra"');
    });

    it("a hand-written role next to the component's is judged the same way", async () => {
        const resources = await registered({ teamUid: "TEAM_A" });
        const handWritten = role(
            "hand",
            trustPolicy(undefined, { Condition: { StringEquals: { "app.warp.dev:aud": "sts.amazonaws.com" } } }),
        );
        const ds = analyzeAll([...resources, handWritten, rolePolicy("hand-bedrock", "hand", BEDROCK_POLICY)], { config: TEAM_CONFIG });
        const mandatory = ds.filter((d) => d.enforcementLevel === "mandatory");
        assert.deepStrictEqual(
            mandatory.map((d) => d.policyName).sort(),
            ["warp-trust-subject", "warp-trust-team-allowlist"],
            JSON.stringify(ds, null, 1),
        );
        assert.ok(mandatory.every((d) => d.message.includes("role hand")));
        assert.ok(mandatory.some((d) => d.message.includes("a token from app.warp.dev with no sub claim")));
    });
});
