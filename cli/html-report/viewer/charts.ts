/// <reference lib="dom" />
/** Findings per account as a bar chart in inline SVG (mandatory red, advisory amber); a click filters the roles. */
import { html } from "htm/preact";
import type { ReportData } from "../data";
import type { Filters } from "./filter";

const ROW = 22;
const LABEL = 190;
const WIDTH = 560;
const MOST = 25;

export const clip = (text: string, n: number) => (text.length > n ? `${text.slice(0, n - 1)}…` : text);

type Account = ReportData["accounts"][number];
type Pick = (c: Partial<Filters>) => void;

function Bar({ a, i, scale, pick }: { a: Account; i: number; scale: (n: number) => number; pick: Pick }) {
    return html`<g
        class="clickable bar"
        data-account=${a.id}
        transform=${`translate(0,${i * ROW})`}
        onClick=${() => pick({ account: a.id })}
    >
        <title>${a.id}${a.name ? ` (${a.name})` : ""}: ${a.mandatory} mandatory, ${a.advisory} advisory</title>
        <text x=${LABEL - 6} y="14" text-anchor="end" fill="#1d2330">${clip(a.name ? `${a.name} ${a.id}` : a.id, 30)}</text>
        <rect x=${LABEL} y="3" height="15" width=${scale(a.mandatory)} fill="#c62828" rx="2" />
        <rect x=${LABEL + scale(a.mandatory)} y="3" height="15" width=${scale(a.advisory)} fill="#f0a202" rx="2" />
        <text x=${LABEL + scale(a.mandatory + a.advisory) + 6} y="14" fill="#5b6475">${a.mandatory} / ${a.advisory}</text>
    </g>`;
}

/** An account not read: a grey row, so the chart never looks clean for what was not seen. */
function Unread({ a, i }: { a: Account; i: number }) {
    return html`<g class="unread" data-account=${a.id} transform=${`translate(0,${i * ROW})`}>
        <title>${a.id}${a.name ? ` (${a.name})` : ""} not read: ${a.reason}</title>
        <text x=${LABEL - 6} y="14" text-anchor="end" fill="#1d2330">${clip(a.name ? `${a.name} ${a.id}` : a.id, 30)}</text>
        <rect x=${LABEL} y="3" height="15" width="90" fill="#cfd8dc" rx="2" />
        <text x=${LABEL + 8} y="14" fill="#37474f">not read</text>
    </g>`;
}

export function FindingsChart({ data, pick }: { data: ReportData; pick: Pick }) {
    const rows = data.accounts
        .filter((a) => a.reason === null && a.mandatory + a.advisory > 0)
        .sort((a, b) => b.mandatory - a.mandatory || b.advisory - a.advisory || a.id.localeCompare(b.id));
    const unread = data.accounts.filter((a) => a.reason !== null);
    if (rows.length === 0 && unread.length === 0) {
        return html`<p class="muted">No findings in any account read.</p>`;
    }
    const shown = rows.slice(0, MOST);
    const grey = unread.slice(0, Math.max(0, MOST - shown.length));
    const n = shown.length + grey.length;
    const max = Math.max(1, ...shown.map((a) => a.mandatory + a.advisory));
    const scale = (x: number) => (x / max) * (WIDTH - LABEL - 50);
    const more = rows.length + unread.length - n;
    return html`<svg
        id="findings-chart"
        role="img"
        aria-label="findings per account"
        viewBox=${`0 0 ${WIDTH} ${n * ROW + 24}`}
        width="100%"
    >
        <g transform="translate(0,4)">
            ${shown.map((a, i) => html`<${Bar} a=${a} i=${i} scale=${scale} pick=${pick} />`)}
            ${grey.map((a, i) => html`<${Unread} a=${a} i=${shown.length + i} />`)}
        </g>
        <text x=${LABEL} y=${n * ROW + 20} fill="#5b6475">mandatory / advisory${more > 0 ? ` · ${more} more accounts` : ""}</text>
    </svg>`;
}
