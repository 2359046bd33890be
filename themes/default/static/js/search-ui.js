/*
 * pmo-portal site search — the UI of the default theme, built on the PmoSearch API of
 * search.js (loaded first): the header search box (results as you type, ↑ ↓ Enter Esc,
 * `/` to focus) and the results page (`search/index.html`, ?q=…&kind=…), whose facet
 * chips arrive after its first results. Strings come from data-* attributes the
 * templates fill in the site's language.
 */
(function (global) {
  'use strict';

  var doc = global.document;
  var PmoSearch = global.PmoSearch;
  if (!doc || !doc.addEventListener || !PmoSearch) return;
  var FACETS = PmoSearch.facetNames;
  var escapeHtml = PmoSearch.escapeHtml;
  var tokenize = PmoSearch.tokenize;

  function startUi(S) {
    var header = doc.querySelector('form.site-search');
    if (header) headerBox(S, header);
    var page = doc.getElementById('search-app');
    if (page) resultsPage(S, page);
    // `/` focuses the search box unless the user is typing somewhere.
    doc.addEventListener('keydown', function (ev) {
      if (ev.key !== '/' || ev.ctrlKey || ev.metaKey || ev.altKey || ev.defaultPrevented) return;
      var t = ev.target;
      var tag = t && t.tagName ? t.tagName.toLowerCase() : '';
      if (tag === 'input' || tag === 'textarea' || tag === 'select' || (t && t.isContentEditable)) return;
      var box = doc.getElementById('search-page-q') || doc.getElementById('site-search-q');
      if (box) { ev.preventDefault(); box.focus(); box.select(); }
    });
  }

  function fmt(template, values) {
    return String(template || '').replace(/\{(\w+)\}/g, function (m, k) { return values[k] !== undefined ? values[k] : m; });
  }

  function countText(el, total) {
    var one = el.getAttribute('data-count-one');
    var other = el.getAttribute('data-count-other');
    return fmt(total === 1 && one ? one : other, { count: total });
  }

  /**
   * What the results say of the query itself: searched in simplified characters, and
   * widened to synonyms, or relaxed to fewer words (`el` holds the wording, from the theme's
   * i18n); '' for none.
   */
  function aboutQuery(el, res, query) {
    var notes = [];
    if (res.relaxed && res.total) {
      var said = res.fillers ? 'data-relaxed-fillers' : 'data-relaxed';
      notes.push(fmt(el.getAttribute(said), { query: query, relaxed: res.relaxed }));
    }
    if (res.folded && res.total) notes.push(fmt(el.getAttribute('data-folded'), { query: res.folded }));
    if (res.asDate && res.total) notes.push(fmt(el.getAttribute('data-as-date'), { date: res.asDate }));
    if (res.widened && res.widened.length) {
      notes.push(fmt(el.getAttribute('data-widened'), { words: res.widened.join(el.getAttribute('data-list-sep') || ', ') }));
    }
    return notes.join(' · ');
  }

  function resultsUrl(q) {
    var page = PmoSearch.base() + (global.location && global.location.protocol === 'file:' ? 'index.html' : '');
    return page + (q ? '?q=' + encodeURIComponent(q) : '');
  }

  function debounce(fn, ms) {
    var t = null;
    return function () {
      var args = arguments;
      clearTimeout(t);
      t = setTimeout(function () { fn.apply(null, args); }, ms);
    };
  }

  function headerBox(S, form) {
    var input = form.querySelector('input[name=q]');
    var list = form.querySelector('.site-search-results');
    var status = form.querySelector('.site-search-status');
    if (!input || !list) return;
    var items = [];
    var active = -1;
    var seq = 0;
    var lastQuery = null;

    function close() {
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
      active = -1;
    }
    function open() {
      if (!list.children.length) return;
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
    }
    function setActive(i) {
      if (!items.length) return;
      if (i < -1) i = items.length - 1;
      if (i >= items.length) i = -1;
      active = i;
      items.forEach(function (li, j) { li.setAttribute('aria-selected', j === i ? 'true' : 'false'); });
      if (i >= 0) {
        input.setAttribute('aria-activedescendant', items[i].id);
        if (items[i].scrollIntoView) items[i].scrollIntoView({ block: 'nearest' });
      } else {
        input.removeAttribute('aria-activedescendant');
      }
    }
    function render(q, res) {
      list.innerHTML = '';
      items = [];
      active = -1;
      res.results.forEach(function (r, i) {
        var li = doc.createElement('li');
        li.id = 'site-search-opt-' + i;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', 'false');
        li.className = 'site-search-item';
        li.innerHTML = '<a href="' + escapeHtml(S.href(r.url)) + '" tabindex="-1">' +
          '<span class="site-search-title">' + escapeHtml(r.title) + '</span>' +
          '<span class="site-search-kind badge">' + escapeHtml(r.kindLabel || r.kind) + '</span>' +
          '<span class="site-search-excerpt">' + r.excerpt + '</span></a>';
        li.addEventListener('mousedown', function (ev) { ev.preventDefault(); });
        li.addEventListener('click', function (ev) {
          if (ev.target.closest && ev.target.closest('a')) return;
          global.location.href = S.href(r.url);
        });
        list.appendChild(li);
        items.push(li);
      });
      if (res.total > res.results.length) {
        var more = doc.createElement('li');
        more.id = 'site-search-opt-all';
        more.setAttribute('role', 'option');
        more.setAttribute('aria-selected', 'false');
        more.className = 'site-search-all';
        more.innerHTML = '<a href="' + escapeHtml(resultsUrl(q)) + '" tabindex="-1">' +
          escapeHtml(fmt(form.getAttribute('data-see-all'), { count: res.total })) + '</a>';
        more.addEventListener('mousedown', function (ev) { ev.preventDefault(); });
        list.appendChild(more);
        items.push(more);
      }
      // Said after the results, so the first option stays the first row.
      var notes = aboutQuery(form, res, q);
      if (notes) {
        var note = doc.createElement('li');
        note.className = 'site-search-none';
        note.setAttribute('role', 'presentation');
        note.textContent = notes;
        list.appendChild(note);
      }
      if (!res.total) {
        var none = doc.createElement('li');
        none.className = 'site-search-none';
        none.setAttribute('role', 'presentation');
        none.textContent = form.getAttribute('data-no-results') || '';
        list.appendChild(none);
      }
      if (status) {
        status.textContent = res.total ? countText(form, res.total) : (form.getAttribute('data-no-results') || '');
        if (notes) status.textContent += ' · ' + notes;
      }
      open();
    }
    var run = debounce(function () {
      var q = input.value;
      if (q === lastQuery) { open(); return; }
      lastQuery = q;
      var mine = ++seq;
      if (!tokenize(q).length) { list.innerHTML = ''; items = []; close(); if (status) status.textContent = ''; return; }
      S.search(q, { limit: 8, facets: false }).then(function (res) {
        if (mine !== seq) return;
        render(q, res);
      }, function (err) {
        if (mine !== seq) return;
        list.innerHTML = '';
        var li = doc.createElement('li');
        li.className = 'site-search-none';
        li.textContent = form.getAttribute('data-error') || String(err);
        list.appendChild(li);
        items = [];
        open();
        if (global.console) console.warn(err);
      });
    }, 150);

    input.addEventListener('input', run);
    input.addEventListener('focus', function () {
      // Typing takes longer than loading meta: the first query then waits one round less.
      S.warm();
      if (input.value && list.children.length) open();
    });
    input.addEventListener('blur', function () { setTimeout(close, 100); });
    input.addEventListener('keydown', function (ev) {
      if (ev.key === 'ArrowDown' || ev.key === 'Down') {
        ev.preventDefault();
        if (list.hidden) { open(); if (!list.hidden) setActive(0); } else setActive(active + 1);
      } else if (ev.key === 'ArrowUp' || ev.key === 'Up') {
        ev.preventDefault();
        if (!list.hidden) setActive(active - 1);
      } else if (ev.key === 'Escape' || ev.key === 'Esc') {
        if (!list.hidden) { ev.preventDefault(); close(); } else if (input.value) { input.value = ''; lastQuery = null; }
      } else if (ev.key === 'Enter') {
        if (!list.hidden && active >= 0 && items[active]) {
          ev.preventDefault();
          var a = items[active].querySelector('a');
          if (a) global.location.href = a.href;
        }
      }
    });
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      global.location.href = resultsUrl(input.value.trim());
    });
    doc.addEventListener('click', function (ev) { if (!form.contains(ev.target)) close(); });
  }

  // ------------------------------------------------------------ results page

  function readParams() {
    var params = { q: '', filters: {} };
    var s = (global.location && global.location.search || '').replace(/^\?/, '');
    if (!s) return params;
    s.split('&').forEach(function (pair) {
      if (!pair) return;
      var i = pair.indexOf('=');
      var k = decodeURIComponent((i < 0 ? pair : pair.slice(0, i)).replace(/\+/g, ' '));
      var v = i < 0 ? '' : decodeURIComponent(pair.slice(i + 1).replace(/\+/g, ' '));
      if (k === 'q') params.q = v;
      else if (FACETS.indexOf(k) >= 0 && v) (params.filters[k] = params.filters[k] || []).push(v);
    });
    return params;
  }

  function queryString(params) {
    var parts = [];
    if (params.q) parts.push('q=' + encodeURIComponent(params.q));
    FACETS.forEach(function (name) {
      (params.filters[name] || []).forEach(function (v) { parts.push(name + '=' + encodeURIComponent(v)); });
    });
    return parts.length ? '?' + parts.join('&') : '';
  }

  function resultsPage(S, app) {
    var form = doc.getElementById('search-page-form');
    var input = doc.getElementById('search-page-q');
    var count = doc.getElementById('search-count');
    var facetsEl = doc.getElementById('search-facets');
    var listEl = doc.getElementById('search-results');
    var more = doc.getElementById('search-more');
    var pageSize = 20;
    // Results given their excerpt with the page: about what a first screen shows. The
    // others come with their title and get their excerpt as they scroll near, so a first
    // query loads their rows only (a few hundred bytes each, where the text is a KB).
    var firstScreen = 8;
    var nearView = typeof global.IntersectionObserver === 'function'
      ? new global.IntersectionObserver(function (entries) {
        entries.forEach(function (e) {
          if (e.isIntersecting) { nearView.unobserve(e.target); fillExcerpt(e.target); }
        });
      }, { rootMargin: '400px 0px' })
      : null;
    var laters = [];  // per result element waiting for its excerpt: [element, later]
    var listed = 0;   // the list's generation: a new query's list drops late excerpts

    /** Loads the excerpt of a result shown without one, once. */
    function fillExcerpt(li) {
      for (var i = 0; i < laters.length; i++) {
        if (laters[i][0] !== li) continue;
        var later = laters.splice(i, 1)[0][1];
        var mine = listed;
        later().then(function (html) {
          var p = li.querySelector('.search-result-excerpt');
          if (mine === listed && p) p.innerHTML = html;
        }, function () {});
        return;
      }
    }
    var params = readParams();
    var shown = 0;
    var seq = 0;
    app.hidden = false;
    if (input) input.value = params.q;

    function updateUrl(push) {
      try {
        var url = global.location.pathname + queryString(params);
        if (push) global.history.pushState(null, '', url); else global.history.replaceState(null, '', url);
      } catch (e) { /* file:// may refuse; the page still works */ }
      var h = doc.querySelector('.doc-search h1');
      if (h && params.q) doc.title = params.q + ' · ' + (app.getAttribute('data-title') || h.textContent);
    }

    function facetName(name) { return app.getAttribute('data-facet-' + name) || name; }

    // Values shown of each facet before "N more".
    var FACET_SHOWN = 8;

    function renderFacets(facets) {
      facetsEl.innerHTML = '';
      var any = false;
      FACETS.forEach(function (name) {
        var vals = facets[name];
        if (!vals || !vals.length) return;
        any = true;
        var group = doc.createElement('div');
        group.className = 'facet facet-' + name;
        group.setAttribute('role', 'group');
        var label = doc.createElement('span');
        label.className = 'facet-name';
        label.id = 'facet-label-' + name;
        label.textContent = facetName(name);
        group.setAttribute('aria-labelledby', label.id);
        group.appendChild(label);
        var shown = 0, hidden = [];
        vals.forEach(function (v) {
          var b = doc.createElement('button');
          b.type = 'button';
          b.className = 'chip' + (v.selected ? ' chip-on' : '');
          b.setAttribute('aria-pressed', v.selected ? 'true' : 'false');
          b.innerHTML = escapeHtml(v.label) + ' <span class="chip-count">' + v.count + '</span>';
          b.addEventListener('click', function () {
            var cur = params.filters[name] || [];
            var i = cur.indexOf(v.value);
            if (i >= 0) cur.splice(i, 1); else cur.push(v.value);
            if (cur.length) params.filters[name] = cur; else delete params.filters[name];
            updateUrl(false);
            run(true, function () {
              var again = facetsEl.querySelectorAll('.facet-' + name + ' .chip');
              for (var k = 0; k < again.length; k++) {
                if (again[k].textContent.indexOf(v.label) === 0) { again[k].focus(); break; }
              }
            });
          });
          // A group of dozens of tags would push every result below the first screen
          // of a phone: past the first few (the most frequent), values wait behind
          // "N more", except those already chosen.
          if (shown >= FACET_SHOWN && !v.selected) { b.hidden = true; hidden.push(b); } else shown++;
          group.appendChild(b);
        });
        if (hidden.length) {
          var more = doc.createElement('button');
          more.type = 'button';
          more.className = 'chip chip-more';
          more.textContent = (app.getAttribute('data-facet-more') || '+{count}').replace('{count}', hidden.length);
          more.addEventListener('click', function () {
            hidden.forEach(function (h) { h.hidden = false; });
            more.remove();
            if (hidden[0]) hidden[0].focus();
          });
          group.appendChild(more);
        }
        facetsEl.appendChild(group);
      });
      var activeCount = Object.keys(params.filters).length;
      if (activeCount) {
        var clear = doc.createElement('button');
        clear.type = 'button';
        clear.className = 'chip chip-clear';
        clear.textContent = app.getAttribute('data-clear') || '×';
        clear.addEventListener('click', function () { params.filters = {}; updateUrl(false); run(true); });
        facetsEl.appendChild(clear);
      }
      facetsEl.hidden = !any;
    }

    function renderResults(results, append) {
      if (!append) {
        listEl.innerHTML = '';
        listed++;
        laters = [];
        if (nearView) nearView.disconnect();
      }
      results.forEach(function (r) {
        var li = doc.createElement('li');
        li.className = 'search-result';
        li.innerHTML = '<h2 class="search-result-title"><a href="' + escapeHtml(S.href(r.url)) + '">' + escapeHtml(r.title) + '</a></h2>' +
          '<p class="search-result-meta"><span class="badge kind kind-' + escapeHtml(r.kind) + '">' + escapeHtml(r.kindLabel || r.kind) + '</span>' +
          (r.date ? ' <time datetime="' + escapeHtml(r.date) + '">' + escapeHtml(r.dateShown || r.date) + '</time>' : '') + '</p>' +
          '<p class="search-result-excerpt">' + r.excerpt + '</p>';
        listEl.appendChild(li);
        if (r.later) {
          laters.push([li, r.later]);
          if (nearView) nearView.observe(li);
          else fillExcerpt(li);
        }
      });
    }

    function run(fresh, then) {
      var mine = ++seq;
      if (fresh) shown = 0;
      if (!tokenize(params.q).length) {
        count.textContent = params.q ? (app.getAttribute('data-no-results') || '') : (app.getAttribute('data-empty') || '');
        listEl.innerHTML = ''; facetsEl.innerHTML = ''; more.hidden = true;
        return;
      }
      app.setAttribute('aria-busy', 'true');
      function failed(err) {
        if (mine !== seq) return;
        app.removeAttribute('aria-busy');
        count.textContent = app.getAttribute('data-error') || String(err);
        if (global.console) console.warn(err);
      }
      // Without filters the results need no facet files: show them first, then load the
      // facets (the larger download) and add their chips.
      var facetsLater = fresh && !Object.keys(params.filters).length;
      var options = { filters: params.filters, limit: pageSize, offset: shown, facets: !facetsLater, excerpts: firstScreen };
      S.search(params.q, options).then(function (res) {
        if (mine !== seq) return;
        count.textContent = res.total ? countText(app, res.total) : (app.getAttribute('data-no-results') || '');
        var notes = aboutQuery(app, res, params.q);
        if (notes) count.textContent += ' · ' + notes;
        if (!facetsLater) renderFacets(res.facets);
        renderResults(res.results, shown > 0);
        shown += res.results.length;
        more.hidden = shown >= res.total;
        if (!facetsLater || !res.total) {
          if (facetsLater) renderFacets({});
          app.removeAttribute('aria-busy');
          if (then) then();
          return;
        }
        S.search(params.q, { filters: params.filters, limit: 0, excerpts: false }).then(function (all) {
          if (mine !== seq) return;
          app.removeAttribute('aria-busy');
          renderFacets(all.facets);
          if (then) then();
        }, failed);
      }, failed);
    }

    if (form) {
      form.addEventListener('submit', function (ev) {
        ev.preventDefault();
        params.q = input.value.trim();
        updateUrl(true);
        run(true);
      });
    }
    more.addEventListener('click', function () {
      var first = listEl.children.length;
      run(false, function () {
        var next = listEl.children[first];
        var a = next && next.querySelector('a');
        if (a) a.focus();
      });
    });
    global.addEventListener('popstate', function () {
      params = readParams();
      if (input) input.value = params.q;
      run(true);
    });
    run(true);
  }

  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', function () { startUi(PmoSearch); });
  else startUi(PmoSearch);
})(typeof window !== 'undefined' ? window : this);
