/* dossier: small accessibility fixes to the theme's markup, applied on every page; the timeline's
   topic filter; and, under `mkdocs serve`, the sources' errors shown on the page (the page keeps its
   last good version). */
(function () {
  "use strict";
  (function timeline() {
    // The timeline: without script its topic links open the topic pages (their claims in order of
    // events); with it they become buttons that filter the timeline in place, kept in the address.
    var filter = document.getElementById("timeline-topics");
    if (!filter) return;
    var links = filter.querySelector("ul");
    var count = document.getElementById("timeline-count");
    var items = document.querySelectorAll(".dossier-timeline > li");
    var here = document.querySelector(".dossier-pages") ? " on this page" : "";  // a long timeline is paged
    var group = document.createElement("ul");
    group.className = "dossier-topic-buttons dossier-flex";
    var buttons = [];
    function add(value, label) {
      var li = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "dossier-topic-button";
      button.textContent = label;
      button.setAttribute("data-topic", value);
      button.addEventListener("click", function () { apply(value, true); });
      li.appendChild(button);
      group.appendChild(li);
      buttons.push(button);
    }
    add("", "All topics");
    Array.prototype.forEach.call(links.querySelectorAll("a[data-topic]"), function (a) { add(a.getAttribute("data-topic"), a.textContent); });

    function apply(topic, remember) {
      if (topic && !buttons.some(function (b) { return b.getAttribute("data-topic") === topic; })) topic = "";
      var shown = 0;
      Array.prototype.forEach.call(items, function (li) {
        var match = !topic || (" " + li.getAttribute("data-topics") + " ").indexOf(" " + topic + " ") >= 0;
        li.hidden = !match;
        if (match) shown++;
      });
      Array.prototype.forEach.call(document.querySelectorAll(".dossier-year"), function (section) {
        var any = section.querySelector(".dossier-timeline > li:not([hidden])") !== null;
        section.hidden = !any;
        var year = document.querySelector(".dossier-years a[data-year='" + section.getAttribute("data-year") + "']");
        if (year) year.parentNode.hidden = !any;
      });
      buttons.forEach(function (b) { b.setAttribute("aria-pressed", String(b.getAttribute("data-topic") === topic)); });
      count.textContent = topic ? shown + (shown === 1 ? " claim" : " claims") + " on this topic" + here : "";
      if (remember) {
        var query = topic ? "?topic=" + encodeURIComponent(topic) : "";
        history.replaceState(history.state, "", location.pathname + query + location.hash);
      }
    }

    links.hidden = true;
    links.parentNode.insertBefore(group, links.nextSibling);
    filter.querySelector(".dossier-note").textContent = "(show one topic's claims" + here + ")";
    apply(new URLSearchParams(location.search).get("topic") || "", false);
    window.addEventListener("pageshow", function (event) {
      if (event.persisted) apply(new URLSearchParams(location.search).get("topic") || "", false);
    });
  })();

  (function serveErrors() {
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
})();
