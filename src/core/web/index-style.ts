/** The index page's style sheet; `.js` on <html> marks that the script runs (filter and copy buttons shown). */
export const INDEX_STYLE = `body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem 1.5rem;color:#1d1d1f}
h1{font-size:1.6rem;margin:.5rem 0}h2{font-size:1.15rem;margin:1.4rem 0 .4rem}code{font:13px ui-monospace,monospace;background:#f3f3f5;border-radius:4px;padding:0 .25rem}
.cmd{display:flex;gap:.5rem;align-items:center;margin:.4rem 0}.cmd code{flex:1;padding:.45rem .7rem;overflow-x:auto;white-space:pre;user-select:all}
.copy{display:none;font:inherit;font-size:.85rem;padding:.3rem .7rem;border:1px solid #b8b8c0;border-radius:4px;background:#fff;cursor:pointer}.js .copy{display:inline-block}
#search{display:none;margin:.8rem 0 .3rem}.js #search{display:block}#search label{display:block;font-weight:600;margin-bottom:.2rem}
#filter{font:inherit;width:100%;padding:.45rem .6rem;box-sizing:border-box}.hint{color:#666;font-size:.85rem}#none{font-weight:600}
:focus-visible{outline:2px solid #2563eb;outline-offset:2px}
details{border-top:1px solid #e3e3e8;padding:.35rem 0;content-visibility:auto;contain-intrinsic-size:auto 2rem}summary{cursor:pointer}summary b{font-weight:600}
.v{color:#555}.pre{font-size:.8rem;color:#7a4b00;background:#fff4de;border-radius:4px;padding:0 .3rem;margin-left:.3rem}.d{color:#444;margin-left:.4rem}
p.versions{margin:.2rem 0 .5rem}ul.req{padding-left:1.2rem;margin:.2rem 0;font:13px ui-monospace,monospace}
.meta{font-size:.85rem;color:#666;margin:.3rem 0}footer{margin-top:2rem;color:#777;font-size:.85rem}`;
