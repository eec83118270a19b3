/* Folio search: queries the static index that `folio build` writes under
   search/<lang>/ (src/render/search). Query words become terms by the build's rule
   (letters and digits, lowercased, accents off Latin letters, CJK as character
   pairs); keep both sides in step. The build stems with Snowball; here a word that is
   not in the index matches the longest indexed stem it begins with, and the word being
   typed also matches every stem it is the beginning of. A result's excerpt is cut
   from its section's text (fetched with the few sections beside it) around the
   stretch where most query terms meet, every term marked there and in the headings. */
(function () {
  "use strict";

  var form = document.querySelector("form.search[data-index]");
  if (!form || !window.fetch || !String.prototype.normalize) return;

  var base = form.getAttribute("data-index");
  var root = form.getAttribute("data-root");
  var input = form.querySelector(".search-input");
  var drawer = form.querySelector(".search-drawer");
  var status = form.querySelector(".search-status");
  var list = form.querySelector(".search-results");
  var lang = document.documentElement.lang;
  var plural = window.Intl && Intl.PluralRules ? new Intl.PluralRules(lang) : null;
  var SHOWN = 10;
  /* Sections shown per page at most, and the share of the best one's score the
     others need. */
  var SECTIONS = 3;
  var SECOND = 0.4;
  /* A quoted phrase is looked for in the text of the best PHRASE_SECTIONS sections
     of each page that has all its words, in rank order, PHRASE_PAGES pages at most. */
  var PHRASE_SECTIONS = 6;
  var PHRASE_PAGES = 60;
  /* Characters of a section's text shown under a result, around its best match. */
  var EXCERPT = 180;
  var CJK = /[\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff66-\uff9f]|[\ud840-\ud87e][\udc00-\udfff]/;
  var RUN = /[\p{Alphabetic}\p{N}]+/gu;
  var files = {};
  var latest = 0;
  var EMPTY = { s: {}, w: {} };

  form.hidden = false;

  function load(name) {
    if (!files[name]) {
      files[name] = fetch(base + name).then(function (response) {
        if (!response.ok) throw new Error(name + ": " + response.status);
        return response.json();
      });
      files[name].catch(function () { delete files[name]; });
    }
    return files[name];
  }

  function fold(word) {
    return word.normalize("NFD").replace(/([\u0000-\u024f])\p{M}+/gu, "$1").normalize("NFC");
  }

  /* Code identifiers, by the build's rule (src/render/search/code.rs): letters,
     digits and `_` joined by `::`, with a `_` between letters or a `::`, or followed
     by a short `<...>`; lowercased, spaces dropped inside `<>`. */
  var IDENT = /[A-Za-z0-9_]+(?:::[A-Za-z0-9_]+)*(?:<[A-Za-z0-9_:, &']{0,40}>)?/g;

  function identifier(match) {
    var generic = match.indexOf("<") > 0;
    var name = generic ? match.slice(0, match.indexOf("<")) : match;
    var joined = name.indexOf("::") >= 0 || /[A-Za-z0-9]_[A-Za-z0-9]/.test(name);
    if (!joined && !(generic && /[A-Za-z0-9]/.test(match.slice(name.length)))) return null;
    return match.replace(/\s+/g, "").toLowerCase();
  }

  function isIdentifier(term) {
    return /[_:<]/.test(term);
  }

  /* The terms of a text, each { term, cjk }. A query's identifiers stand whole for
     the words they are made of (`wholeOnly`); a text keeps both. */
  function terms(text, wholeOnly) {
    var out = [];
    if (/[_:<]/.test(text)) {
      text = text.replace(IDENT, function (match) {
        var whole = identifier(match);
        if (!whole) return match;
        out.push({ term: whole, cjk: false });
        return wholeOnly ? " " : match;
      });
    }
    (text.match(RUN) || []).forEach(function (run) {
      var chars = Array.from(run);
      var word = "";
      var cjk = [];
      function flushWord() {
        if (word && (Array.from(word).length > 1 || /^\p{N}+$/u.test(word))) {
          out.push({ term: fold(word.toLowerCase()), cjk: false });
        }
        word = "";
      }
      function flushCjk() {
        if (cjk.length === 1) out.push({ term: cjk[0], cjk: true });
        for (var i = 0; i + 1 < cjk.length; i++) out.push({ term: cjk[i] + cjk[i + 1], cjk: true });
        cjk = [];
      }
      chars.forEach(function (c) {
        if (CJK.test(c)) { flushWord(); cjk.push(c); } else { flushCjk(); word += c; }
      });
      flushWord();
      flushCjk();
    });
    return out;
  }

  function shardName(term, cjk, width) {
    if (cjk && width === 1) return "c" + (term.codePointAt(0) >> 6).toString(16);
    var key = Array.from(term).slice(0, cjk ? 1 : width).join("");
    var hex = "";
    new TextEncoder().encode(key).forEach(function (b) { hex += (b < 16 ? "0" : "") + b.toString(16); });
    return hex;
  }

  /* How much a match counts, by how the query word reached the section: the word
     as written (EXACT), another word of its stem (STEM: `gardens` for
     `gardening`, or any word of the longest indexed stem an unindexed word begins
     with), a stem that the word being typed begins (TYPED) or that shares the
     word's stem-like beginning (PREFIX), then a word one or two typos away. These
     multiply each section's score (see `scores`), so they rank every match, not
     only the results shown. */
  var EXACT = 1;
  var STEM = 0.8;
  var TYPED = 0.6;
  var PREFIX = 0.5;
  var TYPO = [0, 0.4, 0.3];
  /* Expansions and near spellings kept per query word, best first. */
  var EXPANSIONS = 60;

  /* Stems a query term stands for, with how much a match counts. */
  function stemsOf(wanted, shard, typing) {
    var term = wanted.term;
    var found = {};
    function add(stem, weight) {
      if (!(found[stem] >= weight)) found[stem] = weight;
    }
    var exact = shard.w[term] || (shard.s[term] ? term : null);
    if (exact) {
      add(exact, EXACT);
    } else if (!wanted.cjk) {
      var best = "";
      var length = Array.from(term).length;
      Object.keys(shard.s).forEach(function (stem) {
        if (term.lastIndexOf(stem, 0) === 0 && stem.length > best.length) best = stem;
      });
      if (best && Array.from(best).length >= Math.max(3, Math.ceil(length / 2))) add(best, STEM);
    }
    var keys = Object.keys(shard.s).concat(Object.keys(shard.w));
    var stemOf = function (key) { return shard.w[key] || key; };
    if (!wanted.cjk && !Object.keys(found).length) {
      prefixOfStem(term, keys).forEach(function (key) { add(stemOf(key), PREFIX); });
      nearSpellings(term, keys).forEach(function (near) { add(stemOf(near[0]), TYPO[near[1]]); });
    }
    if (typing) {
      var prefixed = 0;
      keys.some(function (key) {
        if (key !== term && key.lastIndexOf(term, 0) === 0) {
          var stem = stemOf(key);
          if (!(stem in found)) { add(stem, TYPED); prefixed++; }
        }
        return prefixed >= EXPANSIONS;
      });
    }
    return found;
  }

  /* A word not in the index ("adapters", "propriété") has no stem here, but its
     stem is a beginning of it: the longest beginning of at least 60 % of the word
     (four letters at least) that begins an indexed word stands for it, and every
     indexed word it begins is found ("adaptor", "propriétaire"). */
  function prefixOfStem(term, keys) {
    var letters = Array.from(term);
    var shortest = Math.max(4, Math.ceil(letters.length * 0.6));
    for (var n = letters.length - 1; n >= shortest; n--) {
      var prefix = letters.slice(0, n).join("");
      var hits = keys.filter(function (key) { return key.lastIndexOf(prefix, 0) === 0; });
      if (hits.length) return hits.sort().slice(0, EXPANSIONS);
    }
    return [];
  }

  /* Edits forgiven in a word of `letters` letters: none below four, one, two from
     eight. */
  function editsFor(letters) {
    return letters < 4 ? 0 : letters >= 8 ? 2 : 1;
  }

  /* Indexed words within one edit (two for words of eight letters or more) of a
     word of four letters or more; a swap of two neighbours is one edit. The shard
     holds every indexed word of the query word's first letters; a typo there is
     for `firstLetterTypos`. [word, edits], nearest first. */
  function nearSpellings(term, keys) {
    var word = Array.from(term);
    var most = editsFor(word.length);
    if (!most) return [];
    var near = [];
    keys.forEach(function (key) {
      var other = Array.from(key);
      if (Math.abs(other.length - word.length) > most) return;
      var edits = distance(word, other, most);
      if (edits > 0 && edits <= most) near.push([key, edits]);
    });
    near.sort(function (a, b) { return a[1] - b[1] || (a[0] < b[0] ? -1 : 1); });
    return near.slice(0, EXPANSIONS);
  }

  /* Optimal string alignment distance, or most + 1 once it must exceed `most`. */
  function distance(a, b, most) {
    var previous2 = null;
    var previous = [];
    for (var j = 0; j <= b.length; j++) previous.push(j);
    for (var i = 1; i <= a.length; i++) {
      var row = [i];
      var smallest = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var value = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost);
        if (previous2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          value = Math.min(value, previous2[j - 2] + 1);
        }
        row.push(value);
        if (value < smallest) smallest = value;
      }
      if (smallest > most) return most + 1;
      previous2 = previous;
      previous = row;
    }
    return previous[b.length];
  }

  /* A typo in a word's first letter puts it in another shard than the word meant:
     `wnership` (dropped), `pwnership` (replaced), `kownership` (added),
     `wonership` (swapped with the next). The `e<key>.json` files list the index's
     words by what follows their first letter, so the words whose rest is the query
     word, or the query word's rest, are found there; the rest itself, and the word
     with its first two letters swapped, are looked up in their own shards. The
     first letter is one edit; a word of eight letters or more may have one more.
     Resolves to { stems, shard }: the stems found, each with TYPO's weight, and a
     shard holding their postings. Fetched only for a word that found nothing. */
  function firstLetterTypos(meta, term) {
    var letters = Array.from(term);
    var most = editsFor(letters.length);
    var none = { stems: {}, shard: EMPTY };
    if (!most || isIdentifier(term)) return Promise.resolve(none);
    var present = new Set(meta.shards);
    var file = function (kind, word) {
      var name = shardName(word, false, meta.width);
      return present.has(name) ? load(kind + name + ".json") : Promise.resolve(null);
    };
    var rest = letters.slice(1);
    var swapped = [letters[1], letters[0]].concat(letters.slice(2)).join("");
    var near = {};
    var consider = function (word, other, against, extra) {
      if (Math.abs(other.length - against.length) > most - 1) return;
      var edits = distance(against, other, most - 1) + extra;
      if (edits <= most && !(near[word] <= edits)) near[word] = edits;
    };
    return Promise.all([file("e", term), file("e", rest.join("")), file("t", rest.join("")), file("t", swapped)]).then(function (got) {
      (got[0] || []).forEach(function (word) { consider(word, Array.from(word).slice(1), letters, 1); });
      (got[1] || []).forEach(function (word) {
        var other = Array.from(word);
        if (other[0] !== letters[0]) consider(word, other.slice(1), rest, 1);
      });
      if (got[2]) Object.keys(got[2].s).concat(Object.keys(got[2].w)).forEach(function (key) { consider(key, Array.from(key), rest, 1); });
      if (got[3] && (got[3].s[swapped] || got[3].w[swapped])) near[swapped] = 1;
      var words = Object.keys(near).sort(function (a, b) { return near[a] - near[b] || (a < b ? -1 : 1); }).slice(0, EXPANSIONS);
      return Promise.all(words.map(function (word) { return file("t", word); })).then(function (shards) {
        var found = { stems: {}, shard: { s: {}, w: {} } };
        words.forEach(function (word, i) {
          var shard = shards[i];
          var stem = shard && (shard.w[word] || (shard.s[word] ? word : null));
          if (!stem || !shard.s[stem]) return;
          var weight = TYPO[near[word]];
          if (!(found.stems[stem] >= weight)) found.stems[stem] = weight;
          found.shard.s[stem] = shard.s[stem];
        });
        return found;
      });
    });
  }

  /* Ranking is BM25 on a section's text: a word's count saturates (K1) and counts
     less in a long section than in a short one (B, against the locale's mean
     length); the page title and the section's heading are fields, each adding a
     fixed bonus rather than counting as more occurrences, so a section titled with
     a word beats one that repeats it. Every part is multiplied by the word's rarity
     and by how the query word reached the section (EXACT, STEM, TYPED, PREFIX,
     TYPO above): for a stem of several words the shard lists each word's sections
     (`x`), so a section holding the query word as written counts EXACT and one
     holding only other words of its stem counts STEM. */
  var K1 = 1.2;
  var B = 0.75;
  var TITLE_FIELD = 2;
  var HEADING_FIELD = 1.5;

  /* Words per section, from the length classes of meta.json, and their mean. */
  function lengthsOf(meta) {
    if (!meta.words) {
      meta.words = Array.from(meta.lengths || "", function (c) { return Math.pow(2, parseInt(c, 36) / 2) - 1; });
      meta.meanWords = meta.words.reduce(function (a, b) { return a + b; }, 0) / Math.max(1, meta.words.length) || 1;
    }
    return meta.words;
  }

  /* The sections that hold `term` as written, for a stem of several words reached
     exactly; null when every section of the stem counts alike. The shard lists
     the words of a stem that are missing from some of its sections, each by its
     ending after the stem, or by `=` and the word; a word not listed is in them
     all. */
  function exactSections(shard, stem, term, weight) {
    var words = weight === EXACT && shard.x && shard.x[stem];
    var name = term.lastIndexOf(stem, 0) === 0 ? term.slice(stem.length) : "=" + term;
    if (!words || !words[name]) return null;
    var docs = new Set();
    var doc = 0;
    words[name].forEach(function (gap) { doc += gap; docs.add(doc); });
    return docs;
  }

  /* Section -> score for one query term. */
  function scores(meta, shard, stems, term) {
    var out = new Map();
    /* Sections whose text (not only their title or heading) holds the term. */
    out.inText = new Set();
    var words = lengthsOf(meta);
    Object.keys(stems).forEach(function (stem) {
      var postings = shard.s[stem];
      if (!postings) return;
      var having = postings.length / 2;
      var idf = Math.log(1 + (meta.sections - having + 0.5) / (having + 0.5));
      var exact = exactSections(shard, stem, term, stems[stem]);
      var doc = 0;
      for (var i = 0; i < postings.length; i += 2) {
        doc += postings[i];
        var count = postings[i + 1] >> 2;
        var fields = postings[i + 1] & 3;
        var norm = 1 - B + B * (words[doc] || meta.meanWords) / meta.meanWords;
        var text = count ? count * (K1 + 1) / (count + K1 * norm) : 0;
        var weight = exact && !exact.has(doc) ? STEM : stems[stem];
        var score = idf * weight * (text + (fields & 2 ? TITLE_FIELD : 0) + (fields & 1 ? HEADING_FIELD : 0));
        if (!(out.get(doc) >= score)) out.set(doc, score);
        if (count) out.inText.add(doc);
      }
    });
    return out;
  }

  /* The index of the last of `starts` (ascending) at or before `doc`. */
  function within(starts, doc) {
    var low = 0;
    var high = starts.length - 1;
    while (low < high) {
      var mid = (low + high + 1) >> 1;
      if (starts[mid] <= doc) low = mid; else high = mid - 1;
    }
    return low;
  }

  function pageOf(meta, doc) {
    return within(meta.starts, doc);
  }

  /* The `d<n>.json` file that holds a section: files hold runs of sections. */
  function chunkOf(meta, doc) {
    return within(meta.chunks, doc);
  }

  /* Pages that match every term, best first, each with its best section. */
  function rank(meta, perTerm) {
    var pages = new Map();
    perTerm.forEach(function (sectionScores, t) {
      sectionScores.forEach(function (score, doc) {
        var page = pageOf(meta, doc);
        var entry = pages.get(page);
        if (!entry) { entry = { page: page, terms: new Array(perTerm.length).fill(0), docs: new Map() }; pages.set(page, entry); }
        entry.terms[t] = Math.max(entry.terms[t], score);
        var section = entry.docs.get(doc) || { score: 0, terms: 0, inText: 0 };
        section.score += score;
        section.terms += 1;
        if (sectionScores.inText.has(doc)) section.inText += 1;
        entry.docs.set(doc, section);
      });
    });
    var ranked = [];
    pages.forEach(function (entry) {
      if (entry.terms.some(function (s) { return s === 0; })) return;
      /* The page's best sections: the most query terms, then the best score. Up to
         SECTIONS of them are shown, those with as many terms as the best and at
         least SECOND of its score. */
      var sections = Array.from(entry.docs.keys()).sort(function (a, b) {
        var x = entry.docs.get(a);
        var y = entry.docs.get(b);
        return y.terms - x.terms || y.score - x.score || a - b;
      });
      var top = entry.docs.get(sections[0]);
      var docs = sections.filter(function (doc, i) {
        var section = entry.docs.get(doc);
        return i === 0 || (section.terms === top.terms && section.score >= SECOND * top.score);
      }).slice(0, SECTIONS);
      ranked.push({
        page: entry.page, doc: docs[0], docs: docs, candidates: sections.slice(0, PHRASE_SECTIONS), sections: entry.docs,
        score: entry.terms.reduce(function (a, b) { return a + b; }, 0)
      });
    });
    ranked.sort(function (a, b) { return b.score - a.score || a.page - b.page; });
    return ranked;
  }

  /* Whether a query is long enough to search for. */
  function searchable(wanted) {
    return wanted.length && !(wanted.length === 1 && !wanted[0].cjk && Array.from(wanted[0].term).length < 2 && !/^\p{N}$/u.test(wanted[0].term));
  }

  /* The results of a query, best first, each a page with up to SECTIONS sections,
     their links, headings and excerpts as text: everything but the drawing (the
     bench times this, as it times Pagefind's search() and data()). Resolves to null
     for a query too short. */
  function find(query) {
    var wanted = terms(query, true);
    if (!searchable(wanted)) return Promise.resolve(null);
    return load("meta.json").then(function (meta) {
      var present = new Set(meta.shards);
      var shards = wanted.map(function (t) {
        var name = shardName(t.term, t.cjk, meta.width);
        return present.has(name) ? load("t" + name + ".json") : Promise.resolve(EMPTY);
      });
      return Promise.all(shards).then(function (loaded) {
        var typing = !/\s$/.test(query);
        return Promise.all(wanted.map(function (t, i) {
          var stems = stemsOf(t, loaded[i], typing && i === wanted.length - 1);
          if (Object.keys(stems).length || t.cjk) return { stems: stems, shard: loaded[i] };
          return firstLetterTypos(meta, t.term);
        }));
      }).then(function (reached) {
        var perTerm = wanted.map(function (t, i) {
          t.stems = Object.keys(reached[i].stems);
          return scores(meta, reached[i].shard, reached[i].stems, t.term);
        });
        var all = rank(meta, perTerm);
        var byChunk = {};
        var phrases = phrasesOf(query);
        var found = phrases.length ? withPhrases(meta, all, phrases, byChunk) : rows(meta, all.slice(0, SHOWN), byChunk).then(function () {
          return { ranked: all.slice(0, SHOWN), total: all.length };
        });
        return found.then(function (results) {
          return excerptSources(meta, results.ranked, byChunk).then(function () {
            return described(meta, results, byChunk, wanted);
          });
        });
      });
    });
  }

  function search(query) {
    var id = ++latest;
    find(query).then(function (found) {
      if (id !== latest) return;
      if (!found) close(); else show(query, found);
    }).catch(function () {
      if (id !== latest) return;
      list.textContent = "";
      say(form.getAttribute("data-unavailable"));
    });
  }

  /* A page whose best section holds no query term in its text (found by its title
     or heading alone) shows, as Pagefind does under a page, the stretch of the page
     that holds the most terms: the section holding most of them in its text, the
     nearest one after the best if several do (its own subsections come first).
     Their section files are fetched with the others. */
  function excerptSources(meta, ranked, byChunk) {
    var wanted = [];
    ranked.forEach(function (result) {
      var best = result.sections.get(result.doc);
      if (!best || best.inText) return;
      var source = -1;
      result.sections.forEach(function (section, doc) {
        if (!section.inText || result.docs.indexOf(doc) >= 0) return;
        var current = source >= 0 ? result.sections.get(source) : null;
        var after = function (d) { return d > result.doc ? d - result.doc : meta.sections + result.doc - d; };
        if (!current || section.inText > current.inText || (section.inText === current.inText && after(doc) < after(source))) source = doc;
      });
      if (source >= 0) {
        result.excerptFrom = source;
        wanted.push({ docs: [source] });
      }
    });
    return wanted.length ? rows(meta, wanted, byChunk) : Promise.resolve();
  }

  /* The results as text: for each page its address, title and sections, each with
     its link, heading and excerpt; with the groups of stems each query term stood
     for, which the drawing marks. */
  function described(meta, results, byChunk, wanted) {
    /* Each query term with the stems it stood for: one group per term. */
    var groups = wanted.map(function (t) { return (t.stems || []).concat([t.term]); });
    /* What the opened page marks (`?h=`): every stem and word the query stood for. */
    var hit = "?h=" + encodeURIComponent(Array.from(new Set([].concat.apply([], groups))).join(" "));
    var pages = results.ranked.map(function (result) {
      var page = meta.pages[result.page];
      return {
        title: page[1],
        /* The stretches of the title that are code, [start, end) (the page's
           `<h1>` shows them as code). */
        code: (meta.title_code && meta.title_code[result.page]) || [],
        sections: result.docs.map(function (doc, i) {
          var row = rowOf(meta, byChunk, doc);
          var text = row[3];
          var heading = row[2] || (i > 0 ? page[1] : "");
          var section = result.sections.get(doc);
          var excerpt;
          if (i === 0 && result.excerptFrom !== undefined) {
            excerpt = excerptOf(rowOf(meta, byChunk, result.excerptFrom)[3], groups);
          } else if (i === 0 && section && !section.inText && row[2] && matches(row[2], groups).length) {
            /* Found by its heading alone, no text of the page holding a term: the
               heading opens the excerpt, as in Pagefind's, rather than standing on
               a line of its own above a stretch that cannot show the match. */
            excerpt = row[2] + " — " + excerptOf(text, groups);
            heading = "";
          } else if (i === 0 && section && !section.inText && doc === meta.starts[result.page] && matches(page[1], groups).length) {
            /* Found by the page title alone, no text of the page holding a term:
               the excerpt is the page's opening, its title (the `<h1>`) then the
               first words, as Pagefind's, which reads the `<h1>` as page text. */
            excerpt = page[1] + " — " + excerptOf(text, groups);
          } else {
            excerpt = excerptOf(text, groups);
          }
          return { href: root + page[0] + hit + (row[1] ? "#" + row[1] : ""), heading: heading, excerpt: excerpt };
        })
      };
    });
    return { pages: pages, total: results.total, groups: groups };
  }

  /* Loads the section files of the results' sections into `byChunk`. */
  function rows(meta, results, byChunk) {
    var chunks = [];
    results.forEach(function (r) {
      r.docs.forEach(function (doc) {
        var n = chunkOf(meta, doc);
        if (chunks.indexOf(n) < 0 && !byChunk[n]) chunks.push(n);
      });
    });
    return Promise.all(chunks.map(function (n) { return load("d" + n + ".json"); })).then(function (loaded) {
      chunks.forEach(function (n, i) { byChunk[n] = loaded[i]; });
    });
  }

  function rowOf(meta, byChunk, doc) {
    var n = chunkOf(meta, doc);
    return byChunk[n][doc - meta.chunks[n]];
  }

  /* The quoted parts of a query, as words. */
  function phrasesOf(query) {
    return (query.match(/"[^"]+"/g) || []).map(function (quoted) {
      return plainWords(quoted.slice(1, -1));
    }).filter(function (phrase) { return phrase.indexOf(" ") > 0; });
  }

  /* A text's words, lowercased and folded, one space apart. */
  function plainWords(text) {
    return (text.match(RUN) || []).map(function (word) { return fold(word.toLowerCase()); }).join(" ");
  }

  function holds(text, phrase) {
    return (" " + plainWords(text) + " ").indexOf(" " + phrase + " ") >= 0;
  }

  /* The ranked pages, in order, whose sections hold every phrase (the sections are
     the positions: their text is read), SHOWN at most; each keeps those sections. */
  function withPhrases(meta, all, phrases, byChunk) {
    var kept = [];
    var at = 0;
    function next() {
      if (kept.length >= SHOWN || at >= Math.min(all.length, PHRASE_PAGES)) {
        return Promise.resolve({ ranked: kept, total: kept.length });
      }
      var batch = all.slice(at, at + SHOWN);
      at += batch.length;
      var wanted = batch.map(function (r) { return { docs: r.candidates }; });
      return rows(meta, wanted, byChunk).then(function () {
        batch.forEach(function (result) {
          var holding = result.candidates.filter(function (doc) {
            var row = rowOf(meta, byChunk, doc);
            var title = doc === meta.starts[result.page] ? meta.pages[result.page][1] : "";
            return phrases.every(function (phrase) {
              return holds(title, phrase) || holds(row[2], phrase) || holds(row[3], phrase);
            });
          });
          if (holding.length && kept.length < SHOWN) {
            result.docs = holding.slice(0, SECTIONS);
            result.doc = result.docs[0];
            kept.push(result);
          }
        });
        return next();
      });
    }
    return next();
  }

  function say(text) {
    status.textContent = text;
    drawer.hidden = false;
  }

  function message(count, query) {
    var category = plural ? plural.select(count) : "other";
    var text = form.getAttribute("data-results-" + category) || form.getAttribute("data-results-other");
    return text.replace("{count}", count).replace("{query}", query);
  }

  function show(query, found) {
    list.textContent = "";
    if (!found.pages.length) {
      say(form.getAttribute("data-none").replace("{query}", query.trim()));
      return;
    }
    var groups = found.groups;
    /* A page: its title over its best section; its next best sections below. */
    found.pages.forEach(function (page) {
      var item = document.createElement("li");
      var more = document.createElement("ul");
      more.className = "search-subresults";
      page.sections.forEach(function (section, i) {
        var link = document.createElement("a");
        link.href = section.href;
        if (i === 0) link.appendChild(titled(page.title, page.code, groups));
        if (section.heading) link.appendChild(marked("search-result-section", section.heading, groups));
        link.appendChild(marked("search-result-excerpt", section.excerpt, groups));
        if (i === 0) {
          item.appendChild(link);
        } else {
          var sub = document.createElement("li");
          sub.appendChild(link);
          more.appendChild(sub);
        }
      });
      if (more.children.length) item.appendChild(more);
      list.appendChild(item);
    });
    say(message(found.total, query.trim()));
  }

  function span(className, text) {
    var el = document.createElement("span");
    el.className = className;
    el.textContent = text;
    return el;
  }

  function marked(className, text, groups) {
    var target = span(className, "");
    highlight(target, text, groups);
    return target;
  }

  /* A result's title, its code stretches (`spans`) as code, every match marked. */
  function titled(text, spans, groups) {
    var target = span("search-result-title", "");
    var done = 0;
    spans.forEach(function (stretch) {
      if (stretch[0] > done) highlight(target, text.slice(done, stretch[0]), groups);
      var code = document.createElement("code");
      highlight(code, text.slice(stretch[0], stretch[1]), groups);
      target.appendChild(code);
      done = stretch[1];
    });
    if (done < text.length || !spans.length) highlight(target, text.slice(done), groups);
    return target;
  }

  /* What the query found in `text`, as [start, end, term] in order: words that a
     term or its stems begin, and each occurrence of a CJK pair. */
  function matches(text, groups) {
    var ranges = [];
    groups.forEach(function (stems, term) {
      stems.forEach(function (stem) {
        if (!isIdentifier(stem)) return;
        var pattern = stem.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/,/g, ",\\s*");
        var found = new RegExp("(^|[^A-Za-z0-9_])(" + pattern + ")(?![A-Za-z0-9_])", "gi");
        for (var m = found.exec(text); m; m = found.exec(text)) {
          var at = m.index + m[1].length;
          ranges.push([at, at + m[2].length, term]);
          found.lastIndex = at + m[2].length;
        }
      });
    });
    text.replace(RUN, function (word, offset) {
      if (CJK.test(word)) return word;
      var folded = fold(word.toLowerCase());
      groups.forEach(function (stems, term) {
        if (stems.some(function (stem) { return stem.length > 1 && folded.lastIndexOf(stem, 0) === 0; })) {
          ranges.push([offset, offset + word.length, term]);
        }
      });
      return word;
    });
    groups.forEach(function (stems, term) {
      stems.forEach(function (stem) {
        if (!CJK.test(stem)) return;
        for (var at = text.indexOf(stem); at >= 0; at = text.indexOf(stem, at + 1)) {
          ranges.push([at, at + stem.length, term]);
        }
      });
    });
    ranges.sort(function (a, b) { return a[0] - b[0] || a[2] - b[2]; });
    return ranges;
  }

  /* About EXCERPT characters of `text` around its best match: the stretch where the
     most different query terms meet, then the most matches, centred on them. */
  function excerptOf(text, groups) {
    if (Array.from(text).length <= EXCERPT) return text;
    var ranges = matches(text, groups);
    var from = 0;
    var to = 0;
    var best = -1;
    ranges.forEach(function (first, i) {
      var seen = {};
      var distinct = 0;
      var end = first[1];
      for (var j = i; j < ranges.length && ranges[j][1] - first[0] <= EXCERPT; j++) {
        if (!seen[ranges[j][2]]) { seen[ranges[j][2]] = true; distinct++; }
        end = Math.max(end, ranges[j][1]);
        var score = distinct * 1000 + (j - i);
        if (score > best) { best = score; from = first[0]; to = end; }
      }
    });
    var start = Math.max(0, Math.min(Math.floor((from + to - EXCERPT) / 2), text.length - EXCERPT));
    var stop = Math.min(text.length, start + EXCERPT);
    // Whole words only: the start moves back to a space, the end back to one.
    if (start > 0) {
      var space = text.lastIndexOf(" ", start);
      start = space >= 0 && start - space < 24 ? space + 1 : start;
    }
    if (stop < text.length) {
      var before = text.lastIndexOf(" ", stop);
      stop = before > Math.max(start, to - 1) ? before : stop;
    }
    var cut = text.slice(start, stop).replace(/[.,;:]$/, "");
    return (start > 0 ? "…" : "") + cut + (stop < text.length ? "…" : "");
  }

  /* Marks in `target` every match of the query's terms in `text`. */
  function highlight(target, text, groups) {
    var ranges = matches(text, groups);
    var done = 0;
    ranges.forEach(function (range) {
      var start = Math.max(range[0], done);
      if (range[1] <= start) return;
      if (start > done) target.appendChild(document.createTextNode(text.slice(done, start)));
      var previous = target.lastChild;
      if (start === done && previous && previous.nodeName === "MARK") {
        previous.textContent += text.slice(start, range[1]);
      } else {
        var mark = document.createElement("mark");
        mark.textContent = text.slice(start, range[1]);
        target.appendChild(mark);
      }
      done = range[1];
    });
    target.appendChild(document.createTextNode(text.slice(done)));
  }

  function close() {
    latest++;
    drawer.hidden = true;
    list.textContent = "";
    status.textContent = "";
  }

  function links() {
    return Array.prototype.slice.call(list.querySelectorAll("a"));
  }

  var timer = 0;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    var query = input.value;
    timer = setTimeout(function () { search(query); }, 80);
  });
  input.addEventListener("focus", function () { load("meta.json").catch(function () {}); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = links()[0];
    if (first) first.click();
  });
  form.addEventListener("keydown", function (event) {
    var all = links();
    var index = all.indexOf(document.activeElement);
    if (event.key === "ArrowDown" && all.length) {
      event.preventDefault();
      all[Math.min(index + 1, all.length - 1)].focus();
    } else if (event.key === "ArrowUp" && index >= 0) {
      event.preventDefault();
      (index === 0 ? input : all[index - 1]).focus();
    } else if (event.key === "Escape") {
      close();
      input.focus();
    }
  });
  document.addEventListener("click", function (event) {
    if (!form.contains(event.target)) drawer.hidden = true;
  });
  input.addEventListener("focus", function () {
    if (list.children.length || status.textContent) drawer.hidden = false;
  });

  /* `?h=stems` (a result's link) marks the words they begin in the page's article,
     then leaves the address as it was without it; Escape takes the marks off. */
  function markHits(stems) {
    var article = document.querySelector("main article") || document.querySelector("main");
    if (!article || !stems.length) return;
    var groups = [stems];
    var walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        return node.parentNode.closest("script, style, textarea, .tree-widget") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    var nodes = [];
    for (var node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node);
    nodes.forEach(function (node) {
      if (!matches(node.data, groups).length) return;
      var marked = document.createDocumentFragment();
      highlight(marked, node.data, groups);
      marked.querySelectorAll("mark").forEach(function (mark) { mark.className = "search-hit"; });
      node.parentNode.replaceChild(marked, node);
    });
  }

  function clearHits() {
    document.querySelectorAll("mark.search-hit").forEach(function (mark) {
      var parent = mark.parentNode;
      parent.replaceChild(document.createTextNode(mark.textContent), mark);
      parent.normalize();
    });
  }

  var params = new URLSearchParams(window.location.search);
  var hits = params.get("h");
  if (hits) {
    markHits(hits.split(/\s+/).filter(function (stem) { return stem.length > 1 || CJK.test(stem); }));
    params.delete("h");
    var rest = params.toString();
    try {
      window.history.replaceState(window.history.state, "", window.location.pathname + (rest ? "?" + rest : "") + window.location.hash);
    } catch (error) {
      // file:// pages may refuse: the marks are there all the same.
    }
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !form.contains(event.target)) clearHits();
    });
  }

  /* The search without its drawing, for the bench to time (bench/search.sh): a
     query in, a promise of the described results out. */
  window.folioSearch = find;

  /* `?q=words` opens the page with those results, as a search engine's link would. */
  var asked = new URLSearchParams(window.location.search).get("q");
  if (asked) {
    input.value = asked;
    search(asked);
  }
})();
