// pmo serve's live reload: added to every HTML page that `pmo serve` sends (never to the
// built site). Listens to the server's events: reload the page (keeping the scroll
// position) after a save, or when work done after the save changed this page; swap
// changed stylesheets in place; show the build's errors over the page until a save
// fixes them, and its warnings in a corner panel that hides nothing.
(function () {
  "use strict";
  // `=== true`: an author's element of that id is window.__pmoLive too.
  if (!window.EventSource || window.__pmoLive === true) return;
  window.__pmoLive = true;

  // The overlay speaks the site's language, as the CLI does: the page's own `lang`.
  var zh = /^zh/i.test(document.documentElement.lang || "");
  // The page the server shows while no build has succeeded: there is no last good version.
  var unbuilt = !!document.querySelector('meta[name="pmo-serve"][content="unbuilt"]');
  var words = zh ? {
    failed: unbuilt ? "pmo serve：构建失败，站点尚未生成" : "pmo serve：构建失败，页面仍是上一个成功的版本",
    fix: "保存修改后，此提示会自动关闭。",
    errors: "构建错误",
    warnings: function (n) { return "pmo serve：" + n + " 个警告，站点已生成"; }
  } : {
    failed: unbuilt ? "pmo serve: the build failed — the site has not been built yet" : "pmo serve: the build failed — the last good version is still served",
    fix: "Save a fix and this closes by itself.",
    errors: "Build errors",
    warnings: function (n) { return "pmo serve: " + n + " warning(s) — the site is built"; }
  };

  var scrollKey = "pmo-serve-scroll:" + location.pathname;
  var saved = null;
  try { saved = sessionStorage.getItem(scrollKey); sessionStorage.removeItem(scrollKey); } catch (e) {}
  if (saved !== null) {
    var y = Number(saved) || 0;
    var restore = function () { window.scrollTo(0, y); };
    restore();
    window.addEventListener("load", restore);
  }

  function reload() {
    try { sessionStorage.setItem(scrollKey, String(window.scrollY)); } catch (e) {}
    location.reload();
  }

  function swapStyles(paths) {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    var stamp = Date.now();
    var swapped = 0;
    links.forEach(function (link) {
      var url = new URL(link.href, location.href);
      var path = decodeURIComponent(url.pathname).replace(/^\//, "");
      if (paths.some(function (p) { return path === p || path.endsWith("/" + p); })) {
        url.searchParams.set("pmo", String(stamp));
        link.href = url.toString();
        swapped++;
      }
    });
    if (!swapped) reload();
  }

  // One <pre> per report, the CLI's text as it is.
  function appendReports(parent, reports, className, css) {
    reports.forEach(function (text) {
      var pre = document.createElement("pre");
      pre.className = className;
      pre.textContent = text;
      pre.style.cssText = css;
      parent.appendChild(pre);
    });
  }

  var overlay = null;
  function showErrors(reports) {
    hideErrors();
    overlay = document.createElement("div");
    overlay.id = "pmo-serve-overlay";
    overlay.setAttribute("role", "alertdialog");
    overlay.setAttribute("aria-label", words.errors);
    overlay.style.cssText =
      "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,24,.94);" +
      "color:#f3f3f3;padding:24px 32px;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace";
    var title = document.createElement("h2");
    title.textContent = words.failed;
    title.style.cssText = "margin:0 0 16px;font-size:16px;color:#ff8a80";
    overlay.appendChild(title);
    appendReports(overlay, reports, "pmo-serve-error",
      "white-space:pre-wrap;margin:0 0 16px;padding:12px;background:#26262c;border-left:4px solid #ff5252");
    var hint = document.createElement("p");
    hint.textContent = words.fix;
    hint.style.cssText = "color:#bbb";
    overlay.appendChild(hint);
    document.body.appendChild(overlay);
  }
  function hideErrors() {
    if (overlay) overlay.remove();
    overlay = null;
  }

  var panel = null;
  function showWarnings(reports) {
    if (panel) panel.remove();
    panel = null;
    if (!reports || !reports.length) return;
    panel = document.createElement("details");
    panel.id = "pmo-serve-warnings";
    panel.setAttribute("role", "status");
    panel.style.cssText =
      "position:fixed;right:12px;bottom:12px;z-index:2147483646;max-width:min(720px,calc(100vw - 24px));" +
      "max-height:60vh;overflow:auto;background:#2b2410;color:#f3f3f3;border-left:4px solid #ffb300;" +
      "padding:8px 12px;font:13px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace";
    var summary = document.createElement("summary");
    summary.textContent = words.warnings(reports.length);
    summary.style.cssText = "cursor:pointer;color:#ffd54f";
    panel.appendChild(summary);
    appendReports(panel, reports, "pmo-serve-warning", "white-space:pre-wrap;margin:8px 0 0");
    document.body.appendChild(panel);
  }

  var version = null;
  var source = new EventSource("/__pmo/events");
  source.addEventListener("hello", function (e) {
    var state = JSON.parse(e.data);
    // After a reconnect, a build may have happened while we were away.
    if (version !== null && state.version !== version) return reload();
    version = state.version;
    if (state.errors) showErrors(state.errors); else hideErrors();
    showWarnings(state.warnings);
  });
  // Whether an update of `paths` concerns this page: the page itself, or a file beside
  // it that is not a page (a list's data).
  function concerns(paths) {
    var page = decodeURIComponent(location.pathname).replace(/^\//, "");
    if (page === "" || page.charAt(page.length - 1) === "/") page += "index.html";
    var folder = page.slice(0, page.lastIndexOf("/") + 1);
    return paths.some(function (p) {
      if (p === page) return true;
      var beside = p.slice(0, folder.length) === folder && p.indexOf("/", folder.length) < 0;
      return beside && !/\.html$/.test(p);
    });
  }

  source.addEventListener("reload", function (e) {
    version = JSON.parse(e.data).version;
    reload();
  });
  // What a save left owed (related lessons, the register's data …) is done.
  source.addEventListener("update", function (e) {
    var data = JSON.parse(e.data);
    version = data.version;
    if (concerns(data.paths)) reload();
  });
  source.addEventListener("css", function (e) {
    var data = JSON.parse(e.data);
    version = data.version;
    swapStyles(data.paths);
  });
  source.addEventListener("broken", function (e) {
    showErrors(JSON.parse(e.data).errors);
  });
  source.addEventListener("fixed", function () {
    hideErrors();
  });
  source.addEventListener("warnings", function (e) {
    showWarnings(JSON.parse(e.data).warnings);
  });
})();
