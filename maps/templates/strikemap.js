/* strikemap: markers, time slider, choropleths and panels of a strike map.
 *
 * Every string that comes from an article (places, evidence, article ids,
 * URLs, notes) and every summary cell is put into the page with textContent
 * or as an attribute value set through the DOM, never as HTML.  Links are made
 * only for http(s) URLs, and open with rel="noopener noreferrer".
 *
 * This file is inlined into each map page; it must not contain the sequence
 * that closes a script element.
 */
(function () {
  "use strict";
  var SM = (window.StrikeMap = window.StrikeMap || {});
  SM.maps = SM.maps || {};

  function node(tag, className, text) {
    var el = document.createElement(tag);
    if (className) {
      el.className = className;
    }
    if (text !== undefined && text !== null) {
      el.textContent = String(text);
    }
    return el;
  }

  function isHttp(url) {
    return typeof url === "string" && /^https?:\/\/[^\s]+$/i.test(url);
  }

  function figure(value) {
    return value === null || value === undefined ? "not stated" : String(value);
  }

  function columnIndex(columns) {
    var ix = {};
    for (var i = 0; i < columns.length; i++) {
      ix[columns[i]] = i;
    }
    return ix;
  }

  function addDays(startIso, n) {
    var d = new Date(startIso + "T00:00:00Z");
    d.setUTCDate(d.getUTCDate() + n);
    return d.toISOString().slice(0, 10);
  }

  function row2(table, label, value) {
    if (value === null || value === undefined || value === "") {
      return;
    }
    var tr = node("tr");
    tr.appendChild(node("th", null, label));
    tr.appendChild(node("td", null, value));
    table.appendChild(tr);
  }

  SM.pane = function (map, name, zIndex) {
    var pane = map.getPane(name) || map.createPane(name);
    pane.style.zIndex = String(zIndex);
    return name;
  };

  /* Move a server-rendered (already escaped) block into a Leaflet control. */
  SM.panel = function (map, id, position) {
    var el = document.getElementById(id);
    if (!el) {
      return null;
    }
    var control = L.control({ position: position });
    control.onAdd = function () {
      L.DomEvent.disableClickPropagation(el);
      L.DomEvent.disableScrollPropagation(el);
      el.hidden = false;
      return el;
    };
    control.addTo(map);
    return control;
  };

  /* Put a block over the map, outside Leaflet's corners (the title). */
  SM.overlay = function (map, id) {
    var el = document.getElementById(id);
    if (!el) {
      return null;
    }
    L.DomEvent.disableClickPropagation(el);
    map.getContainer().appendChild(el);
    el.hidden = false;
    return el;
  };

  SM.attribution = function (map, text) {
    if (map.attributionControl) {
      map.attributionControl.addAttribution(text);
    }
  };

  /* ---- event popups ---- */

  SM.popup = function (row, ix, cfg) {
    var root = node("div", "sm-popup");
    var cls = cfg.classes[row[ix.cls]];
    var head = node("div", "sm-popup-head");
    var swatch = node("span", "sm-swatch");
    swatch.style.background = cls[2];
    head.appendChild(swatch);
    var date = row[ix.date];
    var precision = row[ix.date_precision];
    var when = date ? date : "Date unknown";
    if (date && precision && precision !== "day") {
      when += " (" + precision + ")";
    }
    head.appendChild(node("span", "sm-popup-date", when));
    head.appendChild(node("span", "sm-popup-class", cls[1]));
    root.appendChild(head);

    var place = node("div", "sm-popup-place", row[ix.place] || "Unknown place");
    if (row[ix.precision]) {
      place.appendChild(
        node("span", "sm-muted", " \u2014 " + row[ix.precision] + " precision")
      );
    }
    root.appendChild(place);
    var where = [];
    if (row[ix.admin1] && row[ix.admin1] !== row[ix.place]) {
      where.push(row[ix.admin1]);
    }
    if (row[ix.note]) {
      where.push(row[ix.note]);
    }
    if (where.length) {
      root.appendChild(node("div", "sm-muted", where.join(" \u00b7 ")));
    }

    var table = node("table", "sm-facts");
    row2(table, "Killed", figure(row[ix.killed]));
    row2(table, "Injured", figure(row[ix.injured]));
    row2(table, "Weapons", row[ix.weapons] || "not stated");
    row2(table, "Launched", row[ix.launched]);
    row2(table, "Targets", row[ix.targets] || "not stated");
    root.appendChild(table);

    var sources = row[ix.sources] || [];
    if (sources.length) {
      root.appendChild(node("div", "sm-popup-sub", "Sources (" + sources.length + ")"));
      var list = node("ol", "sm-sources");
      for (var i = 0; i < sources.length; i++) {
        /* [article, url, published, evidence, killed, injured] */
        var s = sources[i];
        var li = node("li");
        var label = s[0] || "article";
        if (isHttp(s[1])) {
          var a = node("a", null, label);
          a.href = s[1];
          a.target = "_blank";
          a.rel = "noopener noreferrer";
          li.appendChild(a);
        } else {
          li.appendChild(node("span", "sm-article", label));
        }
        var meta = [];
        if (s[2]) {
          meta.push("published " + s[2]);
        }
        if (s[4] !== null && s[4] !== undefined) {
          meta.push("killed " + s[4]);
        }
        if (s[5] !== null && s[5] !== undefined) {
          meta.push("injured " + s[5]);
        }
        if (meta.length) {
          li.appendChild(node("span", "sm-muted", " (" + meta.join(", ") + ")"));
        }
        if (s[3]) {
          li.appendChild(node("blockquote", "sm-evidence", s[3]));
        }
        list.appendChild(li);
      }
      root.appendChild(list);
    }
    return root;
  };

  function hoverText(row, ix) {
    var parts = [row[ix.date] || "undated", row[ix.place] || "unknown place"];
    return parts.join(" \u00b7 ");
  }

  /* ---- events: markers, per-period groups, time slider ---- */

  SM.events = function (map, name, cfg, groups) {
    var ix = columnIndex(cfg.columns);
    var rows = cfg.rows;
    var n = rows.length;
    var clustered = Boolean(cfg.cluster && L.markerClusterGroup);
    var api = {
      name: name,
      total: n,
      ready: false,
      readyMs: null,
      clustered: clustered,
    };
    var container;
    if (clustered) {
      container = L.markerClusterGroup({
        chunkedLoading: true,
        maxClusterRadius: 45,
        showCoverageOnHover: false,
        spiderfyOnMaxZoom: true,
        disableClusteringAtZoom: 12,
        chunkProgress: function (done, total) {
          if (done >= total) {
            markReady();
          }
        },
      });
    } else {
      container = L.featureGroup();
    }
    var markers = new Array(n);
    var shown = new Uint8Array(n);
    for (var i = 0; i < n; i++) {
      var row = rows[i];
      var marker = L.circleMarker([row[ix.lat], row[ix.lon]], {
        radius: row[ix.radius],
        color: "#ffffff",
        weight: 1,
        opacity: 0.9,
        fillColor: cfg.classes[row[ix.cls]][2],
        fillOpacity: 0.85,
      });
      marker._smIndex = i;
      markers[i] = marker;
    }

    function openPopup(i) {
      var popup = L.popup({
        maxWidth: 380,
        minWidth: 240,
        autoPanPaddingTopLeft: L.point(40, 90),
        autoPanPaddingBottomRight: L.point(40, 40),
      })
        .setLatLng(markers[i].getLatLng())
        .setContent(SM.popup(rows[i], ix, cfg));
      popup.openOn(map);
      return popup;
    }

    container.on("click", function (e) {
      if (e.layer && e.layer._smIndex !== undefined) {
        openPopup(e.layer._smIndex);
      }
    });
    container.on("mouseover", function (e) {
      var layer = e.layer;
      if (layer && layer._smIndex !== undefined && !layer.getTooltip()) {
        layer.bindTooltip(hoverText(rows[layer._smIndex], ix), { direction: "top" });
        layer.openTooltip();
      }
    });

    var state = { day: Math.max(0, cfg.days - 1), dayOnly: false };
    var status = null;
    var dateLabel = null;

    function wanted(i) {
      var row = rows[i];
      var group = groups[row[ix.group]];
      if (group && !map.hasLayer(group)) {
        return false;
      }
      var day = row[ix.day];
      if (day === null) {
        return true;
      }
      return state.dayOnly ? day === state.day : day <= state.day;
    }

    function countShown() {
      var k = 0;
      for (var i = 0; i < n; i++) {
        k += shown[i];
      }
      return k;
    }

    function refresh() {
      var add = [];
      var remove = [];
      for (var i = 0; i < n; i++) {
        var want = wanted(i);
        if (want && !shown[i]) {
          add.push(markers[i]);
          shown[i] = 1;
        } else if (!want && shown[i]) {
          remove.push(markers[i]);
          shown[i] = 0;
        }
      }
      if (clustered) {
        if (remove.length) {
          container.removeLayers(remove);
        }
        if (add.length) {
          container.addLayers(add);
        }
      } else {
        remove.forEach(function (m) {
          container.removeLayer(m);
        });
        add.forEach(function (m) {
          container.addLayer(m);
        });
      }
      if (dateLabel && cfg.start) {
        dateLabel.textContent =
          (state.dayOnly ? "on " : "up to ") + addDays(cfg.start, state.day);
      }
      if (status) {
        var note =
          countShown().toLocaleString("en") +
          " of " +
          n.toLocaleString("en") +
          " events shown";
        if (cfg.undated) {
          note += " \u00b7 " + cfg.undated.toLocaleString("en") + " undated, always shown";
        }
        status.textContent = note;
      }
    }

    function markReady() {
      if (!api.ready) {
        api.ready = true;
        api.readyMs = window.performance ? performance.now() : null;
        document.documentElement.setAttribute("data-strikemap-ready", "1");
      }
    }

    for (var g = 0; g < groups.length; g++) {
      if (groups[g]) {
        groups[g].on("add remove", refresh);
      }
    }

    if (cfg.days > 0) {
      var slider = L.control({ position: "bottomleft" });
      slider.onAdd = function () {
        var box = node("div", "sm-slider leaflet-bar");
        var play = node("button", "sm-play", "\u25b6");
        play.type = "button";
        play.title = "Play the events day by day";
        play.setAttribute("aria-label", "Play");
        var range = node("input", "sm-range");
        range.type = "range";
        range.min = "0";
        range.max = String(cfg.days - 1);
        range.step = "1";
        range.value = String(state.day);
        range.setAttribute("aria-label", "Date");
        dateLabel = node("span", "sm-slider-date");
        var only = node("label", "sm-only");
        var check = node("input");
        check.type = "checkbox";
        only.appendChild(check);
        only.appendChild(document.createTextNode(" this day only"));
        var line = node("div", "sm-slider-line");
        line.appendChild(play);
        line.appendChild(range);
        line.appendChild(dateLabel);
        line.appendChild(only);
        box.appendChild(line);
        status = node("div", "sm-slider-status");
        box.appendChild(status);

        var timer = null;
        var step = Math.max(1, Math.ceil(cfg.days / 60));
        function stop() {
          if (timer !== null) {
            window.clearInterval(timer);
            timer = null;
          }
          play.textContent = "\u25b6";
          play.setAttribute("aria-label", "Play");
        }
        play.addEventListener("click", function () {
          if (timer !== null) {
            stop();
            return;
          }
          if (state.day >= cfg.days - 1) {
            state.day = 0;
          }
          play.textContent = "\u275a\u275a";
          play.setAttribute("aria-label", "Pause");
          range.value = String(state.day);
          refresh();
          timer = window.setInterval(function () {
            if (state.day >= cfg.days - 1) {
              stop();
              return;
            }
            state.day = Math.min(cfg.days - 1, state.day + step);
            range.value = String(state.day);
            refresh();
          }, 350);
        });
        range.addEventListener("input", function () {
          stop();
          state.day = parseInt(range.value, 10);
          refresh();
        });
        check.addEventListener("change", function () {
          state.dayOnly = check.checked;
          refresh();
        });
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        return box;
      };
      slider.addTo(map);
      api.slider = slider;
    }

    container.addTo(map);
    refresh();
    if (!clustered || n === 0) {
      markReady();
    }

    api.container = container;
    api.markers = markers;
    api.count = function () {
      return container.getLayers().length;
    };
    api.shown = countShown;
    api.setDay = function (day, dayOnly) {
      state.day = day;
      state.dayOnly = Boolean(dayOnly);
      refresh();
    };
    api.openPopup = openPopup;
    api.find = function (id) {
      for (var i = 0; i < n; i++) {
        if (rows[i][ix.id] === id) {
          return i;
        }
      }
      return -1;
    };
    SM.maps[name] = api;
    return container;
  };

  /* ---- oblasts: base outlines and choropleths ---- */

  SM.outlines = function (map, data, filled) {
    return L.geoJSON(data.geo, {
      pane: SM.pane(map, "sm-base", 250),
      interactive: false,
      style: function () {
        return {
          color: "#7a7a7a",
          weight: 0.8,
          fill: filled,
          fillColor: "#fbfaf7",
          fillOpacity: 1,
        };
      },
    });
  };

  function regionTooltip(code, data) {
    var ix = columnIndex(data.summaryColumns);
    var row = data.summary[code];
    var root = node("div", "sm-region");
    if (!row) {
      root.appendChild(node("b", null, code));
      root.appendChild(node("div", "sm-muted", "no events"));
      return root;
    }
    root.appendChild(node("div", "sm-region-name", row[ix.admin1] || code));
    var table = node("table", "sm-facts");
    row2(table, "Events", row[ix.events]);
    row2(table, "Days with events", row[ix.days]);
    row2(table, "Killed", row[ix.killed]);
    row2(table, "Injured", row[ix.injured]);
    row2(table, "First", row[ix.first_date]);
    row2(table, "Last", row[ix.last_date]);
    row2(table, "Top weapons", row[ix.top_weapons]);
    row2(table, "Top targets", row[ix.top_targets]);
    row2(table, "Sources", row[ix.sources]);
    root.appendChild(table);
    return root;
  }

  SM.choropleth = function (map, data, cfg) {
    var layer = L.geoJSON(data.geo, {
      pane: SM.pane(map, "sm-choropleth", 350),
      style: function (feature) {
        var code = feature.properties.admin1_code;
        var color = cfg.colors[code];
        return {
          color: "#5a5a5a",
          weight: 0.8,
          fillColor: color || cfg.zeroColor,
          fillOpacity: color ? 0.6 : 0.25,
        };
      },
      onEachFeature: function (feature, lyr) {
        lyr.bindTooltip(
          function () {
            return regionTooltip(feature.properties.admin1_code, data);
          },
          { sticky: true, className: "sm-tooltip" }
        );
        lyr.on("mouseover", function () {
          lyr.setStyle({ weight: 2.2, color: "#222" });
        });
        lyr.on("mouseout", function () {
          layer.resetStyle(lyr);
        });
      },
    });
    function legend(visible) {
      var el = cfg.legendId && document.getElementById(cfg.legendId);
      if (el) {
        el.hidden = !visible;
      }
    }
    layer.on("add", function () {
      legend(true);
    });
    layer.on("remove", function () {
      legend(false);
    });
    return layer;
  };
})();
