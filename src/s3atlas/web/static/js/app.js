/* s3atlas page behaviour: draw the charts and networks declared in the HTML, on load and after htmx swaps.
 *
 * Chart:   <div data-s3-chart="ID"></div> + <script type="application/json" id="ID">{Vega-Lite spec}</script>
 *          data-hide-title="1" drops the spec's title (the page shows it), data-actions="export"
 *          adds vega-embed's PNG/SVG menu, data-error is the text shown when drawing fails.
 * Network: <div data-s3-network="ID"></div> + a JSON block with Cytoscape {nodes, edges};
 *          data-status names the element that describes the tapped node, data-actor-url
 *          ("…__ID__…") is opened on a double tap (none when empty), a [data-s3-fit] button
 *          beside it refits. Edges with data(width) take that width; edge.gap is dashed in data(color).
 * The older names data-vega-spec (chart) and data-cytoscape (a full Cytoscape config) still work.
 * Every element is drawn once (data-drawn); no inline scripts, as the content security policy wants.
 * Vega and Cytoscape are loaded from the vendor folder (this script's data-vendor) only when the
 * page holds a chart or a network, so pages without one stay light.
 */
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var VENDOR = (document.currentScript && document.currentScript.dataset.vendor) || "/static/vendor/";
  var BUNDLES = {
    chart: ["vega.min.js", "vega-lite.min.js", "vega-embed.min.js"],
    network: ["cytoscape.min.js"]
  };
  var loading = {};

  function loadScript(name) {
    return new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = VENDOR + name;
      tag.onload = resolve;
      tag.onerror = function () { reject(new Error("could not load " + name)); };
      document.head.appendChild(tag);
    });
  }

  function need(bundle) {
    if (!loading[bundle]) {
      loading[bundle] = BUNDLES[bundle].reduce(function (chain, name) {
        return chain.then(function () { return loadScript(name); });
      }, Promise.resolve());
    }
    return loading[bundle];
  }

  var SV = {
    CLICK_TO_VIEW_ACTIONS: "Klicka för att visa åtgärder",
    COMPILED_ACTION: "Visa Vega-specifikation",
    EDITOR_ACTION: "Öppna i redigeraren",
    PNG_ACTION: "Spara som PNG",
    SOURCE_ACTION: "Visa källa",
    SVG_ACTION: "Spara som SVG"
  };

  function readJson(id) {
    var node = document.getElementById(id);
    if (!node) { return null; }
    try { return JSON.parse(node.textContent); } catch (err) { console.error("s3atlas: bad JSON in #" + id, err); return null; }
  }

  function claim(el) {
    if (el.dataset.drawn === "1") { return false; }
    el.dataset.drawn = "1";
    return true;
  }

  /* Vega-Lite's log, less one notice: a layered chart with width "container" and a stepped
   * height always says 'Dropping "fit-y" because spec has discrete height', even with
   * autosize fit-x, and nothing is dropped that the chart needs. */
  var QUIET = [/Dropping "fit-y" because spec has discrete height/];
  var LOGGER = {
    _level: 2,
    level: function (value) { if (value === undefined) { return this._level; } this._level = value; return this; },
    error: function () { console.error.apply(console, arguments); return this; },
    warn: function () {
      var text = Array.prototype.join.call(arguments, " ");
      if (!QUIET.some(function (re) { return re.test(text); })) { console.warn.apply(console, arguments); }
      return this;
    },
    info: function () { return this; },
    debug: function () { return this; }
  };

  /* The chart menu's file name: the chart's title in the page's language, as the server names files. */
  function titleText(title) {
    if (!title) { return ""; }
    if (typeof title === "object" && !Array.isArray(title)) { title = title.text; }
    return Array.isArray(title) ? title.join(" ") : String(title || "");
  }

  function slug(text) {
    var folded = String(text).toLowerCase().replace(/å/g, "a").replace(/ä/g, "a").replace(/ö/g, "o")
      .replace(/é/g, "e").replace(/ü/g, "u");
    return folded.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  }

  /* Narrow screens: the title wraps onto lines that fit and the legend takes one column. */
  function wrapText(text, chars) {
    var lines = [], line = "";
    String(text).split(" ").forEach(function (word) {
      if (line && (line + " " + word).length > chars) { lines.push(line); line = word; }
      else { line = line ? line + " " + word : word; }
    });
    if (line) { lines.push(line); }
    return lines;
  }

  /* A legend drawn inside the plot (a map's key in its lower left corner) covers the drawing
   * when the chart is narrow (Skåne, on a phone): it moves below the plot, and a chart sized to
   * fit grows by the legend's height so the drawing keeps its size. */
  var INSIDE = ["top-left", "top-right", "bottom-left", "bottom-right"];
  var LEGEND_ROW = 17;

  function legendsBelow(spec) {
    var rows = 0;
    [spec].concat(spec.layer || []).forEach(function (part) {
      var legend = part.encoding && part.encoding.color && part.encoding.color.legend;
      if (legend && INSIDE.indexOf(legend.orient) >= 0) {
        legend.orient = "bottom";
        legend.direction = "vertical";
        rows = Math.max(rows, legendEntries(spec, part.encoding.color) + 2);
      }
    });
    var fit = spec.autosize && (spec.autosize.type || spec.autosize) === "fit";
    if (rows && fit && typeof spec.height === "number") { spec.height += rows * LEGEND_ROW; }
  }

  function legendEntries(spec, color) {
    if (Array.isArray(color.sort)) { return color.sort.length; }
    var domain = color.scale && color.scale.domain;
    return Array.isArray(domain) ? domain.length : 5;
  }

  function fitPhone(spec, width) {
    if (!width || width >= 560) { return; }
    legendsBelow(spec);
    var chars = Math.max(20, Math.floor(width / 8.5));
    if (typeof spec.title === "string" && spec.title.length > chars) { spec.title = wrapText(spec.title, chars); }
    else if (spec.title && typeof spec.title.text === "string" && spec.title.text.length > chars) {
      spec.title.text = wrapText(spec.title.text, chars);
    }
    if (spec.config && spec.config.legend && spec.config.legend.columns) {
      spec.config.legend.columns = 1;
      spec.config.legend.labelLimit = Math.max(120, width - 40);
    }
  }

  function drawChart(el) {
    if (typeof window.vegaEmbed !== "function" || el.dataset.drawn === "1") { return; }
    var spec = readJson(el.dataset.s3Chart || el.dataset.vegaSpec);
    if (!spec || !claim(el)) { return; }
    var fileName = slug(titleText(spec.title) || (spec.usermeta && spec.usermeta.s3atlas && spec.usermeta.s3atlas.chart) || "");
    if (el.dataset.hideTitle === "1") { delete spec.title; }
    var meta = (spec.usermeta && spec.usermeta.s3atlas) || {};
    if (meta.chart === "coverage" && el.clientWidth < 560) {
      spec.width = 560;  /* a readable matrix on phones: the chart box scrolls sideways, the page does not */
      el.classList.add("chart-scroll");
      el.tabIndex = 0;  /* a box that scrolls can be scrolled from the keyboard */
    }
    fitPhone(spec, el.clientWidth);
    var locale = spec.config && spec.config.locale ? spec.config.locale : {};
    var exportable = el.dataset.actions === "export" || "vegaSpec" in el.dataset;
    window.vegaEmbed(el, spec, {
      renderer: "svg",
      actions: exportable ? { export: true, source: false, compiled: false, editor: false } : false,
      i18n: document.documentElement.lang === "sv" ? SV : undefined,
      formatLocale: locale.number,
      downloadFileName: fileName || (document.documentElement.lang === "sv" ? "diagram" : "chart"),
      logger: LOGGER,
      tooltip: { theme: "light" }
    }).then(function (result) {
      /* one image with one text alternative: the SVG; the box keeps only the download menu */
      var svg = el.querySelector("svg.marks") || el.querySelector("svg");
      var label = spec.description || el.getAttribute("aria-label") || "";
      if (svg) {
        svg.setAttribute("role", "img");
        svg.setAttribute("aria-label", label);
      }
      el.removeAttribute("role");
      el.removeAttribute("aria-label");
      var menu = el.querySelector("details > summary");
      if (menu) {
        var name = document.documentElement.lang === "sv" ? "Ladda ned diagrammet" : "Download the chart";
        menu.setAttribute("aria-label", name);
        menu.setAttribute("title", name);
      }
      el._view = result.view;
      el.dispatchEvent(new CustomEvent("s3atlas:chart", { bubbles: true, detail: result }));
    }).catch(function (err) {
      el.dataset.drawn = "";
      el.textContent = el.dataset.error || "The chart could not be drawn.";
      console.error("s3atlas: chart failed", err);
    });
  }

  var STYLE = [
    { selector: "node", style: {
      "label": "data(label)", "font-size": 11, "color": "#1F2933",
      "text-wrap": "wrap", "text-max-width": 110, "text-valign": "bottom", "text-margin-y": 4,
      "text-background-color": "#ffffff", "text-background-opacity": 0.85, "text-background-padding": 2,
      "border-width": 1.5, "border-color": "#1F2933"
    } },
    { selector: "node.actor", style: {
      "background-color": "data(color)", "width": "data(size)", "height": "data(size)", "shape": "ellipse"
    } },
    { selector: "node.actor.context", style: { "opacity": 0.65, "border-style": "dashed" } },
    { selector: "node.hub", style: { "border-width": 4 } },
    { selector: "node.actor.external", style: {
      "shape": "pentagon", "border-style": "dotted", "border-width": 3, "border-color": "#52606D"
    } },
    { selector: "node.function", style: {
      "background-color": "data(color)", "shape": "round-rectangle", "width": 22, "height": 22,
      "font-weight": "bold"
    } },
    { selector: "node.function.unnamed", style: { "border-style": "dashed", "border-color": "#B2182B", "border-width": 3 } },
    { selector: "node.function.common", style: { "border-style": "double", "border-width": 6 } },
    { selector: "node.function.unique", style: { "shape": "cut-rectangle", "width": 28, "height": 22 } },
    { selector: "node.area", style: {
      "shape": "diamond", "width": 46, "height": 46, "background-color": "#1F2933",
      "font-weight": "bold", "font-size": 13
    } },
    { selector: "node.gap-node", style: {
      "shape": "octagon", "width": 24, "height": 24, "background-color": "#FFFFFF",
      "border-color": "#B2182B", "border-width": 3, "color": "#B2182B"
    } },
    { selector: "edge.member", style: { "line-color": "#9AA5B1", "width": 1.5 } },
    { selector: "edge.serves", style: { "line-style": "dotted", "line-color": "#9AA5B1", "width": 1.5 } },
    { selector: "edge", style: { "width": 1.5, "curve-style": "bezier", "line-color": "#7B8794" } },
    { selector: "edge.provides", style: { "line-style": "dashed", "line-color": "data(color)", "width": 2 } },
    { selector: "edge.link", style: { "line-color": "#52606D", "width": 2.5 } },
    { selector: "edge.gap", style: { "line-style": "dashed", "line-color": "data(color)" } },
    { selector: "edge[width]", style: { "width": "data(width)" } },
    { selector: ".faded", style: { "opacity": 0.15 } },
    { selector: "node:selected", style: { "border-width": 5, "border-color": "#B2182B" } }
  ];

  var LAYOUT = {
    name: "cose", animate: false, padding: 24, nodeRepulsion: function () { return 9000; },
    idealEdgeLength: function () { return 80; }, componentSpacing: 160, nodeOverlap: 40, randomize: false
  };

  function describe(node) {
    var d = node.data();
    var parts = [d.label, d.kind_label];
    if (d.role_label) { parts.push(d.role_label); }
    if (d.functions && d.functions.length) { parts.push(d.functions.join(", ")); }
    return parts.filter(Boolean).join(" · ");
  }

  function networkConfig(el) {
    if (el.dataset.cytoscape) { return readJson(el.dataset.cytoscape); }
    var elements = readJson(el.dataset.s3Network);
    if (!elements) { return null; }
    return {
      elements: { nodes: elements.nodes, edges: elements.edges },
      style: STYLE, layout: LAYOUT, minZoom: 0.3, maxZoom: 1.4
    };
  }

  function wire(el, cy) {
    var status = document.getElementById(el.dataset.status || "");
    cy.on("tap", "node", function (evt) {
      cy.elements().addClass("faded");
      evt.target.closedNeighborhood().removeClass("faded");
      if (status) { status.textContent = describe(evt.target); }
    });
    cy.on("tap", function (evt) {
      if (evt.target === cy) {
        cy.elements().removeClass("faded");
        if (status) { status.textContent = ""; }
      }
    });
    cy.on("dbltap", "node.actor", function (evt) {
      var url = el.dataset.actorUrl;
      if (url) { window.location.href = url.replace("__ID__", encodeURIComponent(evt.target.data("actor_id"))); }
    });
    var fit = el.parentNode.querySelector("[data-s3-fit]");
    if (fit) { fit.addEventListener("click", function () { cy.elements().removeClass("faded"); cy.fit(undefined, 24); }); }
  }

  function drawNetwork(el) {
    if (typeof window.cytoscape !== "function" || el.dataset.drawn === "1") { return; }
    var config = networkConfig(el);
    if (!config || !claim(el)) { return; }
    config.container = el;
    el._cy = window.cytoscape(config);
    if (el.dataset.s3Network) { wire(el, el._cy); }
  }

  function drawAll(root) {
    root = root && root.querySelectorAll ? root : document;
    var charts = root.querySelectorAll("[data-s3-chart], [data-vega-spec]");
    var networks = root.querySelectorAll("[data-s3-network], [data-cytoscape]");
    if (charts.length) {
      need("chart").then(function () { charts.forEach(drawChart); }, function (err) { console.error("s3atlas:", err); });
    }
    if (networks.length) {
      need("network").then(function () { networks.forEach(drawNetwork); }, function (err) { console.error("s3atlas:", err); });
    }
  }

  document.addEventListener("DOMContentLoaded", function () { drawAll(document); });
  document.addEventListener("htmx:load", function (evt) { drawAll(evt.target); });
  window.s3atlasCharts = { drawAll: drawAll };
})();
