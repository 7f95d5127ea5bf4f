/// <reference lib="dom" />
/** One role's way in, drawn as inline SVG: issuer → IAM OIDC provider → role → the teams and agents admitted (exposures in red). */
import { html } from "htm/preact";
import type { ReportRole } from "../data";
import { clip } from "./charts";

const BOX_W = 210;
const BOX_H = 34;
const GAP = 10;
const COLS = [10, 250, 490, 730];
const WIDTH = 1100;

interface Node {
    text: string;
    /** The full text on hover, when it is not `text`. */
    title?: string;
    tone: "plain" | "ok" | "bad" | "muted";
}

const FILL = { plain: "#eef0f7", ok: "#e8f5e9", bad: "#fdecea", muted: "#eceff1" };
const STROKE = { plain: "#3949ab", ok: "#2e7d32", bad: "#c62828", muted: "#90a4ae" };

function columns(role: ReportRole): Node[][] {
    const issuers: Node[] = role.providers.map((p) => ({ text: `issuer ${p.issuer}`, tone: "plain" }));
    const providers: Node[] = role.providers.map((p) => ({
        text:
            p.arn !== null
                ? `IAM OIDC provider ${p.issuer}`
                : p.status === "not-run"
                  ? "OIDC provider not in the input"
                  : "no OIDC provider",
        title: `${p.arn ?? p.issuer}: ${p.message}`,
        tone: p.status === "fail" ? "bad" : p.status === "pass" ? "ok" : "muted",
    }));
    const admitted: Node[] = [
        ...role.admitted.map((a): Node => ({ text: a, tone: "ok" })),
        ...role.exposures.map((e): Node => ({ text: `exposure: ${e.witness}`, tone: "bad" })),
    ];
    return [
        issuers.length > 0 ? issuers : [{ text: "no Warp issuer", tone: "muted" }],
        providers.length > 0 ? providers : [{ text: "no OIDC provider", tone: "muted" }],
        [{ text: role.name, tone: role.status === "broken" ? "muted" : "plain" }],
        admitted.length > 0 ? admitted : [{ text: "no one", tone: "muted" }],
    ];
}

const y = (i: number) => 8 + i * (BOX_H + GAP);

function Box({ node, x, i, w }: { node: Node; x: number; i: number; w: number }) {
    return html`<g class=${`node ${node.tone}`}>
        <title>${node.title ?? node.text}</title>
        <rect x=${x} y=${y(i)} width=${w} height=${BOX_H} rx="6" fill=${FILL[node.tone]} stroke=${STROKE[node.tone]} />
        <text x=${x + 8} y=${y(i) + 21} fill="#1d2330">${clip(node.text, Math.floor(w / 6.6))}</text>
    </g>`;
}

export function FlowDiagram({ role }: { role: ReportRole }) {
    const cols = columns(role);
    const rows = Math.max(...cols.map((c) => c.length));
    const width = (c: number) => (c === 3 ? WIDTH - COLS[3] - 10 : BOX_W);
    const links = cols.slice(1).flatMap((col, c) =>
        col.flatMap((_, j) =>
            cols[c].map((__, i) =>
                c === 0 && i !== j
                    ? null
                    : {
                          x1: COLS[c] + width(c),
                          y1: y(i) + BOX_H / 2,
                          x2: COLS[c + 1],
                          y2: y(j) + BOX_H / 2,
                          bad: col[j].tone === "bad",
                      },
            ),
        ),
    );
    return html`<svg class="flow" role="img" aria-label="who gets into the role" viewBox=${`0 0 ${WIDTH} ${y(rows) + 4}`} width="100%">
        ${links.map((l) => (l === null ? null : html`<line x1=${l.x1} y1=${l.y1} x2=${l.x2} y2=${l.y2} stroke=${l.bad ? "#c62828" : "#9aa3b5"} stroke-width="1.5" />`))}
        ${cols.map((col, c) => col.map((node, i) => html`<${Box} node=${node} x=${COLS[c]} i=${i} w=${width(c)} />`))}
    </svg>`;
}
