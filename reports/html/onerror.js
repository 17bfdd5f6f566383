(function () {
  "use strict";
  /* Record every error of the page in #fc-errors (and count them in its
     data-count) so that a headless browser's DOM dump shows them. */
  function note(text) {
    var b = document.getElementById("fc-errors");
    if (!b) return;
    b.textContent += text + "\n";
    b.setAttribute("data-count", String(+(b.getAttribute("data-count") || 0) + 1));
  }
  window.addEventListener("error", function (e) {
    note("error: " + e.message + " (line " + e.lineno + ":" + e.colno + ")");
  });
  window.addEventListener("unhandledrejection", function (e) {
    note("unhandled rejection: " + e.reason);
  });
  document.addEventListener("securitypolicyviolation", function (e) {
    note("blocked by the content security policy: " + e.violatedDirective);
  });
  var log = console.error;
  console.error = function () {
    note("console.error: " + Array.prototype.join.call(arguments, " "));
    return log.apply(console, arguments);
  };
})();
