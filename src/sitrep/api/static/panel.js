// sitrep dashboard: the event panel — the event's fields, the source report's text with the
// evidence highlighted, every source of the same incident, and an analyst's correction form.
(function () {
  "use strict";
  const S = (window.sitrep = window.sitrep || {});
  const el = (...a) => S.el(...a);
  const EDITABLE = ["fatalities", "fatalities_low", "fatalities_high", "event_type", "sub_event_type", "date_start",
    "date_end", "actor1", "actor2", "location_name", "admin1", "country", "latitude", "longitude", "modality", "claimant"];

  S.showEvent = async function (id) {
    S.showTab("event");
    const box = S.clear(S.$("#event-panel"));
    box.appendChild(el("p", { className: "muted" }, "loading event " + id + " …"));
    try {
      const event = await S.api("/api/events/" + encodeURIComponent(id));
      const [doc, incident] = await Promise.all([
        S.api("/api/documents/" + encodeURIComponent(event.doc_id)),
        event.incident_id ? S.api("/api/incidents/" + event.incident_id).catch(() => null) : null,
      ]);
      S.state.selected = id;
      renderEvent(S.clear(box), event, doc, incident);
    } catch (e) {
      S.clear(box).appendChild(el("p", { className: "error" }, e.message));
    }
  };

  function field(name, value) {
    return [el("dt", {}, name), el("dd", {}, value == null || value === "" ? "—" : value)];
  }

  function renderEvent(box, e, doc, incident) {
    const loc = e.location || {};
    box.appendChild(el("h2", {}, el("span", { className: "swatch ev-" + S.slug(e.event_type) }),
      S.typeLabel(e.event_type) + " · " + S.words(e.sub_event_type)));
    const fatal = e.fatalities_low != null && e.fatalities_high != null && e.fatalities_low !== e.fatalities_high
      ? S.fmtNumber(e.fatalities) + " (" + e.fatalities_low + "–" + e.fatalities_high + ")" : S.fmtNumber(e.fatalities);
    const counts = Object.entries(e.counts || {}).map(([k, v]) => k + " " + v).join(", ");
    box.appendChild(el("dl", { className: "fields" },
      field("when", S.fmtDates(e.date_start, e.date_end) + " (precision " + (e.time_precision || "?") + ")"),
      field("where", [loc.name, loc.admin1, loc.country].filter(Boolean).join(", ") + (loc.geo_precision ? " (precision " + loc.geo_precision + ")" : "")),
      field("actor 1", e.actor1), field("actor 2", e.actor2),
      e.assoc_actors && e.assoc_actors.length ? field("with", e.assoc_actors.join(", ")) : null,
      field("fatalities", fatal), counts ? field("other counts", counts) : null,
      field("modality", e.modality), field("according to", e.claimant || "the outlet"),
      field("event id", String(e.id) + (e.incident_id ? " · incident " + e.incident_id : ""))));
    const fixes = Object.entries(e.corrected || {});
    if (fixes.length) {
      box.appendChild(el("p", { className: "corrected" }, "Corrected: " + fixes.map(([f, c]) =>
        f + " " + JSON.stringify(c.machine_value) + " → " + JSON.stringify(c.value) + " by " + c.author).join("; ")));
    }
    if (incident) box.appendChild(renderSources(incident, e.id));
    const others = (doc.events || []).filter((x) => x.id !== e.id).flatMap((x) => x.evidence || []);
    box.appendChild(S.renderDocument(doc, e.evidence || [], others));
    box.appendChild(correctionForm(e));
    const first = box.querySelector("mark.current");
    if (first) first.scrollIntoView({ block: "nearest" });
  }

  function renderSources(incident, currentId) {
    const list = el("ul", { className: "sources" });
    for (const s of incident.sources || []) {
      const label = (s.title || s.doc_id) + (s.outlet ? " — " + s.outlet : "") + (s.published ? ", " + s.published : "") +
        (s.fatalities != null ? " · " + s.fatalities + " killed" : "");
      list.appendChild(el("li", {}, s.event_id === currentId ? el("strong", {}, label + " (this report)")
        : el("button", { type: "button", className: "link", onclick: () => S.showEvent(s.event_id) }, label)));
    }
    return el("section", { className: "incident" },
      el("h3", {}, "Every source of incident " + incident.id + " (" + (incident.sources || []).length + ")"),
      el("p", { className: "muted" }, "incident fatalities: " + S.fmtNumber(incident.fatalities) +
        (incident.fatalities_low != null && incident.fatalities_high != null && incident.fatalities_low !== incident.fatalities_high
          ? " (" + incident.fatalities_low + "–" + incident.fatalities_high + ")" : "")),
      list);
  }

  // the report: title, outlet, link (http/https only), and its text with evidence marked
  S.renderDocument = function (doc, current, others) {
    const head = el("div", { className: "doc-meta" }, doc.outlet || "", doc.published ? " · " + doc.published : "");
    if (doc.url && /^https?:\/\//i.test(doc.url)) {
      head.appendChild(document.createTextNode(" · "));
      head.appendChild(el("a", { href: doc.url, target: "_blank", rel: "noopener noreferrer" }, "original"));
    }
    const text = el("div", { className: "report-text", tabindex: "0" });
    text.appendChild(S.highlight(doc.text, current, others));
    return el("section", { className: "document" }, el("h3", { className: "doc-title" }, doc.title || doc.doc_id), head, text);
  };

  function correctionForm(e) {
    const select = el("select", { name: "field", "aria-label": "field" }, EDITABLE.map((f) => el("option", { value: f }, f)));
    const value = el("input", { name: "value", placeholder: "new value", "aria-label": "new value" });
    const author = el("input", { name: "author", placeholder: "your name", value: sessionStorage.getItem("sitrep-author") || "" });
    const out = el("p", { className: "form-result", role: "status" });
    const form = el("form", { className: "correct" }, el("h3", {}, "Correct this event"), select, value, author,
      el("button", { type: "submit" }, "Save"), out);
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      sessionStorage.setItem("sitrep-author", author.value);
      out.textContent = "saving …";
      try {
        await S.api("/api/events/" + e.id, null, { method: "PATCH", headers: S.writeHeaders(),
          body: JSON.stringify({ changes: { [select.value]: value.value }, author: author.value || null }) });
        await S.showEvent(e.id);
        S.refresh(false);
      } catch (err) { out.textContent = err.message; out.className = "form-result error"; }
    });
    return form;
  }
})();
