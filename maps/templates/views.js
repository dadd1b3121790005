/* strikemap views: filters, the timeline, place search, the event list and
 * the view in the URL, for the map StrikeMap.events has drawn.
 *
 * Every string from an article (place names, article ids) goes into the page
 * with textContent, never as HTML.  A figure no source states is null: it
 * reads "not stated", is an empty CSV cell, sorts last, and no minimum
 * casualty figure above 0 is met by it.
 *
 * This file is inlined into each map page; it must not contain the sequence
 * that closes a script element.
 */
(function () {
  "use strict";
  var SM = (window.StrikeMap = window.StrikeMap || {});
  var SVG = "http://www.w3.org/2000/svg";
  var uid = 0;
  /* The helpers strikemap.js shares (it is inlined before this file). */
  var node = SM.util.node;
  var known = SM.util.known;
  var num = SM.util.num;
  var plural = SM.util.plural;

  function svgNode(tag, attrs) {
    var el = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) {
      el.setAttribute(k, String(attrs[k]));
    });
    return el;
  }

  function button(text, className, label) {
    var b = node("button", className, text);
    b.type = "button";
    if (label) {
      b.setAttribute("aria-label", label);
      b.title = label;
    }
    return b;
  }

  function human(text) {
    return known(text) && text !== "" ? String(text).replace(/([a-z])_(?=[a-z])/g, "$1 ") : "";
  }

  function addDays(startIso, n) {
    var d = new Date(startIso + "T00:00:00Z");
    d.setUTCDate(d.getUTCDate() + n);
    return d.toISOString().slice(0, 10);
  }

  function dayOf(startIso, iso) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(String(iso))) {
      return null;
    }
    var t = Date.parse(iso + "T00:00:00Z") - Date.parse(startIso + "T00:00:00Z");
    return t === t ? Math.round(t / 86400000) : null;
  }

  /* Case-, accent- and apostrophe-insensitive form of a place name. */
  function fold(text) {
    var s = String(text || "").toLowerCase();
    if (s.normalize) {
      s = s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
    }
    return s
      .replace(/['\u2018\u2019\u02bc\u02b9\u0060\u00b4"\u201c\u201d\u00ab\u00bb]/g, "")
      .replace(/[\s\-\u2010-\u2015.,()]+/g, " ")
      .trim();
  }

  /* The gazetteer's key of a name (gazetteer.normalize.fold), for matching
     the spellings the page carries: tokens split on spaces, hyphens, dashes
     and slashes; lower case; accents off Latin letters; ё as е; a final
     possessive ('s) and apostrophes dropped; in a Latin token zhzh as zh, y
     and j as i; doubled letters once. */
  var APOS = /['\u2019\u02bc`\u00b4\u2018\u02b9]/g;
  function keyToken(token) {
    var t = token.toLowerCase().replace(/\u0451/g, "\u0435");
    if (/[^\x00-\x7f]/.test(t) && t.normalize) {
      t = t.replace(/[\u00c0-\u024f]/g, function (c) {
        var base = c.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
        return /^[\x00-\x7f]+$/.test(base) ? base : c;
      });
      t = t.replace(/\u00df/g, "ss").replace(/\u0142/g, "l").replace(/\u00f8/g, "o");
    }
    if (t.length > 3) {
      t = t.replace(/['\u2019\u02bc`\u00b4\u2018\u02b9]s?$/, "");
    }
    t = t.replace(APOS, "");
    if (/^[\x00-\x7f]*$/.test(t)) {
      t = t.split("zhzh").join("zh").replace(/[yj]/g, "i");
    }
    return t.replace(/(.)\1+/g, "$1");
  }
  function keyFold(text) {
    return String(text || "")
      .trim()
      .split(/[\s\-\u2010-\u2014\/]+/)
      .map(keyToken)
      .filter(function (t) {
        return t;
      })
      .join(" ");
  }

  /* A CSV cell: quoted when needed; a leading = + - @ (or tab, CR) is
     prefixed with an apostrophe so no spreadsheet runs it as a formula. */
  function csvCell(value) {
    if (!known(value)) {
      return "";
    }
    var s = String(value);
    if (/^[=+\-@\t\r]/.test(s)) {
      s = "'" + s;
    }
    if (/[",\r\n]/.test(s)) {
      s = '"' + s.replace(/"/g, '""') + '"';
    }
    return s;
  }

  function stop(el) {
    if (window.L && L.DomEvent) {
      L.DomEvent.disableClickPropagation(el);
      L.DomEvent.disableScrollPropagation(el);
    }
  }

  SM.csvCell = csvCell;
  SM.fold = fold;
  SM.keyFold = keyFold;

  SM.views = function (api) {
    var map = api.map;
    var cfg = api.cfg;
    var rows = api.rows;
    var ix = api.ix;
    var n = rows.length;
    var state = api.state;
    var filters = api.filters;
    var options = cfg.filters || { weapons: [], targets: [], precisions: [], actors: [] };
    var views = { hist: "events" };
    api.views = views;

    /* ---- the tools box: search, filters, list, link (top left) ---- */

    var tools = node("div", "sm-box sm-tools");
    tools.setAttribute("role", "region");
    tools.setAttribute("aria-label", "Search, filters and sharing");
    stop(tools);
    var control = L.control({ position: "topleft" });
    control.onAdd = function () {
      return tools;
    };
    control.addTo(map);
    /* under the title, above the oblast panel */
    var corner = tools.parentNode;
    var panel = corner && corner.querySelector(".sm-panel");
    if (panel) {
      corner.insertBefore(tools, panel);
    }

    /* search */
    var searchId = "sm-search-" + ++uid;
    var searchLabel = node("label", "sm-search-label", "Find a place");
    searchLabel.htmlFor = searchId;
    var search = node("input", "sm-search");
    search.type = "search";
    search.id = searchId;
    search.placeholder = "English or Ukrainian name";
    search.autocomplete = "off";
    search.setAttribute("aria-describedby", searchId + "-hint");
    var hint = node("span", "sm-visually-hidden", "Type the start of a place name; results follow.");
    hint.id = searchId + "-hint";
    var results = node("div", "sm-results");
    results.setAttribute("aria-live", "polite");
    tools.appendChild(searchLabel);
    tools.appendChild(search);
    tools.appendChild(hint);
    tools.appendChild(results);

    /* buttons */
    var bar = node("div", "sm-tool-buttons");
    var listButton = button("Event list", "sm-button sm-list-open");
    listButton.setAttribute("aria-expanded", "false");
    var linkButton = button("Copy link", "sm-button sm-copy-link", "Copy a link to this view");
    bar.appendChild(listButton);
    bar.appendChild(linkButton);
    tools.appendChild(bar);
    var linkStatus = node("div", "sm-link-status sm-muted");
    linkStatus.setAttribute("aria-live", "polite");
    var linkBox = node("input", "sm-link");
    linkBox.readOnly = true;
    linkBox.hidden = true;
    linkBox.setAttribute("aria-label", "Link to this view");
    tools.appendChild(linkBox);
    tools.appendChild(linkStatus);

    /* filters */
    var details = node("details", "sm-filters");
    var summary = node("summary", null, "Filters");
    details.appendChild(summary);
    var boxes = { cls: {}, targets: {}, precision: {}, actor: {} };

    function group(title, key, choices, valueOf, swatch) {
      if (!choices.length) {
        return;
      }
      var fs = node("fieldset", "sm-filter sm-filter-" + key);
      fs.appendChild(node("legend", null, title));
      choices.forEach(function (c) {
        var label = node("label", "sm-check");
        var box = node("input");
        box.type = "checkbox";
        box.checked = true;
        box.value = String(valueOf(c));
        box.setAttribute("data-key", String(valueOf(c)));
        label.appendChild(box);
        if (swatch) {
          var sw = node("span", "sm-swatch");
          sw.style.background = c.color;
          label.appendChild(sw);
        } else {
          label.appendChild(document.createTextNode(" "));
        }
        label.appendChild(document.createTextNode(c.label + " "));
        label.appendChild(node("span", "sm-muted", "(" + num(c.count) + ")"));
        box.addEventListener("change", function () {
          if (box.checked) {
            delete filters[key][box.value];
          } else {
            filters[key][box.value] = false;
          }
          api.refresh();
        });
        boxes[key][box.value] = box;
        fs.appendChild(label);
      });
      details.appendChild(fs);
    }
    group("Weapon (marker colour)", "cls", options.weapons, function (c) {
      return c.cls;
    }, true);
    group("Target", "targets", options.targets, function (c) {
      return c.key;
    });
    group("Location precision", "precision", options.precisions, function (c) {
      return c.key;
    });
    group("Fired by", "actor", options.actors, function (c) {
      return c.key;
    });
    var noFigure = 0;
    for (var c = 0; c < n; c++) {
      noFigure += api.casualties[c] === null ? 1 : 0;
    }
    var minFs = node("fieldset", "sm-filter sm-filter-min");
    minFs.appendChild(node("legend", null, "Casualties"));
    var minId = "sm-min-" + ++uid;
    var minLabel = node("label", null, "Minimum killed + injured ");
    minLabel.htmlFor = minId;
    var minInput = node("input", "sm-min");
    minInput.type = "number";
    minInput.min = "0";
    minInput.step = "1";
    minInput.value = "0";
    minInput.id = minId;
    minInput.setAttribute("aria-describedby", minId + "-note");
    minFs.appendChild(minLabel);
    minFs.appendChild(minInput);
    var minNote = node(
      "div",
      "sm-note",
      "Unknown is not zero: above 0, the " + plural(noFigure, "event") +
        " that state no figure are hidden, as no one can say they meet it."
    );
    minNote.id = minId + "-note";
    minFs.appendChild(minNote);
    details.appendChild(minFs);
    function minChanged() {
      var v = parseInt(minInput.value, 10);
      filters.min = v > 0 ? v : 0;
      api.refresh();
    }
    minInput.addEventListener("change", minChanged);
    minInput.addEventListener("input", minChanged);
    var clear = button("Clear filters", "sm-button sm-clear");
    clear.addEventListener("click", function () {
      api.setFilters({ cls: {}, targets: {}, precision: {}, actor: {}, min: 0 });
    });
    details.appendChild(clear);
    tools.appendChild(details);

    function syncFilterInputs(what) {
      Object.keys(boxes).forEach(function (key) {
        Object.keys(boxes[key]).forEach(function (k) {
          boxes[key][k].checked = filters[key][k] !== false;
        });
      });
      if (parseInt(minInput.value, 10) !== filters.min && !(filters.min === 0 && minInput.value === "")) {
        minInput.value = String(filters.min);
      }
      summary.textContent = what.filters ? "Filters (on)" : "Filters";
    }

    /* ---- legend counts follow what is on show ---- */

    function legendCounts() {
      var counts = {};
      for (var i = 0; i < n; i++) {
        if (api.shownFlags[i]) {
          var k = rows[i][ix.cls];
          counts[k] = (counts[k] || 0) + 1;
        }
      }
      var items = document.querySelectorAll(".sm-legend li[data-sm-cls]");
      for (var j = 0; j < items.length; j++) {
        var li = items[j];
        var cls = li.getAttribute("data-sm-cls");
        var count = li.querySelector(".sm-count");
        if (count) {
          count.textContent = num(counts[cls] || 0);
        }
        li.classList.toggle("sm-dim", !counts[cls]);
      }
    }

    /* ---- the timeline: a histogram per day under the slider ---- */

    var timeline = null;
    if (api.timelineBox && cfg.days > 0) {
      timeline = buildTimeline(api.timelineBox);
    }

    function buildTimeline(box) {
      var maxBins = 180;
      var binDays = Math.max(1, Math.ceil(cfg.days / maxBins));
      var nBins = Math.ceil(cfg.days / binDays);
      var W = 1000;
      var H = 44;
      var head = node("div", "sm-timeline-head");
      var modes = node("span", "sm-modes");
      modes.setAttribute("role", "group");
      modes.setAttribute("aria-label", "Histogram of");
      var modeButtons = {};
      ["events", "casualties"].forEach(function (m) {
        var b = button(m === "events" ? "events" : "killed + injured", "sm-mode");
        b.setAttribute("aria-pressed", String(views.hist === m));
        b.setAttribute("data-mode", m);
        b.addEventListener("click", function () {
          views.hist = m;
          draw();
          writeHash();
        });
        modeButtons[m] = b;
        modes.appendChild(b);
      });
      head.appendChild(node("span", "sm-timeline-title", binDays > 1 ? "Per " + binDays + " days:" : "Per day:"));
      head.appendChild(modes);
      var fromId = "sm-from-" + ++uid;
      var fromLabel = node("label", "sm-date-label", "From");
      fromLabel.htmlFor = fromId;
      var fromInput = node("input", "sm-date sm-from");
      fromInput.type = "date";
      fromInput.id = fromId;
      var toId = "sm-to-" + ++uid;
      var toLabel = node("label", "sm-date-label", "to");
      toLabel.htmlFor = toId;
      var toInput = node("input", "sm-date sm-to");
      toInput.type = "date";
      toInput.id = toId;
      [fromInput, toInput].forEach(function (inp) {
        inp.min = cfg.start;
        inp.max = addDays(cfg.start, api.last);
      });
      function datesChanged() {
        var a = dayOf(cfg.start, fromInput.value);
        var b = dayOf(cfg.start, toInput.value);
        api.setRange(a === null ? 0 : a, b === null ? api.last : b);
      }
      fromInput.addEventListener("change", datesChanged);
      toInput.addEventListener("change", datesChanged);
      var all = button("All dates", "sm-button sm-all-dates");
      all.addEventListener("click", function () {
        api.setRange(0, api.last);
      });
      head.appendChild(fromLabel);
      head.appendChild(fromInput);
      head.appendChild(toLabel);
      head.appendChild(toInput);
      head.appendChild(all);
      box.appendChild(head);

      var svg = svgNode("svg", {
        class: "sm-histogram",
        viewBox: "0 0 " + W + " " + H,
        preserveAspectRatio: "none",
        role: "img",
        tabindex: "0",
      });
      var titleEl = svgNode("title");
      svg.appendChild(titleEl);
      var bars = [];
      for (var b = 0; b < nBins; b++) {
        var r = svgNode("rect", { x: (b * W) / nBins, width: Math.max(0.5, W / nBins - (nBins < 120 ? 1 : 0)), y: H, height: 0 });
        bars.push(r);
        svg.appendChild(r);
      }
      var brush = svgNode("rect", { class: "sm-brush", x: 0, y: 0, width: 0, height: H });
      brush.style.display = "none";
      svg.appendChild(brush);
      box.appendChild(svg);
      var axis = node("div", "sm-timeline-axis");
      axis.appendChild(node("span", null, cfg.start));
      var peak = node("span", "sm-peak sm-muted");
      axis.appendChild(peak);
      axis.appendChild(node("span", null, addDays(cfg.start, api.last)));
      box.appendChild(axis);
      var undatedLine = node("div", "sm-timeline-undated sm-muted");
      box.appendChild(undatedLine);

      function binOf(clientX) {
        var rect = svg.getBoundingClientRect();
        var f = rect.width ? (clientX - rect.left) / rect.width : 0;
        return Math.max(0, Math.min(nBins - 1, Math.floor(f * nBins)));
      }
      function showBrush(a, b) {
        var lo = Math.min(a, b);
        var hi = Math.max(a, b);
        brush.setAttribute("x", String((lo * W) / nBins));
        brush.setAttribute("width", String(((hi - lo + 1) * W) / nBins));
        brush.style.display = "";
      }
      var dragFrom = null;
      var dragTo = null;
      svg.addEventListener("pointerdown", function (e) {
        if (e.button !== 0) {
          return;
        }
        dragFrom = dragTo = binOf(e.clientX);
        if (svg.setPointerCapture && e.pointerId !== undefined) {
          try {
            svg.setPointerCapture(e.pointerId);
          } catch (err) {
            /* a synthetic pointer: no capture, the brush still works */
          }
        }
        showBrush(dragFrom, dragTo);
        e.preventDefault();
      });
      svg.addEventListener("pointermove", function (e) {
        if (dragFrom !== null) {
          dragTo = binOf(e.clientX);
          showBrush(dragFrom, dragTo);
        }
      });
      function finish() {
        if (dragFrom === null) {
          return;
        }
        var lo = Math.min(dragFrom, dragTo);
        var hi = Math.max(dragFrom, dragTo);
        dragFrom = dragTo = null;
        brush.style.display = "none";
        api.setRange(lo * binDays, Math.min(api.last, (hi + 1) * binDays - 1));
      }
      svg.addEventListener("pointerup", finish);
      svg.addEventListener("pointercancel", finish);
      svg.addEventListener("dblclick", function () {
        api.setRange(0, api.last);
      });
      /* keyboard: arrows move the range by a bar, shift+arrows widen it */
      svg.addEventListener("keydown", function (e) {
        var d = e.key === "ArrowLeft" ? -binDays : e.key === "ArrowRight" ? binDays : 0;
        if (!d) {
          if (e.key === "Escape" || e.key === "Home") {
            api.setRange(0, api.last);
            e.preventDefault();
          }
          return;
        }
        e.preventDefault();
        if (e.shiftKey) {
          api.setRange(state.from, state.to + d);
        } else if (state.from + d >= 0 && state.to + d <= api.last) {
          api.setRange(state.from + d, state.to + d);
        }
      });

      function draw() {
        var casualtyMode = views.hist === "casualties";
        var hist = new Array(nBins);
        for (var k = 0; k < nBins; k++) {
          hist[k] = 0;
        }
        var undated = 0;
        var undatedSum = 0;
        var noFig = 0;
        for (var i = 0; i < n; i++) {
          if (!api.passed[i]) {
            continue;
          }
          var day = rows[i][ix.day];
          var c = api.casualties[i];
          if (day === null) {
            undated += 1;
            undatedSum += c || 0;
            continue;
          }
          if (casualtyMode) {
            if (c === null) {
              noFig += 1;
            } else {
              hist[Math.floor(day / binDays)] += c;
            }
          } else {
            hist[Math.floor(day / binDays)] += 1;
          }
        }
        var top = 0;
        for (k = 0; k < nBins; k++) {
          top = Math.max(top, hist[k]);
        }
        for (k = 0; k < nBins; k++) {
          var h = top ? Math.max(hist[k] ? 2 : 0, (hist[k] / top) * (H - 2)) : 0;
          var bar = bars[k];
          bar.setAttribute("y", String(H - h));
          bar.setAttribute("height", String(h));
          var lo = k * binDays;
          var hi = Math.min(api.last, lo + binDays - 1);
          var inside = hi >= state.from && lo <= state.to;
          bar.setAttribute("class", inside ? "sm-bar sm-in" : "sm-bar");
        }
        var unit = casualtyMode ? "killed + injured" : "events";
        peak.textContent = top ? "highest: " + num(top) + " " + (top === 1 && !casualtyMode ? "event" : unit) + (binDays > 1 ? " in " + binDays + " days" : " in a day") : "none on show";
        titleEl.textContent =
          (casualtyMode ? "Killed and injured (as stated) " : "Events ") +
          (binDays > 1 ? "per " + binDays + " days" : "per day") +
          " from " + cfg.start + " to " + addDays(cfg.start, api.last) +
          "; drag to choose dates, arrow keys move them, Escape shows all";
        svg.setAttribute("aria-label", titleEl.textContent);
        var words = [];
        if (cfg.undated) {
          words.push(
            casualtyMode
              ? "Undated, not on the timeline: " + plural(undated, "event") + ", " + num(undatedSum) + " killed + injured stated"
              : "Undated, not on the timeline: " + plural(undated, "event")
          );
        }
        if (casualtyMode && noFig) {
          words.push(plural(noFig, "dated event") + " state no figure (not counted, not 0)");
        }
        undatedLine.textContent = words.join(" \u00b7 ");
        undatedLine.hidden = !words.length;
        Object.keys(modeButtons).forEach(function (m) {
          modeButtons[m].setAttribute("aria-pressed", String(views.hist === m));
        });
        if (document.activeElement !== fromInput) {
          fromInput.value = addDays(cfg.start, state.from);
        }
        if (document.activeElement !== toInput) {
          toInput.value = addDays(cfg.start, state.to);
        }
        return hist;
      }
      return { draw: draw, svg: svg, binDays: binDays, bins: nBins, bars: bars };
    }
    api.timeline = timeline;

    /* ---- search: a place by any name the map has for it ---- */

    var places = [];
    var placeIndex = {};
    for (var p = 0; p < n; p++) {
      var key = rows[p][ix.place] + "\u0000" + rows[p][ix.admin1];
      var entry = placeIndex[key];
      if (!entry) {
        entry = placeIndex[key] = {
          place: rows[p][ix.place] || "",
          uk: rows[p][ix.place_uk] || "",
          admin1: rows[p][ix.admin1] || "",
          events: [],
          names: [],
        };
        places.push(entry);
      }
      if (rows[p][ix.place_uk] && !entry.uk) {
        entry.uk = rows[p][ix.place_uk];
      }
      entry.events.push(p);
    }
    var spellings = cfg.spellings || {};
    places.forEach(function (e) {
      e.names = [fold(e.place)];
      if (e.uk) {
        e.names.push(fold(e.uk));
      }
      /* the gazetteer's other names of the place, as its keys */
      e.keys = [keyFold(e.place), keyFold(e.uk)].concat(
        spellings[e.place + "\u0000" + e.admin1] || []
      );
    });

    function rankOf(names, q) {
      var rank = 0;
      for (var k = 0; k < names.length; k++) {
        var name = names[k];
        if (!name) {
          continue;
        }
        if (name.indexOf(q) === 0) {
          return 2;
        }
        if (name.indexOf(" " + q) > 0) {
          rank = 1;
        }
      }
      return rank;
    }

    /* Places whose name (English or Ukrainian, or any other spelling the
       gazetteer knows) starts with the query, then those with a word that
       does; each in order of events. */
    function findPlaces(query) {
      var q = fold(query);
      if (!q) {
        return [];
      }
      var kq = keyFold(query);
      var first = [];
      var second = [];
      places.forEach(function (e) {
        var rank = rankOf(e.names, q);
        if (rank < 2 && kq) {
          rank = Math.max(rank, rankOf(e.keys, kq));
        }
        if (rank === 2) {
          first.push(e);
        } else if (rank === 1) {
          second.push(e);
        }
      });
      function order(a, b) {
        return b.events.length - a.events.length || (a.place < b.place ? -1 : a.place > b.place ? 1 : 0);
      }
      return first.sort(order).concat(second.sort(order));
    }
    api.findPlaces = function (q) {
      return findPlaces(q).map(function (e) {
        return [e.place, e.uk, e.admin1, e.events.length];
      });
    };

    function focusEvent(i) {
      var m = api.markers[i];
      map.setView(m.getLatLng(), Math.max(map.getZoom(), 12), { animate: false });
      api.openPopup(i);
    }

    function showPlace(e) {
      results.textContent = "";
      var head = node("div", "sm-result-head");
      head.appendChild(node("b", null, e.place));
      if (e.uk && e.uk !== e.place) {
        var uk = node("span", null, " \u00b7 " + e.uk);
        uk.lang = "uk";
        head.appendChild(uk);
      }
      if (e.admin1 && e.admin1 !== e.place) {
        head.appendChild(node("span", "sm-muted", " \u2014 " + e.admin1));
      }
      results.appendChild(head);
      var list = node("ul", "sm-place-events");
      list.setAttribute("aria-label", "Events at " + e.place);
      var hidden = 0;
      var latlngs = [];
      e.events
        .slice()
        .sort(function (a, b) {
          var da = rows[a][ix.date] || "";
          var db = rows[b][ix.date] || "";
          return da < db ? -1 : da > db ? 1 : a - b;
        })
        .forEach(function (i) {
          var row = rows[i];
          latlngs.push(api.markers[i].getLatLng());
          var li = node("li");
          var text =
            (row[ix.date] || "date unknown") + ": " +
            (known(row[ix.killed]) ? num(row[ix.killed]) + " killed" : "killed not stated") + ", " +
            (known(row[ix.injured]) ? num(row[ix.injured]) + " injured" : "injured not stated") +
            (row[ix.weapons] ? " \u00b7 " + human(row[ix.weapons]) : "");
          var b = button(text, "sm-link-button");
          b.setAttribute("data-id", row[ix.id]);
          if (!api.shownFlags[i]) {
            hidden += 1;
            b.appendChild(node("span", "sm-muted", " (not on show: dates or filters)"));
          }
          b.addEventListener("click", function () {
            focusEvent(i);
          });
          li.appendChild(b);
          list.appendChild(li);
        });
      results.appendChild(list);
      if (hidden) {
        results.appendChild(node("div", "sm-note", plural(hidden, "event") + " here hidden by the dates or filters."));
      }
      if (latlngs.length) {
        map.fitBounds(L.latLngBounds(latlngs), { maxZoom: 11, animate: false, padding: L.point(40, 40) });
      }
      api.selectedPlace = e.place;
    }
    api.showPlace = function (query) {
      var found = findPlaces(query);
      if (found.length) {
        showPlace(found[0]);
        return found[0].place;
      }
      return null;
    };

    function listMatches() {
      var found = findPlaces(search.value);
      results.textContent = "";
      if (!fold(search.value)) {
        return;
      }
      if (!found.length) {
        results.appendChild(node("div", "sm-muted", "No place on this map by that name."));
        return;
      }
      var list = node("ul", "sm-matches");
      list.setAttribute("aria-label", "Places found");
      found.slice(0, 8).forEach(function (e) {
        var li = node("li");
        var b = button(e.place, "sm-link-button sm-match");
        if (e.uk && e.uk !== e.place) {
          var uk = node("span", null, " \u00b7 " + e.uk);
          uk.lang = "uk";
          b.appendChild(uk);
        }
        b.appendChild(node("span", "sm-muted", " (" + (e.admin1 && e.admin1 !== e.place ? e.admin1 + ", " : "") + plural(e.events.length, "event") + ")"));
        b.addEventListener("click", function () {
          showPlace(e);
        });
        li.appendChild(b);
        list.appendChild(li);
      });
      results.appendChild(list);
      if (found.length > 8) {
        results.appendChild(node("div", "sm-muted", "and " + num(found.length - 8) + " more"));
      }
    }
    search.addEventListener("input", listMatches);
    search.addEventListener("keydown", function (e) {
      if (e.key === "Enter") {
        var found = findPlaces(search.value);
        if (found.length) {
          showPlace(found[0]);
        }
        e.preventDefault();
      } else if (e.key === "Escape") {
        search.value = "";
        results.textContent = "";
      }
    });

    /* ---- the event list: the events on show, sortable, as CSV ---- */

    var COLUMNS = [
      ["date", "Date"],
      ["place", "Place"],
      ["admin1", "Oblast"],
      ["weapons", "Weapons"],
      ["killed", "Killed"],
      ["injured", "Injured"],
      ["sources", "Sources"],
    ];
    var LIMIT = 500;
    var sort = { key: "date", dir: 1 };
    var sheet = node("div", "sm-box sm-list");
    sheet.hidden = true;
    sheet.setAttribute("role", "dialog");
    sheet.setAttribute("aria-label", "Events on show");
    stop(sheet);
    var sheetHead = node("div", "sm-list-head");
    var sheetTitle = node("h2", "sm-list-title", "Events on show");
    var csvButton = button("Download CSV", "sm-button sm-csv");
    var closeButton = button("Close", "sm-button sm-list-close", "Close the event list");
    sheetHead.appendChild(sheetTitle);
    sheetHead.appendChild(csvButton);
    sheetHead.appendChild(closeButton);
    sheet.appendChild(sheetHead);
    var sheetNote = node("div", "sm-note");
    sheet.appendChild(sheetNote);
    var scroller = node("div", "sm-list-scroll");
    var table = node("table", "sm-table");
    var caption = node("caption", "sm-visually-hidden", "Events on show; choose a column heading to sort");
    table.appendChild(caption);
    var thead = node("thead");
    var headRow = node("tr");
    var headButtons = {};
    COLUMNS.forEach(function (col) {
      var th = node("th");
      th.scope = "col";
      th.setAttribute("data-key", col[0]);
      var b = button(col[1], "sm-sort");
      b.addEventListener("click", function () {
        sort.dir = sort.key === col[0] ? -sort.dir : col[0] === "killed" || col[0] === "injured" || col[0] === "sources" ? -1 : 1;
        sort.key = col[0];
        drawList();
      });
      headButtons[col[0]] = th;
      th.appendChild(b);
      headRow.appendChild(th);
    });
    thead.appendChild(headRow);
    table.appendChild(thead);
    var tbody = node("tbody");
    table.appendChild(tbody);
    scroller.appendChild(table);
    sheet.appendChild(scroller);
    map.getContainer().appendChild(sheet);

    function cell(i, key) {
      var row = rows[i];
      if (key === "sources") {
        return (row[ix.sources] || []).length;
      }
      return row[ix[key]];
    }

    function visible() {
      var out = [];
      for (var i = 0; i < n; i++) {
        if (api.shownFlags[i]) {
          out.push(i);
        }
      }
      var key = sort.key;
      var dir = sort.dir;
      out.sort(function (a, b) {
        var va = cell(a, key);
        var vb = cell(b, key);
        var ka = known(va) && va !== "";
        var kb = known(vb) && vb !== "";
        if (ka !== kb) {
          return ka ? -1 : 1; /* not stated (or undated) last, either way */
        }
        if (ka && va !== vb) {
          if (typeof va === "number") {
            return (va - vb) * dir;
          }
          return String(va).localeCompare(String(vb), "en") * dir;
        }
        var da = rows[a][ix.date] || "";
        var db = rows[b][ix.date] || "";
        return da < db ? -1 : da > db ? 1 : a - b;
      });
      return out;
    }
    api.visibleEvents = function () {
      return visible().map(function (i) {
        return rows[i][ix.id];
      });
    };

    function drawList() {
      var order = visible();
      sheetTitle.textContent = "Events on show (" + num(order.length) + ")";
      sheetNote.textContent =
        (order.length > LIMIT ? "The first " + num(LIMIT) + " rows are listed; the CSV has all " + num(order.length) + ". " : "") +
        "Killed and injured as the sources state them; \u201cnot stated\u201d is unknown, not 0.";
      COLUMNS.forEach(function (col) {
        headButtons[col[0]].setAttribute(
          "aria-sort",
          sort.key === col[0] ? (sort.dir > 0 ? "ascending" : "descending") : "none"
        );
      });
      tbody.textContent = "";
      var frag = document.createDocumentFragment();
      order.slice(0, LIMIT).forEach(function (i) {
        var row = rows[i];
        var tr = node("tr");
        tr.setAttribute("data-id", row[ix.id]);
        tr.appendChild(node("td", "sm-nowrap", row[ix.date] || "unknown"));
        var td = node("td");
        var b = button(row[ix.place] || "unknown place", "sm-link-button");
        b.title = "Show on the map";
        b.addEventListener("click", function () {
          focusEvent(i);
        });
        td.appendChild(b);
        tr.appendChild(td);
        tr.appendChild(node("td", null, row[ix.admin1] || ""));
        tr.appendChild(node("td", null, human(row[ix.weapons]) || "not stated"));
        tr.appendChild(node("td", "sm-num", known(row[ix.killed]) ? num(row[ix.killed]) : "not stated"));
        tr.appendChild(node("td", "sm-num", known(row[ix.injured]) ? num(row[ix.injured]) : "not stated"));
        tr.appendChild(node("td", "sm-num", num((row[ix.sources] || []).length)));
        frag.appendChild(tr);
      });
      tbody.appendChild(frag);
    }

    var CSV_COLUMNS = [
      "id", "date", "place", "place_uk", "oblast", "oblast_code", "precision", "weapons",
      "targets", "actor", "killed", "injured", "sources", "urls",
    ];
    function csv() {
      var lines = [CSV_COLUMNS.join(",")];
      visible().forEach(function (i) {
        var row = rows[i];
        var sources = row[ix.sources] || [];
        lines.push(
          [
            row[ix.id],
            row[ix.date],
            row[ix.place],
            row[ix.place_uk],
            row[ix.admin1],
            row[ix.code],
            row[ix.precision],
            row[ix.weapons],
            row[ix.targets],
            row[ix.actor],
            row[ix.killed],
            row[ix.injured],
            sources.map(function (s) {
              return s[0];
            }).join("; "),
            sources
              .map(function (s) {
                return s[1];
              })
              .filter(Boolean)
              .join(" "),
          ]
            .map(csvCell)
            .join(",")
        );
      });
      return lines.join("\r\n") + "\r\n";
    }
    api.csv = csv;
    csvButton.addEventListener("click", function () {
      var blob = new Blob(["\ufeff" + csv()], { type: "text/csv;charset=utf-8" });
      var url = URL.createObjectURL(blob);
      var a = node("a");
      a.href = url;
      a.download = "strikemap-events.csv";
      a.hidden = true;
      document.body.appendChild(a);
      a.click();
      document.body.removeChild(a);
      window.setTimeout(function () {
        URL.revokeObjectURL(url);
      }, 1000);
    });

    function openList(open) {
      sheet.hidden = !open;
      listButton.setAttribute("aria-expanded", String(open));
      if (open) {
        drawList();
        csvButton.focus();
      } else {
        listButton.focus();
      }
    }
    listButton.addEventListener("click", function () {
      openList(sheet.hidden);
    });
    closeButton.addEventListener("click", function () {
      openList(false);
    });
    sheet.addEventListener("keydown", function (e) {
      if (e.key === "Escape") {
        openList(false);
      }
    });
    api.openList = function (open) {
      openList(open !== false);
    };

    /* ---- the view in the URL fragment ---- */

    var hashReady = false;
    var hashTimer = null;
    var CLASS_KEYS = cfg.classes.map(function (c) {
      return c[0];
    });

    function offKeys(table, name) {
      return Object.keys(table)
        .filter(function (k) {
          return table[k] === false;
        })
        .map(name || String)
        .sort();
    }

    function viewHash() {
      var parts = [];
      function put(k, v) {
        parts.push(k + "=" + encodeURIComponent(v).replace(/%2C/g, ","));
      }
      if (cfg.start && (state.from > 0 || state.to < api.last || state.dayOnly)) {
        put("from", addDays(cfg.start, state.from));
        put("to", addDays(cfg.start, state.to));
      }
      var lists = [
        ["no-weapon", filters.cls, function (k) {
          return CLASS_KEYS[k] || k;
        }],
        ["no-target", filters.targets, function (k) {
          return k === "" ? "none" : k;
        }],
        ["no-precision", filters.precision],
        ["no-actor", filters.actor],
      ];
      lists.forEach(function (l) {
        var keys = offKeys(l[1], l[2]);
        if (keys.length) {
          put(l[0], keys.join(","));
        }
      });
      if (filters.min > 0) {
        put("min", String(filters.min));
      }
      if (views.hist !== "events") {
        put("hist", views.hist);
      }
      var c = map.getCenter();
      put("map", c.lat.toFixed(4) + "," + c.lng.toFixed(4) + "," + +map.getZoom().toFixed(2));
      return parts.join("&");
    }
    api.viewHash = viewHash;

    function writeHash() {
      if (!hashReady) {
        return;
      }
      if (hashTimer !== null) {
        window.clearTimeout(hashTimer);
      }
      hashTimer = window.setTimeout(function () {
        hashTimer = null;
        writeHashNow();
      }, 120);
    }
    function writeHashNow() {
      var hash = "#" + viewHash();
      if (location.hash === hash) {
        return;
      }
      try {
        history.replaceState(history.state, "", hash);
      } catch (err) {
        location.replace(hash); /* a page whose history cannot be written */
      }
    }

    /* Apply a fragment: dates, filters, histogram, map view.  Anything not
       understood is ignored (the rest of the view still applies). */
    function applyHash(first) {
      var text = (location.hash || "").replace(/^#/, "");
      if (!text) {
        hashReady = true;
        return false;
      }
      var v = {};
      text.split("&").forEach(function (pair) {
        var at = pair.indexOf("=");
        if (at > 0) {
          try {
            v[pair.slice(0, at)] = decodeURIComponent(pair.slice(at + 1));
          } catch (err) {
            /* a malformed escape: that part is ignored */
          }
        }
      });
      function keys(name) {
        return v[name] ? v[name].split(",").filter(Boolean) : [];
      }
      var f = { cls: {}, targets: {}, precision: {}, actor: {}, min: 0 };
      keys("no-weapon").forEach(function (k) {
        var i = CLASS_KEYS.indexOf(k);
        if (i >= 0) {
          f.cls[i] = false;
        }
      });
      keys("no-target").forEach(function (k) {
        f.targets[k === "none" ? "" : k] = false;
      });
      keys("no-precision").forEach(function (k) {
        f.precision[k] = false;
      });
      keys("no-actor").forEach(function (k) {
        f.actor[k] = false;
      });
      var min = parseInt(v.min, 10);
      f.min = min > 0 ? min : 0;
      views.hist = v.hist === "casualties" ? "casualties" : "events";
      ["cls", "targets", "precision", "actor"].forEach(function (key) {
        filters[key] = f[key];
      });
      filters.min = f.min;
      var a = cfg.start && v.from ? dayOf(cfg.start, v.from) : null;
      var b = cfg.start && v.to ? dayOf(cfg.start, v.to) : null;
      state.dayOnly = false;
      state.from = a === null ? 0 : Math.max(0, Math.min(api.last, a));
      state.to = b === null ? api.last : Math.max(state.from, Math.min(api.last, b));
      api.refresh();
      var m = (v.map || "").split(",").map(Number);
      if (m.length === 3 && m.every(isFinite) && Math.abs(m[0]) <= 90 && Math.abs(m[1]) <= 180) {
        map.setView([m[0], m[1]], m[2], { animate: false });
      }
      hashReady = true;
      return true;
    }
    api.applyHash = applyHash;
    window.addEventListener("hashchange", function () {
      if (location.hash !== "#" + viewHash()) {
        applyHash(false);
      }
    });
    map.on("moveend", writeHash);

    linkButton.addEventListener("click", function () {
      if (hashTimer !== null) {
        window.clearTimeout(hashTimer);
        hashTimer = null;
      }
      hashReady = true;
      writeHashNow();
      var href = location.href;
      linkBox.value = href;
      function fallback() {
        linkBox.hidden = false;
        linkBox.focus();
        linkBox.select();
        var ok = false;
        try {
          ok = document.execCommand("copy");
        } catch (err) {
          ok = false;
        }
        linkStatus.textContent = ok ? "Link copied." : "Copy the link above (Ctrl+C).";
      }
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(href).then(function () {
          linkBox.hidden = true;
          linkStatus.textContent = "Link copied.";
        }, fallback);
      } else {
        fallback();
      }
    });
    api.linkBox = linkBox;

    /* ---- print: the map takes the page's size ---- */

    if (window.matchMedia) {
      var printing = window.matchMedia("print");
      var resize = function () {
        map.invalidateSize({ animate: false });
      };
      if (printing.addEventListener) {
        printing.addEventListener("change", resize);
      }
    }
    window.addEventListener("beforeprint", function () {
      map.invalidateSize({ animate: false });
    });

    api.onRefresh(function (what) {
      syncFilterInputs(what);
      legendCounts();
      if (timeline) {
        timeline.draw();
      }
      if (!sheet.hidden) {
        drawList();
      }
      writeHash();
    });
  };
})();
