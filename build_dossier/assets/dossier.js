/* dossier: small accessibility fixes to the theme's markup, applied on every page; and, under
   `mkdocs serve`, the sources' errors shown on the page (the page keeps its last good version). */
(function () {
  "use strict";
  var search = document.querySelector(".md-search[role=dialog]");
  if (search && !search.hasAttribute("aria-label")) search.setAttribute("aria-label", "Search the dossier");

  var status = document.querySelector("meta[name=dossier-status]");
  if (!status || !window.fetch) return;
  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }
  fetch(status.content, { cache: "no-store" }).then(function (r) { return r.json(); }).then(function (data) {
    if (!data.errors || !data.errors.length) return;
    var box = el("section", null, "dossier-build-errors");
    box.setAttribute("role", "alert");
    box.appendChild(el("h2", data.errors.length === 1 ? "1 error in the sources" : data.errors.length + " errors in the sources"));
    box.appendChild(el("p", "The pages show the last version without errors. Fix the file and save it: this page reloads by itself."));
    data.errors.forEach(function (e) {
      box.appendChild(el("p", e.path + ":" + e.line + ":" + e.col + ": " + e.message, "dossier-build-error"));
      if (e.lines.length) {
        var pre = el("pre");
        e.lines.forEach(function (pair) {
          pre.appendChild(el("span", String(pair[0]).padStart(4) + " │ " + pair[1] + "\n", pair[0] === e.line ? "dossier-error-line" : null));
        });
        box.appendChild(pre);
      }
    });
    (document.querySelector(".md-content__inner") || document.body).prepend(box);
  }).catch(function () {});
})();
