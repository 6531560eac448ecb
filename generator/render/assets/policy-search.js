/* The search page: loads the prebuilt index (search/index.json, built by
   generator/render/search_index.py) and answers as the visitor types. The query rules
   here mirror search_words.py (normalise) and search_query.py (query_terms, weighted_terms,
   search) exactly, so `policy-site search` gives the same results as the browser. */
(function () {
  "use strict";

  var EXACT_BOOST = 10;
  var PREFIX_BOOST = 1;
  var ALSO_BOOST = 3;
  var WEAK_BOOST = 1;
  var LIMIT = 20;
  var STRENGTHS = {"must": "Must", "must-not": "Must not", "should": "Should", "should-not": "Should not", "may": "May", "info": "Information"};
  var AUDIENCES = {"parents": "Parents and carers", "pupils": "Pupils", "staff": "Staff", "governors": "Governors"};

  var form = document.querySelector("form.ps-search-page");
  if (!form || !window.lunr || !window.fetch) return;
  var input = document.getElementById("ps-q");
  var only = document.getElementById("ps-only");
  var status = document.getElementById("ps-status");
  var list = document.getElementById("ps-results");
  // The site's root relative to this page, always ending in "/" (or empty).
  var root = (form.getAttribute("data-root") || "").replace(/([^/])$/, "$1/");
  var loaded = null;
  var timer = null;
  var shown = null;

  function normalise(text) {
    return text.toLowerCase().replace(/['\u2019\u2018`]/g, "").replace(/[^a-z0-9\s-]+/g, " ").replace(/\s+/g, " ").trim();
  }

  function queryTerms(query, stopWords) {
    var terms = [];
    var words = normalise(query).split(" ").filter(Boolean);
    words.forEach(function (word) {
      var parts = word.split("-").filter(Boolean);
      terms.push.apply(terms, parts);
      if (parts.length > 1) terms.push(parts.join(""));
    });
    for (var i = 0; i + 1 < words.length; i++) terms.push(words[i].replace(/-/g, "") + words[i + 1].replace(/-/g, ""));
    terms = terms.filter(Boolean);
    var unique = terms.filter(function (t, i) { return terms.indexOf(t) === i; });
    var kept = unique.filter(function (t) { return !stopWords.has(t); });
    return kept.length ? kept : unique.slice(-1);
  }

  function phraseWords(text) {
    return normalise(text).split(/[\s-]+/).filter(Boolean);
  }

  function contains(words, phrase) {
    for (var i = 0; i + phrase.length <= words.length; i++) {
      var all = true;
      for (var j = 0; j < phrase.length && all; j++) all = words[i + j] === phrase[j];
      if (all) return true;
    }
    return false;
  }

  function weightedTerms(query) {
    // The query's own words (weak ones count less), then the words its phrases stand for
    // (search_words.yml `also_search`, shipped in the index), as search_query.py does.
    var typed = queryTerms(query, loaded.stopWords);
    var words = phraseWords(query);
    var weak = new Set();
    loaded.queryWords.weak.forEach(function (p) { if (contains(words, p)) p.forEach(function (w) { weak.add(w); }); });
    var found = [];
    var hits = [];
    loaded.queryWords.also.forEach(function (group) {
      var matched = group[0].filter(function (p) { return contains(words, p); });
      if (!matched.length) return;
      found.push.apply(found, group[1]);
      hits.push.apply(hits, matched);
    });
    var alone = new Set(hits.filter(function (p) { return p.length === 1; }).map(function (p) { return p[0]; }));
    hits.forEach(function (p) { if (p.length > 1) p.forEach(function (w) { if (!alone.has(w)) weak.add(w); }); });
    var weights = new Map();
    function add(term, boost) { weights.set(term, Math.max(weights.get(term) || 0, boost)); }
    typed.forEach(function (t) { add(t, weak.has(t) ? WEAK_BOOST : EXACT_BOOST); });
    found.forEach(function (t) { add(t, ALSO_BOOST); });
    return Array.from(weights.entries());
  }

  function search(query, audience, onlyMine) {
    var terms = queryTerms(query, loaded.stopWords);
    if (!terms.length) return [];
    var weighted = weightedTerms(query);
    var results = loaded.index.query(function (q) {
      weighted.forEach(function (tb) { q.term(tb[0], {boost: tb[1]}); });
      q.term(terms[terms.length - 1], {usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING, boost: PREFIX_BOOST});
    });
    var ranked = results.map(function (r) { return [Math.round(r.score * 1e6) / 1e6, parseInt(r.ref, 10)]; });
    ranked.sort(function (a, b) { return b[0] - a[0] || a[1] - b[1]; });
    if (audience) {
      var mine = plainFirst(ranked.filter(function (s) { return loaded.docs[s[1]].audiences.indexOf(audience) >= 0; }), audience);
      var others = ranked.filter(function (s) { return loaded.docs[s[1]].audiences.indexOf(audience) < 0; });
      ranked = onlyMine ? mine : mine.concat(others);
    }
    return ranked.slice(0, LIMIT).map(function (s) { return loaded.docs[s[1]]; });
  }

  function anchor(doc) {
    var at = doc.url.indexOf("#");
    return at < 0 ? "" : doc.url.slice(at + 1);
  }

  function plainFirst(ranked, audience) {
    // A clause found both in its formal words and in this audience's plain version is listed
    // once, as the plain version, at the better of the two places (as search_query.py does).
    var plain = {};
    ranked.forEach(function (s) { var d = loaded.docs[s[1]]; if (d.kind === audience) plain[anchor(d)] = s; });
    var hasPlain = Object.assign({}, plain);
    var out = [];
    ranked.forEach(function (s) {
      var d = loaded.docs[s[1]];
      var a = anchor(d);
      if (d.kind === audience || (d.kind === "clause" && Object.prototype.hasOwnProperty.call(hasPlain, a))) {
        if (Object.prototype.hasOwnProperty.call(plain, a)) { out.push(plain[a]); delete plain[a]; }
        return;
      }
      out.push(s);
    });
    return out;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function highlighted(text, terms) {
    // Marks words that start with a searched word; built as nodes, never as HTML.
    var out = document.createDocumentFragment();
    text.split(/(\s+)/).forEach(function (word) {
      var bare = normalise(word).replace(/-/g, "");
      var hit = bare && terms.some(function (t) { return t.length > 2 && bare.indexOf(t.slice(0, Math.max(3, t.length - 2))) === 0; });
      out.appendChild(hit ? element("mark", "", word) : document.createTextNode(word));
    });
    return out;
  }

  function render(query, hits) {
    list.textContent = "";
    var terms = weightedTerms(query).map(function (tb) { return tb[0]; });
    hits.forEach(function (doc) {
      var item = element("li", "ps-result");
      var link = element("a", "ps-result__link");
      link.href = root + doc.url;
      link.appendChild(element("span", "ps-result__title", doc.title));
      item.appendChild(link);
      var meta = element("p", "ps-result__meta");
      if (doc.strength) {
        meta.appendChild(element("span", "ps-strength ps-strength--" + doc.strength, STRENGTHS[doc.strength] || doc.strength));
        meta.appendChild(document.createTextNode(" "));
      }
      var about = [];
      if (doc.audiences.length) about.push("For: " + doc.audiences.map(function (a) { return AUDIENCES[a]; }).join(", "));
      if (doc.policy) about.push(doc.policy + (doc.number ? ", clause " + doc.number : ""));
      meta.appendChild(element("span", "ps-result__about", about.join(" \u00b7 ")));
      item.appendChild(meta);
      var text = element("p", "ps-result__text");
      text.appendChild(highlighted(doc.text, terms));
      item.appendChild(text);
      list.appendChild(item);
    });
  }

  function chosenAudience() {
    var checked = form.querySelector("input[name=for]:checked");
    return checked ? checked.value : "";
  }

  function run() {
    if (!loaded) return;
    var query = input.value;
    var audience = chosenAudience();
    only.disabled = !audience;
    var state = [query, audience, only.checked].join("\n");
    if (state === shown) return;
    shown = state;
    var params = new URLSearchParams();
    if (query) params.set("q", query);
    if (audience) params.set("for", audience);
    if (audience && only.checked) params.set("only", "1");
    var search_ = params.toString();
    history.replaceState(null, "", search_ ? "?" + search_ : location.pathname);
    if (!query.trim()) {
      list.textContent = "";
      status.textContent = "Type a word or two to search every policy.";
      return;
    }
    var hits = search(query, audience, audience && only.checked);
    render(query, hits);
    var who = audience ? (only.checked ? " for " : ", " + AUDIENCES[audience].toLowerCase() + " first, for ") : " for ";
    status.textContent = hits.length === 0
      ? "No results for \u201c" + query + "\u201d. Try another word, or fewer words."
      : hits.length + (hits.length === 1 ? " result" : " results") + (audience && only.checked ? " (" + AUDIENCES[audience].toLowerCase() + " only)" : "") + who + "\u201c" + query + "\u201d";
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(run, 150);
  }

  var params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  var wanted = params.get("for") || "";
  var radio = document.getElementById("ps-for-" + (wanted && AUDIENCES[wanted] ? wanted : "all"));
  if (radio) radio.checked = true;
  only.checked = params.get("only") === "1";
  only.disabled = !chosenAudience();
  status.textContent = "Loading the search index\u2026";

  form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
  input.addEventListener("input", later);
  // Only the audience choices: the text box's own "change" fires when it loses focus, i.e. on the
  // press of a result link, and redrawing the list then would swallow that click.
  form.addEventListener("change", function (event) { if (event.target !== input) run(); });

  fetch(form.getAttribute("data-index"))
    .then(function (response) { return response.json(); })
    .then(function (data) {
      loaded = {
        index: lunr.Index.load(data.index),
        stopWords: new Set(data.stopWords),
        queryWords: data.queryWords || {also: [], weak: []},
        docs: data.docs.map(function (row) {
          var doc = {};
          data.fields.forEach(function (name, i) { doc[name] = row[i]; });
          doc.audiences = doc.audiences ? doc.audiences.split(",") : [];
          return doc;
        })
      };
      document.documentElement.setAttribute("data-search-ready", "");
      run();
      if (!input.value) input.focus();
    })
    .catch(function () {
      status.textContent = "The search index could not be loaded. Every policy is listed on the policies page.";
    });
})();
