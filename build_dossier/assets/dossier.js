/* dossier: small accessibility fixes to the theme's markup, applied on every page. */
(function () {
  "use strict";
  var search = document.querySelector(".md-search[role=dialog]");
  if (search && !search.hasAttribute("aria-label")) search.setAttribute("aria-label", "Search the dossier");
})();
