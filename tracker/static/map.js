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
  // Where markers overlap, decisions are drawn above measures under way, and those above empty places.
  var RANK = { restricted: 700, vetoed: 600, kept: 500, stopped: 400, reviewed: 300, other: 250, under_way: 200, none: 0 };
  var map = L.map(mapElement, { zoomSnap: 0.25, minZoom: 2, maxZoom: 13, worldCopyJump: true });
  map.attributionControl.setPrefix(false);
  map.fitBounds(VIEWS.lower48);
  mapElement.leafletMap = map; // for the browser tests, which check where markers stand

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
    if (!form) { // a static copy of the site has no filters
      return filters;
    }
    ["status", "state", "kind", "aim"].forEach(function (name) {
      filters[name] = form.elements[name].value;
    });
    return filters;
  }

  // The layer is a table: one short row per place, its columns named once in "fields".
  function readLayer(layer) {
    return layer.places.map(function (row) {
      var p = {};
      layer.fields.forEach(function (field, i) { p[field] = row[i]; });
      var category = layer.categories[p.category];
      p.category_label = category.label;
      p.symbol = category.symbol;
      p.url = mapElement.dataset.placePage.replace("SLUG", p.slug);
      return { properties: p, geometry: { coordinates: [p.lon, p.lat] } };
    });
  }

  // A place's measures are fetched when its popup opens: the layer stays small however many a place has.
  function popupContent(p, marker) {
    var box = document.createElement("div");
    var heading = document.createElement("h3");
    var link = document.createElement("a");
    link.href = p.url;
    link.textContent = p.name + ", " + p.state;
    heading.appendChild(link);
    box.appendChild(heading);
    var waiting = document.createElement("p");
    waiting.textContent = "Loading its measures…";
    box.appendChild(waiting);
    fetch(mapElement.dataset.placeData.replace("SLUG", p.slug))
      .then(function (response) { return response.json(); })
      .then(function (place) {
        box.removeChild(waiting);
        fillPopup(box, place);
        if (marker.isPopupOpen()) {
          // Updating re-inserts the content, which drops the focus: give it back where it was.
          var focused = box.contains(document.activeElement) ? document.activeElement : null;
          marker.getPopup().update();
          if (focused) {
            focused.focus();
          }
        }
      })
      .catch(function () {
        waiting.textContent = "Open the place's page to see its measures.";
      });
    return box;
  }

  function fillPopup(box, place) {
    if (!place.motions.length) {
      var none = document.createElement("p");
      none.textContent = "No measure recorded yet.";
      box.appendChild(none);
    }
    var list = document.createElement("ul");
    place.motions.forEach(function (m) {
      var item = document.createElement("li");
      var badge = document.createElement("span");
      badge.className = "status status-" + m.status;
      badge.textContent = m.status_label;
      var motionLink = document.createElement("a");
      motionLink.href = m.url;
      motionLink.textContent = m.title;
      var aim = document.createElement("span");
      aim.className = "aim aim-" + m.aim;
      aim.textContent = m.aim_label;
      item.appendChild(badge);
      item.appendChild(document.createTextNode(" "));
      item.appendChild(aim);
      item.appendChild(document.createTextNode(" "));
      item.appendChild(motionLink);
      list.appendChild(item);
    });
    box.appendChild(list);
    if (place.more) {
      var more = document.createElement("a");
      more.href = place.url;
      more.textContent = "and " + place.more + " more " + (place.more === 1 ? "measure" : "measures");
      var line = document.createElement("p");
      line.appendChild(more);
      box.appendChild(line);
    }
  }

  // Markers are buttons: Enter and Space act on them, as on any button.
  function pressable(element, action) {
    element.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        event.stopPropagation();
        action();
      }
    });
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
      riseOnHover: true,
      zIndexOffset: RANK[p.category] || 0
    });
    // Built on first opening, then kept: Leaflet asks for the content again whenever the popup is updated.
    var content = null;
    marker.bindPopup(function () {
      content = content || popupContent(p, marker);
      return content;
    });
    // Keyboard users land in the popup when it opens, and back on the marker when it closes.
    marker.on("popupopen", function (event) {
      var popup = event.popup.getElement();
      var first = popup.querySelector(".leaflet-popup-content a");
      if (first) {
        first.focus();
      }
      if (!popup.dataset.keys) {
        popup.dataset.keys = "true";
        popup.addEventListener("keydown", function (keyEvent) {
          if (keyEvent.key === "Escape") {
            keyEvent.stopPropagation();
            marker.closePopup();
          }
        });
      }
    });
    marker.on("popupclose", function (event) {
      var element = marker.getElement();
      var active = document.activeElement;
      // Back to the marker if the focus was in the popup (its close button included) or nowhere.
      if (element && (active === document.body || event.popup.getElement().contains(active))) {
        element.focus();
      }
    });
    marker.addTo(markers);
    var element = marker.getElement();
    pressable(element, function () { marker.openPopup(); });
    element.setAttribute("aria-label", name);
    element.setAttribute("role", "button");
    element.dataset.slug = p.slug;
  }

  // Cities closer than this (in pixels at the current zoom) share one cluster marker, so that no marker hides
  // another and each stays a full-size target.
  var SPACING = 32;

  function addCluster(group) {
    var anchor = group.members[0].properties;
    var others = group.members.length - 1;
    var name = anchor.name + ", " + anchor.state + " and " + others + " more " + (others === 1 ? "city" : "cities") +
      ": zoom in";
    var shape = document.createElement("span");
    shape.className = "shape";
    shape.setAttribute("aria-hidden", "true");
    var count = document.createElement("span");
    count.className = "glyph";
    count.textContent = String(group.members.length);
    shape.appendChild(count);
    var cluster = L.marker(group.latlng, {
      icon: L.divIcon({ className: "city-marker cluster cat-" + anchor.category, html: shape, iconSize: [30, 30] }),
      title: name,
      keyboard: true,
      zIndexOffset: 1000
    });
    cluster.on("click", zoomIn);
    function zoomIn() {
      var bounds = L.latLngBounds(group.members.map(function (f) {
        return [f.geometry.coordinates[1], f.geometry.coordinates[0]];
      }));
      focusAfterMove = anchor.slug;
      map.fitBounds(bounds.pad(0.2), { maxZoom: map.getMaxZoom() });
    }
    cluster.addTo(markers);
    var element = cluster.getElement();
    pressable(element, zoomIn);
    element.setAttribute("aria-label", name);
    element.setAttribute("role", "button");
    element.dataset.members = group.members.map(function (f) { return f.properties.slug; }).join(" ");
  }

  function drawMarkers() {
    var zoom = map.getZoom();
    var groups = [];
    markers.clearLayers();
    features
      .slice()
      .sort(function (a, b) { return (RANK[b.properties.category] || 0) - (RANK[a.properties.category] || 0); })
      .forEach(function (f) {
        var latlng = L.latLng(f.geometry.coordinates[1], f.geometry.coordinates[0]);
        var point = map.project(latlng, zoom);
        var group = groups.find(function (g) { return g.point.distanceTo(point) < SPACING; });
        if (group && zoom < map.getMaxZoom()) {
          group.members.push(f);
        } else {
          groups.push({ point: point, latlng: latlng, members: [f] });
        }
      });
    groups.forEach(function (g) {
      if (g.members.length === 1) {
        addMarker(g.members[0]);
      } else {
        addCluster(g);
      }
    });
    mapElement.dataset.markers = String(groups.length);
    mapElement.dataset.cities = String(groups.reduce(function (n, g) { return n + g.members.length; }, 0));
    if (focusAfterMove) {
      var target = mapElement.querySelector(".leaflet-marker-icon[data-slug='" + focusAfterMove + "']") ||
        mapElement.querySelector(".leaflet-marker-icon[data-members~='" + focusAfterMove + "']");
      focusAfterMove = null;
      if (target) {
        target.focus();
      }
    }
  }

  var focusAfterMove = null;
  map.on("zoomend", function () {
    if (features.length) {
      drawMarkers();
    }
  });
  // Counts finished moves, so that tests (and anything else) can wait for the map to settle.
  mapElement.dataset.moves = "0";
  map.on("moveend", function () {
    mapElement.dataset.moves = String(Number(mapElement.dataset.moves) + 1);
  });

  // The layer answers the same filters as the list: only places with a matching measure come back.
  function layerAddress() {
    var filters = currentFilters();
    var params = new URLSearchParams();
    Object.keys(filters).forEach(function (name) {
      if (filters[name]) {
        params.set(name, filters[name]);
      }
    });
    var query = params.toString();
    return mapElement.dataset.points + (query ? "?" + query : "");
  }

  var latestLayer = 0;
  function loadLayer(fit) {
    var request = ++latestLayer;
    mapElement.dataset.ready = "false";
    return fetch(layerAddress())
      .then(function (response) { return response.json(); })
      .then(function (layer) {
        if (request !== latestLayer) {
          return;
        }
        features = readLayer(layer);
        if (fit) {
          fitToFilters();
        }
        drawMarkers();
        mapElement.dataset.ready = "true";
      });
  }
  loadLayer(Boolean(currentFilters().state));

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
    loadLayer(true);
    // Only the latest request may fill the list: answers to earlier choices can arrive after it.
    var request = ++latestRequest;
    fetch(address)
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.statusText);
        }
        return response.text();
      })
      .then(function (html) {
        if (request !== latestRequest) {
          return;
        }
        var page = new DOMParser().parseFromString(html, "text/html");
        ["list-section", "counts", "notices", "clear-filters"].forEach(function (id) {
          var fresh = page.getElementById(id);
          var here = document.getElementById(id);
          if (fresh && here) {
            here.replaceWith(fresh);
          }
        });
      })
      .catch(function () {
        // The list could not be refreshed: load the page itself, which shows the same view.
        window.location.assign(address);
      });
  }
  var latestRequest = 0;

  // A chosen state brings its cities into view; clearing it goes back to the lower 48.
  function fitToFilters() {
    var filters = currentFilters();
    var shown = features;
    if (filters.state && shown.length) {
      var bounds = L.latLngBounds(shown.map(function (f) {
        return [f.geometry.coordinates[1], f.geometry.coordinates[0]];
      }));
      map.fitBounds(bounds.pad(0.3), { maxZoom: 9 });
    } else if (!filters.state) {
      map.fitBounds(VIEWS.lower48);
    }
  }

  if (form) {
    form.addEventListener("change", applyFilters);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      applyFilters();
    });
  }
}());
