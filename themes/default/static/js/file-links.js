// Opened from a file share (file://), a link to a folder shows a file listing rather
// than the page: point such links at the folder's index.html instead. Loaded at the end
// of the page's body, so every link is there; a file rather than an inline script, so
// that the site's Content-Security-Policy can refuse every inline script.
(function () {
  "use strict";
  if (location.protocol !== "file:") return;
  document.querySelectorAll("a[href]").forEach(function (a) {
    var h = a.getAttribute("href");
    if (!/^[a-z][a-z0-9+.-]*:/i.test(h) && h.charAt(0) !== "#") {
      a.setAttribute("href", h.replace(/^([^?#]*\/)([?#].*)?$/, "$1index.html$2"));
    }
  });
})();
