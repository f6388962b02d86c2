/* s3atlas page behaviour: render charts and networks declared in the HTML, after htmx swaps too.
 *
 * Charts:   <div data-vega-spec="ID"></div> + <script type="application/json" id="ID">{Vega-Lite spec}</script>
 * Networks: <div data-cytoscape="ID"></div> + <script type="application/json" id="ID">{elements, style, layout}</script>
 * No inline scripts: the content security policy allows scripts from this site only.
 */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

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

  function renderCharts(root) {
    if (typeof window.vegaEmbed !== "function") { return; }
    var lang = document.documentElement.lang;
    root.querySelectorAll("[data-vega-spec]").forEach(function (el) {
      if (el.dataset.rendered) { return; }
      var spec = readJson(el.dataset.vegaSpec);
      if (!spec) { return; }
      el.dataset.rendered = "1";
      window.vegaEmbed(el, spec, {
        renderer: "svg",
        actions: { export: true, source: false, compiled: false, editor: false },
        i18n: lang === "sv" ? SV : undefined
      }).then(function (result) {
        el.dispatchEvent(new CustomEvent("s3atlas:chart", { bubbles: true, detail: result }));
      }).catch(function (err) { console.error("s3atlas: chart failed", err); });
    });
  }

  function renderNetworks(root) {
    if (typeof window.cytoscape !== "function") { return; }
    root.querySelectorAll("[data-cytoscape]").forEach(function (el) {
      if (el.dataset.rendered) { return; }
      var config = readJson(el.dataset.cytoscape);
      if (!config) { return; }
      el.dataset.rendered = "1";
      config.container = el;
      el._cy = window.cytoscape(config);
    });
  }

  function render(root) {
    renderCharts(root);
    renderNetworks(root);
  }

  document.addEventListener("DOMContentLoaded", function () {
    render(document);
    if (window.htmx) {
      window.htmx.onLoad(function (content) { render(content); });
    }
  });
})();
