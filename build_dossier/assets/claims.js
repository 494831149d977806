/* dossier: filtering and sorting for the claims index. Without scripts the page is a plain table and
   the filter form stays hidden (an inline script in the page shows it; this hides it again if the
   rows cannot be loaded). Rows come from rows.json (or, in the offline copy, rows.js, since file://
   forbids fetch) and are rendered with textContent only (never as HTML). The filters live in the
   address (?q=…&topic=…), so a view can be shared and Back returns to it. */
(function () {
  "use strict";
  var table = document.getElementById("claims-table");
  var form = document.getElementById("claim-filters");
  if (!table || !form) return;
  var LIMIT = 200;
  var FIELDS = ["q", "topic", "status", "outlet", "year"];
  var tbody = table.tBodies[0];
  var count = document.getElementById("claim-count");
  var root = table.getAttribute("data-root");
  var statusPage = table.getAttribute("data-statuses");
  var statusTitles = {}, labels = {}, statusLabels = {};
  Array.prototype.forEach.call(form.querySelectorAll("select[name=topic] option"), function (o) { labels[o.value] = o.textContent; });
  Array.prototype.forEach.call(form.querySelectorAll("select[name=status] option"), function (o) { statusLabels[o.value] = o.textContent; });
  Array.prototype.forEach.call(document.querySelectorAll(".dossier-legend a.dossier-badge"), function (a) { statusTitles[a.className.split("dossier-badge-")[1]] = a.title; });
  var rows = [], shown = LIMIT, sortKey = "date", sortDir = -1, more = null;

  // case and accents ignored: "chavez" finds "Chávez"
  function fold(s) { return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }

  function text(tag, value, cls) {
    var el = document.createElement(tag);
    el.textContent = value;
    if (cls) el.className = cls;
    return el;
  }

  function cell(label) {
    var td = document.createElement("td");
    td.setAttribute("data-label", label);
    return td;
  }

  function rowElement(r) {
    var tr = document.createElement("tr");
    var date = cell("Date");
    var when = text("span", "", "dossier-date dossier-date-" + r.date_kind);
    when.appendChild(text("span", r.date_kind === "event" ? "Event" : "Published", "dossier-date-kind"));
    when.appendChild(document.createTextNode(" "));
    var time = text("time", r.date_label);
    time.setAttribute("datetime", r.date);
    when.appendChild(time);
    date.appendChild(when);
    var claim = cell("Claim");
    var a = text("a", r.claim);
    a.href = root + r.url;
    claim.appendChild(a);
    if (r.contested) { claim.appendChild(document.createTextNode(" ")); claim.appendChild(text("span", "(contested)", "dossier-note")); }
    var topics = cell("Topics");
    topics.textContent = r.topics.map(function (t) { return labels[t] || t; }).join(", ");
    var outlet = cell("Source");
    outlet.textContent = r.outlet;
    var status = cell("Status");
    var badge = text("a", statusLabels[r.status] || r.status, "dossier-badge dossier-badge-" + r.status);
    badge.href = statusPage + "#status-" + r.status;
    if (statusTitles[r.status]) badge.title = statusTitles[r.status];
    status.appendChild(badge);
    [date, claim, topics, outlet, status].forEach(function (td) { tr.appendChild(td); });
    return tr;
  }

  function matches() {
    var q = fold(form.elements.q.value.trim());
    var topic = form.elements.topic.value, status = form.elements.status.value;
    var outlet = form.elements.outlet.value, year = form.elements.year.value;
    var contested = form.elements.contested.checked;
    return rows.filter(function (r) {
      return (!topic || r.topics.indexOf(topic) >= 0) && (!status || r.status === status) &&
        (!outlet || r.outlet === outlet) && (!year || r.date.slice(0, 4) === year) &&
        (!contested || r.contested) && (!q || r.search.indexOf(q) >= 0);
    });
  }

  function compare(a, b) {
    var x = sortKey === "topics" ? a.topics.join(",") : a[sortKey];
    var y = sortKey === "topics" ? b.topics.join(",") : b[sortKey];
    return (x < y ? -1 : x > y ? 1 : 0) * sortDir;
  }

  function render() {
    var found = matches().sort(compare);
    var fragment = document.createDocumentFragment();
    found.slice(0, shown).forEach(function (r) { fragment.appendChild(rowElement(r)); });
    tbody.textContent = "";
    tbody.appendChild(fragment);
    count.textContent = found.length + (found.length === 1 ? " claim matches" : " claims match") +
      (found.length > shown ? ", showing the first " + shown : "");
    more.hidden = found.length <= shown;
  }

  // the filters and the sort as a query string, and back
  function toAddress() {
    var params = [];
    FIELDS.forEach(function (name) {
      var value = form.elements[name].value.trim();
      if (value) params.push(name + "=" + encodeURIComponent(value));
    });
    if (form.elements.contested.checked) params.push("contested=1");
    if (sortKey !== "date" || sortDir !== -1) params.push("sort=" + (sortDir < 0 ? "-" : "") + sortKey);
    var query = params.length ? "?" + params.join("&") : "";
    if (query !== location.search) history.replaceState(history.state, "", location.pathname + query + location.hash);
  }

  function fromAddress() {
    var params = new URLSearchParams(location.search);
    FIELDS.forEach(function (name) {
      var field = form.elements[name], value = params.get(name) || "";
      if (field.tagName === "SELECT" && value && !Array.prototype.some.call(field.options, function (o) { return o.value === value; })) value = "";
      field.value = value;
    });
    form.elements.contested.checked = params.get("contested") === "1";
    var sort = params.get("sort") || "-date";
    var key = sort.replace(/^-/, "");
    if (table.querySelector("th[data-key='" + key + "']")) { sortKey = key; sortDir = sort.charAt(0) === "-" ? -1 : 1; }
    showSort();
  }

  function showSort() {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      if (th.getAttribute("data-key") === sortKey) th.setAttribute("aria-sort", sortDir > 0 ? "ascending" : "descending");
      else th.removeAttribute("aria-sort");
    });
  }

  function start(data) {
    rows = data;
    rows.forEach(function (r) { r.search = fold(r.claim + " " + r.outlet + " " + r.id); });
    more = text("button", "Show more claims", "md-button");
    more.type = "button";
    more.hidden = true;
    more.addEventListener("click", function () { shown += LIMIT; render(); });
    table.parentNode.parentNode.insertBefore(more, table.parentNode.nextSibling);
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      var key = th.getAttribute("data-key");
      var button = text("button", th.textContent, "dossier-sort");
      button.type = "button";
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        sortDir = sortKey === key ? -sortDir : (key === "date" ? -1 : 1);
        sortKey = key;
        showSort();
        toAddress();
        render();
      });
    });
    fromAddress();
    form.hidden = false;
    form.setAttribute("data-ready", "");  // the filters work from now on
    var pages = document.querySelector(".dossier-pages");
    if (pages) pages.hidden = true;
    table.caption.textContent = "Claims matching the filters";
    form.addEventListener("input", function () { shown = LIMIT; toAddress(); render(); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    // Back to a page kept in memory: the address is the one the reader left, the form may not be
    window.addEventListener("pageshow", function (event) { if (event.persisted) { fromAddress(); render(); } });
    if (!location.search && rows.length <= shown && tbody.rows.length === rows.length) {
      count.textContent = rows.length + (rows.length === 1 ? " claim matches" : " claims match");  // the page's table is the view
    } else {
      render();
    }
  }

  // without the rows, the plain table, and no controls that would do nothing
  function plain() {
    form.hidden = true;
    Array.prototype.forEach.call(document.querySelectorAll(".dossier-js-only"), function (el) { el.hidden = true; });
  }

  if (window.dossierRows) { start(window.dossierRows); return; }
  if (!window.fetch) { plain(); return; }
  fetch(table.getAttribute("data-rows")).then(function (response) {
    if (!response.ok) throw new Error(response.status);
    return response.json();
  }).then(start).catch(plain);
})();
