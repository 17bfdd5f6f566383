/* interact.js -- exercises the page's controls inside the browser and
   writes one line per check ("ok NAME" or "FAIL NAME: detail") into
   <pre id="test-results">; run.sh appends it to a copy of a report and
   reads the results from the DOM dump. */
(function () {
  "use strict";
  var out = [];
  function all(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }
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
  function days(iso) { return Date.parse(iso + "T00:00:00Z") / 86400000; }
  function text(el) { return el ? el.textContent : ""; }
  function words(s) { return s.replace(/\s+/g, " ").trim(); }

  /* The JSON report of the same run, when run.sh put it in the page. */
  var report = null, expect = document.getElementById("fc-expect");
  if (expect) {
    try { report = JSON.parse(expect.textContent); } catch (e) { check("the JSON report parses", false, String(e)); }
  }

  /* Each chart places its points by time: the points of one period side
     by side around the middle of the period (their mean), the middles and
     the year lines (data-date) on one straight line of x against days,
     later periods further right. */
  function timeAxis() {
    var charts = all(".chart"), checked = 0, multi = 0, bad = [];
    charts.forEach(function (c) {
      var groups = {}, pairs = [], order = [];
      all("g.pt", c).forEach(function (g) {
        var f = g.getAttribute("data-first"), l = g.getAttribute("data-last");
        var v = g.querySelector("circle.v"), key = f + "/" + l;
        if (!f || !l || !v) { bad.push(text(c.querySelector("h3")) + ": a point without its period"); return; }
        (groups[key] = groups[key] || { t: (days(f) + days(l) + 1) / 2, xs: [] }).xs.push(+v.getAttribute("cx"));
      });
      Object.keys(groups).forEach(function (k) {
        var g = groups[k], x = g.xs.reduce(function (a, b) { return a + b; }, 0) / g.xs.length;
        pairs.push({ t: g.t, x: x, what: "period " + k });
        order.push({ t: g.t, x: x });
      });
      all("line.tick[data-date]", c).forEach(function (l) {
        pairs.push({ t: days(l.getAttribute("data-date")), x: +l.getAttribute("x1"), what: "the line of " + l.getAttribute("data-date") });
      });
      order.sort(function (a, b) { return a.t - b.t; });
      for (var i = 1; i < order.length; i++)
        if (!(order[i].x > order[i - 1].x)) bad.push(text(c.querySelector("h3")) + ": a later period is not to the right");
      if (order.length < 2) return;
      multi++;
      if (pairs.length < 3) { bad.push(text(c.querySelector("h3")) + ": no line of a date on the axis"); return; }
      pairs.sort(function (a, b) { return a.t - b.t; });
      var p0 = pairs[0], p1 = pairs[pairs.length - 1], slope = (p1.x - p0.x) / (p1.t - p0.t);
      pairs.forEach(function (p) {
        var want = p0.x + (p.t - p0.t) * slope;
        if (Math.abs(want - p.x) > 0.75)
          bad.push(text(c.querySelector("h3")) + ": " + p.what + " at x " + p.x.toFixed(1) + ", its date says " + want.toFixed(1));
      });
      checked++;
    });
    check("charts place their points by date, in proportion (" + checked + " charts of several periods)",
          bad.length === 0 && checked === multi,
          bad.slice(0, 4).join("; "));
  }

  /* What the page must hold of the JSON report of the same run. */
  function againstJson(r) {
    var metrics = {}, draftMetrics = {}, advised = 0, bad = [];
    r.findings.forEach(function (f) {
      var card = document.getElementById("f-" + f.id), todo = card && card.querySelector(".todo");
      f.facts.forEach(function (x) {
        if (x.metric) metrics[x.metric] = 1;
        if (x.metric && f.kind === "audit" && x.finding_role === "draft") draftMetrics[x.metric] = 1;
      });
      if (!card) { bad.push(f.id + " is not on the page"); return; }
      if (f.advice) {
        advised++;
        if (!todo || words(text(todo)) !== "To do: " + f.advice + ".") bad.push(f.id + ": advice " + JSON.stringify(text(todo)));
      } else if (todo) {
        bad.push(f.id + ": advice the JSON report does not give");
      }
    });
    check("each finding says what to do as the JSON report does (" + advised + " with advice)",
          bad.length === 0 && (advised > 0 || !r.findings.some(function (f) { return f.severity !== "info"; })),
          bad.slice(0, 4).join("; "));
    var allowed = r.summary.audit ? draftMetrics : metrics, stray = [];
    all(".chart h3").forEach(function (h) { if (!allowed[text(h)]) stray.push(text(h)); });
    check(r.summary.audit ? "charts are drawn only for the draft's metrics" : "charts are drawn only for metrics that have findings",
          stray.length === 0, stray.join(", "));
    if (r.summary.audit) audit(r);
  }

  /* An audit's page: about the draft, the draft first, every figure
     marked by its verdict and explaining itself, the counts of the
     verdicts. */
  function audit(r) {
    var verdicts = { "audit-supported": "supported", "audit-stale": "stale", "audit-contradicted": "contradicted",
                     "audit-basis": "confused", "audit-population": "confused", "audit-scale-slip": "slip",
                     "audit-rounding": "rounding", "audit-unsupported": "unsupported" };
    var counts = { supported: "supported", stale: "stale", contradicted: "contradicted", confused: "confused",
                   slip: "slips", rounding: "rounding", unsupported: "unsupported" };
    var a = r.summary.audit, bad = [], n = 0;
    check("the page is titled as an audit", /^factcheck audit of /.test(document.title) &&
          /^Audit of /.test(text(document.querySelector("h1"))), document.title);
    var main = document.querySelector("main"), sections = main ? all("main > section") : [];
    check("the draft comes first", sections.length > 0 && sections[0].id === "draft" &&
          !!sections[0].querySelector("article.doc.draft .doctext"), sections.map(function (s) { return s.id; }).join(" "));
    var marks = all("#draft article mark.verdict");
    check("every figure of the draft is marked (" + marks.length + " of " + a.figures + ")", marks.length === a.figures && a.figures > 0);
    r.findings.forEach(function (f) {
      var v = verdicts[f.rule], mark, title, card;
      if (!v) return;
      n++;
      mark = marks.filter(function (m) {
        return m.querySelector('a[href="#f-' + f.id + '"]');
      })[0];
      if (!mark) { bad.push(f.id + " (" + v + ") has no mark"); return; }
      if (mark.getAttribute("data-verdict") !== v || !mark.classList.contains("v-" + v)) bad.push(f.id + ": marked " + mark.getAttribute("data-verdict") + ", not " + v);
      if (words(mark.textContent) !== words(f.facts[0].text)) bad.push(f.id + ": marks " + JSON.stringify(mark.textContent));
      title = mark.getAttribute("title") || "";
      if (title.indexOf(v + " (" + f.severity + "): " + f.message) !== 0) bad.push(f.id + ": the mark does not give its verdict and message");
      f.facts.slice(1).forEach(function (x) {
        if (title.indexOf(x.doc) < 0 || title.indexOf("“" + x.text + "”") < 0) bad.push(f.id + ": the mark does not quote " + x.doc);
      });
      card = document.getElementById("f-" + f.id);
      if (!card || card.getAttribute("data-verdict") !== v) bad.push(f.id + ": the finding does not carry its verdict");
    });
    check("each mark gives its verdict, the message and the reference figures (" + n + " verdicts)", bad.length === 0 && n === a.figures,
          bad.slice(0, 4).join("; "));
    bad = [];
    Object.keys(counts).forEach(function (v) {
      var row = document.querySelector('#summary tr[data-verdict="' + v + '"] td.n'), stat = document.querySelector(".top .stat.v-" + v + " b");
      var marked = all('#draft article mark.verdict[data-verdict="' + v + '"]').length;
      if (+text(row) !== a[counts[v]] || +text(stat) !== a[counts[v]] || marked !== a[counts[v]])
        bad.push(v + ": summary " + text(row) + ", header " + text(stat) + ", marks " + marked + ", JSON " + a[counts[v]]);
    });
    check("the summary counts the verdicts as the JSON report does", bad.length === 0, bad.join("; "));
  }
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

    /* a document on the page (an audit shows only the documents it quotes) */
    var doc = document.getElementById("flt-doc"), first = document.querySelector(".doc");
    if (first) {
      change(doc, first.getAttribute("data-doc"));
      check("the document filter shows one document",
            shown(".doc") === 1 && shown("#doc-" + first.getAttribute("data-doc")) === 1);
      reset();
    }

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
          all(".doctext mark.fig.hit:not(.verdict)").every(function (m) { return /\n[EWI][0-9]+ /.test(m.title); }));

    timeAxis();
    if (report) againstJson(report);

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
