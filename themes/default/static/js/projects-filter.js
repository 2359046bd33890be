// The projects list filtered by RAG status: `projects/?rag=red` (linked from the home
// page's portfolio at a glance) shows only the red projects, with a note and a link back
// to all. Without this script, or with no `rag` in the address, every project shows.
(function () {
  "use strict";
  var match = /[?&]rag=(green|amber|red)(?:&|$)/.exec(location.search);
  var note = document.querySelector(".projects-filter-note");
  if (!match || !note) return;
  var rag = match[1];
  var name = rag;
  document.querySelectorAll("tr[data-rag]").forEach(function (row) {
    if (row.getAttribute("data-rag") === rag) {
      name = row.getAttribute("data-rag-name") || rag;
    } else {
      row.hidden = true;
    }
  });
  note.querySelector(".projects-filter-text").textContent =
    note.getAttribute("data-text").replace("{rag}", name);
  note.hidden = false;
})();
