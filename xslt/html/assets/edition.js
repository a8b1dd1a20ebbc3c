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
    hideCard();
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
    hideCard();
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
    if (!article.getAttribute("data-cite-url")) {
      popover.appendChild(el("p", { "class": "cite-note" },
        "The edition has no permanent address yet: this is the address at which you are reading it."));
    }
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
    document.body.classList.remove("card-open");
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
    document.body.classList.add("card-open");
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
          var x = a.cells[col].getAttribute("data-sort") || a.cells[col].textContent.trim();
          var y = b2.cells[col].getAttribute("data-sort") || b2.cells[col].textContent.trim();
          var d = num ? (parseFloat(x) || 0) - (parseFloat(y) || 0) : x.localeCompare(y, "en", { sensitivity: "base" });
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
    var pagefind = null, seq = 0, totals = {}, superseded = [], uncount = {};
    /* The filters of a search: those checked, and none of the records a delta index supersedes (the older
       records of its pages carry the page as the hidden filter "page", publish/search_shards.py). */
    function current(filters) {
      if (superseded.length) filters.not = { page: { any: superseded } };
      return filters;
    }
    var FILTER_LABELS = { text: "Text", person: "Person", place: "Place", year: "Year" };

    function selected() {
      var out = {};
      filtersBox.querySelectorAll("input:checked").forEach(function (c) {
        var k = c.getAttribute("data-filter");
        (out[k] = out[k] || { any: [] }).any.push(c.value);
      });
      return out;
    }
    /* The count beside each facet value: passages matching the current search (all passages without one). */
    function showCounts(counts) {
      filtersBox.querySelectorAll("input[data-filter]").forEach(function (box) {
        var k = box.getAttribute("data-filter"), n = (counts[k] || {})[box.value] || 0;
        var lab = box.parentNode;
        lab.querySelector(".count").textContent = "(" + n + ")";
        lab.classList.toggle("empty", n === 0 && !box.checked);
      });
    }
    /* The passage's address with the words to highlight on arrival (?hl=…#passage). */
    function passageHref(d, terms) {
      var href = (d.meta && d.meta.href) || d.url;
      var hash = href.indexOf("#") >= 0 ? href.slice(href.indexOf("#")) : "";
      var path = hash ? href.slice(0, href.indexOf("#")) : href;
      var url = /^\//.test(path) ? new URL(path, location.origin) : new URL(path, siteRoot);
      if (terms.length) url.searchParams.set("hl", terms.join(" "));
      return url.pathname.replace(siteRoot.pathname, "") + url.search + hash;
    }
    function run() {
      if (!pagefind) return;
      var my = ++seq, q = input.value.trim(), filters = selected();
      if (!q && !Object.keys(filters).length) { list.textContent = ""; status.textContent = ""; showCounts(totals); return; }
      var terms = q.split(/\s+/).filter(function (t) { return t.length > 1; });
      var found = null;
      pagefind.search(q || null, { filters: current(filters) }).then(function (res) {
        if (my !== seq) return null;
        found = res;
        showCounts(res.filters || {});
        return Promise.all(res.results.slice(0, 30).map(function (r) { return r.data(); }));
      }).then(function (datas) {
        if (!datas || my !== seq) return;
        list.textContent = "";
        status.textContent = found.results.length + (found.results.length === 1 ? " result" : " results");
        datas.forEach(function (d) {
          var li = el("li");
          var a = el("a", { href: passageHref(d, terms) }, (d.meta && d.meta.title) || d.url);
          li.appendChild(el("p", { "class": "hit-title" })).appendChild(a);
          li.appendChild(el("p", { "class": "excerpt" })).appendChild(safeExcerpt(d.excerpt || ""));
          list.appendChild(li);
        });
        if (found.results.length > 30) list.appendChild(el("li", { "class": "more" }, "The first 30 of " + found.results.length + " results; refine the search or narrow it by the filters."));
      });
    }
    var timer = null;
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 200); });
    form.addEventListener("submit", function (ev) { ev.preventDefault(); run(); });
    status.textContent = "Loading the search index…";
    import(new URL("pagefind/pagefind.js", siteRoot).href).then(function (pf) {
      pagefind = pf;
      return pf.options({ baseUrl: siteRoot.pathname }).then(function () {
        // a large edition's index comes in shards (pagefind-1/, …), edited pages in a delta index: pagefind/shards.json
        return fetch(new URL("pagefind/shards.json", siteRoot).href).then(function (r) {
          return r.ok ? r.json() : {};
        }, function () { return {}; });
      }).then(function (listed) {
        var more = (listed.shards || []).slice();
        if (listed.delta) { more.push(listed.delta.index); superseded = listed.delta.supersedes || []; uncount = listed.delta.uncount || {}; }
        return Promise.all(more.map(function (s) {
          return pf.mergeIndex(new URL(s, siteRoot).href, { baseUrl: siteRoot.pathname });
        }));
      }).then(function () {
        // the counts of all passages: Pagefind's, less those of the superseded records (a search without words
        // would load every index chunk of every index)
        return pf.filters().then(function (all) {
          Object.keys(uncount).forEach(function (k) {
            Object.keys(uncount[k]).forEach(function (v) {
              if (all[k] && v in all[k]) all[k][v] -= uncount[k][v];
              if (all[k] && all[k][v] <= 0) delete all[k][v];
            });
          });
          return all;
        });
      });
    }).then(function (all) {
      totals = all;
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
          lab.appendChild(document.createTextNode(" " + v + " "));
          lab.appendChild(el("span", { "class": "count" }));
          fs.appendChild(lab);
        });
        filtersBox.appendChild(fs);
      });
      showCounts(totals);
      status.textContent = "";
      var q = new URLSearchParams(location.search).get("q");
      if (q) { input.value = q; }
      run();
    }).catch(function () {
      status.textContent = "The search index is not available (build the site with the search enabled).";
    });
  }

  /* ---- fewer tab stops: within a paragraph, Tab reaches its first name, correction or note call and the
     arrow keys (← →, Home, End) move among the others (roving focus); a paragraph's permalink number is
     left to the mouse (its "Cite" button gives the same address). ---- */
  document.querySelectorAll(".para > a.pnum").forEach(function (a) { a.setAttribute("tabindex", "-1"); });
  document.querySelectorAll(".para > p, .para > div, .argument").forEach(function (block) {
    var items = Array.prototype.slice.call(block.querySelectorAll("a.ent, .choice[tabindex], a.noteref, a.quote-ref, a.diff-ref"))
      .filter(function (e) { return !e.closest(".ui:not(.noteref):not(.quote-ref)") || e.matches("a.noteref, a.quote-ref"); });
    if (items.length < 2) return;
    items.forEach(function (e, i) { e.setAttribute("tabindex", i === 0 ? "0" : "-1"); });
    block.addEventListener("keydown", function (ev) {
      var i = items.indexOf(document.activeElement);
      if (i < 0) return;
      var j = ev.key === "ArrowRight" || ev.key === "ArrowDown" ? i + 1 : ev.key === "ArrowLeft" || ev.key === "ArrowUp" ? i - 1
            : ev.key === "Home" ? 0 : ev.key === "End" ? items.length - 1 : -1;
      if (j < 0 || j >= items.length || (ev.key !== "Home" && ev.key !== "End" && j === i)) return;
      ev.preventDefault();
      items[i].setAttribute("tabindex", "-1");
      items[j].setAttribute("tabindex", "0");
      items[j].focus();
    });
  });

  /* ---- reading options: closed on a phone; speaker highlight ---- */
  var options = document.getElementById("reading-options");
  if (options && !window.matchMedia("(min-width: 40rem)").matches) options.open = false;  // a phone: the text first
  var speaker = document.getElementById("speaker-select");
  if (speaker) speaker.addEventListener("change", function () {
    var v = speaker.value;
    document.querySelectorAll(".said[data-who]").forEach(function (s) {
      s.classList.toggle("speaker-hl", v === "*" || (v !== "" && s.getAttribute("data-who").split(" ").indexOf(v) >= 0));
    });
  });

  /* ---- quoted words: in a source paragraph, the words another text quotes (class quoted, each piece a link
     to the quotation) and the words it leaves out or replaces between them (class quoted-gap). The pieces
     of the quotation (data-segments) are found in the paragraph's edited reading in order, ignoring case,
     punctuation and spacing. Arriving with ?quote=ID, that quotation's words are focused. ---- */
  function normIndex(root) {
    // the paragraph's visible text (edited reading) as a normalised string, and where each character came from
    var chars = [], map = [];
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: function (n) { return n.parentNode.closest(".ui, .alt-reading, .rdg-source, .quote-source, .quoted-in, .note-popover, .entity-card") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT; }
    });
    var space = true;
    while (walker.nextNode()) {
      var node = walker.currentNode, t = node.nodeValue;
      for (var i = 0; i < t.length; i++) {
        var c = t[i].toLowerCase();
        if (/[\p{L}\p{N}]/u.test(c)) { chars.push(c); map.push([node, i]); space = false; }
        else if (!space) { chars.push(" "); map.push([node, i]); space = true; }
      }
    }
    return { text: chars.join(""), map: map };
  }
  function norm(s) { return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim(); }
  function wrapRange(start, end, cls, attrs) {
    // wrap the characters between two map positions, text node by text node
    var marks = [], range = document.createRange();
    range.setStart(start[0], start[1]);
    range.setEnd(end[0], end[1] + 1);
    var nodes = [], walker = document.createTreeWalker(range.commonAncestorContainer.nodeType === 3 ? range.commonAncestorContainer.parentNode : range.commonAncestorContainer, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) if (range.intersectsNode(walker.currentNode)) nodes.push(walker.currentNode);
    nodes.forEach(function (n) {
      if (n.parentNode.closest(".ui, .alt-reading, .rdg-source")) return;
      var a = n === start[0] ? start[1] : 0, b = n === end[0] ? end[1] + 1 : n.nodeValue.length;
      if (b <= a || !n.nodeValue.slice(a, b).trim()) return;
      var target = n;
      if (a > 0) target = target.splitText(a);
      if (b - a < target.nodeValue.length) target.splitText(b - a);
      var m = el("mark", Object.assign({ "class": cls }, attrs));
      target.parentNode.replaceChild(m, target);
      m.appendChild(target);
      marks.push(m);
    });
    return marks;
  }
  function markQuoted(para, link) {
    var qid = link.getAttribute("data-quote"), segs = (link.getAttribute("data-segments") || "").split("|").map(norm).filter(Boolean);
    var idx = normIndex(para.querySelector(":scope > p, :scope > div") || para), from = 0, found = [];
    function find(s) {  // a piece not found whole (a changed word inside) is looked for in halves, down to 3 words
      var at = idx.text.indexOf(s, from);
      if (at >= 0) { found.push([at, at + s.length - 1]); from = at + s.length; return; }
      var words = s.split(" ");
      if (words.length < 6) return;
      var half = Math.floor(words.length / 2);
      find(words.slice(0, half).join(" "));
      find(words.slice(half).join(" "));
    }
    segs.forEach(find);
    if (!found.length) return [];
    var pieces = [];
    found.forEach(function (f, i) {
      if (i > 0 && f[0] - 1 > found[i - 1][1] + 1) pieces.push(["gap", found[i - 1][1] + 1, f[0] - 1]);
      pieces.push(["words", f[0], f[1]]);
    });
    var marks = [];
    pieces.reverse().forEach(function (p) {  // from the end, so that earlier positions stay valid
      var cls = p[0] === "words" ? "quoted" : "quoted-gap";
      marks = wrapRange(idx.map[p[1]], idx.map[p[2]], cls, { "data-quote": qid }).concat(marks);
    });
    marks.forEach(function (m) {
      m.setAttribute("title", m.classList.contains("quoted") ? "Quoted in " + link.textContent : "Left out or replaced in the quotation");
    });
    if (marks.length) marks[0].id = "quoted-" + qid + "-" + para.id;
    return marks;
  }
  (function () {
    var wanted = new URLSearchParams(location.search).get("quote");
    var first = null;
    document.querySelectorAll(".para").forEach(function (para) {
      var seen = {};
      para.querySelectorAll("a.quoted-in-link[data-quote]").forEach(function (link) {
        var qid = link.getAttribute("data-quote");
        if (seen[qid]) return;
        seen[qid] = true;
        var marks = markQuoted(para, link);
        if (qid === wanted && marks.length) {
          marks.forEach(function (m) { m.classList.add("quote-target"); });
          if (!first && (!location.hash || location.hash.slice(1) === para.id)) first = marks[0];
        }
      });
    });
    if (first) first.scrollIntoView({ block: "center" });
  })();

  /* ---- arriving from a search result: the passage marked, the words found highlighted ---- */
  (function highlightArrival() {
    var terms = (new URLSearchParams(location.search).get("hl") || "").toLowerCase().split(/\s+/).filter(function (t) { return t.length > 1; });
    var target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    if (!target || !terms.length) return;
    target.classList.add("search-target");
    var re = new RegExp("(^|[^\\p{L}\\p{N}])(" + terms.map(function (t) { return t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }).join("|") + ")[\\p{L}\\p{N}’']*", "giu");
    var walker = document.createTreeWalker(target, NodeFilter.SHOW_TEXT, {
      acceptNode: function (n) { return n.parentNode.closest(".ui, .alt-reading") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT; }
    });
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    nodes.forEach(function (node) {
      var text = node.nodeValue, last = 0, m, frag = null;
      re.lastIndex = 0;
      while ((m = re.exec(text))) {
        frag = frag || document.createDocumentFragment();
        var start = m.index + m[1].length;
        frag.appendChild(document.createTextNode(text.slice(last, start)));
        frag.appendChild(el("mark", { "class": "search-hit" }, m[0].slice(m[1].length)));
        last = m.index + m[0].length;
      }
      if (!frag) return;
      frag.appendChild(document.createTextNode(text.slice(last)));
      var choice = node.parentNode.closest(".rdg-source") && node.parentNode.closest(".choice");
      if (choice) choice.classList.add("search-hit");  // found in the transmitted reading: mark the word as read
      node.parentNode.replaceChild(frag, node);
    });
    target.scrollIntoView({ block: "start" });
  })();
})();
