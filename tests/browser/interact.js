/* interact.js -- exercises the page's controls inside the browser and
   writes one line per check ("ok NAME" or "FAIL NAME: detail") into
   <pre id="test-results">; run.sh appends it to a copy of a report and
   reads the results from the DOM dump. */
(function () {
  "use strict";
  var out = [];
  function all(sel) { return Array.prototype.slice.call(document.querySelectorAll(sel)); }
  function shown(sel) {
    return all(sel).filter(function (e) { return !e.closest("[hidden]"); }).length;
  }
  function check(name, cond, detail) {
    out.push((cond ? "ok " : "FAIL ") + name + (cond || !detail ? "" : ": " + detail));
  }
  function change(el, value) {
    if (typeof value === "boolean") el.checked = value; else el.value = value;
    el.dispatchEvent(new Event("change", { bubbles: true }));
  }
  function reset() { document.getElementById("flt-reset").click(); }
  try {
    var total = all(".finding").length;
    var errors = all(".finding[data-sev=error]").length;
    check("the page initialised", document.body.getAttribute("data-ok") === "1");
    check("every finding is shown at first", shown(".finding") === total, shown(".finding") + " of " + total);
    check("the count says so", document.getElementById("shown").textContent === total + " of " + total + " shown",
          document.getElementById("shown").textContent);

    change(document.querySelector("input[name=sev][value=error]"), false);
    check("unticking error hides the errors", shown(".finding[data-sev=error]") === 0 &&
          shown(".finding") === total - errors, shown(".finding") + " shown");
    check("an emptied group is hidden", errors === 0 || document.querySelector(".group.sev-error").hidden);
    reset();
    check("reset shows every finding again", shown(".finding") === total);

    var rule = document.getElementById("flt-rule");
    change(rule, "0");
    check("the rule filter keeps that rule's findings",
          shown(".finding") === all('.finding[data-rule="0"]').length && shown(".finding") > 0);
    reset();

    var metric = document.getElementById("flt-metric");
    if (metric.options.length > 1) {
      change(metric, "0");
      var want = all(".finding").filter(function (f) {
        return (" " + f.getAttribute("data-metrics") + " ").indexOf(" 0 ") >= 0;
      }).length;
      check("the metric filter keeps that metric's findings", shown(".finding") === want && want > 0);
      check("the metric filter keeps that metric's charts",
            shown(".chart") === all('.chart[data-metric="0"]').length);
      reset();
    }

    var doc = document.getElementById("flt-doc");
    change(doc, "0");
    check("the document filter shows one document", shown(".doc") === 1 && shown("#doc-0") === 1);
    reset();

    /* a figure in a finding, clicked while the filters hide the finding */
    var fig = document.querySelector(".doctext mark.fig.hit a");
    if (fig) {
      var target = document.getElementById(fig.getAttribute("href").slice(1));
      change(document.querySelector("input[name=sev][value=" + target.getAttribute("data-sev") + "]"), false);
      target.open = false;
      fig.click();
      check("clicking a figure reveals and opens its finding", shown("#" + target.id) === 1 && target.open);
      reset();
    }
    check("figures in findings name them on hover",
          all(".doctext mark.fig.hit").every(function (m) { return /\n[EWI][0-9]+ /.test(m.title); }));

    var fold = document.getElementById("flt-fold");
    fold.click();
    check("collapse all closes every finding", all("details.finding").every(function (d) { return !d.open; }));
    fold.click();
    check("expand all opens them again", all("details.finding").every(function (d) { return d.open; }));

    /* whatever the input held, the page runs its own scripts only */
    check("the page's two scripts and this one, no more", document.scripts.length === 3,
          document.scripts.length + " scripts");
    var handlers = all("*").filter(function (el) {
      return Array.prototype.some.call(el.attributes, function (a) { return /^on/i.test(a.name); });
    });
    check("no element carries an event handler attribute", handlers.length === 0,
          handlers.map(function (el) { return el.tagName; }).join(" "));
    check("no link leads off the page", all("a[href]").every(function (a) {
      return a.getAttribute("href").charAt(0) === "#";
    }));
  } catch (e) {
    check("no exception", false, String(e));
  }
  var pre = document.createElement("pre");
  pre.id = "test-results";
  pre.textContent = "\n" + out.join("\n") + "\n";
  document.body.appendChild(pre);
})();
