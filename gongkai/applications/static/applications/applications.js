// Show the ID fields for natural persons and the organisation fields for legal persons.
(function () {
  var sel = document.getElementById("id_applicant_type");
  if (!sel) return;
  function sync() {
    var natural = sel.value === "natural";
    document.querySelectorAll(".natural-only").forEach(function (el) { el.hidden = !natural; });
    document.querySelectorAll(".legal-only").forEach(function (el) { el.hidden = natural; });
  }
  sel.addEventListener("change", sync);
  sync();
})();

// The decision form: show only the fields the chosen outcome and reply type need.
(function () {
  var data = document.getElementById("decision-map");
  var outcome = document.getElementById("id_decide-outcome");
  var reply = document.getElementById("id_decide-reply_type");
  if (!data || !outcome || !reply) return;
  var map = JSON.parse(data.textContent);
  var names = ["where_published", "how_provided", "withheld_part", "withheld_reason", "legal_basis",
               "explanation", "responsible_agency", "earlier_reply", "procedure"];
  function row(name) {
    var el = document.getElementById("id_decide-" + name);
    return el ? el.closest(".form-row") : null;
  }
  function sync() {
    var replies = map[outcome.value];
    Array.prototype.forEach.call(reply.options, function (opt) {
      opt.hidden = !!(replies && opt.value && !(opt.value in replies));
    });
    if (replies && reply.value && !(reply.value in replies)) reply.value = "";
    var needed = null;
    if (replies) needed = replies[reply.value || Object.keys(replies)[0]];
    names.forEach(function (name) {
      var r = row(name);
      if (!r) return;
      var show = !needed || needed.indexOf(name) >= 0 || (name === "explanation");
      r.hidden = !show;
      var label = r.querySelector("label");
      if (label) label.classList.toggle("needed", !!(needed && needed.indexOf(name) >= 0));
    });
  }
  outcome.addEventListener("change", sync);
  reply.addEventListener("change", sync);
  sync();
})();
