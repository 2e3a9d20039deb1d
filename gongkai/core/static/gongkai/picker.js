/* Organisation and column pickers (gongkai.core.widgets): a filter box above a long list.
   Typing hides the options whose name (or short name, data-terms) does not contain the text;
   checked boxes and the selected option stay visible; a group with nothing left is hidden.
   Without JavaScript the whole grouped list is shown and works. No inline script (strict CSP).
   A group hidden by another script (data-picker-off, e.g. another organisation's columns)
   stays hidden. Other scripts can call window.gongkaiPicker.refresh(element) after a change. */
(function () {
  "use strict";
  var MIN = 10;

  function norm(s) { return (s || "").replace(/\s+/g, "").toLowerCase(); }

  function labelOf(el) {
    var set = el.closest("fieldset.picker-field");
    if (set && set.querySelector("legend")) return set.querySelector("legend").textContent.trim();
    if (el.id) {
      var lab = document.querySelector('label[for="' + el.id + '"]');
      if (lab) return lab.textContent.replace(/[:：]\s*$/, "").trim();
    }
    return "列表";
  }

  function optionsOf(el) {
    return el.tagName === "SELECT"
      ? Array.prototype.slice.call(el.options)
      : Array.prototype.slice.call(el.querySelectorAll(".picker-option"));
  }

  function groupsOf(el) {
    return el.tagName === "SELECT"
      ? Array.prototype.slice.call(el.querySelectorAll("optgroup"))
      : Array.prototype.slice.call(el.querySelectorAll(".picker-group"));
  }

  function keep(opt) {
    if (opt.tagName === "OPTION") return opt.selected || !opt.value;
    var box = opt.querySelector("input");
    return box && box.checked;
  }

  function terms(opt) {
    var extra = opt.getAttribute("data-terms");
    if (!extra && opt.tagName !== "OPTION") {
      var box = opt.querySelector("input");
      extra = box ? box.getAttribute("data-terms") : "";
    }
    return norm(opt.textContent + " " + (extra || ""));
  }

  function apply(el, box, status) {
    var q = norm(box.value);
    var found = 0;
    optionsOf(el).forEach(function (opt) {
      var group = opt.closest(el.tagName === "SELECT" ? "optgroup" : ".picker-group");
      var off = group && group.hasAttribute("data-picker-off");
      var hit = !q || terms(opt).indexOf(q) !== -1;
      opt.hidden = off || !(hit || keep(opt));
      if (hit && !off && (opt.value || opt.tagName !== "OPTION")) found += 1;
    });
    groupsOf(el).forEach(function (group) {
      if (group.hasAttribute("data-picker-off")) { group.hidden = true; return; }
      var items = el.tagName === "SELECT" ? group.querySelectorAll("option") : group.querySelectorAll(".picker-option");
      group.hidden = !Array.prototype.some.call(items, function (o) { return !o.hidden; });
    });
    status.textContent = !q ? "" : found ? "找到 " + found + " 项（已选的一直显示）"
      : "没有名称含“" + box.value.trim() + "”的项（已选的一直显示）";
  }

  function enhance(el) {
    if (el.getAttribute("data-picker-ready")) return;
    el.setAttribute("data-picker-ready", "1");
    var count = optionsOf(el).length;
    var wrap = document.createElement("div");
    wrap.className = "picker-filter";
    var box = document.createElement("input");
    box.type = "search";
    box.autocomplete = "off";
    box.placeholder = "输入名称筛选";
    box.setAttribute("aria-label", "筛选" + labelOf(el));
    if (el.id) box.id = el.id + "_filter";
    var status = document.createElement("span");
    status.className = "picker-status";
    status.setAttribute("aria-live", "polite");
    wrap.appendChild(box);
    wrap.appendChild(status);
    if (count <= MIN) wrap.hidden = true;  // short lists need no filter
    el.parentNode.insertBefore(wrap, el);
    el.gongkaiFilter = function () { apply(el, box, status); };
    box.addEventListener("input", el.gongkaiFilter);
    box.addEventListener("keydown", function (ev) { if (ev.key === "Enter") ev.preventDefault(); });
    el.addEventListener("change", el.gongkaiFilter);
  }

  window.gongkaiPicker = {
    refresh: function (el) { if (el && el.gongkaiFilter) el.gongkaiFilter(); }
  };
  Array.prototype.forEach.call(document.querySelectorAll("[data-picker]"), enhance);
})();
