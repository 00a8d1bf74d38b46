// sitrep dashboard: start-up, filters, tabs and the map/timeline refresh. The map shows up to
// MAP_LIMIT events (newest first) matching the filters and the timeline's brush.
(function () {
  "use strict";
  const S = (window.sitrep = window.sitrep || {});
  const el = (...a) => S.el(...a);
  const MAP_LIMIT = 10000;
  S.state = { filters: {}, brush: null, selected: null };

  S.status = function (message, isError) {
    const box = S.$("#status");
    box.textContent = message;
    box.className = isError ? "error" : "";
  };

  S.showTab = function (name) {
    document.querySelectorAll("[role=tab]").forEach((t) => t.setAttribute("aria-selected", String(t.dataset.tab === name)));
    document.querySelectorAll("[role=tabpanel]").forEach((p) => { p.hidden = p.id !== "tab-" + name; });
  };

  function fillSelect(select, values, label) {
    const keep = select.value;
    S.clear(select).appendChild(el("option", { value: "" }, "all " + label));
    for (const v of values) select.appendChild(el("option", { value: v }, label === "types" ? S.typeLabel(v) : v));
    select.value = values.includes(keep) ? keep : "";
  }

  async function loadFacets(prefetched) {
    const f = await (prefetched || S.api("/api/facets"));
    fillSelect(S.$("#f-type"), f.event_types || [], "types");
    fillSelect(S.$("#f-country"), f.countries || [], "countries");
    fillSelect(S.$("#f-admin1"), f.admin1 || [], "provinces");
    const actors = S.clear(S.$("#actors"));
    for (const a of f.actors || []) actors.appendChild(el("option", { value: a }));
  }

  function readFilters() {
    const f = {};
    const pairs = [["event_type", "#f-type"], ["country", "#f-country"], ["admin1", "#f-admin1"], ["actor", "#f-actor"]];
    for (const [key, sel] of pairs) { const v = S.$(sel).value.trim(); if (v) f[key] = v; }
    S.state.filters = f;
  }

  function fetchPoints() {
    return S.api("/api/events", Object.assign({}, S.state.filters, S.state.brush || {}, { format: "points", limit: MAP_LIMIT }));
  }

  async function loadPoints(fit, prefetched) {
    const data = await (prefetched || fetchPoints());
    const n = await S.drawPoints(data.rows, fit);
    const window_ = S.state.brush ? " between " + S.state.brush.since + " and " + S.state.brush.until : "";
    S.status(data.total > n ? "showing the newest " + n.toLocaleString("en") + " of " + data.total.toLocaleString("en") +
      " events" + window_ + " — narrow the filters or brush the timeline"
      : n.toLocaleString("en") + " events on the map" + window_);
    S.$("#clear-brush").hidden = !S.state.brush;
    return n;
  }

  async function loadTimeline(prefetched) {
    const data = await (prefetched || S.api("/api/events/per-day", S.state.filters));
    S.drawTimeline(data.days);
  }

  // filters changed (or new records): redraw timeline and map; `facets` also reloads the pickers
  S.refresh = async function (facets, prefetched) {
    const ahead = prefetched || {};
    try {
      readFilters();
      await Promise.all([facets !== false ? loadFacets(ahead.facets) : null, loadTimeline(ahead.days), loadPoints(true, ahead.points)]);
      if (facets === false) { loadFacets().catch(() => {}); S.loadTallies(); S.loadControlPlaces(); }
    } catch (e) { S.status(e.message, true); }
  };

  async function brushed(range) {
    S.state.brush = range;
    exportLinks();
    try { await loadPoints(false); } catch (e) { S.status(e.message, true); }
  }

  function exportLinks() {
    const q = new URLSearchParams(Object.assign({}, S.state.filters, S.state.brush || {})).toString();
    S.$("#export-csv").href = "/api/export/events.csv" + (q ? "?" + q : "");
    S.$("#export-geojson").href = "/api/export/events.geojson" + (q ? "?" + q : "");
  }

  async function start() {
    const t0 = performance.now();
    // ask for the first view's data at once, while the map is being set up
    const ahead = { facets: S.api("/api/facets"), days: S.api("/api/events/per-day"), points: fetchPoints() };
    for (const p of Object.values(ahead)) p.catch(() => {});  // reported where they are awaited
    let config = { tile_url: null, writes: "open" };
    try { config = await S.api("/api/config"); } catch (e) { S.status(e.message, true); }
    S.initMap(config);
    S.initTimeline(brushed);
    S.initReportForm(config);
    document.querySelectorAll("[role=tab]").forEach((t) => t.addEventListener("click", () => S.showTab(t.dataset.tab)));
    for (const sel of ["#f-type", "#f-country", "#f-admin1", "#f-actor"]) {
      S.$(sel).addEventListener("change", () => { readFilters(); exportLinks(); Promise.all([loadTimeline(), loadPoints(true)]).catch((e) => S.status(e.message, true)); });
    }
    S.$("#clear-brush").addEventListener("click", () => { brushed(null).then(loadTimeline); });
    S.$("#control-form").addEventListener("submit", (ev) => { ev.preventDefault(); S.showControl(S.$("#control-place").value.trim()); });
    await S.refresh(true, ahead);
    await S.bordersReady;
    exportLinks();
    S.loadTallies();
    S.loadControlPlaces();
    S.firstRenderMs = Math.round(performance.now() - t0);   // from this script's start
    S.readyAt = Math.round(performance.now());               // from the start of navigation
    document.body.dataset.ready = "1";
  }

  document.addEventListener("DOMContentLoaded", start);
})();
