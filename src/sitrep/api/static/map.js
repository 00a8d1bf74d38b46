// sitrep dashboard: the map. Country borders from the bundled world-atlas TopoJSON (no network);
// an optional tile layer when the server's tile_url setting is set. Events are coloured by type
// and clustered (leaflet.markercluster) where they are dense at the current zoom.
(function () {
  "use strict";
  const S = (window.sitrep = window.sitrep || {});
  const BORDERS = "/static/vendor/world-atlas-2.0.2/countries-50m.json";
  const bordersJson = fetch(BORDERS).then((r) => r.json());  // asked for as soon as the script runs

  // a marker whose element carries the event id (for tests and keyboard users) and its type colour
  const EventMarker = L.Marker.extend({
    _initIcon: function () {
      L.Marker.prototype._initIcon.call(this);
      this._icon.dataset.eventId = String(this.options.eventId);
    },
  });
  const icons = {};
  function iconFor(type) {
    const key = S.slug(type);
    if (!icons[key]) icons[key] = L.divIcon({ className: "ev-marker ev-" + key, iconSize: [14, 14], iconAnchor: [7, 7] });
    return icons[key];
  }

  S.initMap = function (config) {
    const map = L.map("map", { worldCopyJump: true, zoomSnap: 0.5, minZoom: 2, maxZoom: 14 }).setView([25, 30], 3);
    map.attributionControl.setPrefix(false);
    if (config.tile_url) {
      L.tileLayer(config.tile_url, { maxZoom: 18, attribution: "map tiles: " + new URL(config.tile_url.replace(/\{s\}/g, "a")).hostname }).addTo(map);
    }
    map.createPane("borders").style.zIndex = 250;
    S.map = map;
    S.bordersReady = bordersJson
      .then((topo) => {
        const countries = topojson.feature(topo, topo.objects.countries);
        L.geoJSON(countries, {
          pane: "borders", interactive: false, renderer: L.canvas({ pane: "borders" }),
          style: { color: "#8a8f98", weight: 0.7, fillColor: "#f4f1ea", fillOpacity: config.tile_url ? 0 : 1 },
        }).addTo(map);
        map.attributionControl.addAttribution("borders: Natural Earth via world-atlas");
      })
      .catch((e) => S.status("country borders could not be drawn: " + e.message, true));
    addLegend(map);
    return map;
  };

  function addLegend(map) {
    const legend = L.control({ position: "bottomright" });
    legend.onAdd = function () {
      const box = S.el("div", { className: "legend", "aria-label": "event types" });
      for (const [type, info] of Object.entries(S.TYPES)) {
        box.appendChild(S.el("div", {}, S.el("span", { className: "swatch ev-" + type }), info.label));
      }
      return box;
    };
    legend.addTo(map);
  }

  // rows: [id, lat, lon, event_type, date_start, date_end, fatalities, location] (format=points)
  // Resolves once every marker is on the map (markercluster adds them in chunks).
  S.drawPoints = function (rows, fit) {
    const map = S.map;
    if (S.layer) map.removeLayer(S.layer);
    const markers = rows.map((r) =>
      new EventMarker([r[1], r[2]], {
        icon: iconFor(r[3]), eventId: r[0], keyboard: true,
        title: S.typeLabel(r[3]) + ", " + (r[7] || "?") + ", " + S.fmtDates(r[4], r[5]) + (r[6] != null ? ", " + r[6] + " killed" : ""),
      }).on("click", () => S.showEvent(r[0]))
    );
    S.markerTotal = markers.length;
    if (fit && markers.length) {
      map.fitBounds(L.latLngBounds(rows.map((r) => [r[1], r[2]])), { padding: [30, 30], maxZoom: 8, animate: false });
    }
    return new Promise((resolve) => {
      const layer = L.markerClusterGroup({
        chunkedLoading: true, chunkInterval: 120, chunkDelay: 1, maxClusterRadius: 36, disableClusteringAtZoom: 11,
        spiderfyOnMaxZoom: true, showCoverageOnHover: false,
        // onAdd reports an empty batch first (0 of 0): wait for this batch's own last chunk
        chunkProgress: (done, total) => { if (total === markers.length && done >= total) resolve(markers.length); },
      });
      S.layer = layer;
      layer.addTo(map);
      layer.addLayers(markers);
      if (markers.length === 0) resolve(0);
    }).then((n) => {
      document.getElementById("map").dataset.markers = String(n);
      S.renders = (S.renders || 0) + 1;  // tests wait for this to move
      return n;
    });
  };

  // markers the user can see right now: single markers plus the members of drawn clusters
  S.visibleMarkerCount = function () {
    let n = document.querySelectorAll("#map .ev-marker").length;
    document.querySelectorAll("#map .marker-cluster").forEach((c) => { n += parseInt(c.textContent, 10) || 0; });
    return n;
  };
})();
