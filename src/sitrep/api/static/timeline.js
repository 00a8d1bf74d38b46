// sitrep dashboard: the timeline — events per day as SVG bars, with a brush. Drag across it to
// choose a date window (the map then shows only events in it); double-click or "clear" to drop it.
(function () {
  "use strict";
  const S = (window.sitrep = window.sitrep || {});
  const H = 96, PAD_L = 34, PAD_R = 10, PAD_T = 8, PAD_B = 20;
  let days = [], range = null, onBrush = null;

  S.initTimeline = function (callback) {
    onBrush = callback;
    window.addEventListener("resize", () => S.drawTimeline(days));
  };

  S.drawTimeline = function (data) {
    days = data || [];
    const box = S.$("#timeline");
    S.clear(box);
    const width = Math.max(300, box.clientWidth || 600);
    const svg = S.svg("svg", { width, height: H, role: "img", "aria-label": "events per day" });
    box.appendChild(svg);
    if (!days.length) {
      svg.appendChild(S.svg("text", { x: width / 2, y: H / 2, "text-anchor": "middle", class: "empty" }, "no dated events"));
      range = null;
      return;
    }
    const first = S.dayNum(days[0].date), last = S.dayNum(days[days.length - 1].date);
    const span = last - first + 1;
    const plotW = width - PAD_L - PAD_R, plotH = H - PAD_T - PAD_B;
    const binDays = Math.max(1, Math.ceil(span / Math.max(1, Math.floor(plotW / 3))));
    const bins = new Map();
    for (const d of days) {
      const b = Math.floor((S.dayNum(d.date) - first) / binDays);
      bins.set(b, (bins.get(b) || 0) + d.count);
    }
    const nBins = Math.ceil(span / binDays);
    const maxCount = Math.max(...bins.values());
    const x = (day) => PAD_L + ((day - first) / (nBins * binDays)) * plotW;
    range = { first, last, binDays, nBins, x, plotW, width };
    const barW = Math.max(1, plotW / nBins - (plotW / nBins > 3 ? 1 : 0));
    const bars = S.svg("g", { class: "bars" });
    for (const [b, count] of bins) {
      const h = Math.max(1, (count / maxCount) * plotH);
      const from = S.dayIso(first + b * binDays), to = S.dayIso(first + b * binDays + binDays - 1);
      bars.appendChild(S.svg("rect", { x: x(first + b * binDays), y: PAD_T + plotH - h, width: barW, height: h },
        S.svg("title", {}, (binDays > 1 ? from + " – " + to : from) + ": " + count + " events")));
    }
    svg.appendChild(bars);
    svg.appendChild(S.svg("text", { x: PAD_L - 4, y: PAD_T + 8, "text-anchor": "end", class: "axis" }, String(maxCount)));
    svg.appendChild(S.svg("line", { x1: PAD_L, x2: width - PAD_R, y1: PAD_T + plotH + 0.5, y2: PAD_T + plotH + 0.5, class: "axis-line" }));
    for (const t of ticks(first, last, Math.max(2, Math.floor(plotW / 90)))) {
      svg.appendChild(S.svg("text", { x: x(t), y: H - 5, "text-anchor": "middle", class: "axis" }, S.dayIso(t).slice(0, span > 120 ? 7 : 10)));
    }
    const sel = S.svg("rect", { class: "brush", y: PAD_T, height: plotH, x: 0, width: 0, visibility: "hidden" });
    svg.appendChild(sel);
    const overlay = S.svg("rect", { class: "overlay", x: PAD_L, y: 0, width: plotW, height: H });
    svg.appendChild(overlay);
    attachBrush(svg, overlay, sel);
    if (S.state.brush) showSelection(sel, S.dayNum(S.state.brush.since), S.dayNum(S.state.brush.until));
  };

  function ticks(first, last, n) {
    const out = [], step = Math.max(1, Math.round((last - first) / n));
    for (let t = first; t <= last; t += step) out.push(t);
    return out;
  }

  function dayAt(px) {
    const frac = Math.min(1, Math.max(0, (px - PAD_L) / range.plotW));
    return Math.min(range.last, range.first + Math.floor(frac * range.nBins * range.binDays));
  }

  function showSelection(sel, a, b) {
    const x0 = range.x(Math.max(a, range.first)), x1 = range.x(Math.min(b, range.last) + 1);
    sel.setAttribute("x", x0);
    sel.setAttribute("width", Math.max(2, x1 - x0));
    sel.setAttribute("visibility", "visible");
  }

  function attachBrush(svg, overlay, sel) {
    let startX = null;
    const localX = (ev) => ev.clientX - svg.getBoundingClientRect().left;
    overlay.addEventListener("pointerdown", (ev) => {
      startX = localX(ev);
      overlay.setPointerCapture(ev.pointerId);
      showSelection(sel, dayAt(startX), dayAt(startX));
    });
    overlay.addEventListener("pointermove", (ev) => {
      if (startX == null) return;
      const a = dayAt(Math.min(startX, localX(ev))), b = dayAt(Math.max(startX, localX(ev)));
      showSelection(sel, a, b);
    });
    overlay.addEventListener("pointerup", (ev) => {
      if (startX == null) return;
      const endX = localX(ev);
      const moved = Math.abs(endX - startX) > 3;
      const a = dayAt(Math.min(startX, endX)), b = dayAt(Math.max(startX, endX));
      startX = null;
      if (!moved) { sel.setAttribute("visibility", S.state.brush ? "visible" : "hidden"); return; }
      onBrush({ since: S.dayIso(a), until: S.dayIso(b) });
    });
    overlay.addEventListener("dblclick", () => { sel.setAttribute("visibility", "hidden"); onBrush(null); });
  }
})();
