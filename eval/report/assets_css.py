"""The report's stylesheet (inlined into every page; no external assets)."""

CSS = r"""
:root{--bg:#fafaf7;--fg:#1d1d1f;--muted:#6b6b70;--line:#dcdcd6;--card:#fff;--accent:#30638e;
--flag:#d1495b;--flagbg:#fde2e4;--ok:#d8efe2;--okline:#66a182;--hl:#ffd84d;--near:#ffe9a8;--low:#fff0d4;}
*{box-sizing:border-box}
html,body{margin:0;height:100%;background:var(--bg);color:var(--fg);
font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif}
header{display:flex;align-items:center;gap:16px;padding:8px 16px;background:#1f2d3d;color:#fff;position:sticky;top:0;z-index:5}
header h1{font-size:16px;margin:0;font-weight:600}
header .run{opacity:.8;font-size:13px}
header nav{margin-left:auto;display:flex;gap:6px;align-items:center}
header a,header button{color:#fff;background:transparent;border:1px solid rgba(255,255,255,.35);border-radius:4px;
padding:3px 10px;text-decoration:none;font:inherit;cursor:pointer}
header a.active{background:rgba(255,255,255,.18)}
header input{font:inherit;padding:2px 6px;border-radius:4px;border:1px solid #889;width:110px}
.badge{display:inline-block;padding:0 6px;border-radius:9px;font-size:12px;background:#e8e8e2;color:#333}
.badge.review{background:#edae49;color:#222}
.muted{color:var(--muted)}
#overview{padding:16px 24px;max-width:1200px}
.notes{background:#fff6da;border:1px solid #edd28a;padding:6px 10px;border-radius:4px;margin:0 0 12px}
table.scores{border-collapse:collapse;background:var(--card);margin:8px 0 16px}
table.scores th,table.scores td{border:1px solid var(--line);padding:4px 8px;text-align:right;white-space:nowrap}
table.scores th:first-child,table.scores td:first-child{text-align:left}
table.scores tr.flagrow td{border-top:2px solid #bbb}
.tablewrap{overflow-x:auto;max-width:100%}
table.scores .ci{color:var(--muted);font-size:12px}
.plots{display:flex;flex-wrap:wrap;gap:16px}
.plotbox{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:8px}
svg.plot text{font:12px system-ui,sans-serif;fill:#333}
svg.plot .ptitle{font-weight:600;font-size:13px}
svg.plot .psub{fill:#666;font-size:11px}
#docs{display:grid;grid-template-columns:300px 1fr;height:calc(100vh - 42px)}
#side{border-right:1px solid var(--line);display:flex;flex-direction:column;min-height:0;background:#f3f3ee}
#filters{padding:8px 10px;border-bottom:1px solid var(--line);font-size:13px}
#filters fieldset{border:0;padding:0;margin:0 0 6px}
#filters legend{font-weight:600;padding:0;margin-bottom:2px}
#filters label{display:inline-block;margin-right:8px;white-space:nowrap}
#filters select,#filters input[type=search]{font:inherit;width:100%;margin-top:2px}
#count{font-size:12px;color:var(--muted);margin-top:4px}
#list{list-style:none;margin:0;padding:0;overflow-y:auto;flex:1;min-height:0}
#list li{padding:5px 10px;border-bottom:1px solid var(--line);cursor:pointer;display:flex;gap:6px;align-items:center}
#list li:hover{background:#e9e9e2}
#list li.sel{background:#dbe7f3}
#list .lid{flex:1;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
#list .nf{background:var(--flagbg);color:#8a1c2b;border-radius:9px;padding:0 6px;font-size:12px}
#list .rk{font-size:11px;color:var(--muted);width:54px;text-align:right;white-space:nowrap}
#view{overflow:hidden;display:flex;flex-direction:column;min-height:0}
#dochead{padding:8px 14px;border-bottom:1px solid var(--line);display:flex;gap:10px;align-items:center;background:var(--card)}
#dochead h2{font-size:15px;margin:0;overflow:hidden;text-overflow:ellipsis;white-space:nowrap;max-width:50%}
#dochead button{font:inherit;padding:2px 8px}
#panes{display:grid;grid-template-columns:1fr 1fr;flex:1;min-height:0}
#source{overflow-y:auto;padding:12px 16px;white-space:pre-wrap;word-wrap:break-word;border-right:1px solid var(--line);background:var(--card);line-height:1.6}
#summaries{overflow-y:auto;padding:12px 16px}
.pane-title{font-size:12px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);margin:0 0 6px;white-space:normal}
.card{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:10px 12px;margin-bottom:12px}
.card h3{margin:0 0 6px;font-size:14px;display:flex;gap:8px;align-items:baseline;flex-wrap:wrap}
.card .sum{line-height:1.7;white-space:pre-wrap;word-wrap:break-word}
.card .unscored{color:var(--muted);font-style:italic}
.ev-ok{background:var(--ok);border-bottom:2px solid var(--okline)}
.ev-flag{background:#f6d5d9;border-bottom:2px solid var(--flag)}
.hl{background:var(--hl)!important;outline:2px solid #e0a800;border-radius:2px}
.hl.nearhl{background:var(--near)!important;outline-style:dashed}
.lowf{background:var(--low)}
[data-ref]{cursor:pointer}
.chk{border-bottom:2px dotted var(--okline)}
mark.flag{background:var(--flagbg);color:inherit;border-bottom:3px solid var(--kc,var(--flag));cursor:pointer;padding:0 1px;border-radius:2px}
mark.flag:focus,mark.flag.cur{outline:3px solid var(--accent);outline-offset:1px}
mark.flag.confirm{background:#f4a6b0}
mark.flag.dismiss{background:#eee;border-bottom:2px dashed #999;text-decoration:line-through;color:#777}
.lowf.confirm{background:#f9c9a0}
.lowf.dismiss{background:none;text-decoration:underline dotted #999}
.swatch{display:inline-block;width:10px;height:10px;border-radius:2px;background:var(--kc);margin-right:3px}
.banner{background:#fff0d4;border:1px solid #edae49;border-radius:4px;padding:6px 10px;margin:0 0 8px;white-space:normal;font-size:13px}
.card.ref{background:#f4f7fb;border-style:dashed}
#legend{font-size:12px;padding:4px 14px 6px;border-top:1px solid var(--line);line-height:1.9}
#legend mark,#legend span{margin-right:4px}
ul.flags{list-style:none;margin:8px 0 0;padding:0;font-size:13px}
ul.flags li{border-top:1px solid var(--line);padding:5px 0;display:flex;flex-wrap:wrap;gap:6px;align-items:center}
ul.flags li.cur{background:#eef4fa}
ul.flags .kind{font-size:11px;border-radius:3px;padding:0 4px;background:#eee;border-left:4px solid var(--kc,#999)}
ul.flags .kind.lowf{background:var(--low);border-left-color:#edae49}
ul.flags .ftext{font-weight:600}
ul.flags .reason{color:#444;flex-basis:100%}
ul.flags .state{font-size:12px}
ul.flags .state.confirm{color:#8a1c2b}
ul.flags .state.dismiss{color:#555}
ul.flags button{font:inherit;font-size:12px;padding:1px 8px;cursor:pointer}
ul.flags button.on{background:#1f2d3d;color:#fff;border-color:#1f2d3d}
ul.flags .actions{flex-basis:100%;display:flex;gap:6px}
ul.flags input{font:inherit;font-size:12px;flex:1;min-width:120px}
#tip{position:fixed;z-index:20;max-width:380px;background:#222;color:#fff;padding:6px 9px;border-radius:5px;
font-size:12px;pointer-events:none;display:none;white-space:pre-wrap}
#help{font-size:12px;color:var(--muted);padding:4px 14px;border-top:1px solid var(--line)}
kbd{border:1px solid #bbb;border-radius:3px;padding:0 3px;background:#fff;font-size:11px}
#toast{position:fixed;right:16px;bottom:16px;background:#1f2d3d;color:#fff;padding:6px 12px;border-radius:4px;display:none;z-index:30}
.hidden{display:none!important}
#list .lid,#docid,.card h3 span,#f-sys label,table.scores th{unicode-bidi:isolate}
"""
