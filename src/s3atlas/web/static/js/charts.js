/* Charts and networks of the region, strength-area and actor pages.
 *
 * A chart is <div data-s3-chart="ID"> next to <script type="application/json" id="ID">
 * holding a Vega-Lite spec; a network is <div data-s3-network="ID"> with the
 * Cytoscape elements in the JSON block. Both are drawn on load and again after
 * htmx swaps in new content (the round picker). No inline script is needed, so
 * the page keeps its strict content security policy.
 */
(function () {
  "use strict";

  function readJson(id) {
    var block = document.getElementById(id);
    return block ? JSON.parse(block.textContent) : null;
  }

  function drawChart(el) {
    if (el.dataset.drawn === "1" || typeof vegaEmbed === "undefined") return;
    var spec = readJson(el.dataset.s3Chart);
    if (!spec) return;
    if (el.dataset.hideTitle === "1") delete spec.title;
    var meta = (spec.usermeta && spec.usermeta.s3atlas) || {};
    if (meta.chart === "coverage" && el.clientWidth < 560) {
      spec.width = 560;  /* a readable matrix on phones: the chart box scrolls sideways, the page does not */
      el.classList.add("chart-scroll");
    }
    el.dataset.drawn = "1";
    var locale = spec.config && spec.config.locale ? spec.config.locale : {};
    vegaEmbed(el, spec, {
      actions: false,
      renderer: "svg",
      formatLocale: locale.number,
      tooltip: { theme: "light" }
    }).then(function (result) {
      var svg = el.querySelector("svg");
      if (svg) {
        svg.setAttribute("role", "img");
        svg.setAttribute("aria-label", spec.description || "");
      }
      el._view = result.view;
    }).catch(function (err) {
      el.dataset.drawn = "";
      el.textContent = el.dataset.error || "The chart could not be drawn.";
      if (window.console) console.error(err);
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
    { selector: "node.function", style: {
      "background-color": "data(color)", "shape": "round-rectangle", "width": 22, "height": 22,
      "font-weight": "bold"
    } },
    { selector: "node.function.unnamed", style: { "border-style": "dashed", "border-color": "#B2182B", "border-width": 3 } },
    { selector: "edge", style: { "width": 1.5, "curve-style": "bezier", "line-color": "#7B8794" } },
    { selector: "edge.provides", style: { "line-style": "dashed", "line-color": "data(color)", "width": 2 } },
    { selector: "edge.link", style: { "line-color": "#52606D", "width": 2.5 } },
    { selector: ".faded", style: { "opacity": 0.15 } },
    { selector: "node:selected", style: { "border-width": 5, "border-color": "#B2182B" } }
  ];

  function describe(node) {
    var d = node.data();
    var parts = [d.label, d.kind_label];
    if (d.role_label) parts.push(d.role_label);
    if (d.functions && d.functions.length) parts.push(d.functions.join(", "));
    return parts.filter(Boolean).join(" · ");
  }

  function drawNetwork(el) {
    if (el.dataset.drawn === "1" || typeof cytoscape === "undefined") return;
    var elements = readJson(el.dataset.s3Network);
    if (!elements) return;
    el.dataset.drawn = "1";
    var cy = cytoscape({
      container: el,
      elements: { nodes: elements.nodes, edges: elements.edges },
      style: STYLE,
      layout: { name: "cose", animate: false, padding: 24, nodeRepulsion: function () { return 9000; },
                idealEdgeLength: function () { return 80; }, componentSpacing: 160, nodeOverlap: 40, randomize: false },
      wheelSensitivity: 0.2,
      minZoom: 0.3,
      maxZoom: 1.4
    });
    var status = document.getElementById(el.dataset.status || "");
    cy.on("tap", "node", function (evt) {
      var node = evt.target;
      cy.elements().addClass("faded");
      node.closedNeighborhood().removeClass("faded");
      if (status) status.textContent = describe(node);
    });
    cy.on("tap", function (evt) {
      if (evt.target === cy) {
        cy.elements().removeClass("faded");
        if (status) status.textContent = "";
      }
    });
    cy.on("dbltap", "node.actor", function (evt) {
      var url = el.dataset.actorUrl;
      if (url) window.location.href = url.replace("__ID__", encodeURIComponent(evt.target.data("actor_id")));
    });
    el._cy = cy;
    var fit = el.parentNode.querySelector("[data-s3-fit]");
    if (fit) fit.addEventListener("click", function () { cy.elements().removeClass("faded"); cy.fit(undefined, 24); });
  }

  function drawAll(root) {
    (root || document).querySelectorAll("[data-s3-chart]").forEach(drawChart);
    (root || document).querySelectorAll("[data-s3-network]").forEach(drawNetwork);
  }

  document.addEventListener("DOMContentLoaded", function () { drawAll(document); });
  document.addEventListener("htmx:afterSettle", function (evt) { drawAll(evt.target); });
  window.s3atlasCharts = { drawAll: drawAll };
})();
