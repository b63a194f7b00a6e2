/** The dashboard's whole stylesheet: small, no build step, readable on a phone. */
export const DASHBOARD_CSS = `
:root{--ink:#1d2430;--muted:#5b6574;--line:#dde2e8;--bg:#f6f7f9;--accent:#0b6e4f;--warn:#b54708;--bad:#b42318}
*{box-sizing:border-box}body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg)}
a{color:var(--accent)}header.top{background:#fff;border-bottom:1px solid var(--line);padding:.5rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center}
header.top strong{font-size:1.1rem}nav{display:flex;flex-wrap:wrap;gap:.25rem .75rem}nav a{text-decoration:none}nav a.on{font-weight:700;text-decoration:underline}
.who{margin-left:auto;color:var(--muted);font-size:.9rem}.page{max-width:1100px;margin:0 auto;padding:1rem}
h1{font-size:1.35rem;margin:.25rem 0 1rem}h2{font-size:1.1rem;margin:1.5rem 0 .5rem}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(200px,1fr));gap:.75rem}
.card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:.75rem}.card .label{color:var(--muted);font-size:.85rem}.card .value{font-size:1.35rem;font-weight:700}
table{border-collapse:collapse;width:100%;background:#fff;font-size:.92rem}th,td{border-bottom:1px solid var(--line);padding:.4rem .5rem;text-align:left;vertical-align:top}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}.scroll{overflow-x:auto}
form.inline{display:inline}form.filters{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end;margin-bottom:.75rem}
label{display:flex;flex-direction:column;font-size:.85rem;color:var(--muted)}input,select,button{font:inherit;padding:.35rem .5rem;border:1px solid var(--line);border-radius:6px;background:#fff}
button{background:var(--accent);color:#fff;border-color:var(--accent);cursor:pointer}button.secondary{background:#fff;color:var(--accent)}button.danger{background:var(--bad);border-color:var(--bad)}
.badge{display:inline-block;padding:0 .4rem;border-radius:4px;font-size:.8rem;background:#eef1f4}.badge.active,.badge.completed{background:#dcfae6}.badge.pending,.badge.reserved{background:#fef0c7}.badge.suspended,.badge.refused,.badge.rejected,.badge.expired{background:#fee4e2}
.warn{color:var(--warn)}.bad{color:var(--bad)}.muted{color:var(--muted)}
svg.chart{width:100%;height:auto;background:#fff;border:1px solid var(--line);border-radius:8px}svg.chart .bar{fill:var(--accent)}svg.chart .bar.low{fill:var(--warn)}svg.chart text{font-size:11px;fill:var(--ink)}
.login{max-width:380px;margin:4rem auto;background:#fff;border:1px solid var(--line);border-radius:8px;padding:1.25rem}.login input{width:100%}
.chat{max-width:560px;margin:0 auto;display:flex;flex-direction:column;height:calc(100vh - 60px)}.msgs{flex:1;overflow-y:auto;padding:.5rem}
.msg{max-width:85%;margin:.3rem 0;padding:.45rem .6rem;border-radius:10px;white-space:pre-wrap;background:#fff;border:1px solid var(--line)}.msg.me{margin-left:auto;background:#d9f2e6}
.send .pick{cursor:pointer;padding:0 .4rem;font-size:1.3rem;align-self:center}
.msg img.pic{display:block;width:240px;max-width:100%;height:auto;image-rendering:pixelated;margin-bottom:.3rem}
.opts{display:flex;flex-wrap:wrap;gap:.3rem;margin:.2rem 0 .5rem}.opts button{background:#fff;color:var(--accent)}
form.send{display:flex;gap:.4rem;padding:.5rem;border-top:1px solid var(--line);background:#fff}form.send input{flex:1}
@media (max-width:600px){.who{margin-left:0;width:100%}th,td{padding:.3rem}}
`;
