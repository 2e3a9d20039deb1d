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
