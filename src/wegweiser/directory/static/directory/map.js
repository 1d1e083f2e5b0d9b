// Advisory map: draws the services of the page on a Leaflet map. Progressive enhancement only:
// the list works without it. Data comes from <script type="application/json" id="directory-map-data">.
(function () {
  "use strict";
  var map = null;

  function popup(marker) {
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = marker.url;
    link.textContent = marker.name;
    link.dir = "auto";
    box.appendChild(link);
    var meta = document.createElement("div");
    meta.dir = "auto";
    meta.textContent = marker.organisation + (marker.distance !== null ? " · " + marker.distance + " km" : "");
    box.appendChild(meta);
    return box;
  }

  function draw() {
    var element = document.querySelector(".directory-map");
    var source = document.getElementById("directory-map-data");
    if (!element || !source || typeof window.L === "undefined") {
      return;
    }
    var data;
    try {
      data = JSON.parse(source.textContent);
    } catch (error) {
      return;
    }
    if (map) {
      map.remove();
      map = null;
    }
    element.classList.add("directory-map--active");
    map = window.L.map(element, { scrollWheelZoom: false });
    if (data.tileUrl) {
      window.L.tileLayer(data.tileUrl, { maxZoom: 18, attribution: data.attribution }).addTo(map);
    } else {
      element.classList.add("directory-map--plain");
      map.attributionControl.addAttribution(data.attribution);
      var note = element.getAttribute("data-no-tiles");
      if (note) {
        map.attributionControl.setPrefix(false);
        map.attributionControl.addAttribution(note);
      }
    }
    var points = data.markers.map(function (marker) {
      return [marker.lat, marker.lon];
    });
    // Set the view first: Leaflet adds layers only to a map that has one.
    if (data.origin && data.radiusKm) {
      map.fitBounds(window.L.latLng(data.origin).toBounds(data.radiusKm * 2000));
    } else if (points.length === 1) {
      map.setView(points[0], 13);
    } else if (points.length > 1) {
      map.fitBounds(window.L.latLngBounds(points), { padding: [20, 20] });
    } else {
      map.setView([51.16, 10.45], 6); // Germany
    }
    if (data.origin && data.radiusKm) {
      window.L.circle(data.origin, { radius: data.radiusKm * 1000, fill: false, weight: 1 }).addTo(map);
    }
    data.markers.forEach(function (marker) {
      window.L.marker([marker.lat, marker.lon], { title: marker.name, alt: marker.name })
        .bindPopup(popup(marker))
        .addTo(map);
    });
  }

  // The map container has no id on purpose: htmx "settles" elements with the same id by copying
  // attributes with setAttribute, and a copied style attribute (Leaflet styles its container)
  // is inline style that the Content Security Policy (style-src 'self') blocks.
  // Take the map down and put a clean container in its place: Leaflet leaves inline styles on
  // its container (even an empty style="" after map.remove()), and htmx must not copy or
  // restore those, because inline style is blocked by the Content Security Policy.
  function takeDown() {
    if (!map) {
      return;
    }
    var old = map.getContainer();
    map.remove();
    map = null;
    var fresh = document.createElement("div");
    ["role", "aria-label", "data-no-tiles"].forEach(function (name) {
      if (old.hasAttribute(name)) {
        fresh.setAttribute(name, old.getAttribute(name));
      }
    });
    fresh.className = old.className
      .split(/\s+/)
      .filter(function (name) {
        return name && name.indexOf("leaflet-") !== 0 && name !== "directory-map--active" && name !== "directory-map--plain";
      })
      .join(" ");
    old.replaceWith(fresh);
  }
  document.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail && event.detail.target && event.detail.target.id === "results") {
      takeDown();
    }
  });
  // htmx keeps a copy of the page for the back button: keep Leaflet's inline styles out of it
  // (restoring them would be inline style too) and draw the map again after a restore.
  document.addEventListener("htmx:beforeHistorySave", takeDown);
  document.addEventListener("htmx:historyRestore", draw);
  document.addEventListener("DOMContentLoaded", draw);
  document.addEventListener("htmx:afterSettle", function (event) {
    if (event.target && event.target.id === "results") {
      draw();
    }
  });
})();
