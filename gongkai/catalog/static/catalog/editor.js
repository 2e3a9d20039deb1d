/* A small rich-text editor for the item body: a toolbar over a contenteditable area that is
   copied into the textarea on submit. Without JavaScript the textarea (HTML) still works.
   Whatever is pasted or typed is cleaned on the server when saved. */
(function () {
  "use strict";
  var area = document.getElementById("id_body");
  if (!area || !document.execCommand) return;
  var box = document.createElement("div");
  box.className = "rte";
  var bar = document.createElement("div");
  bar.className = "rte-bar";
  bar.setAttribute("role", "toolbar");
  bar.setAttribute("aria-label", "正文格式");
  var edit = document.createElement("div");
  edit.className = "rte-area";
  edit.contentEditable = "true";
  edit.setAttribute("role", "textbox");
  edit.setAttribute("aria-multiline", "true");
  edit.setAttribute("aria-label", "正文");
  edit.innerHTML = area.value;
  var buttons = [
    ["h2", "标题", "formatBlock", "h2"], ["h3", "小标题", "formatBlock", "h3"],
    ["p", "段落", "formatBlock", "p"], ["b", "加粗", "bold"], ["ul", "列表", "insertUnorderedList"],
    ["ol", "编号", "insertOrderedList"], ["x", "清除格式", "removeFormat"]
  ];
  buttons.forEach(function (b) {
    var btn = document.createElement("button");
    btn.type = "button";
    btn.className = "secondary";
    btn.textContent = b[1];
    btn.addEventListener("click", function () {
      edit.focus();
      document.execCommand(b[2], false, b[3] ? "<" + b[3] + ">" : null);
    });
    bar.appendChild(btn);
  });
  var source = document.createElement("button");
  source.type = "button";
  source.className = "secondary";
  source.textContent = "HTML源码";
  source.addEventListener("click", function () {
    var showing = area.style.display !== "none";
    if (showing) { edit.innerHTML = area.value; area.style.display = "none"; edit.style.display = ""; }
    else { area.value = edit.innerHTML; area.style.display = ""; edit.style.display = "none"; }
  });
  bar.appendChild(source);
  box.appendChild(bar);
  box.appendChild(edit);
  area.parentNode.insertBefore(box, area);
  area.style.display = "none";
  area.form.addEventListener("submit", function () {
    if (area.style.display === "none") area.value = edit.innerHTML;
  });
})();

/* Show only the columns of the chosen organisation (groups of #id_entries carry data-org). */
(function () {
  "use strict";
  var org = document.getElementById("id_organisation");
  var entries = document.getElementById("id_entries");
  if (!org || !entries) return;
  function filter() {
    var chosen = org.value;
    Array.prototype.forEach.call(entries.querySelectorAll("[data-org]"), function (group) {
      var mine = !chosen || group.getAttribute("data-org") === chosen;
      if (mine) { group.removeAttribute("data-picker-off"); group.hidden = false; return; }
      group.setAttribute("data-picker-off", "1");
      group.hidden = true;
      Array.prototype.forEach.call(group.querySelectorAll("input[type=checkbox]"), function (box) {
        box.checked = false;
      });
    });
    if (window.gongkaiPicker) window.gongkaiPicker.refresh(entries);
  }
  org.addEventListener("change", filter);
  filter();
})();

/* Interpretation-only fields: shown only while the kind is 政策解读. Without JavaScript they are
   always shown, with the note 仅政策解读填写 in their legend. */
(function () {
  "use strict";
  var kind = document.getElementById("id_kind");
  var parts = document.querySelectorAll("fieldset[data-kind]");
  if (!kind || !parts.length) return;
  function toggle() {
    Array.prototype.forEach.call(parts, function (part) {
      part.hidden = kind.value !== part.getAttribute("data-kind");
    });
  }
  kind.addEventListener("change", toggle);
  toggle();
})();
