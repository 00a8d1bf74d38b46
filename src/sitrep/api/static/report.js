// sitrep dashboard: paste a new report, send it to POST /api/documents, show its records and its
// text with the evidence marked. The token (when the server wants one) stays in sessionStorage.
(function () {
  "use strict";
  const S = (window.sitrep = window.sitrep || {});
  const el = (...a) => S.el(...a);

  S.writeHeaders = function () {
    const headers = { "Content-Type": "application/json" };
    const token = sessionStorage.getItem("sitrep-token");
    if (token) headers.Authorization = "Bearer " + token;
    return headers;
  };

  S.initReportForm = function (config) {
    const form = S.$("#report-form"), out = S.$("#report-result"), token = S.$("#token");
    token.value = sessionStorage.getItem("sitrep-token") || "";
    token.addEventListener("change", () => sessionStorage.setItem("sitrep-token", token.value.trim()));
    S.$("#token-row").hidden = config.writes !== "token";
    if (config.writes === "disabled") {
      form.querySelector("button[type=submit]").disabled = true;
      out.appendChild(el("p", { className: "error" }, "This server refuses writes: it listens beyond loopback and has no token set."));
    }
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      sessionStorage.setItem("sitrep-token", token.value.trim());
      const data = new FormData(form);
      const body = {};
      for (const key of ["id", "title", "published", "url", "outlet", "text"]) {
        const v = String(data.get(key) || "").trim();
        if (v) body[key] = key === "text" ? String(data.get(key)) : v;
      }
      S.clear(out).appendChild(el("p", { className: "muted" }, "extracting …"));
      try {
        const res = await S.api("/api/documents", null, { method: "POST", headers: S.writeHeaders(), body: JSON.stringify(body) });
        renderResult(S.clear(out), res, body);
        S.refresh(false);
      } catch (e) {
        S.clear(out).appendChild(el("p", { className: "error" }, e.message));
      }
    });
  };

  function renderResult(out, res, sent) {
    const verb = { stored: "Stored", replaced: "Replaced", unchanged: "Already stored, unchanged" }[res.status] || res.status;
    out.appendChild(el("p", { className: "ok" }, verb + " as " + res.doc_id + ": " + res.events.length + " events, " +
      res.tallies.length + " tallies."));
    for (const w of res.warnings || []) out.appendChild(el("p", { className: "muted" }, "warning: " + w));
    if (res.error) out.appendChild(el("p", { className: "error" }, res.error));
    const list = el("ul", { className: "records" });
    for (const e of res.events) {
      list.appendChild(el("li", {}, el("span", { className: "swatch ev-" + S.slug(e.event_type) }),
        el("button", { type: "button", className: "link", onclick: () => S.showEvent(e.id) },
          S.typeLabel(e.event_type) + " · " + S.words(e.sub_event_type) + " · " + S.fmtDates(e.date_start, e.date_end) +
          " · " + ((e.location && e.location.name) || "?") + (e.fatalities != null ? " · " + e.fatalities + " killed" : "") +
          (e.modality !== "occurred" ? " · " + e.modality : ""))));
    }
    for (const t of res.tallies) {
      list.appendChild(el("li", {}, "tally: " + t.quantity + " " + (t.subject || "") + " " + t.value + " (" + t.qualifier + ")" +
        (t.claimant ? " according to " + t.claimant : "") + (t.since ? " since " + t.since : "")));
    }
    out.appendChild(list);
    const spans = [...res.events, ...res.tallies].flatMap((r) => r.evidence || []);
    out.appendChild(S.renderDocument({ doc_id: res.doc_id, title: sent.title, text: sent.text, published: sent.published }, spans, []));
  }
})();
