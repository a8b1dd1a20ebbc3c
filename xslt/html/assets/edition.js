/* edition.js — progressive enhancement of the reading edition (no dependencies, no inline code):
   note popovers (keyboard and screen reader), entity cards, register table filter/sort, Pagefind search.
   Everything it enhances also works without it: notes are links, cards are register links. */
(function () {
  "use strict";
  var SCRIPT_URL = document.currentScript ? document.currentScript.src : location.href;
  document.documentElement.classList.add("js");

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text) e.textContent = text;
    return e;
  }
  function place(box, anchor) {
    var r = anchor.getBoundingClientRect();
    var left = Math.max(8, Math.min(window.scrollX + r.left, window.scrollX + document.documentElement.clientWidth - box.offsetWidth - 8));
    box.style.left = left + "px";
    box.style.top = (window.scrollY + r.bottom + 6) + "px";
  }

  /* ---- note popovers ---- */
  var popover = null, popoverRef = null;
  function closePopover(restoreFocus) {
    if (!popover) return;
    popover.remove();
    popover = null;
    if (restoreFocus && popoverRef) popoverRef.focus();
    if (popoverRef) popoverRef.setAttribute("aria-expanded", "false");
    popoverRef = null;
  }
  function openPopover(ref) {
    var note = document.getElementById(ref.getAttribute("data-note"));
    if (!note) return false;
    closePopover(false);
    var label = (ref.textContent || "").trim();
    popover = el("div", { "class": "note-popover", role: "dialog", "aria-labelledby": "note-popover-title", tabindex: "-1", id: "note-popover" });
    var close = el("button", { type: "button", "class": "popover-close" }, "Close");
    close.addEventListener("click", function () { closePopover(true); });
    popover.appendChild(close);
    popover.appendChild(el("h2", { id: "note-popover-title" }, label));
    var body = note.querySelector(".note-body");
    var content = (body || note).cloneNode(true);
    content.querySelectorAll("[id]").forEach(function (n) { n.removeAttribute("id"); });
    popover.appendChild(content);
    var more = el("a", { href: "#" + note.id }, "Go to the note in the list of notes");
    popover.appendChild(el("p")).appendChild(more);
    more.addEventListener("click", function () { closePopover(false); });
    document.body.appendChild(popover);
    place(popover, ref);
    popoverRef = ref;
    ref.setAttribute("aria-expanded", "true");
    popover.focus();
    return true;
  }
  document.addEventListener("click", function (ev) {
    var ref = ev.target.closest && ev.target.closest("a.noteref");
    if (ref) {
      if (openPopover(ref)) ev.preventDefault();
      return;
    }
    if (popover && !popover.contains(ev.target) && !(ev.target.closest && ev.target.closest(".cite-btn"))) closePopover(false);
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") {
      if (popover) { closePopover(true); ev.preventDefault(); }
      hideCard();
    }
  });
  document.querySelectorAll("a.noteref").forEach(function (a) {
    a.setAttribute("aria-haspopup", "dialog");
    a.setAttribute("aria-expanded", "false");
  });

  /* ---- "cite this paragraph" ---- */
  function openCitation(button, para, article) {
    closePopover(false);
    var n = button.getAttribute("data-n");
    var url = (article.getAttribute("data-cite-url") || location.href.split("#")[0]) + "#" + para.id;
    if (!/^https?:/.test(url)) url = new URL(url, location.href).href;
    var text = [article.getAttribute("data-cite-before"), "¶ " + n + ".", article.getAttribute("data-cite-after"), url].join(" ");
    popover = el("div", { "class": "note-popover cite-popover", role: "dialog", "aria-labelledby": "note-popover-title", tabindex: "-1", id: "note-popover" });
    var close = el("button", { type: "button", "class": "popover-close" }, "Close");
    close.addEventListener("click", function () { closePopover(true); });
    popover.appendChild(close);
    popover.appendChild(el("h2", { id: "note-popover-title" }, "Cite paragraph " + n));
    popover.appendChild(el("p", { "class": "citation" }, text));
    var copy = el("button", { type: "button", "class": "copy" }, "Copy citation");
    var done = el("span", { role: "status", "class": "copy-status" });
    copy.addEventListener("click", function () {
      var ok = function () { done.textContent = " Copied."; };
      if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(text).then(ok, function () { done.textContent = " Select the text to copy it."; });
      else done.textContent = " Select the text to copy it.";
    });
    popover.appendChild(el("p")).appendChild(copy).parentNode.appendChild(done);
    document.body.appendChild(popover);
    place(popover, button);
    popoverRef = button;
    button.setAttribute("aria-expanded", "true");
    popover.focus();
  }
  document.querySelectorAll("article.text[data-cite-before]").forEach(function (article) {
    article.querySelectorAll(".para > a.pnum").forEach(function (pnum) {
      var para = pnum.parentNode, n = pnum.getAttribute("data-n");
      var b = el("button", { type: "button", "class": "cite-btn ui", "data-n": n, "aria-haspopup": "dialog", "aria-expanded": "false", "data-pagefind-ignore": "all" }, "Cite");
      b.appendChild(el("span", { "class": "vh" }, " paragraph " + n));
      b.addEventListener("click", function () { openCitation(b, para, article); });
      pnum.insertAdjacentElement("afterend", b);
    });
  });

  /* ---- entity cards ---- */
  var card = null, cardFor = null, hideTimer = null;
  function hideCard() {
    if (card) { card.remove(); card = null; cardFor = null; }
  }
  function showCard(link) {
    clearTimeout(hideTimer);
    if (cardFor === link) return;
    var src = document.getElementById(link.getAttribute("data-card"));
    if (!src) return;
    hideCard();
    card = el("div", { "class": "entity-card", role: "tooltip", id: "entity-card" });
    Array.prototype.forEach.call(src.childNodes, function (n) { card.appendChild(n.cloneNode(true)); });
    card.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
    card.addEventListener("mouseleave", function () { hideTimer = setTimeout(hideCard, 300); });
    // right after the mention in the DOM, so that Tab moves from the name into the card's link
    link.insertAdjacentElement("afterend", card);
    cardFor = link;
    placeCard();
  }
  function placeCard() {  // the card is position: fixed, under its mention
    if (!card) return;
    var r = cardFor.getBoundingClientRect();
    card.style.left = Math.max(8, Math.min(r.left, document.documentElement.clientWidth - card.offsetWidth - 8)) + "px";
    var below = r.bottom + 6, above = r.top - card.offsetHeight - 6;
    var fits = below + card.offsetHeight <= document.documentElement.clientHeight;
    card.style.top = (fits || above < 0 ? below : above) + "px";
  }
  document.addEventListener("mouseover", function (ev) {
    var link = ev.target.closest && ev.target.closest("a.ent[data-card]");
    if (link) showCard(link);
  });
  document.addEventListener("mouseout", function (ev) {
    var link = ev.target.closest && ev.target.closest("a.ent[data-card]");
    if (link) hideTimer = setTimeout(hideCard, 400);
  });
  document.addEventListener("focusin", function (ev) {
    var link = ev.target.closest && ev.target.closest("a.ent[data-card]");
    if (link) showCard(link);
    else if (card && !card.contains(ev.target)) hideCard();
  });
  window.addEventListener("scroll", placeCard, { passive: true });
  window.addEventListener("resize", placeCard);
  document.querySelectorAll("a.ent[data-card]").forEach(function (a) {
    a.setAttribute("aria-describedby", a.getAttribute("data-card"));
  });

  /* ---- register index: filter and sort ---- */
  document.querySelectorAll("[data-filterable] table").forEach(function (table) {
    var tbody = table.tBodies[0];
    var rows = Array.prototype.slice.call(tbody.rows);
    var tools = el("div", { "class": "register-tools" });
    var label = el("label", { "for": "register-filter" }, "Filter entries: ");
    var input = el("input", { type: "search", id: "register-filter" });
    var count = el("span", { "aria-live": "polite", "class": "register-count" });
    tools.appendChild(label); tools.appendChild(input); tools.appendChild(count);
    table.parentNode.insertBefore(tools, table);
    function filter() {
      var q = input.value.trim().toLowerCase(), n = 0;
      rows.forEach(function (r) { var hit = !q || r.textContent.toLowerCase().indexOf(q) >= 0; r.hidden = !hit; if (hit) n++; });
      count.textContent = " " + n + " of " + rows.length + " entries";
    }
    input.addEventListener("input", filter);
    filter();
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
      var b = el("button", { type: "button", "class": "sort" }, th.textContent);
      th.textContent = "";
      th.appendChild(b);
      th.setAttribute("aria-sort", "none");
      b.addEventListener("click", function () {
        var asc = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(table.tHead.rows[0].cells, function (c) { c.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var num = th.classList.contains("num");
        rows.sort(function (a, b2) {
          var x = a.cells[col].textContent.trim(), y = b2.cells[col].textContent.trim();
          var d = num ? (parseFloat(x) || 0) - (parseFloat(y) || 0) : x.localeCompare(y);
          return asc ? d : -d;
        });
        rows.forEach(function (r) { tbody.appendChild(r); });
      });
    });
  });

  /* ---- search (Pagefind) ---- */
  var input = document.getElementById("search-input");
  if (input) initSearch(input);

  function safeExcerpt(html) {
    var frag = document.createDocumentFragment();
    var doc = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html");
    (function walk(node, into) {
      node.childNodes.forEach(function (n) {
        if (n.nodeType === 3) into.appendChild(document.createTextNode(n.nodeValue));
        else if (n.nodeType === 1 && n.tagName === "MARK") walk(n, into.appendChild(document.createElement("mark")));
        else if (n.nodeType === 1) walk(n, into);
      });
    })(doc.body.firstChild || doc.body, frag);
    return frag;
  }

  function initSearch(input) {
    var status = document.getElementById("search-status");
    var list = document.getElementById("search-results");
    var filtersBox = document.getElementById("search-filters");
    var form = input.form;
    var siteRoot = new URL("..", SCRIPT_URL);
    var pagefind = null, seq = 0;
    var FILTER_LABELS = { text: "Text", person: "Person", place: "Place" };

    function selected() {
      var out = {};
      filtersBox.querySelectorAll("input:checked").forEach(function (c) {
        var k = c.getAttribute("data-filter");
        (out[k] = out[k] || { any: [] }).any.push(c.value);
      });
      return out;
    }
    function run() {
      if (!pagefind) return;
      var my = ++seq, q = input.value.trim(), filters = selected();
      if (!q && !Object.keys(filters).length) { list.textContent = ""; status.textContent = ""; return; }
      pagefind.search(q || null, { filters: filters }).then(function (res) {
        if (my !== seq) return null;
        status.textContent = res.results.length + (res.results.length === 1 ? " result" : " results");
        return Promise.all(res.results.slice(0, 25).map(function (r) { return r.data(); }));
      }).then(function (datas) {
        if (!datas || my !== seq) return;
        list.textContent = "";
        datas.forEach(function (d) {
          var li = el("li");
          var a = el("a", { href: d.url }, (d.meta && d.meta.title) || d.url);
          li.appendChild(el("p")).appendChild(a);
          li.appendChild(el("p", { "class": "excerpt" })).appendChild(safeExcerpt(d.excerpt || ""));
          list.appendChild(li);
        });
      });
    }
    var timer = null;
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 200); });
    form.addEventListener("submit", function (ev) { ev.preventDefault(); run(); });
    status.textContent = "Loading the search index…";
    import(new URL("pagefind/pagefind.js", siteRoot).href).then(function (pf) {
      pagefind = pf;
      return pf.options({ baseUrl: siteRoot.pathname }).then(function () {
        // a large edition's index comes in shards (pagefind-1/, …, listed in pagefind/shards.json)
        return fetch(new URL("pagefind/shards.json", siteRoot).href).then(function (r) {
          return r.ok ? r.json() : [];
        }, function () { return []; });
      }).then(function (shards) {
        return Promise.all(shards.map(function (s) {
          return pf.mergeIndex(new URL(s, siteRoot).href, { baseUrl: siteRoot.pathname });
        }));
      }).then(function () { return pf.filters(); });
    }).then(function (all) {
      Object.keys(FILTER_LABELS).forEach(function (key) {
        var values = all[key];
        if (!values || !Object.keys(values).length) return;
        var fs = el("fieldset", { "class": "filter-" + key });
        fs.appendChild(el("legend", null, FILTER_LABELS[key]));
        Object.keys(values).sort().forEach(function (v, i) {
          var id = "filter-" + key + "-" + i;
          var lab = el("label", { "for": id });
          var box = el("input", { type: "checkbox", id: id, value: v, "data-filter": key });
          box.addEventListener("change", run);
          lab.appendChild(box);
          lab.appendChild(document.createTextNode(" " + v + " (" + values[v] + ")"));
          fs.appendChild(lab);
        });
        filtersBox.appendChild(fs);
      });
      status.textContent = "";
      var q = new URLSearchParams(location.search).get("q");
      if (q) { input.value = q; }
      run();
    }).catch(function () {
      status.textContent = "The search index is not available (build the site with the search enabled).";
    });
  }
})();
