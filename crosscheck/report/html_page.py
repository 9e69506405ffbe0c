"""The shell of an HTML page: inline style and script, a Content-Security-Policy that
lets the page fetch nothing, escaping, and the JSON block the script reads.

>>> _e('<b class="x">')
'&lt;b class=&quot;x&quot;&gt;'
>>> print(_json_block({"a": "</script>"}))
{"a":"\\u003c/script\\u003e"}
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from html import escape

_CSS = """
:root { --ink: #1d1f24; --muted: #5b6170; --line: #d8dbe2; --paper: #fff;
  --error: #b3261e; --warning: #8a5a00; --info: #2f5d8a; --hl: #ffe27a; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink);
  background: #f4f5f7; margin: 0; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; background: var(--paper); }
h1 { font-size: 1.5rem; margin: .5rem 0 .25rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; border-bottom: 1px solid var(--line); }
.meta, .where, .fp, .muted { color: var(--muted); font-size: .85rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left;
  vertical-align: top; }
th { background: #eef0f4; }
td.empty { background: repeating-linear-gradient(45deg, #fafafa, #fafafa 6px, #f0f1f4 6px,
  #f0f1f4 12px); color: var(--muted); text-align: center; }
.filters { position: sticky; top: 0; background: var(--paper); padding: .5rem 0;
  border-bottom: 1px solid var(--line); display: flex; gap: 1rem; flex-wrap: wrap;
  align-items: center; z-index: 1; }
.divergence { border: 1px solid var(--line); border-left: 6px solid var(--info);
  border-radius: 4px; padding: .6rem .9rem; margin: .8rem 0; }
.divergence.sev-error { border-left-color: var(--error); }
.divergence.sev-warning { border-left-color: var(--warning); }
.badge { font-weight: 700; font-size: .75rem; padding: .1rem .4rem; border-radius: 3px;
  color: #fff; background: var(--info); }
.sev-error .badge.sev { background: var(--error); }
.sev-warning .badge.sev { background: var(--warning); }
.badge.status { background: #4b5563; }
.badge.verdict { background: #166534; }
.message { margin: .4rem 0; font-weight: 600; }
.reasoning { margin: .2rem 0 .5rem; color: var(--muted); }
.sides { display: grid; grid-template-columns: 1fr 1fr; gap: .8rem; }
.side { margin: 0; }
.side figcaption { font-weight: 600; }
.sentence { margin: .2rem 0; padding: .4rem .6rem; background: #f7f8fa;
  border-radius: 3px; cursor: pointer; }
.sentence:hover, .sentence:focus { outline: 2px solid #9db4d6; }
mark.hl { background: var(--hl); padding: 0 .1rem; border-radius: 2px; }
mark.part { background: #dfe9f8; padding: 0 .1rem; border-radius: 2px; }
td.id { white-space: nowrap; }
code { font-size: .85rem; background: #f0f1f4; padding: 0 .25rem; border-radius: 3px;
  overflow-wrap: anywhere; }
dialog { max-width: 48rem; width: 90vw; border: 1px solid var(--line); border-radius: 6px; }
dialog li.current { background: var(--hl); }
details > summary { cursor: pointer; font-weight: 600; }
@media (max-width: 48rem) { .sides { grid-template-columns: 1fr; } }
@media print {
  body { background: #fff; font-size: 11pt; }
  main { max-width: none; padding: 0; }
  .filters, dialog, .cmd { display: none; }
  .divergence { break-inside: avoid; }
}
"""

_JS = """
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("crosscheck-data").textContent);
  var selects = Array.prototype.slice.call(document.querySelectorAll(".filters select"));
  var cards = Array.prototype.slice.call(
    document.querySelectorAll("#divergences .divergence"));
  function apply() {
    var want = {};
    selects.forEach(function (s) { want[s.name] = s.value; });
    var shown = 0;
    cards.forEach(function (card) {
      var ok = (!want.kind || card.dataset.kind === want.kind) &&
        (!want.severity || card.dataset.severity === want.severity) &&
        (!want.outlet || card.dataset.sources.split(" ").indexOf(want.outlet) >= 0);
      card.hidden = !ok;
      if (ok) { shown += 1; }
    });
    var counter = document.getElementById("shown");
    if (counter) { counter.textContent = shown + " of " + cards.length + " shown"; }
  }
  selects.forEach(function (s) { s.addEventListener("change", apply); });
  var dialog = document.getElementById("context");
  function show(el) {
    var source = data.sources[el.dataset.source];
    if (!source) { return; }
    var index = Number(el.dataset.index);
    var at = source.sentences.findIndex(function (s) { return s[0] === index; });
    if (at < 0) { return; }
    var around = data.context;
    document.getElementById("context-title").textContent =
      source.outlet + ", sentence " + (index + 1) + " (JSON index " + index + ")";
    var list = document.getElementById("context-body");
    list.textContent = "";
    source.sentences.slice(Math.max(0, at - around), at + around + 1).forEach(function (s) {
      var item = document.createElement("li");
      item.value = s[0] + 1;
      item.textContent = s[1];
      if (s[0] === index) { item.className = "current"; }
      list.appendChild(item);
    });
    dialog.showModal();
  }
  document.addEventListener("click", function (event) {
    var el = event.target.closest(".sentence");
    if (el) { show(el); }
  });
  document.addEventListener("keydown", function (event) {
    var el = event.target.closest && event.target.closest(".sentence");
    if (el && (event.key === "Enter" || event.key === " ")) { event.preventDefault(); show(el); }
  });
  document.getElementById("context-close").addEventListener("click", function () {
    dialog.close();
  });
  apply();
}());
"""

# Nothing may be fetched: no network, no CDN. Inline style and script are the page's own.
_CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _json_block(data: object) -> str:
    """JSON safe inside a <script> element: no "</script>" or "<!--" can close it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _page(title: str, body: Iterable[str], data: object | None = None) -> str:
    head = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        "<main>",
    ]
    tail = ["</main>"]
    if data is not None:
        tail += [
            f'<script type="application/json" id="crosscheck-data">{_json_block(data)}</script>',
            f"<script>{_JS}</script>",
        ]
    tail += ["</body>", "</html>"]
    return "\n".join([*head, *body, *tail]) + "\n"
