/* dossier: filtering and sorting for the claims index. Without it the page is a plain table.
   Rows come from rows.json and are rendered with textContent only (never as HTML). */
(function () {
  "use strict";
  var table = document.getElementById("claims-table");
  var form = document.getElementById("claim-filters");
  if (!table || !form || !window.fetch) return;
  var LIMIT = 200;
  var tbody = table.tBodies[0];
  var count = document.getElementById("claim-count");
  var root = table.getAttribute("data-root");
  var statusPage = table.getAttribute("data-statuses");
  var statusTitles = {};
  var labels = {};
  var statusLabels = {};
  Array.prototype.forEach.call(form.querySelectorAll("select[name=topic] option"), function (o) { labels[o.value] = o.textContent; });
  Array.prototype.forEach.call(form.querySelectorAll("select[name=status] option"), function (o) { statusLabels[o.value] = o.textContent; });
  Array.prototype.forEach.call(tbody.querySelectorAll("a.dossier-badge"), function (a) { statusTitles[a.className.split("dossier-badge-")[1]] = a.title; });
  var rows = [], shown = LIMIT, sortKey = "date", sortDir = -1;

  function text(tag, value, cls) {
    var el = document.createElement(tag);
    el.textContent = value;
    if (cls) el.className = cls;
    return el;
  }

  function rowElement(r) {
    var tr = document.createElement("tr");
    var date = text("td", "");
    var time = text("time", r.date);
    time.setAttribute("datetime", r.date);
    date.appendChild(time);
    var claim = document.createElement("td");
    var a = text("a", r.claim);
    a.href = root + r.url;
    claim.appendChild(a);
    if (r.contested) { claim.appendChild(document.createTextNode(" ")); claim.appendChild(text("span", "(contested)", "dossier-note")); }
    var status = document.createElement("td");
    var badge = text("a", statusLabels[r.status] || r.status, "dossier-badge dossier-badge-" + r.status);
    badge.href = statusPage + "#status-" + r.status;
    if (statusTitles[r.status]) badge.title = statusTitles[r.status];
    status.appendChild(badge);
    tr.appendChild(date);
    tr.appendChild(claim);
    tr.appendChild(text("td", r.topics.map(function (t) { return labels[t] || t; }).join(", ")));
    tr.appendChild(text("td", r.outlet));
    tr.appendChild(status);
    return tr;
  }

  function matches() {
    var q = form.elements.q.value.trim().toLowerCase();
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

  var more = text("button", "Show more claims", "md-button");
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
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) { other.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", sortDir > 0 ? "ascending" : "descending");
      render();
    });
    if (key === "date") th.setAttribute("aria-sort", "descending");
  });

  fetch(table.getAttribute("data-rows")).then(function (response) {
    if (!response.ok) throw new Error(response.status);
    return response.json();
  }).then(function (data) {
    rows = data;
    rows.forEach(function (r) { r.search = (r.claim + " " + r.outlet + " " + r.id).toLowerCase(); });
    form.hidden = false;
    var pages = document.querySelector(".dossier-pages");
    if (pages) pages.hidden = true;
    table.caption.textContent = "Claims matching the filters";
    form.addEventListener("input", function () { shown = LIMIT; render(); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    render();
  }).catch(function () { /* keep the plain table */ });
})();
