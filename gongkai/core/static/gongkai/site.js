// Larger-text mode (适老化): remembered per browser.
(function () {
  var key = "gongkai-large-text";
  var btn = document.getElementById("large-text-toggle");
  function apply(on) {
    document.documentElement.classList.toggle("large-text", on);
    if (btn) { btn.setAttribute("aria-pressed", on ? "true" : "false"); btn.textContent = on ? "标准字号" : "大字模式"; }
  }
  var on = false;
  try { on = localStorage.getItem(key) === "1"; } catch (e) {}
  apply(on);
  if (btn) btn.addEventListener("click", function () {
    on = !on; apply(on);
    try { localStorage.setItem(key, on ? "1" : "0"); } catch (e) {}
  });
})();

// 打印本页 buttons
(function () {
  var buttons = document.querySelectorAll("[data-print]");
  for (var i = 0; i < buttons.length; i++) {
    buttons[i].addEventListener("click", function () { window.print(); });
  }
})();
