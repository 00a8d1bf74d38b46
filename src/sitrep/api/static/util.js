// sitrep dashboard: shared helpers. Every piece of report data reaches the page through
// text nodes (el(), append()) — never parsed as HTML — so a report's "<script>" stays text.
(function () {
  "use strict";
  const S = (window.sitrep = window.sitrep || {});

  S.TYPES = {
    battles: { label: "Battles", colour: "#d62728" },
    explosions_remote_violence: { label: "Explosions / remote violence", colour: "#ff7f0e" },
    violence_against_civilians: { label: "Violence against civilians", colour: "#9467bd" },
    protests: { label: "Protests", colour: "#2ca02c" },
    riots: { label: "Riots", colour: "#8c564b" },
    strategic_developments: { label: "Strategic developments", colour: "#1f77b4" },
    displacement: { label: "Displacement", colour: "#17becf" },
  };
  S.PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"];

  S.typeLabel = (t) => (S.TYPES[t] ? S.TYPES[t].label : String(t || "?"));
  S.typeColour = (t) => (S.TYPES[t] ? S.TYPES[t].colour : "#555");
  S.slug = (t) => String(t || "").replace(/[^a-z0-9_]/gi, "");
  S.words = (t) => String(t == null ? "" : t).replace(/_/g, " ");

  // el("li", {className: "x", onclick: fn, dataset: {id: 3}}, "text", childNode, ...)
  S.el = function (tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value == null || value === false) continue;
      if (key === "dataset") Object.assign(node.dataset, value);
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else if (key === "className" || key === "type" || key === "value" || key === "disabled" ||
               key === "checked" || key === "selected" || key === "title" || key === "htmlFor" || key === "href")
        node[key] = value;
      else node.setAttribute(key, String(value));
    }
    S.append(node, children);
    return node;
  };
  S.append = function (node, children) {
    for (const child of children.flat()) {
      if (child == null || child === false) continue;
      node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  };
  S.svg = function (tag, attrs, ...children) {
    const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    for (const [key, value] of Object.entries(attrs || {})) if (value != null) node.setAttribute(key, String(value));
    for (const child of children.flat()) {
      if (child == null) continue;
      node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  };
  S.clear = (node) => { while (node.firstChild) node.removeChild(node.firstChild); return node; };
  S.$ = (sel) => document.querySelector(sel);

  // fetch JSON; a non-2xx answer throws an Error carrying the server's "detail" message
  S.api = async function (path, params, options) {
    const url = new URL(path, window.location.origin);
    for (const [k, v] of Object.entries(params || {})) if (v != null && v !== "") url.searchParams.set(k, v);
    const response = await fetch(url, options);
    let body = null;
    try { body = await response.json(); } catch (e) { body = null; }
    if (!response.ok) {
      const detail = body && body.detail ? (typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail)) : response.statusText;
      const error = new Error(response.status + ": " + detail);
      error.status = response.status;
      throw error;
    }
    return body;
  };

  // ISO day helpers (UTC, whole days)
  const DAY = 86400000;
  S.DAY = DAY;
  S.dayNum = (iso) => Math.floor(Date.parse(iso + "T00:00:00Z") / DAY);
  S.dayIso = (n) => new Date(n * DAY).toISOString().slice(0, 10);

  // The report text as text nodes with <mark> around each span: spans may overlap; `current`
  // spans get class "current", the others "other". Offsets are Python string indices (code
  // points), so the text is walked by code point, not by UTF-16 unit.
  S.highlight = function (text, current, others) {
    const chars = Array.from(text || "");
    const marks = new Array(chars.length + 1).fill(0);
    const paint = (spans, bit) => {
      for (const s of spans || []) {
        const a = Math.max(0, s.start | 0), b = Math.min(chars.length, s.end | 0);
        for (let i = a; i < b; i++) marks[i] |= bit;
      }
    };
    paint(others, 1);
    paint(current, 2);
    const frag = document.createDocumentFragment();
    let i = 0;
    while (i < chars.length) {
      let j = i;
      while (j < chars.length && marks[j] === marks[i]) j++;
      const piece = chars.slice(i, j).join("");
      if (marks[i] === 0) frag.appendChild(document.createTextNode(piece));
      else frag.appendChild(S.el("mark", { className: marks[i] & 2 ? "current" : "other" }, piece));
      i = j;
    }
    return frag;
  };

  S.fmtNumber = (n) => (n == null ? "—" : Number(n).toLocaleString("en"));
  S.fmtDates = (a, b) => (!a ? "date unknown" : !b || a === b ? a : a + " – " + b);
})();
