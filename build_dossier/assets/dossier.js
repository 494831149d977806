/* dossier: small accessibility fixes to the theme's markup, applied on every page; the timeline's
   topic filter. */
(function () {
  "use strict";
  var search = document.querySelector(".md-search[role=dialog]");
  if (search && !search.hasAttribute("aria-label")) search.setAttribute("aria-label", "Search the dossier");

  // The timeline: without script its topic links open the topic pages (their claims in order of
  // events); with it they become buttons that filter the timeline in place, kept in the address.
  var filter = document.getElementById("timeline-topics");
  if (!filter) return;
  var links = filter.querySelector("ul");
  var count = document.getElementById("timeline-count");
  var items = document.querySelectorAll(".dossier-timeline > li");
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
    count.textContent = topic ? shown + (shown === 1 ? " claim" : " claims") + " on this topic" : "";
    if (remember) {
      var query = topic ? "?topic=" + encodeURIComponent(topic) : "";
      history.replaceState(history.state, "", location.pathname + query + location.hash);
    }
  }

  links.hidden = true;
  links.parentNode.insertBefore(group, links.nextSibling);
  filter.querySelector(".dossier-note").textContent = "(show one topic's claims)";
  apply(new URLSearchParams(location.search).get("topic") || "", false);
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) apply(new URLSearchParams(location.search).get("topic") || "", false);
  });
})();
