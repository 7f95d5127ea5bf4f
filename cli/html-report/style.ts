/** The report's stylesheet, inlined into the file (its hash is in the Content-Security-Policy). */
export const STYLE = `
:root{--fg:#1d2330;--muted:#5b6475;--line:#dde2ea;--bg:#f6f7fa;--card:#fff;--bad:#c62828;--bad-bg:#fdecea;--warn:#b26a00;--warn-bg:#fff4e0;--ok:#2e7d32;--ok-bg:#e8f5e9;--accent:#3949ab}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:var(--fg);background:var(--bg)}
main{max-width:1200px;margin:0 auto;padding:20px 24px 60px}
h1{font-size:22px;margin:0 0 2px}h2{font-size:17px;margin:28px 0 10px}h3{font-size:15px;margin:16px 0 6px}
.sub{color:var(--muted);margin:0 0 16px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(128px,1fr));gap:10px}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:10px 12px}
.card .n{font-size:24px;font-weight:650}.card .l{color:var(--muted);font-size:12px}
.card.bad .n{color:var(--bad)}.card.warn .n{color:var(--warn)}.card.ok .n{color:var(--ok)}
.grid2{display:grid;grid-template-columns:1fr 1fr;gap:16px}@media(max-width:900px){.grid2{grid-template-columns:1fr}}
.panel{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px 14px;overflow:auto}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{font-size:12px;color:var(--muted);font-weight:600}
tr.role{cursor:pointer}tr.role:hover{background:#f0f3fb}tr.role.open{background:#e8ecf8}
.badge{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;font-weight:600;margin-right:4px;white-space:nowrap}
.b-exposure,.b-mandatory{background:var(--bad-bg);color:var(--bad)}.b-advisory,.b-convention,.b-validity{background:var(--warn-bg);color:var(--warn)}
.b-resource{background:#eef0f7;color:var(--accent)}.b-ok{background:var(--ok-bg);color:var(--ok)}.b-broken{background:#eceff1;color:#455a64}
code,pre{font:12px/1.4 ui-monospace,"DejaVu Sans Mono",Menlo,monospace}
code{background:#f1f3f7;padding:1px 4px;border-radius:4px;word-break:break-all}
pre{background:#1f2430;color:#e6e9ef;padding:10px 12px;border-radius:6px;overflow:auto;max-height:420px}
.filters{display:flex;flex-wrap:wrap;gap:8px;align-items:center;background:var(--card);border:1px solid var(--line);border-radius:8px;padding:10px 12px;position:sticky;top:0;z-index:1}
.filters label{font-size:12px;color:var(--muted)}select,input,button{font:inherit}
select,input[type=search]{padding:4px 6px;border:1px solid var(--line);border-radius:6px;background:#fff}
button{padding:4px 10px;border:1px solid var(--line);border-radius:6px;background:#fff;cursor:pointer}button:hover{border-color:var(--accent)}
button.on{background:var(--accent);color:#fff;border-color:var(--accent)}
.detail{background:var(--card);padding:6px 14px 14px;border-bottom:2px solid var(--accent)}
.finding{border:1px solid var(--line);border-left:4px solid var(--warn);border-radius:6px;padding:8px 10px;margin:8px 0}
.finding.mandatory{border-left-color:var(--bad)}
.finding .fix{color:var(--ok)}.muted{color:var(--muted)}
ul.plain{margin:4px 0;padding-left:18px}li.exposure{color:var(--bad)}
.unreadable li{color:var(--bad)}
#unreadable,#broken{margin-top:16px}
td.acct code{white-space:nowrap}
a{color:var(--accent)}a.doc{margin-left:6px;font-size:12px}
details.message summary{cursor:pointer}
svg text{font:12px system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif}
svg .clickable{cursor:pointer}
`;
