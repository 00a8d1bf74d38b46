// sitrep dashboard: tally series over time (one line per claimant, for a chosen quantity and
// subject) and the control timeline of a chosen place. Plain SVG, text through text nodes.
(function () {
  "use strict";
  const S = (window.sitrep = window.sitrep || {});
  const el = (...a) => S.el(...a);

  // ---- tallies -------------------------------------------------------------------------------
  let series = [];

  S.loadTallies = async function () {
    const box = S.$("#tally-panel");
    try {
      series = (await S.api("/api/tallies")).series || [];
    } catch (e) {
      S.clear(box).appendChild(el("p", { className: "error" }, e.message));
      return;
    }
    const groups = new Map();
    for (const s of series) {
      const key = s.quantity + "|" + (s.subject || "");
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(s);
    }
    S.clear(box);
    if (!groups.size) { box.appendChild(el("p", { className: "muted" }, "no tallies stored")); return; }
    const pick = el("select", { id: "tally-group", "aria-label": "tally series" },
      [...groups.keys()].map((k) => {
        const [q, subj] = k.split("|");
        return el("option", { value: k }, q + " — " + (subj || "unspecified") + " (" + groups.get(k).length + " series)");
      }));
    const chart = el("div", { className: "chart" });
    box.append(el("label", {}, "Series ", pick), chart);
    const draw = () => drawTallies(chart, groups.get(pick.value));
    pick.addEventListener("change", draw);
    draw();
  };

  function drawTallies(box, group) {
    S.clear(box);
    const W = 380, H = 200, L = 48, R = 10, T = 10, B = 24;
    const points = group.flatMap((s) => s.values.filter((v) => v.as_of).map((v) => ({ s, v, t: S.dayNum(v.as_of) })));
    const svg = S.svg("svg", { viewBox: "0 0 " + W + " " + H, class: "tally-chart", role: "img", "aria-label": "tally values over time" });
    box.appendChild(svg);
    if (!points.length) { box.appendChild(el("p", { className: "muted" }, "no dated values")); }
    else {
      let t0 = Math.min(...points.map((p) => p.t)), t1 = Math.max(...points.map((p) => p.t));
      if (t0 === t1) { t0 -= 15; t1 += 15; }
      const vmax = Math.max(...points.map((p) => p.v.value)) * 1.1 || 1;
      const x = (t) => L + ((t - t0) / (t1 - t0)) * (W - L - R), y = (v) => T + (1 - v / vmax) * (H - T - B);
      svg.append(S.svg("line", { x1: L, x2: W - R, y1: H - B, y2: H - B, class: "axis-line" }),
        S.svg("line", { x1: L, x2: L, y1: T, y2: H - B, class: "axis-line" }),
        S.svg("text", { x: L - 4, y: T + 8, "text-anchor": "end", class: "axis" }, S.fmtNumber(Math.round(vmax))),
        S.svg("text", { x: L - 4, y: H - B, "text-anchor": "end", class: "axis" }, "0"),
        S.svg("text", { x: L, y: H - 6, class: "axis" }, S.dayIso(t0)),
        S.svg("text", { x: W - R, y: H - 6, "text-anchor": "end", class: "axis" }, S.dayIso(t1)));
      group.forEach((s, i) => {
        const colour = S.PALETTE[i % S.PALETTE.length];
        const pts = s.values.filter((v) => v.as_of).map((v) => [S.dayNum(v.as_of), v]).sort((a, b) => a[0] - b[0]);
        svg.appendChild(S.svg("polyline", { points: pts.map(([t, v]) => x(t) + "," + y(v.value)).join(" "), stroke: colour, class: "series" }));
        for (const [t, v] of pts) {
          svg.appendChild(S.svg("circle", { cx: x(t), cy: y(v.value), r: 3.5, fill: colour },
            S.svg("title", {}, (s.claimant || "the outlet") + ": " + v.value + " (" + v.qualifier + ") as of " + v.as_of)));
        }
      });
    }
    const legend = el("ul", { className: "series-legend" });
    group.forEach((s, i) => legend.appendChild(el("li", {},
      el("span", { className: "swatch", style: "background:" + S.PALETTE[i % S.PALETTE.length] }),
      (s.claimant || "the outlet") + (s.since ? " (since " + s.since + ")" : "") + ": latest " + S.fmtNumber(s.latest))));
    box.appendChild(legend);
    const rows = group.flatMap((s) => s.values.map((v) => el("tr", {},
      el("td", {}, s.claimant || "the outlet"), el("td", { className: "num" }, S.fmtNumber(v.value)), el("td", {}, v.qualifier || ""),
      el("td", {}, v.as_of || "—"),
      el("td", {}, el("button", { type: "button", className: "link", onclick: () => S.showDocument(v.doc_id, v.evidence) }, v.title || v.doc_id)))));
    box.appendChild(el("table", { className: "values" },
      el("thead", {}, el("tr", {}, ["claimant", "value", "", "as of", "report"].map((h) => el("th", {}, h)))), el("tbody", {}, rows)));
  }

  // a report alone (from a tally), with the given evidence marked
  S.showDocument = async function (docId, evidence) {
    S.showTab("event");
    const box = S.clear(S.$("#event-panel"));
    try {
      const doc = await S.api("/api/documents/" + encodeURIComponent(docId));
      box.appendChild(S.renderDocument(doc, evidence || [], []));
    } catch (e) { box.appendChild(el("p", { className: "error" }, e.message)); }
  };

  // ---- control timeline ----------------------------------------------------------------------
  S.loadControlPlaces = async function () {
    const list = S.$("#control-places");
    try {
      const places = (await S.api("/api/control/places")).places || [];
      S.clear(list);
      for (const p of places) list.appendChild(el("option", { value: p }));
      const input = S.$("#control-place");
      if (!input.value && places.length) input.placeholder = "e.g. " + places[0];
    } catch (e) { /* the picker stays empty; typing a name still works */ }
  };

  S.showControl = async function (place) {
    const box = S.clear(S.$("#control-result"));
    if (!place) return;
    let periods;
    try { periods = (await S.api("/api/control", { place })).periods || []; }
    catch (e) { box.appendChild(el("p", { className: "error" }, e.message)); return; }
    if (!periods.length) { box.appendChild(el("p", { className: "muted" }, "no territory changes recorded for this place")); return; }
    const today = S.dayNum(new Date().toISOString().slice(0, 10));
    const starts = periods.map((p) => S.dayNum(p.from)), ends = periods.map((p) => (p.to ? S.dayNum(p.to) : Math.max(today, S.dayNum(p.from) + 1)));
    const t0 = Math.min(...starts), t1 = Math.max(...ends);
    const W = 380, H = 46, x = (t) => 4 + ((t - t0) / Math.max(1, t1 - t0)) * (W - 8);
    const holders = [...new Set(periods.map((p) => p.holder || "unknown"))];
    const svg = S.svg("svg", { viewBox: "0 0 " + W + " " + H, class: "control-chart", role: "img", "aria-label": "control over time" });
    periods.forEach((p, i) => {
      const colour = S.PALETTE[holders.indexOf(p.holder || "unknown") % S.PALETTE.length];
      svg.appendChild(S.svg("rect", { x: x(starts[i]), y: 4, width: Math.max(2, x(ends[i]) - x(starts[i])), height: 22, fill: colour },
        S.svg("title", {}, (p.holder || "unknown") + ": " + p.from + " – " + (p.to || "now"))));
    });
    svg.append(S.svg("text", { x: 4, y: H - 4, class: "axis" }, S.dayIso(t0)), S.svg("text", { x: W - 4, y: H - 4, "text-anchor": "end", class: "axis" }, S.dayIso(t1)));
    box.appendChild(el("h3", {}, "Who held " + (periods[0].place || place)));
    box.appendChild(svg);
    box.appendChild(el("ul", { className: "series-legend" }, holders.map((h, i) =>
      el("li", {}, el("span", { className: "swatch", style: "background:" + S.PALETTE[i % S.PALETTE.length] }), h))));
    box.appendChild(el("table", { className: "values" },
      el("thead", {}, el("tr", {}, ["holder", "from", "to", "taken from", "source"].map((h) => el("th", {}, h)))),
      el("tbody", {}, periods.map((p) => el("tr", {}, el("td", {}, p.holder || "unknown"), el("td", {}, p.from || "—"),
        el("td", {}, p.to || "now"), el("td", {}, p.previous_holder || "—"),
        el("td", {}, p.event_id ? el("button", { type: "button", className: "link", onclick: () => S.showEvent(p.event_id) }, "event " + p.event_id) : "—"))))));
  };
})();
