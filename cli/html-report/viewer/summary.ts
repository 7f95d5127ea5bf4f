/// <reference lib="dom" />
/** The summary: counts, unreadable accounts, exposures by rule, roles that admit no one, findings per account. */
import { html } from "htm/preact";
import type { ReportData } from "../data";
import type { Filters } from "./filter";
import { FindingsChart } from "./charts";
import { DocLink } from "./docs";

type Pick = (change: Partial<Filters>) => void;

function Card({ n, label, tone, id }: { n: number; label: string; tone?: string; id: string }) {
    return html`<div class=${`card ${tone ?? ""}`} data-count=${id}>
        <div class="n">${n}</div>
        <div class="l">${label}</div>
    </div>`;
}

function Cards({ data }: { data: ReportData }) {
    const s = data.summary;
    return html`<div class="cards">
        <${Card} id="accounts-read" n=${s.audited} label=${`account${s.audited === 1 ? "" : "s"} read`} />
        <${Card} id="accounts-unreadable" n=${s.unreadable} label="accounts not read" tone=${s.unreadable > 0 ? "bad" : "ok"} />
        <${Card} id="roles-read" n=${s.rolesRead} label="roles read" />
        <${Card} id="warp-roles" n=${s.warpRoles} label="Warp roles" />
        <${Card} id="exposed-roles" n=${s.exposedRoles} label="exposed roles" tone=${s.exposedRoles > 0 ? "bad" : "ok"} />
        <${Card} id="mandatory" n=${s.mandatory} label="mandatory findings" tone=${s.mandatory > 0 ? "bad" : "ok"} />
        <${Card} id="advisory" n=${s.advisory} label="advisory findings" tone=${s.advisory > 0 ? "warn" : "ok"} />
        <${Card} id="broken-roles" n=${s.brokenRoles} label="roles that admit no one" tone=${s.brokenRoles > 0 ? "warn" : "ok"} />
    </div>`;
}

function Unreadable({ data }: { data: ReportData }) {
    const bad = data.accounts.filter((a) => a.reason !== null);
    if (bad.length === 0) {
        return null;
    }
    return html`<div class="panel unreadable" id="unreadable">
        <h3>Accounts not read (their roles were not audited)</h3>
        <ul class="plain">
            ${bad.map((a) => html`<li data-account=${a.id}><code>${a.id}</code> ${a.name} — ${a.reason}</li>`)}
        </ul>
    </div>`;
}

function RulesTable({ data, pick }: { data: ReportData; pick: Pick }) {
    if (data.rules.length === 0) {
        return html`<p class="muted">No findings.</p>`;
    }
    return html`<table id="rules">
        <thead>
            <tr>
                <th>rule</th>
                <th>tier</th>
                <th>mandatory</th>
                <th>advisory</th>
                <th>roles</th>
            </tr>
        </thead>
        <tbody>
            ${data.rules.map(
                (r) =>
                    html`<tr data-rule=${r.name}>
                        <td>
                            <a href="#roles" onClick=${(e: Event) => (e.preventDefault(), pick({ rule: r.name }))}>${r.name}</a>
                            <${DocLink} base=${data.docsBase} rule=${r.name} />
                        </td>
                        <td><span class=${`badge b-${r.tier}`}>${r.tier}</span></td>
                        <td>${r.mandatory}</td>
                        <td>${r.advisory}</td>
                        <td>${r.roles}</td>
                    </tr>`,
            )}
        </tbody>
    </table>`;
}

function Broken({ data }: { data: ReportData }) {
    const broken = data.roles.filter((r) => r.status === "broken");
    if (broken.length === 0) {
        return null;
    }
    return html`<div class="panel" id="broken">
        <h3>Roles that admit no one (their trust names a Warp host, but no Warp token gets in)</h3>
        <ul class="plain">
            ${broken.map((r) => html`<li><code>${r.arn}</code></li>`)}
        </ul>
    </div>`;
}

export function Summary({ data, pick }: { data: ReportData; pick: Pick }) {
    return html`<section id="summary">
        <${Cards} data=${data} />
        <h2>Where the findings are</h2>
        <div class="grid2">
            <div class="panel">
                <h3>Findings by rule</h3>
                <${RulesTable} data=${data} pick=${pick} />
            </div>
            <div class="panel">
                <h3>Findings per account</h3>
                <${FindingsChart} data=${data} pick=${pick} />
            </div>
        </div>
        <${Unreadable} data=${data} />
        <${Broken} data=${data} />
    </section>`;
}
