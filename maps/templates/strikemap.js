/* strikemap: markers, time slider, choropleths and panels of a strike map.
 *
 * Every string that comes from an article (places, evidence, article ids,
 * URLs, notes) and every summary cell is put into the page with textContent
 * or as an attribute value set through the DOM, never as HTML.  Links are made
 * only for http(s) URLs, and open with rel="noopener noreferrer".
 *
 * A figure no source states (killed, injured) is null: it is said as "not
 * stated" and never counted or shown as 0.
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

  function known(value) {
    return value !== null && value !== undefined && value === value;
  }

  function num(n) {
    return Number(n).toLocaleString("en");
  }

  function plural(n, word) {
    return num(n) + " " + word + (n === 1 ? "" : "s");
  }

  /* Shared with views.js, which is inlined after this file. */
  SM.util = { node: node, known: known, num: num, plural: plural };

  function figure(value) {
    return known(value) ? num(value) : "not stated";
  }

  /* "12 killed", "12 killed (3 events: not stated)", "killed: not stated" */
  function figureText(total, notStated, word) {
    if (!known(total)) {
      return word + ": not stated";
    }
    var text = num(total) + " " + word;
    if (notStated) {
      text += " (" + plural(notStated, "event") + ": not stated)";
    }
    return text;
  }

  /* Who fired (the event's "actor"), in words; anything else is not stated. */
  var ACTOR_WORDS = { russia: "Russia", ukraine: "Ukraine", unknown: "not stated" };

  function actorWords(actor) {
    return Object.prototype.hasOwnProperty.call(ACTOR_WORDS, actor)
      ? ACTOR_WORDS[actor]
      : "not stated";
  }

  /* Schema keys in words: "glide_bomb (3)" -> "glide bomb (3)". */
  function human(text) {
    return known(text) && text !== "" ? String(text).replace(/([a-z])_(?=[a-z])/g, "$1 ") : "";
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

  function splitList(text) {
    return text ? String(text).split(", ") : [];
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

  SM.controls = function (map) {
    L.control.zoom({ position: "topright" }).addTo(map);
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
    if (row[ix.place_uk]) {
      var uk = node("span", "sm-popup-place-uk", " \u00b7 " + row[ix.place_uk]);
      uk.lang = "uk";
      place.appendChild(uk);
    }
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
    row2(table, "Weapons", human(row[ix.weapons]) || "not stated");
    row2(table, "Launched", row[ix.launched]);
    row2(table, "Targets", human(row[ix.targets]) || "not stated");
    row2(table, "Fired by", actorWords(row[ix.actor]));
    root.appendChild(table);

    var sources = row[ix.sources] || [];
    if (sources.length) {
      root.appendChild(node("div", "sm-popup-sub", "Sources (" + sources.length + ")"));
      var list = node("ol", "sm-sources");
      for (var i = 0; i < sources.length; i++) {
        /* [article, url, published, [sentence, ...], killed, injured, lang] */
        var s = sources[i];
        var li = node("li", "sm-source");
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
        if (known(s[4])) {
          meta.push("killed " + num(s[4]));
        }
        if (known(s[5])) {
          meta.push("injured " + num(s[5]));
        }
        if (meta.length) {
          li.appendChild(node("span", "sm-muted", " (" + meta.join(", ") + ")"));
        }
        var sentences = s[3] || [];
        if (sentences.length) {
          var quotes = node("div", "sm-evidence");
          for (var j = 0; j < sentences.length; j++) {
            var q = node("q", "sm-sentence", sentences[j]);
            if (s[6]) {
              q.lang = s[6];
            }
            quotes.appendChild(q);
          }
          li.appendChild(quotes);
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

  /* ---- oblast numbers of the events on show ---- */

  /* The summary table's rows, by column name (all events of the run). */
  function summaryRows(data) {
    if (!data.summary) {
      return null;
    }
    var ix = columnIndex(data.summaryColumns);
    var out = {};
    Object.keys(data.summary).forEach(function (code) {
      var r = data.summary[code];
      function cell(name) {
        var v = ix[name] === undefined ? null : r[ix[name]];
        return known(v) ? v : null;
      }
      out[code] = {
        admin1: cell("admin1") || data.names[code] || code,
        events: cell("events") || 0,
        days: cell("days") || 0,
        killed: cell("killed"),
        killed_not_stated: cell("killed_not_stated"),
        injured: cell("injured"),
        injured_not_stated: cell("injured_not_stated"),
        first_date: cell("first_date") || "",
        last_date: cell("last_date") || "",
        top_weapons: human(cell("top_weapons")),
        top_targets: human(cell("top_targets")),
        sources: cell("sources") || 0,
      };
    });
    return out;
  }

  function topText(counts) {
    return Object.keys(counts)
      .sort(function (a, b) {
        return counts[b] - counts[a] || (a < b ? -1 : a > b ? 1 : 0);
      })
      .slice(0, 3)
      .map(function (k) {
        return k + " (" + counts[k] + ")";
      })
      .join(", ");
  }

  /* The same numbers as the summary table, over the events on show. */
  function aggregate(data, rows, ix, parsed, shown) {
    var acc = {};
    for (var i = 0; i < rows.length; i++) {
      if (!shown[i]) {
        continue;
      }
      var row = rows[i];
      var code = row[ix.code];
      if (!code) {
        continue;
      }
      var r = acc[code];
      if (!r) {
        r = acc[code] = {
          admin1: data.names[code] || row[ix.admin1] || code,
          events: 0,
          dates: {},
          killed: null,
          killed_not_stated: 0,
          injured: null,
          injured_not_stated: 0,
          first_date: "",
          last_date: "",
          weapons: {},
          targets: {},
          articles: {},
        };
      }
      r.events += 1;
      var date = row[ix.date];
      if (date) {
        r.dates[date] = 1;
        if (!r.first_date || date < r.first_date) {
          r.first_date = date;
        }
        if (date > r.last_date) {
          r.last_date = date;
        }
      }
      var k = row[ix.killed];
      if (known(k)) {
        r.killed = (r.killed || 0) + k;
      } else {
        r.killed_not_stated += 1;
      }
      var inj = row[ix.injured];
      if (known(inj)) {
        r.injured = (r.injured || 0) + inj;
      } else {
        r.injured_not_stated += 1;
      }
      var p = parsed[i];
      p.weapons.forEach(function (w) {
        r.weapons[w] = (r.weapons[w] || 0) + 1;
      });
      p.targets.forEach(function (t) {
        r.targets[t] = (r.targets[t] || 0) + 1;
      });
      p.articles.forEach(function (a) {
        r.articles[a] = 1;
      });
    }
    var out = {};
    Object.keys(acc).forEach(function (code) {
      var r = acc[code];
      out[code] = {
        admin1: r.admin1,
        events: r.events,
        days: Object.keys(r.dates).length,
        killed: r.killed,
        killed_not_stated: r.killed_not_stated,
        injured: r.injured,
        injured_not_stated: r.injured_not_stated,
        first_date: r.first_date,
        last_date: r.last_date,
        top_weapons: human(topText(r.weapons)),
        top_targets: human(topText(r.targets)),
        sources: Object.keys(r.articles).length,
      };
    });
    return out;
  }

  function listen(data, fn) {
    data.listeners = data.listeners || [];
    data.listeners.push(fn);
    if (data.view) {
      fn(data.view);
    }
  }

  function publish(data, view) {
    data.view = view;
    (data.listeners || []).forEach(function (fn) {
      fn(view);
    });
  }

  function regionLine(r) {
    return [
      figureText(r.killed, r.killed_not_stated, "killed"),
      figureText(r.injured, r.injured_not_stated, "injured"),
    ].join(", ");
  }

  /* ---- events: markers, per-period groups, time slider ---- */

  function clusterIcon(classes) {
    return function (cluster) {
      var n = cluster.getChildCount();
      var k = classes.length - 1;
      for (var i = 0; i < classes.length; i++) {
        if (classes[i][0] === null || n <= classes[i][0]) {
          k = i;
          break;
        }
      }
      var size = classes[k][2];
      var disc = node("div", "sm-cluster-disc", num(n));
      disc.style.background = classes[k][1];
      disc.style.width = size + "px";
      disc.style.height = size + "px";
      disc.style.lineHeight = size + "px";
      return L.divIcon({ html: disc, className: "sm-cluster", iconSize: L.point(size, size) });
    };
  }

  SM.events = function (map, name, cfg, groups, data) {
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
        iconCreateFunction: clusterIcon(cfg.clusterClasses),
        chunkProgress: function (done, total) {
          if (done >= total) {
            pending = Math.max(0, pending - 1);
            markReady();
          }
        },
      });
    } else {
      container = L.featureGroup();
    }
    var markers = new Array(n);
    var parsed = new Array(n);
    var shown = new Uint8Array(n);
    for (var i = 0; i < n; i++) {
      var row = rows[i];
      var byUkraine = row[ix.actor] === "ukraine";
      var marker = L.circleMarker([row[ix.lat], row[ix.lon]], {
        radius: row[ix.radius],
        /* strikes by Ukrainian forces: a dark ring */
        color: byUkraine ? "#1d3557" : "#ffffff",
        weight: byUkraine ? 2 : 1,
        opacity: 0.9,
        fillColor: cfg.classes[row[ix.cls]][2],
        fillOpacity: 0.85,
      });
      marker._smIndex = i;
      markers[i] = marker;
      var articles = [];
      (row[ix.sources] || []).forEach(function (s) {
        var key = s[0] || s[1];
        if (key) {
          articles.push(key);
        }
      });
      parsed[i] = {
        weapons: splitList(row[ix.weapons]),
        targets: splitList(row[ix.targets]),
        articles: articles,
      };
    }
    var fullRows = data ? summaryRows(data) : null;

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

    /* What is on show: the date range [from, to] (days after cfg.start; the
       slider moves "to", the timeline brushes both), the period layers, and
       the filters.  A filter key set to false is off; a key not in the
       table is on.  Undated events are in every date range. */
    var last = Math.max(0, cfg.days - 1);
    var state = { from: 0, to: last, dayOnly: false };
    var filters = { cls: {}, targets: {}, precision: {}, actor: {}, min: 0 };
    var casualties = new Array(n); /* killed + injured as stated; null: none */
    var nUkraine = 0;
    for (var u = 0; u < n; u++) {
      nUkraine += rows[u][ix.actor] === "ukraine" ? 1 : 0;
      var kk = rows[u][ix.killed];
      var ii = rows[u][ix.injured];
      casualties[u] = known(kk) || known(ii) ? (known(kk) ? kk : 0) + (known(ii) ? ii : 0) : null;
    }
    var passed = new Uint8Array(n); /* passes the layers and filters (any date) */
    var status = null;
    var dateLabel = null;
    var range = null;
    var onlyCheck = null;
    var listeners = [];
    var pending = 0; /* marker batches the cluster group is still adding */

    function clampDay(d) {
      d = Math.round(Number(d));
      return d !== d ? 0 : Math.max(0, Math.min(last, d));
    }

    function filtersOn() {
      var keys = ["cls", "targets", "precision", "actor"];
      for (var k = 0; k < keys.length; k++) {
        var table = filters[keys[k]];
        for (var key in table) {
          if (table[key] === false) {
            return true;
          }
        }
      }
      return filters.min > 0;
    }

    function anyTargetOff() {
      for (var key in filters.targets) {
        if (filters.targets[key] === false) {
          return true;
        }
      }
      return false;
    }

    /* The filters (not the dates) pass event i. */
    function passes(i, targetsOff) {
      var row = rows[i];
      if (filters.cls[row[ix.cls]] === false) {
        return false;
      }
      if (filters.precision[row[ix.precision]] === false) {
        return false;
      }
      if (filters.actor[row[ix.actor]] === false) {
        return false;
      }
      if (filters.min > 0) {
        /* unknown is not zero: no stated figure cannot meet a minimum */
        var c = casualties[i];
        if (c === null || c < filters.min) {
          return false;
        }
      }
      if (targetsOff) {
        var t = parsed[i].targets;
        if (!t.length) {
          return filters.targets[""] !== false;
        }
        for (var k = 0; k < t.length; k++) {
          if (filters.targets[t[k]] !== false) {
            return true;
          }
        }
        return false;
      }
      return true;
    }

    function inRange(day) {
      return day === null || (day >= state.from && day <= state.to);
    }

    function dayText(d) {
      return cfg.start ? addDays(cfg.start, d) : "";
    }

    function rangeText() {
      if (state.dayOnly || (state.from === state.to && state.from > 0)) {
        return "on " + dayText(state.to);
      }
      if (state.from === 0) {
        return "up to " + dayText(state.to);
      }
      return dayText(state.from) + " \u2013 " + dayText(state.to);
    }

    /* The filters in words, for the status line (empty when none is on). */
    function filterWords() {
      var words = [];
      var names = { cls: "weapon", targets: "target", precision: "precision", actor: "fired by" };
      Object.keys(names).forEach(function (key) {
        var table = filters[key];
        for (var k in table) {
          if (table[k] === false) {
            words.push(names[key]);
            return;
          }
        }
      });
      if (filters.min > 0) {
        words.push(
          "killed + injured \u2265 " + num(filters.min) + " (events with no stated figure hidden)"
        );
      }
      return words.length ? "filtered by " + words.join(", ") : "";
    }

    /* What is on show, in words: the slider's status and the panel's scope. */
    function describe() {
      var dated = 0;
      var undated = 0;
      for (var i = 0; i < n; i++) {
        if (shown[i]) {
          if (rows[i][ix.day] === null) {
            undated += 1;
          } else {
            dated += 1;
          }
        }
      }
      var parts = [];
      if (cfg.start) {
        parts.push(num(dated) + " dated " + rangeText());
      }
      if (cfg.undated) {
        parts.push(
          undated
            ? num(undated) + " undated (date unknown: shown at every date)"
            : "undated events hidden (" +
                (filtersOn() ? "filters or layer \u201cUndated\u201d" : "layer \u201cUndated\u201d is off") +
                ")"
        );
      }
      var filtered = filterWords();
      return {
        complete:
          dated + undated === n && !state.dayOnly && state.from === 0 && state.to >= last && !filtered,
        dated: dated,
        undated: undated,
        filters: filtered,
        text:
          num(dated + undated) + " of " + plural(n, "event") + " on show: " + parts.join(" + ") +
          (filtered ? "; " + filtered : ""),
      };
    }

    function countShown() {
      var k = 0;
      for (var i = 0; i < n; i++) {
        k += shown[i];
      }
      return k;
    }

    function refresh() {
      var t0 = window.performance ? performance.now() : 0;
      if (state.dayOnly) {
        state.from = state.to;
      }
      var add = [];
      var remove = [];
      var groupOn = groups.map(function (g) {
        return !g || map.hasLayer(g);
      });
      var targetsOff = anyTargetOff();
      for (var i = 0; i < n; i++) {
        var row = rows[i];
        var pass = groupOn[row[ix.group]] !== false && passes(i, targetsOff);
        passed[i] = pass ? 1 : 0;
        var want = pass && inRange(row[ix.day]);
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
          pending += 1;
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
      if (range) {
        range.value = String(state.to);
      }
      if (onlyCheck) {
        onlyCheck.checked = state.dayOnly;
      }
      if (dateLabel && cfg.start) {
        dateLabel.textContent = rangeText();
      }
      var what = describe();
      if (status) {
        status.textContent = what.text;
      }
      if (data) {
        var view;
        if (what.complete && fullRows) {
          view = { rows: fullRows, scope: "All events of the run", complete: true };
        } else {
          view = {
            rows: aggregate(data, rows, ix, parsed, shown),
            scope: !n ? "No events" : what.complete ? "All " + plural(n, "event") : what.text,
            complete: what.complete,
          };
        }
        publish(data, view);
      }
      api.what = what;
      listeners.forEach(function (fn) {
        fn(what);
      });
      api.refreshMs = window.performance ? performance.now() - t0 : null;
    }

    var markersReady = false;
    var viewsReady = false;
    function markReady() {
      markersReady = true;
      signalReady();
    }
    function signalReady() {
      if (!api.ready && markersReady && viewsReady) {
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
        box.setAttribute("role", "group");
        box.setAttribute("aria-label", "Dates");
        var play = node("button", "sm-play", "\u25b6");
        play.type = "button";
        play.title = "Play the events day by day";
        play.setAttribute("aria-label", "Play");
        range = node("input", "sm-range");
        range.type = "range";
        range.min = "0";
        range.max = String(last);
        range.step = "1";
        range.value = String(state.to);
        range.setAttribute("aria-label", "Last date on show");
        dateLabel = node("span", "sm-slider-date");
        dateLabel.setAttribute("aria-live", "polite");
        var only = node("label", "sm-only");
        only.title = "Dated events of the slider's day only (undated events stay on show)";
        onlyCheck = node("input");
        onlyCheck.type = "checkbox";
        only.appendChild(onlyCheck);
        only.appendChild(document.createTextNode(" only this day"));
        var line = node("div", "sm-slider-line");
        line.appendChild(play);
        line.appendChild(range);
        line.appendChild(dateLabel);
        line.appendChild(only);
        box.appendChild(line);
        api.timelineBox = node("div", "sm-timeline-box");
        box.appendChild(api.timelineBox);
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
          if (state.to >= last) {
            state.to = state.dayOnly ? 0 : state.from;
          }
          play.textContent = "\u275a\u275a";
          play.setAttribute("aria-label", "Pause");
          refresh();
          timer = window.setInterval(function () {
            if (state.to >= last) {
              stop();
              return;
            }
            state.to = Math.min(last, state.to + step);
            refresh();
          }, 350);
        });
        range.addEventListener("input", function () {
          stop();
          state.to = clampDay(range.value);
          if (state.from > state.to) {
            state.from = state.to;
          }
          refresh();
        });
        onlyCheck.addEventListener("change", function () {
          state.dayOnly = onlyCheck.checked;
          if (!state.dayOnly) {
            state.from = 0;
          }
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

    api.container = container;
    api.markers = markers;
    api.rows = rows;
    api.ix = ix;
    api.cfg = cfg;
    api.map = map;
    api.state = state;
    api.filters = filters;
    api.shownFlags = shown;
    api.passed = passed;
    api.casualties = casualties;
    api.parsed = parsed;
    api.last = last;
    api.nUkraine = nUkraine;
    api.refresh = refresh;
    api.onRefresh = function (fn) {
      listeners.push(fn);
    };
    api.count = function () {
      return container.getLayers().length;
    };
    api.shown = countShown;
    api.setDay = function (day, dayOnly) {
      state.dayOnly = Boolean(dayOnly);
      state.to = clampDay(day);
      state.from = state.dayOnly ? state.to : 0;
      refresh();
    };
    /* The date range, in days after the first date (undated events stay). */
    api.setRange = function (from, to) {
      var a = clampDay(Math.min(from, to));
      var b = clampDay(Math.max(from, to));
      state.dayOnly = false;
      state.from = a;
      state.to = b;
      refresh();
    };
    /* Set filters: {cls: {index: false}, targets, precision, actor, min}. */
    api.setFilters = function (f) {
      ["cls", "targets", "precision", "actor"].forEach(function (key) {
        if (f && f[key]) {
          filters[key] = {};
          Object.keys(f[key]).forEach(function (k) {
            if (f[key][k] === false) {
              filters[key][k] = false;
            }
          });
        }
      });
      if (f && f.min !== undefined) {
        var m = Number(f.min);
        filters.min = m > 0 && isFinite(m) ? Math.floor(m) : 0;
      }
      refresh();
    };
    api.showUkraine = function (on) {
      if (on) {
        delete filters.actor.ukraine;
      } else {
        filters.actor.ukraine = false;
      }
      refresh();
    };
    /* Resolves once the markers of the last redraw are on the map and painted. */
    api.settle = function () {
      return new Promise(function (resolve) {
        (function check() {
          if (pending > 0) {
            window.setTimeout(check, 4);
          } else {
            window.requestAnimationFrame(function () {
              resolve(performance.now());
            });
          }
        })();
      });
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
    api.ids = function () {
      return rows.map(function (r) {
        return r[ix.id];
      });
    };
    api.regions = function () {
      return data && data.view ? data.view : null;
    };
    api.aggregate = function () {
      return aggregate(data, rows, ix, parsed, shown);
    };
    SM.maps[name] = api;
    if (SM.views) {
      SM.views(api); /* filters, timeline, search, list, link: views.js */
    }
    refresh();
    if (!clustered || n === 0) {
      markReady();
    }
    /* The view in the URL is applied once the layout has fitted the map. */
    window.setTimeout(function () {
      if (api.applyHash) {
        api.applyHash(true);
      }
      viewsReady = true;
      signalReady();
    }, 0);
    return container;
  };

  /* ---- oblasts: base outlines, optional tiles, choropleths, panel ---- */

  SM.outlines = function (map, data) {
    var pane = SM.pane(map, "sm-base", 250);
    var land = { fill: true, fillColor: "#fbfaf7", fillOpacity: 1 };
    var oblasts = L.geoJSON(data.geo, {
      pane: pane,
      interactive: false,
      style: function () {
        return L.extend({ color: "#8a8a8a", weight: 0.8 }, land);
      },
    });
    var country = L.polyline(
      (data.country || []).map(function (line) {
        return line.map(function (c) {
          return [c[1], c[0]];
        });
      }),
      { pane: pane, interactive: false, color: "#3d3d3d", weight: 1.6 }
    );
    var group = L.featureGroup([oblasts, country]);
    group.smLand = function (on) {
      oblasts.setStyle({ fillOpacity: on ? 1 : 0 });
    };
    return group;
  };

  SM.tiles = function (map, outlines, cfg) {
    var layer = L.tileLayer(cfg.url, {
      maxZoom: cfg.maxZoom,
      attribution: cfg.attribution,
    });
    layer.on("add", function () {
      outlines.smLand(false);
    });
    layer.on("remove", function () {
      outlines.smLand(true);
    });
    return layer;
  };

  function regionTooltip(code, data) {
    var view = data.view;
    var r = view && view.rows[code];
    var root = node("div", "sm-region");
    var name = (r && r.admin1) || data.names[code] || code;
    root.appendChild(node("div", "sm-region-name", name));
    if (!r || !r.events) {
      root.appendChild(
        node("div", "sm-muted", view && !view.complete ? "no events on show" : "no events")
      );
      return root;
    }
    var table = node("table", "sm-facts");
    row2(table, "Events", num(r.events));
    row2(table, "Days with events", num(r.days));
    row2(table, "Killed", figureText(r.killed, r.killed_not_stated, "killed"));
    row2(table, "Injured", figureText(r.injured, r.injured_not_stated, "injured"));
    row2(table, "First", r.first_date);
    row2(table, "Last", r.last_date);
    row2(table, "Top weapons", r.top_weapons);
    row2(table, "Top targets", r.top_targets);
    row2(table, "Sources", num(r.sources));
    root.appendChild(table);
    if (view && !view.complete) {
      root.appendChild(node("div", "sm-muted", view.scope));
    }
    return root;
  }

  SM.choropleth = function (map, data, cfg) {
    function value(r) {
      if (!r || !r.events) {
        return undefined; /* no events */
      }
      if (cfg.kind === "events") {
        return r.events;
      }
      if (!known(r.killed) && !known(r.injured)) {
        return null; /* events, but no figure stated */
      }
      return (r.killed || 0) + (r.injured || 0);
    }
    function fill(v) {
      if (v === undefined) {
        return [cfg.noEvents, 0.5];
      }
      if (v === null) {
        return [cfg.notStated, 0.75];
      }
      if (v <= 0) {
        return [cfg.zeroColor || cfg.noEvents, 0.75];
      }
      for (var i = 0; i < cfg.breaks.length; i++) {
        if (v <= cfg.breaks[i]) {
          return [cfg.colors[i], 0.75];
        }
      }
      return [cfg.colors[cfg.colors.length - 1], 0.75];
    }
    function style(feature) {
      var rows = data.view ? data.view.rows : {};
      var f = fill(value(rows[feature.properties.admin1_code]));
      return { color: "#5a5a5a", weight: 0.8, fillColor: f[0], fillOpacity: f[1] };
    }
    var layer = L.geoJSON(data.geo, {
      pane: SM.pane(map, "sm-choropleth", 350),
      style: style,
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
    layer.smKind = cfg.kind;
    layer.smValue = function (code) {
      var rows = data.view ? data.view.rows : {};
      return value(rows[code]);
    };
    listen(data, function () {
      layer.setStyle(style);
      layer.eachLayer(function (lyr) {
        if (lyr.isTooltipOpen && lyr.isTooltipOpen()) {
          lyr.setTooltipContent(regionTooltip(lyr.feature.properties.admin1_code, data));
        }
      });
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

  SM.regionPanel = function (map, data, id) {
    var el = document.getElementById(id);
    if (!el) {
      return null;
    }
    SM.panel(map, id, "topleft");
    var heading = el.querySelector("summary");
    var scope = el.querySelector(".sm-panel-scope");
    var body = el.querySelector(".sm-panel-body");
    listen(data, function (view) {
      var rows = view.rows;
      var codes = Object.keys(rows)
        .filter(function (c) {
          return rows[c].events > 0;
        })
        .sort(function (a, b) {
          return rows[b].events - rows[a].events || (a < b ? -1 : a > b ? 1 : 0);
        });
      heading.textContent = "Oblasts with events (" + codes.length + ")";
      scope.textContent = view.scope;
      body.textContent = "";
      if (!codes.length) {
        body.appendChild(node("div", "sm-muted", "No oblast has events on show."));
        return;
      }
      var list = node("ol");
      codes.forEach(function (code) {
        var r = rows[code];
        var li = node("li");
        li.setAttribute("data-code", code);
        var line = node("div", "sm-region-line", r.admin1 + ": ");
        line.appendChild(node("b", null, num(r.events)));
        line.appendChild(
          document.createTextNode(
            " " + (r.events === 1 ? "event" : "events") + ", " + regionLine(r)
          )
        );
        li.appendChild(line);
        var more = node("div", "sm-region-more");
        var dates = r.first_date === r.last_date
          ? r.first_date
          : r.first_date + " \u2192 " + r.last_date;
        more.appendChild(
          document.createTextNode(
            plural(r.days, "day") + " with events" + (dates ? " \u00b7 " : "")
          )
        );
        if (dates) {
          more.appendChild(node("span", "sm-nowrap", dates));
        }
        more.appendChild(node("br"));
        more.appendChild(
          document.createTextNode("Weapons: " + (r.top_weapons || "not stated"))
        );
        more.appendChild(node("br"));
        more.appendChild(
          document.createTextNode(
            "Targets: " + (r.top_targets || "not stated") + " \u00b7 " +
              plural(r.sources, "source")
          )
        );
        li.appendChild(more);
        list.appendChild(li);
      });
      body.appendChild(list);
    });
    return el;
  };

  /* ---- layout: nothing covers anything, the country fits between ---- */

  SM.layout = function (map, bounds) {
    var c = map.getContainer();
    var corners = map._controlCorners;
    function rect(el) {
      return el.getBoundingClientRect();
    }
    function apply() {
      var cr = rect(c);
      var right = rect(corners.topright).width;
      /* The left column (title, oblast panel) stops short of the right one. */
      c.style.setProperty("--sm-left-max", Math.max(150, cr.width - right - 40) + "px");
      /* The slider (bottom left) stops short of the legend (bottom right), and
         the credits (bottom right) short of the scale bar (bottom left). */
      var legendBox = corners.bottomright.querySelector(".sm-legend");
      var legendWidth = legendBox ? rect(legendBox).width : 0;
      c.style.setProperty(
        "--sm-bottom-left-max",
        Math.max(200, cr.width - legendWidth - 30) + "px"
      );
      var scale = corners.bottomleft.querySelector(".leaflet-control-scale");
      var scaleWidth = scale ? rect(scale).width : 0;
      c.style.setProperty(
        "--sm-credits-max",
        Math.max(200, cr.width - scaleWidth - 30) + "px"
      );
      var panel = corners.topleft.querySelector(".sm-panel");
      if (panel) {
        var below = rect(corners.bottomleft).height;
        var top = rect(panel).top - cr.top;
        c.style.setProperty(
          "--sm-panel-max-h",
          Math.max(60, cr.height - top - below - 20) + "px"
        );
      }
      var legend = corners.bottomright.querySelector(".sm-legend");
      if (legend) {
        var above = rect(corners.topright).bottom - cr.top;
        var others = rect(corners.bottomright).height - rect(legend).height;
        c.style.setProperty(
          "--sm-legend-max-h",
          Math.max(60, cr.height - above - others - 30) + "px"
        );
      }
    }
    function fit() {
      var cr = rect(c);
      var left = Math.min(rect(corners.topleft).width + 10, cr.width * 0.3);
      var legendBox = corners.bottomright.querySelector(".sm-legend");
      var right = Math.min(
        Math.max(rect(corners.topright).width, legendBox ? rect(legendBox).width : 0) +
          10,
        cr.width * 0.3
      );
      var bottom = Math.min(rect(corners.bottomleft).height + 10, cr.height * 0.25);
      map.fitBounds(bounds, {
        paddingTopLeft: L.point(left, 10),
        paddingBottomRight: L.point(right, bottom),
        animate: false /* the first view is there at once, no zoom in flight */,
      });
    }
    /* On a small screen the legend starts folded (one click opens it). */
    var legendPanel = corners.bottomright.querySelector(".sm-legend details");
    if (legendPanel && (c.clientWidth < 900 || c.clientHeight < 650)) {
      legendPanel.open = false;
    }
    apply();
    /* Where the left column leaves the oblast panel too little room (a small
       screen, a long title), the panel starts folded too. */
    var panelBox = corners.topleft.querySelector(".sm-panel");
    var panelDetails = panelBox && panelBox.querySelector("details");
    if (panelDetails && panelDetails.open) {
      var room =
        rect(c).bottom - rect(panelBox).top - rect(corners.bottomleft).height - 20;
      if (room < 90) {
        panelDetails.open = false;
        apply();
      }
    }
    fit();
    apply();
    map.on("resize", apply);
    c.addEventListener("toggle", apply, true);
    SM.layoutNow = apply;
  };
})();
