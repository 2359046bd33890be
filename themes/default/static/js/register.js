// The lessons register's filters (project, phase, category, impact, severity, status,
// overdue actions). They search every page of the register, not only the one shown:
// the first use loads the register's data files (`data-N.js`, written by the build
// beside its pages) with <script> tags, which work from a file share too, where
// fetch() does not. The filters are kept in the address (`#phase=execution&…`), so a
// filtered register can be bookmarked or sent, and are restored when it is opened
// (`?severity=high` works as well, for links). Without this script the form stays
// hidden and the pages list every lesson.
(function () {
  "use strict";
  var form = document.getElementById("register-filters");
  var table = document.getElementById("register-table");
  if (!form || !table || !window.Promise || !window.URLSearchParams) return;
  var status = document.getElementById("register-status");
  var more = document.getElementById("register-more");
  var pagination = document.querySelector(".pagination");
  var pageLabel = table.querySelector(".register-page-label");
  var tbody = table.tBodies[0];
  var original = tbody.innerHTML;
  var dataBase = form.getAttribute("data-data");
  var root = form.getAttribute("data-root");
  var none = form.getAttribute("data-none");
  var NAMES = ["project", "phase", "category", "impact", "severity", "status"];
  // The fields of a row of data-N.js, in order (see src/render/register.rs).
  var F = { url: 0, id: 1, title: 2, date: 3, dateShown: 4, project: 5, phase: 6,
    category: 7, impact: 8, severity: 9, status: 10, owner: 11, open: 12, overdue: 13,
    actions: 14 };
  var STEP = 100;
  var facets = null, chunks = [], loading = null, matches = [], shown = 0;

  window.PmoRegister = {
    facets: function (f) { facets = f; },
    chunk: function (n, rows) { chunks[n] = rows; }
  };

  function load(name) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = dataBase + name;
      s.async = true;
      s.onload = function () { s.parentNode.removeChild(s); resolve(); };
      s.onerror = function () { s.parentNode.removeChild(s); reject(new Error(s.src)); };
      document.head.appendChild(s);
    });
  }

  function allRows() {
    if (!loading) {
      var waits = [];
      for (var n = 0; n < facets.chunks; n++) waits.push(load("data-" + n + ".js"));
      loading = Promise.all(waits).then(function () {
        return [].concat.apply([], chunks);
      });
      loading.catch(function () { loading = null; });
    }
    return loading;
  }

  function fillMenus() {
    NAMES.forEach(function (name) {
      var select = form.elements[name];
      var entries = facets[name].map(function (e, i) { return { e: e, i: i }; })
        .filter(function (x) { return x.e[x.e.length - 1] > 0; });
      if (name === "project" || name === "category") {
        entries.sort(function (a, b) { return a.e[1].localeCompare(b.e[1]); });
      }
      entries.forEach(function (x) {
        var option = document.createElement("option");
        option.value = x.e[0];
        option.textContent = x.e[1] + " (" + x.e[x.e.length - 1] + ")";
        select.appendChild(option);
      });
    });
  }

  function fromAddress() {
    var state = {};
    [location.search, location.hash].forEach(function (part) {
      var params = new URLSearchParams(part.replace(/^[?#]/, ""));
      NAMES.concat(["overdue"]).forEach(function (k) {
        if (params.has(k)) state[k] = params.get(k);
      });
    });
    NAMES.forEach(function (k) { form.elements[k].value = state[k] || ""; });
    form.elements.overdue.checked = state.overdue === "1";
  }

  function fromForm() {
    var state = {};
    NAMES.forEach(function (k) {
      var v = form.elements[k].value;
      if (v) state[k] = v;
    });
    if (form.elements.overdue.checked) state.overdue = "1";
    return state;
  }

  function toAddress(state) {
    var params = new URLSearchParams();
    NAMES.concat(["overdue"]).forEach(function (k) { if (state[k]) params.set(k, state[k]); });
    var query = params.toString();
    // A filter given in the query string is now in the hash (or cleared).
    var keep = /(^|[?&])(project|phase|category|impact|severity|status|overdue)=/.test(location.search)
      ? "" : location.search;
    var url = location.pathname + keep + (query ? "#" + query : "");
    try {
      history.replaceState(null, "", url);
    } catch (e) {
      location.hash = query;
    }
  }

  function matcher(state) {
    var tests = [];
    NAMES.forEach(function (k) {
      if (!state[k]) return;
      var index = -2;
      facets[k].forEach(function (e, i) { if (e[0] === state[k]) index = i; });
      tests.push(function (row) { return row[F[k]] === index; });
    });
    if (state.overdue) tests.push(function (row) { return row[F.overdue] > 0; });
    return function (row) {
      return tests.every(function (t) { return t(row); });
    };
  }

  function cell(tr, className) {
    var td = document.createElement("td");
    if (className) td.className = className;
    tr.appendChild(td);
    return td;
  }

  function link(parent, href, text, className) {
    var a = document.createElement("a");
    a.href = root + href;
    a.textContent = text;
    if (className) a.className = className;
    parent.appendChild(a);
  }

  function badge(parent, text, className) {
    var span = document.createElement("span");
    span.className = "badge " + className;
    span.textContent = text;
    parent.appendChild(span);
  }

  function row(r) {
    var tr = document.createElement("tr");
    var date = cell(tr, "col-date");
    var time = document.createElement("time");
    time.setAttribute("datetime", r[F.date]);
    time.textContent = r[F.dateShown];
    date.appendChild(time);
    var id = cell(tr, "col-id");
    if (r[F.id]) {
      var mono = document.createElement("span");
      mono.className = "mono";
      mono.textContent = r[F.id];
      id.appendChild(mono);
    } else {
      id.textContent = none;
    }
    link(cell(tr, "col-title"), r[F.url], r[F.title]);
    var project = facets.project[r[F.project]];
    if (project) link(cell(tr, "col-project"), project[2], project[1]); else cell(tr, "col-project").textContent = none;
    var phase = facets.phase[r[F.phase]];
    badge(cell(tr), phase[1], "phase");
    var category = facets.category[r[F.category]];
    if (category) link(cell(tr, "col-category"), category[2], category[1]); else cell(tr, "col-category").textContent = none;
    var impact = facets.impact[r[F.impact]];
    badge(cell(tr), impact[1], "impact impact-" + impact[0]);
    var severity = facets.severity[r[F.severity]];
    if (severity) badge(cell(tr), severity[1], "severity severity-" + severity[0]);
    else cell(tr).textContent = none;
    var lessonStatus = facets.status[r[F.status]];
    cell(tr, "col-status").textContent = lessonStatus ? lessonStatus[1] : none;
    cell(tr, "col-owner").textContent = r[F.owner] || none;
    var actions = cell(tr, "col-actions");
    if (r[F.actions] > 0) {
      actions.textContent = r[F.open];
      if (r[F.overdue] > 0) {
        actions.appendChild(document.createTextNode(" "));
        badge(actions, form.getAttribute("data-overdue").replace("{count}", r[F.overdue]), "late");
      }
    } else {
      actions.textContent = none;
    }
    return tr;
  }

  function showMore() {
    var end = Math.min(matches.length, shown + STEP);
    var fragment = document.createDocumentFragment();
    for (var i = shown; i < end; i++) fragment.appendChild(row(matches[i]));
    tbody.appendChild(fragment);
    shown = end;
    more.hidden = shown >= matches.length;
  }

  function restore() {
    tbody.innerHTML = original;
    status.textContent = "";
    more.hidden = true;
    if (pagination) pagination.hidden = false;
    if (pageLabel) pageLabel.hidden = false;
  }

  function apply(remember) {
    var state = fromForm();
    if (remember) toAddress(state);
    if (Object.keys(state).length === 0) {
      restore();
      return;
    }
    status.textContent = form.getAttribute("data-loading");
    table.setAttribute("aria-busy", "true");
    allRows().then(function (rows) {
      if (JSON.stringify(fromForm()) !== JSON.stringify(state)) return;
      matches = rows.filter(matcher(state));
      tbody.innerHTML = "";
      shown = 0;
      showMore();
      if (pagination) pagination.hidden = true;
      if (pageLabel) pageLabel.hidden = true;
      status.textContent = form.getAttribute("data-matches")
        .replace("{count}", matches.length).replace("{total}", facets.total);
      table.removeAttribute("aria-busy");
    }, function () {
      status.textContent = form.getAttribute("data-failed");
      table.removeAttribute("aria-busy");
    });
  }

  form.addEventListener("submit", function (e) { e.preventDefault(); apply(true); });
  form.addEventListener("change", function () { apply(true); });
  form.addEventListener("reset", function () { setTimeout(function () { apply(true); }, 0); });
  more.querySelector("button").addEventListener("click", showMore);
  window.addEventListener("hashchange", function () {
    if (!facets) return;
    fromAddress();
    apply(false);
  });

  load("facets.js").then(function () {
    fillMenus();
    fromAddress();
    form.hidden = false;
    if (Object.keys(fromForm()).length > 0) apply(false);
  }, function () {
    status.textContent = form.getAttribute("data-failed");
  });
})();
