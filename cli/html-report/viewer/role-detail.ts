/// <reference lib="dom" />
/** One role in full: who may assume it, what it may do, each finding with its witness and fix, its documents. */
import { html } from "htm/preact";
import { useState } from "preact/hooks";
import type { ReportRole } from "../data";
import { DocLink } from "./docs";
import { FlowDiagram } from "./flow";

type Finding = ReportRole["findings"][number];

function Who({ role }: { role: ReportRole }) {
    return html`<h3>Who may assume it</h3>
        <ul class="plain who">
            ${role.admitted.length === 0 && role.exposures.length === 0 ? html`<li>no Warp token</li>` : null}
            ${role.admitted.map((a) => html`<li>${a}</li>`)}
            ${role.exposures.map((e) => html`<li class="exposure"><strong>also (exposure, ${e.way}):</strong> ${e.witness}</li>`)}
        </ul>
        ${role.assumptions.map((a) => html`<p class="muted">note: ${a}</p>`)}`;
}

function MayDo({ role }: { role: ReportRole }) {
    return html`<h3>What it may do</h3>
        <p>
            ${role.bedrockOnly ? html`<span class="badge b-ok">Bedrock invoke only</span>` : html`<span class="badge b-mandatory">more than Bedrock invoke</span>`}
            session ${role.maxSessionDuration === null ? "duration not in the input" : `up to ${role.maxSessionDuration} s`}
        </p>
        <ul class="plain allowed">
            ${role.mayDo.invoke.length === 0 && role.mayDo.beyond.length === 0 ? html`<li>nothing</li>` : null}
            ${role.mayDo.invoke.length === 0 && role.mayDo.beyond.length > 0 ? html`<li>no model invocation</li>` : null}
            ${role.mayDo.invoke.map((l) => html`<li>${l}</li>`)}
            ${role.mayDo.beyond.map((b) => html`<li class="exposure"><strong>and beyond that:</strong> ${b}</li>`)}
            ${role.mayDo.unseen.map((u) => html`<li class="muted">not counting what could not be read: ${u}</li>`)}
            ${role.mayDo.assumptions.map((a) => html`<li class="muted">assuming ${a}</li>`)}
        </ul>
        <p class="muted">as written:</p>
        <ul class="plain may-do">
            ${role.statements.map((l) => html`<li><code>${l}</code></li>`)}
            ${role.policies.filter((p) => !p.documentKnown).map((p) => html`<li>${p.title}: document not in the input</li>`)}
            ${role.boundary === null ? null : html`<li>permissions boundary <code>${role.boundary}</code></li>`}
        </ul>
        <ul class="plain">
            ${role.providers.map((p) => html`<li>OIDC provider ${p.issuer}: ${p.status}${p.arn ? html` (<code>${p.arn}</code>)` : null} — ${p.message}</li>`)}
        </ul>`;
}

function where(f: Finding): string {
    return f.statementIndex === null
        ? f.document
        : `${f.document}, Statement[${f.statementIndex}]${f.sid !== null ? ` (Sid ${JSON.stringify(f.sid)})` : ""}`;
}

const LONG = 320;

/** A long message shows its start, and the rest one click away. */
function Message({ text }: { text: string }) {
    if (text.length <= LONG) {
        return html`<div class="message">${text}</div>`;
    }
    return html`<details class="message">
        <summary>${text.slice(0, LONG)}…</summary>
        …${text.slice(LONG)}
    </details>`;
}

function FindingBox({ f, docsBase }: { f: Finding; docsBase: string }) {
    return html`<div class=${`finding ${f.level}`} data-rule=${f.rule} data-tier=${f.tier}>
        <div>
            <span class=${`badge b-${f.tier}`}>${f.tier}</span><span class=${`badge b-${f.level}`}>${f.level}</span>
            <strong>${f.rule}</strong> <${DocLink} base=${docsBase} rule=${f.rule} /> <span class="muted">in ${where(f)}</span>
        </div>
        <${Message} text=${f.message} />
        ${f.witness === null ? null : html`<div class="witness">witness: <code>${f.witness}</code></div>`}
        ${f.request === null ? null : html`<pre class="request">${JSON.stringify(f.request, null, 2)}</pre>`}
        <div class="fix"><strong>fix:</strong> ${f.remediation}</div>
    </div>`;
}

function Documents({ role }: { role: ReportRole }) {
    const [shown, setShown] = useState<number | null>(null);
    const doc = shown === null ? undefined : role.documents[shown];
    return html`<h3>Documents</h3>
        <div class="docs">
            ${role.documents.map(
                (d, i) =>
                    html`<button
                        class=${shown === i ? "on" : ""}
                        data-doc=${d.title}
                        onClick=${(e: Event) => (e.stopPropagation(), setShown(shown === i ? null : i))}
                    >
                        ${d.title}
                    </button> `,
            )}
        </div>
        ${doc === undefined ? null : html`<pre class="document">${doc.document === null ? "not in the input" : JSON.stringify(doc.document, null, 2)}</pre>`}`;
}

function Tags({ role }: { role: ReportRole }) {
    const tags = Object.entries(role.tags);
    return html`${role.description ? html`<p class="muted">description: ${role.description}</p>` : null}
    ${tags.length > 0 ? html`<p class="muted">tags: ${tags.map(([k, v]) => html`<code>${k}=${v}</code> `)}</p>` : null}`;
}

export function RoleDetail({ role, docsBase }: { role: ReportRole; docsBase: string }) {
    return html`<div class="detail" onClick=${(e: Event) => e.stopPropagation()}>
        <p>account <code>${role.account}</code> ${role.accountName} · <code>${role.arn}</code></p>
        <${Tags} role=${role} />
        <${FlowDiagram} role=${role} />
        <div class="grid2">
            <div><${Who} role=${role} /></div>
            <div><${MayDo} role=${role} /></div>
        </div>
        <h3>Findings (${role.findings.length})</h3>
        ${role.findings.length === 0 ? html`<p class="muted">none</p>` : role.findings.map((f) => html`<${FindingBox} f=${f} docsBase=${docsBase} />`)}
        <${Documents} role=${role} />
    </div>`;
}
