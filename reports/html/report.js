(function () {
  "use strict";
  function all(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }
  function one(sel, root) { return (root || document).querySelector(sel); }
  function has(list, v) { return (" " + (list || "") + " ").indexOf(" " + v + " ") >= 0; }
  var findings = all(".finding"), groups = all(".group"), charts = all(".chart"), docs = all(".doc");
  var sevs = all("input[name=sev]");
  var fRule = one("#flt-rule"), fMetric = one("#flt-metric"), fDoc = one("#flt-doc");
  var shown = one("#shown"), none = one("#no-match");

  function apply() {
    var on = {}, r = fRule.value, m = fMetric.value, d = fDoc.value, n = 0;
    sevs.forEach(function (b) { on[b.value] = b.checked; });
    findings.forEach(function (f) {
      var ok = on[f.getAttribute("data-sev")] &&
        (r === "" || f.getAttribute("data-rule") === r) &&
        (m === "" || has(f.getAttribute("data-metrics"), m)) &&
        (d === "" || has(f.getAttribute("data-docs"), d));
      f.hidden = !ok;
      if (ok) n++;
    });
    groups.forEach(function (g) {
      var k = all(".finding:not([hidden])", g).length, c = one(".n", g);
      g.hidden = k === 0;
      if (c) c.textContent = k === +g.getAttribute("data-total") ? String(k) : k + " of " + g.getAttribute("data-total");
    });
    charts.forEach(function (c) {
      c.hidden = (m !== "" && c.getAttribute("data-metric") !== m) || (d !== "" && !has(c.getAttribute("data-docs"), d));
    });
    docs.forEach(function (c) { c.hidden = d !== "" && c.getAttribute("data-doc") !== d; });
    if (shown) shown.textContent = n + " of " + findings.length + " shown";
    if (none) none.hidden = n !== 0 || findings.length === 0;
  }
  function reset() {
    sevs.forEach(function (b) { b.checked = true; });
    fRule.value = fMetric.value = fDoc.value = "";
    apply();
  }
  function flash(t) {
    t.classList.remove("flash");
    void t.offsetWidth;
    t.classList.add("flash");
  }
  function reveal(t) {
    var p;
    for (p = t; p && p !== document.body; p = p.parentElement)
      if (p.hidden) { reset(); break; }
    for (p = t; p && p !== document.body; p = p.parentElement)
      if (p.tagName === "DETAILS") p.open = true;
  }
  sevs.concat([fRule, fMetric, fDoc]).forEach(function (e) { e.addEventListener("change", apply); });
  one("#flt-reset").addEventListener("click", reset);
  one("#flt-fold").addEventListener("click", function () {
    var fold = this.getAttribute("data-folded") !== "1";
    all("details.finding").forEach(function (d) { d.open = !fold; });
    this.setAttribute("data-folded", fold ? "1" : "0");
    this.textContent = fold ? "Expand all" : "Collapse all";
  });
  all("[data-set-rule]").forEach(function (b) {
    b.addEventListener("click", function () {
      reset();
      fRule.value = b.getAttribute("data-set-rule");
      apply();
      one("#findings").scrollIntoView();
    });
  });
  document.addEventListener("click", function (e) {
    var a = e.target.closest ? e.target.closest("a[href^='#']") : null, t;
    if (!a) return;
    t = document.getElementById(a.getAttribute("href").slice(1));
    if (!t) return;
    reveal(t);
    flash(t);
  });
  window.addEventListener("beforeprint", function () {
    all("details.finding").forEach(function (d) { d.open = true; });
  });
  if (location.hash.length > 1) {
    var t = document.getElementById(location.hash.slice(1));
    if (t) reveal(t);
  }
  apply();
  document.body.setAttribute("data-ok", "1");
})();
