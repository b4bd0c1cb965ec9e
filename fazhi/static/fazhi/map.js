/* The 数字化城管 map: region boundaries and open issues. Settings come from the #map element's data-
   attributes (data-src: the GeoJSON URL; data-tiles / data-attribution: the configured tile layer). */
(function () {
  "use strict";
  var el = document.getElementById("map");
  var map = L.map("map", {attributionControl: true});
  if (el.dataset.tiles) {
    L.tileLayer(el.dataset.tiles, {attribution: el.dataset.attribution || "", maxZoom: 19}).addTo(map);
  }
  function escape(s) {
    var d = document.createElement("div");
    d.textContent = s == null ? "" : String(s);
    return d.innerHTML;
  }
  fetch(el.dataset.src, {credentials: "same-origin"}).then(function (r) { return r.json(); }).then(function (d) {
    var regions = L.geoJSON(d.regions, {style: {color: "#1f4e8c", weight: 2, fillOpacity: 0.04},
      onEachFeature: function (f, l) { l.bindTooltip(escape(f.properties.name)); }}).addTo(map);
    L.geoJSON(d.issues, {
      pointToLayer: function (f, ll) {
        return L.circleMarker(ll, {radius: 6, color: f.properties.overdue ? "#c9302c" : "#1f4e8c", fillOpacity: 0.8});
      },
      onEachFeature: function (f, l) {
        l.bindPopup('<a href="' + escape(f.properties.url) + '">' + escape(f.properties.category) + " · " +
          escape(f.properties.code) + "</a><br>" + escape(f.properties.status));
      }
    }).addTo(map);
    if (regions.getLayers().length) map.fitBounds(regions.getBounds()); else map.setView([27.83, 113.13], 12);
    el.dataset.ready = d.issues.features.length;
  });
})();
