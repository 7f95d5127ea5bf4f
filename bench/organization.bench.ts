/**
 * `audit --organization` at scale against moto (a local IAM, STS and Organizations; see
 * tests/support/moto.ts): an organization of 50 member accounts with 40 Warp roles each (a mix of safe
 * roles and one exposed role per account), audited through the live path (ListAccounts, AssumeRole,
 * GetAccountAuthorizationDetails, GetRole per Warp role) at the default concurrency. Prints the wall
 * time, the time spent in the engine (auditAccount) and its share. Needs .venv-moto (scripts/install-moto.sh).
 */
import { CreateRoleCommand, IAMClient, PutRolePolicyCommand } from "@aws-sdk/client-iam";
import {
    AccountProgress,
    assumeRoleReader,
    auditOrganization,
    listOrganizationAccounts,
    organizationsClient,
} from "../account/organization";
import { Moto, withAwsEnv } from "../tests/support/moto";
import { AUDIT_ROLE, INVOKE_ONLY, createOrganization, iamIn, prepareMember, trustFor } from "../tests/support/moto-org";

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 50);
const ROLES = Number(process.env.BENCH_ROLES ?? 40);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const TEAM = "TeamBench00000000001";

function trust(account: string, i: number): string {
    return trustFor(account, i === 0 ? "scoped_principal:*/user:*" : `scoped_principal:${TEAM}/${i % 2 ? "user" : "service_account"}:*`);
}

async function fill(iam: IAMClient, account: string): Promise<void> {
    await prepareMember(iam, account);
    for (let i = 0; i < ROLES; i++) {
        const name = `warp-${String(i).padStart(2, "0")}`;
        await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trust(account, i) }));
        await iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: "invoke", PolicyDocument: INVOKE_ONLY }));
    }
}

async function main(): Promise<void> {
    const moto = await Moto.start();
    try {
        let t = performance.now();
        const members = await createOrganization(moto.endpoint, ACCOUNTS);
        for (let i = 0; i < members.length; i += 5) {
            await Promise.all(members.slice(i, i + 5).map(async (id) => fill(await iamIn(moto.endpoint, id), id)));
        }
        await prepareMember(moto.iam(), "123456789012");
        console.log(`setup: ${members.length} accounts x ${ROLES} roles in moto in ${((performance.now() - t) / 1000).toFixed(1)} s`);

        const progress: AccountProgress[] = [];
        t = performance.now();
        const report = await withAwsEnv(moto.env(), async () => {
            const live = { endpoint: moto.endpoint };
            const accounts = await listOrganizationAccounts(organizationsClient(live));
            return auditOrganization(accounts, AUDIT_ROLE, assumeRoleReader(live, AUDIT_ROLE), {
                teams: [TEAM],
                concurrency: CONCURRENCY,
                onProgress: (p) => progress.push(p),
            });
        });
        const wall = performance.now() - t;
        const engine = progress.reduce((n, p) => n + p.auditMs, 0);
        const read = progress.reduce((n, p) => n + p.readMs, 0);
        const s = report.summary;
        console.log(
            `audit --organization: ${s.accounts} accounts (${s.audited} audited, ${s.unreadable} not read), ${s.warpRoles} Warp roles, ${s.mandatory} mandatory findings`,
        );
        console.log(
            `wall ${(wall / 1000).toFixed(2)} s at concurrency ${CONCURRENCY}; engine ${(engine / 1000).toFixed(2)} s (${((100 * engine) / wall).toFixed(0)}% of wall, ${(engine / Math.max(1, s.warpRoles)).toFixed(2)} ms per role); reading the accounts (summed over accounts) ${(read / 1000).toFixed(1)} s`,
        );
        if (s.audited !== ACCOUNTS + 1 || s.warpRoles !== ACCOUNTS * ROLES) {
            throw new Error(`expected ${ACCOUNTS + 1} accounts and ${ACCOUNTS * ROLES} Warp roles`);
        }
    } finally {
        moto.stop();
    }
}

main().catch((e) => {
    console.error(e);
    process.exitCode = 1;
});
