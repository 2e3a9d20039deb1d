// The obligation page's column list: a filter box over the grouped checkboxes.
// Without this script every column is still listed (grouped, linked ones first).
(function () {
  "use strict";
  function setup() {
    var box = document.querySelector(".entry-filter");
    var input = document.getElementById("entry-filter");
    var count = document.getElementById("entry-filter-count");
    if (!box || !input) return;
    box.hidden = false;
    var labels = Array.prototype.slice.call(
      document.querySelectorAll(".entry-picker label[data-filter]"));
    var groups = Array.prototype.slice.call(document.querySelectorAll(".entry-picker details"));
    function apply() {
      var words = input.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      labels.forEach(function (label) {
        var text = label.getAttribute("data-filter").toLowerCase();
        var ok = words.every(function (w) { return text.indexOf(w) !== -1; });
        label.hidden = !ok;
        if (ok) shown += 1;
      });
      groups.forEach(function (g) {
        var visible = g.querySelectorAll("label[data-filter]:not([hidden])").length;
        g.hidden = visible === 0;
        if (words.length) g.open = visible > 0;
      });
      count.textContent = words.length ? "显示 " + shown + " / " + labels.length + " 个栏目" : "";
    }
    input.addEventListener("input", apply);
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter") ev.preventDefault();  // Enter filters; it does not save the form
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
