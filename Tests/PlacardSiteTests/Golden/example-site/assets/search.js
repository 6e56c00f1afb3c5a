// Placard site search: the only script of the site. It loads the index shards a
// query needs as <script> files (which also works from disk, file://) and shows
// the pages that contain every term, with the match marked in a snippet.
(function () {
  "use strict";
  var base = document.currentScript.src.replace(/assets\/search\.js.*$/, "search/");
  var box = document.getElementById("placard-results");
  var input = document.getElementById("placard-q");
  var meta = null, shards = {}, docs = {}, waiting = {};

  window.placardSearch = {
    meta: function (m) { meta = m; done("meta"); },
    shard: function (n, s) { shards[n] = s; done("s-" + n); },
    docs: function (n, d) { docs[n] = d; done("d-" + n); }
  };

  function done(name) { var f = waiting[name]; delete waiting[name]; if (f) f(); }

  function load(name, callback) {
    waiting[name] = callback;
    var script = document.createElement("script");
    script.src = base + name + ".js";
    script.onerror = function () { delete waiting[name]; callback(); };
    document.head.appendChild(script);
  }

  function loadAll(names, callback) {
    var left = names.length;
    if (!left) { callback(); return; }
    names.forEach(function (name) { load(name, function () { if (--left === 0) callback(); }); });
  }

  function isCJK(c) {
    var v = c.codePointAt(0);
    return (v >= 0x3040 && v <= 0x30FF) || (v >= 0x3400 && v <= 0x4DBF) || (v >= 0x4E00 && v <= 0x9FFF) ||
      (v >= 0xAC00 && v <= 0xD7AF) || (v >= 0xF900 && v <= 0xFAFF) || (v >= 0x20000 && v <= 0x2FA1F);
  }

  // The same terms as the index: lowercased words; CJK runs as pairs (or one character alone).
  function terms(text) {
    var out = [], word = "", run = [];
    function endWord() { if (word) { out.push(word); word = ""; } }
    function endRun() {
      if (run.length === 1) out.push(run[0]);
      for (var i = 0; i + 1 < run.length; i++) out.push(run[i] + run[i + 1]);
      run = [];
    }
    Array.from(text).forEach(function (c) {
      if (isCJK(c)) { endWord(); run.push(c); }
      else if (/[\p{L}\p{N}]/u.test(c)) { endRun(); word += c.toLowerCase(); }
      else { endWord(); endRun(); }
    });
    endWord(); endRun();
    return out.filter(function (t, i) { return out.indexOf(t) === i; });
  }

  function shardOf(term) {
    var bytes = new TextEncoder().encode(term), hash = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) { hash ^= bytes[i]; hash = Math.imul(hash, 0x01000193) >>> 0; }
    return hash % meta.shards;
  }

  function snippet(text, query) {
    var lower = text.toLowerCase(), q = query.trim().toLowerCase();
    var at = lower.indexOf(q);
    var p = document.createElement("p");
    if (at < 0) { p.textContent = text.slice(0, 160); return p; }
    var start = Math.max(0, at - 60);
    p.appendChild(document.createTextNode((start > 0 ? "…" : "") + text.slice(start, at)));
    var mark = document.createElement("mark");
    mark.textContent = text.slice(at, at + q.length);
    p.appendChild(mark);
    p.appendChild(document.createTextNode(text.slice(at + q.length, at + q.length + 100) + "…"));
    return p;
  }

  function show(query, numbers) {
    box.textContent = "";
    var summary = document.createElement("p");
    summary.textContent = numbers.length ? numbers.length + " " + box.dataset.count : box.dataset.none;
    box.appendChild(summary);
    if (!numbers.length) return;
    var list = document.createElement("ol");
    list.className = "search-results";
    numbers.slice(0, 100).forEach(function (n) {
      var d = docs[Math.floor(n / meta.chunk)][n % meta.chunk];
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = d[1];
      link.textContent = d[0];
      item.appendChild(link);
      if (d[2]) { var unit = document.createElement("span"); unit.className = "unit"; unit.textContent = " · " + d[2]; item.appendChild(unit); }
      item.appendChild(snippet(d[3] || "", query));
      list.appendChild(item);
    });
    box.appendChild(list);
  }

  function search(query) {
    var wanted = terms(query);
    if (!wanted.length) { box.textContent = ""; return; }
    var needed = wanted.map(shardOf).filter(function (n, i, all) { return all.indexOf(n) === i && !shards[n]; });
    loadAll(needed.map(function (n) { return "s-" + n; }), function () {
      var found = null;
      wanted.forEach(function (t) {
        var ids = (shards[shardOf(t)] || {})[t] || [];
        found = found === null ? ids.slice() : found.filter(function (id) { return ids.indexOf(id) >= 0; });
      });
      found = found || [];
      var chunks = found.slice(0, 100).map(function (n) { return Math.floor(n / meta.chunk); })
        .filter(function (c, i, all) { return all.indexOf(c) === i && !docs[c]; });
      loadAll(chunks.map(function (c) { return "d-" + c; }), function () { show(query, found); });
    });
  }

  var query = new URLSearchParams(window.location.search).get("q") || "";
  input.value = query;
  if (query) load("meta", function () { if (meta) search(query); });
})();
