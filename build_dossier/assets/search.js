/* dossier: the header's search box, answered by Pagefind (pagefind/, written by the build).  Nothing
   of the index is downloaded until the reader focuses the box; then Pagefind's script, its
   WebAssembly and the index's small entry files, and on each query only the parts of the index
   and the excerpts it needs.  Results use the theme's result markup, so they look like the theme's
   search.  From file:// (the offline copy) Pagefind cannot load its files: the box says so and
   points to the claims filter, which works there. */
(function () {
  "use strict";
  var box = document.querySelector(".dossier-search");
  var toggle = document.getElementById("__search");
  if (!box || !toggle) return;
  var input = box.querySelector(".md-search__input");
  var meta = box.querySelector(".md-search-result__meta");
  var list = box.querySelector(".md-search-result__list");
  var script = new URL(box.getAttribute("data-dossier-search"), location.href);
  var config = {};
  try { config = JSON.parse(document.getElementById("__config").textContent).translations || {}; } catch (e) { /* defaults */ }
  function say(key, fallback, count) {
    return (config[key] || fallback).replace("#", count);
  }
  var PAGE = 10;  // pages listed at first, and added by "More results"
  var SECTIONS = 3;  // sections (claims, headings) shown for each page before "more on this page"

  var engine = null;  // a promise of Pagefind, loaded once
  function load() {
    if (!engine) {
      engine = import(script.href).then(function (pagefind) {
        // results link below the site's root, wherever it is published
        return pagefind.options({ baseUrl: script.pathname.replace(/pagefind\/pagefind\.js$/, ""), excerptLength: 24 })
          .then(function () { return pagefind.init(); })
          .then(function () { box.setAttribute("data-ready", ""); return pagefind; });  // loaded: for benchmarks
      });
      engine.catch(function () { engine = null; });
    }
    return engine;
  }

  var offline = location.protocol === "file:";
  function explainOffline() {
    meta.textContent = "";
    meta.append("Search needs the site served over the web; this offline copy cannot search. To find a claim by its words, use the ");
    var claims = element("a", null, "Claims page's filter");
    claims.href = box.getAttribute("data-dossier-claims");
    meta.append(claims, ".");
  }

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text) el.textContent = text;
    return el;
  }
  // Pagefind's excerpts are escaped text with <mark> around the words found: rebuilt as nodes, so
  // that nothing else in them can become markup.
  var decoder = document.createElement("textarea");
  function excerpt(html) {
    var p = element("p");
    html.split(/(<mark>|<\/mark>)/).reduce(function (inMark, part) {
      if (part === "<mark>") return true;
      if (part === "</mark>") return false;
      decoder.innerHTML = part;  // a textarea's content is text: entities decoded, no element made
      var text = document.createTextNode(decoder.value);
      if (inMark) { var mark = element("mark"); mark.append(text); p.append(mark); } else p.append(text);
      return inMark;
    }, false);
    return p;
  }
  function link(url, title, text, document_) {
    var a = element("a", "md-search-result__link");
    a.href = url;
    var article = element("article", "md-search-result__article md-typeset" + (document_ ? " md-search-result__article--document" : ""));
    if (document_) article.append(element("div", "md-search-result__icon md-icon"));
    article.append(element(document_ ? "h1" : "h2", null, title), excerpt(text));
    a.append(article);
    return a;
  }
  function item(data) {
    var li = element("li", "md-search-result__item");
    var title = (data.meta && data.meta.title) || data.url;
    var sections = (data.sub_results || []).filter(function (s) { return s.url !== data.url && s.title !== title; });
    li.append(link(data.url, title, data.excerpt, true));
    sections.slice(0, SECTIONS).forEach(function (s) { li.append(link(s.url, s.title, s.excerpt)); });
    if (sections.length > SECTIONS) {
      var more = element("details", "md-search-result__more");
      var summary = element("summary");
      summary.append(element("div", null, (sections.length - SECTIONS) + " more on this page"));
      more.append(summary);
      var inner = element("div");
      sections.slice(SECTIONS).forEach(function (s) { inner.append(link(s.url, s.title, s.excerpt)); });
      more.append(inner);
      li.append(more);
    }
    return li;
  }

  var shown = null;  // the results on screen: {results, count}
  function show(results, from, text) {
    var batch = results.slice(from, from + PAGE);
    return Promise.all(batch.map(function (r) { return r.data(); })).then(function (pages) {
      if (shown !== results) return;  // a newer query has replaced these
      var old = list.querySelector(".dossier-search-more");
      if (old) old.remove();
      pages.forEach(function (data) { list.append(item(data)); });
      if (from + PAGE < results.length) {
        var li = element("li", "dossier-search-more");
        var button = element("button", "md-button", "More results");
        button.type = "button";
        button.addEventListener("click", function () {
          show(results, from + PAGE, text).then(function () {
            var next = list.children[from + PAGE];
            var target = next && next.querySelector("a");
            if (target) target.focus();
          });
        });
        li.append(button);
        list.append(li);
      }
      box.setAttribute("data-results", String(results.length));  // what is shown, for tests and benchmarks
      box.setAttribute("data-query", text);
    });
  }

  var asked = "";
  function query() {
    var text = input.value.trim();
    if (offline) return explainOffline();
    if (text === asked) return;
    asked = text;
    if (!text) {
      shown = null;
      list.textContent = "";
      meta.textContent = say("search.result.placeholder", "Type to start searching");
      box.removeAttribute("data-results");
      box.removeAttribute("data-query");
      return;
    }
    load().then(function (pagefind) {
      return pagefind.debouncedSearch(text, {}, 60);
    }).then(function (search) {
      if (!search || text !== asked) return;  // superseded by a later keystroke
      var results = search.results;
      shown = results;
      list.textContent = "";
      meta.textContent = results.length === 0 ? say("search.result.none", "No matching documents")
        : results.length === 1 ? say("search.result.one", "1 matching document")
        : say("search.result.other", "# matching documents", results.length);
      return show(results, 0, text);
    }).catch(function () {
      meta.textContent = "Search could not load its index; try reloading the page.";
    });
  }

  function open() {
    if (!toggle.checked) { toggle.checked = true; toggle.dispatchEvent(new Event("change")); }
    if (offline) explainOffline(); else load();
  }
  input.addEventListener("focus", open);
  input.addEventListener("input", query);
  var form = box.querySelector("form");
  form.addEventListener("reset", function () { setTimeout(query); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });  // Enter: results are live
  toggle.addEventListener("change", function () {
    if (toggle.checked) { if (document.activeElement !== input) input.focus(); }
  });
  // the theme's keys: "/", "s" or "f" open the search, Escape closes it, arrows move between results
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing = target.isContentEditable || /^(input|select|textarea)$/i.test(target.tagName);
    if (!toggle.checked) {
      if (!typing && !event.ctrlKey && !event.metaKey && !event.altKey && /^[/sf]$/.test(event.key)) {
        event.preventDefault();
        input.focus();
      }
      return;
    }
    if (event.key === "Escape") {
      toggle.checked = false;
      toggle.dispatchEvent(new Event("change"));
      input.blur();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      var links = Array.prototype.slice.call(box.querySelectorAll(".md-search-result__link, .dossier-search-more button"))
        .filter(function (a) { return a.offsetParent !== null; });
      var at = links.indexOf(document.activeElement);
      var next = event.key === "ArrowDown" ? at + 1 : at - 1;
      if (next < -1 || !links.length) return;
      event.preventDefault();
      (next === -1 ? input : links[Math.min(next, links.length - 1)]).focus();
    }
  });
})();
