/* The home page map: Leaflet (served by us), state outlines, one keyboard-reachable marker per city.
   The filters update the map, the list and the address together; without JavaScript the form still works. */
(function () {
  "use strict";

  var mapElement = document.getElementById("map");
  var form = document.getElementById("filters");
  if (!mapElement || !window.L) {
    return;
  }
  document.getElementById("map-section").hidden = false;

  var VIEWS = {
    lower48: [[24.4, -125.0], [49.5, -66.9]],
    alaska: [[51.2, -179.5], [71.5, -129.9]],
    hawaii: [[18.8, -160.4], [22.4, -154.7]]
  };
  var map = L.map(mapElement, { zoomSnap: 0.25, minZoom: 2, maxZoom: 13, worldCopyJump: true });
  map.attributionControl.setPrefix(false);
  map.fitBounds(VIEWS.lower48);

  if (mapElement.dataset.tiles) {
    L.tileLayer(mapElement.dataset.tiles, { maxZoom: 19 }).addTo(map);
  }
  map.attributionControl.addAttribution("State outlines: US Census Bureau");

  fetch(mapElement.dataset.outlines)
    .then(function (response) { return response.json(); })
    .then(function (outlines) {
      L.geoJSON(outlines, {
        interactive: false,
        style: { color: "#6b7682", weight: 1, fillColor: "#f3f5f7", fillOpacity: 1 }
      }).addTo(map).bringToBack();
    });

  var markers = L.layerGroup().addTo(map);
  var features = [];

  function currentFilters() {
    var filters = {};
    ["status", "state", "kind"].forEach(function (name) {
      filters[name] = form.elements[name].value;
    });
    return filters;
  }

  function matches(feature, filters) {
    var p = feature.properties;
    if (filters.state && p.state !== filters.state) {
      return false;
    }
    if (!filters.status && !filters.kind) {
      return true;
    }
    return p.motions.some(function (m) {
      return (!filters.status || m.status === filters.status) && (!filters.kind || m.kind === filters.kind);
    });
  }

  function popupContent(p) {
    var box = document.createElement("div");
    var heading = document.createElement("h3");
    var link = document.createElement("a");
    link.href = p.url;
    link.textContent = p.name + ", " + p.state;
    heading.appendChild(link);
    box.appendChild(heading);
    if (!p.motions.length) {
      var none = document.createElement("p");
      none.textContent = "No motion recorded yet.";
      box.appendChild(none);
    }
    var list = document.createElement("ul");
    p.motions.forEach(function (m) {
      var item = document.createElement("li");
      var badge = document.createElement("span");
      badge.className = "status status-" + m.status;
      badge.textContent = m.status_label;
      var motionLink = document.createElement("a");
      motionLink.href = m.url;
      motionLink.textContent = m.title;
      item.appendChild(badge);
      item.appendChild(document.createTextNode(" "));
      item.appendChild(motionLink);
      list.appendChild(item);
    });
    box.appendChild(list);
    return box;
  }

  function addMarker(feature) {
    var p = feature.properties;
    var coordinates = feature.geometry.coordinates;
    var name = p.name + ", " + p.state + ": " + p.category_label;
    var symbol = document.createElement("span");
    symbol.className = "shape";
    symbol.setAttribute("aria-hidden", "true");
    var glyph = document.createElement("span");
    glyph.className = "glyph";
    glyph.textContent = p.symbol;
    symbol.appendChild(glyph);
    var marker = L.marker([coordinates[1], coordinates[0]], {
      icon: L.divIcon({ className: "city-marker cat-" + p.category, html: symbol, iconSize: [26, 26] }),
      title: name,
      keyboard: true,
      riseOnHover: true
    });
    marker.bindPopup(function () { return popupContent(p); });
    marker.addTo(markers);
    var element = marker.getElement();
    element.setAttribute("aria-label", name);
    element.setAttribute("role", "button");
    element.dataset.slug = p.slug;
  }

  function drawMarkers() {
    var filters = currentFilters();
    markers.clearLayers();
    features.filter(function (f) { return matches(f, filters); }).forEach(addMarker);
    mapElement.dataset.markers = String(markers.getLayers().length);
  }

  fetch(mapElement.dataset.points)
    .then(function (response) { return response.json(); })
    .then(function (collection) {
      features = collection.features;
      drawMarkers();
      mapElement.dataset.ready = "true";
    });

  document.querySelectorAll(".map-views button").forEach(function (button) {
    button.addEventListener("click", function () {
      map.fitBounds(VIEWS[button.dataset.view]);
    });
  });

  // Filters: the same address the form would load, shown in the address bar, with the list swapped in place.
  function applyFilters() {
    var params = new URLSearchParams(new FormData(form));
    Array.from(params.keys()).forEach(function (key) {
      if (!params.get(key) || (key === "sort" && params.get(key) === "name")) {
        params.delete(key);
      }
    });
    var query = params.toString();
    var address = form.action.split("?")[0] + (query ? "?" + query : "");
    window.history.replaceState(null, "", address);
    drawMarkers();
    fetch(address)
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        ["list-section", "counts-heading"].forEach(function (id) {
          var fresh = page.getElementById(id);
          var here = document.getElementById(id);
          if (fresh && here) {
            var target = id === "counts-heading" ? here.parentNode : here;
            target.replaceWith(id === "counts-heading" ? fresh.parentNode : fresh);
          }
        });
      });
  }

  form.addEventListener("change", applyFilters);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    applyFilters();
  });
}());
