/// <reference lib="dom" />
/** The filter bar and the list of roles; a click on a role opens its detail below it. */
import { html } from "htm/preact";
import { useState } from "preact/hooks";
import type { ReportData, ReportRole } from "../data";
import { Filters, NO_FILTERS, mandatoryCount } from "./filter";
import { RoleDetail } from "./role-detail";

const PAGE = 200;

function Select({
    label,
    id,
    value,
    options,
    set,
}: {
    label: string;
    id: string;
    value: string;
    options: Array<[string, string]>;
    set: (v: string) => void;
}) {
    return html`<label
        >${label}
        <select id=${id} value=${value} onChange=${(e: Event) => set((e.target as HTMLSelectElement).value)}>
            ${options.map(([v, text]) => html`<option value=${v}>${text}</option>`)}
        </select></label
    >`;
}

export function FilterBar({ data, filters, set, shown }: { data: ReportData; filters: Filters; set: (f: Filters) => void; shown: number }) {
    const change = (c: Partial<Filters>) => set({ ...filters, ...c });
    const accounts = data.accounts
        .filter((a) => a.reason === null)
        .map((a): [string, string] => [a.id, a.name ? `${a.id} (${a.name})` : a.id]);
    const tiers = [...new Set(data.rules.map((r) => r.tier))].sort().map((t): [string, string] => [t, t]);
    return html`<div class="filters">
        <${Select}
            label="account"
            id="filter-account"
            value=${filters.account}
            options=${[["", "all accounts"], ...accounts]}
            set=${(v: string) => change({ account: v })}
        />
        <${Select}
            label="rule"
            id="filter-rule"
            value=${filters.rule}
            options=${[["", "any rule"], ...data.rules.map((r): [string, string] => [r.name, r.name])]}
            set=${(v: string) => change({ rule: v })}
        />
        <${Select}
            label="tier"
            id="filter-tier"
            value=${filters.tier}
            options=${[["", "any tier"], ...tiers, ["none", "no finding"]]}
            set=${(v: string) => change({ tier: v })}
        />
        <label
            >search
            <input
                type="search"
                id="filter-text"
                placeholder="role name or ARN"
                value=${filters.text}
                onInput=${(e: Event) => change({ text: (e.target as HTMLInputElement).value })}
        /></label>
        <${Select}
            label="sort"
            id="sort"
            value=${filters.sort}
            options=${[
                ["risk", "most exposed first"],
                ["name", "role name"],
                ["account", "account"],
            ]}
            set=${(v: string) => change({ sort: v as Filters["sort"] })}
        />
        <button id="filter-reset" onClick=${() => set(NO_FILTERS)}>reset</button>
        <span class="muted" id="shown-count" data-shown=${shown}
            >${shown} of ${data.roles.length} role${data.roles.length === 1 ? "" : "s"}</span
        >
    </div>`;
}

function Badges({ role }: { role: ReportRole }) {
    const exposures = role.findings.filter((f) => f.tier === "exposure" && f.level === "mandatory").length;
    const mandatory = mandatoryCount(role);
    const advisory = role.findings.length - mandatory;
    return html`${role.status === "broken" ? html`<span class="badge b-broken">admits no one</span>` : null}
    ${exposures > 0 ? html`<span class="badge b-exposure">${exposures} exposure${exposures === 1 ? "" : "s"}</span>` : null}
    ${mandatory > exposures ? html`<span class="badge b-mandatory">${mandatory - exposures} other mandatory</span>` : null}
    ${advisory > 0 ? html`<span class="badge b-advisory">${advisory} advisory</span>` : null}
    ${role.findings.length === 0 ? html`<span class="badge b-ok">clean</span>` : null}
    ${role.bedrockOnly ? null : html`<span class="badge b-mandatory">more than Bedrock invoke</span>`}`;
}

function RoleRow({
    role,
    open,
    toggle,
    docsBase,
    organization,
}: {
    role: ReportRole;
    open: boolean;
    toggle: () => void;
    docsBase: string;
    organization: boolean;
}) {
    const who = role.admitted.length > 0 ? role.admitted.join("; ") : "no Warp token";
    const onKey = (e: KeyboardEvent) => {
        if (e.key === "Enter" || e.key === " ") {
            e.preventDefault();
            toggle();
        }
    };
    return html`<tr
            class=${`role${open ? " open" : ""}`}
            data-arn=${role.arn}
            onClick=${toggle}
            aria-expanded=${open}
            tabindex="0"
            onKeyDown=${onKey}
        >
            ${
                organization
                    ? html`<td class="acct">
                          <code>${role.account}</code>
                          <div class="muted">${role.accountName}</div>
                      </td>`
                    : null
            }
            <td>
                <strong class="role-name">${role.name}</strong>
                <div class="muted"><code>${role.arn}</code></div>
            </td>
            <td>${who}</td>
            <td><${Badges} role=${role} /></td>
        </tr>
        ${
            open
                ? html`<tr class="detail-row">
                      <td colspan=${organization ? 4 : 3}><${RoleDetail} role=${role} docsBase=${docsBase} /></td>
                  </tr>`
                : null
        }`;
}

export function RoleList({ roles, docsBase, organization }: { roles: ReportRole[]; docsBase: string; organization: boolean }) {
    const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
    const [limit, setLimit] = useState(PAGE);
    const toggle = (arn: string) => {
        const next = new Set(open);
        if (!next.delete(arn)) {
            next.add(arn);
        }
        setOpen(next);
    };
    return html`<div class="panel">
        <table id="role-table">
            <thead>
                <tr>
                    ${organization ? html`<th>account</th>` : null}
                    <th>role</th>
                    <th>who may assume it</th>
                    <th>findings</th>
                </tr>
            </thead>
            <tbody>
                ${roles
                    .slice(0, limit)
                    .map(
                        (r) =>
                            html`<${RoleRow}
                                key=${r.arn}
                                role=${r}
                                open=${open.has(r.arn)}
                                toggle=${() => toggle(r.arn)}
                                docsBase=${docsBase}
                                organization=${organization}
                            />`,
                    )}
            </tbody>
        </table>
        ${roles.length > limit ? html`<p><button id="show-more" onClick=${() => setLimit(limit + PAGE)}>show ${Math.min(PAGE, roles.length - limit)} more of ${roles.length - limit}</button></p>` : null}
        ${roles.length === 0 ? html`<p class="muted">No role matches the filters.</p>` : null}
    </div>`;
}
