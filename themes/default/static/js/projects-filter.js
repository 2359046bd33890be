// Addresses of the form `projects/?rag=red` (bookmarked from earlier versions, where the
// list was filtered in the page) go to the list of that status, `projects/rag/red/`: the
// projects list is paginated now, and each status has pages of its own.
(function () {
  "use strict";
  var match = /[?&]rag=(green|amber|red)(?:&|$)/.exec(location.search);
  if (!match) return;
  var index = location.protocol === "file:" ? "index.html" : "";
  location.replace("rag/" + match[1] + "/" + index);
})();
