/*!
 * Résolutions annotées: the search worker (MIT licence).
 *
 * Replaces Material's search worker (overrides/main.html names it) and speaks its
 * protocol: SETUP → READY, QUERY → RESULT, with results grouped by page as the theme
 * shows them. The index was built with the site (plugins/resolutions/search/index.py):
 * a manifest, term shards and one file per page, all scripts, loaded with
 * importScripts only when a query needs them, so that search works from a server and
 * from disk (file://, where Material's iframe-worker shim runs this file in a hidden
 * iframe and importScripts adds <script> elements).
 *
 * A query: words (a quoted phrase must appear as written), the last one also as the
 * start of longer words while it is being typed. A block ranks by, in order: an exact
 * key (a text's symbol, a glossary acronym), how many of the query's words it holds,
 * its kind (texts, then the site's pages, then the glossary), its BM25 score.
 */
(function () {
  "use strict"

  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3
  var MAX_PAGES = 20            /* pages listed for a query */
  var PREFIX_WEIGHT = 0.25      /* a longer word the last word begins */
  var MIN_PREFIX = 3            /* shorter last words match whole words only */
  var MIN_STEM = 5              /* a word being typed matches no shorter stem than this */
  var MAX_SUFFIX = 6            /* … nor one more than this shorter than the word */
  var MAX_PHRASE_PAGES = 200    /* pages read, at most, to find a quoted phrase */
  var MAX_KEPT_WORDS = 50000    /* words whose terms are kept for highlighting */
  var FIRST_ROUND = 4           /* shards asked for before the rest (loadShards) */
  var TIERS = { text: 2, page: 1, glossary: 0 }

  /* This file's address: from file://, the theme's hidden frame loads it with a
     <script> (and adds "?" and the time to it) */
  function ownAddress() {
    if (typeof parent !== "undefined" && parent !== self && "IFrameWorker" in parent)
      return document.querySelector("script[src]").src
    return self.location.href
  }
  var address = ownAddress()
  /* The site's root: the worker is assets/javascripts/workers/ra-search.js */
  var root = address.split("?")[0].replace(/assets\/javascripts\/workers\/[^\/]*$/, "")
  /* overrides/main.html names this file with "?highlight" when the theme's
     search.highlight feature is on: each result's link then carries the words it found */
  var linksCarryWords = /[?&]highlight(?![^?&#])/.test(address)

  /* Scripts loaded once each; each calls back with its data */
  var loaded = new Map()
  function load(name, path) {
    var entry = loaded.get(name)
    if (!entry) {
      entry = {}
      entry.promise = new Promise(function (resolve) { entry.resolve = resolve })
      loaded.set(name, entry)
      try {
        importScripts(root + path)
      } catch (error) {
        console.warn("search: " + path + " not loaded", error)
        entry.resolve(null)
      }
    }
    return entry.promise
  }
  function arrived(name, data) {
    var entry = loaded.get(name)
    if (!entry) {
      entry = { promise: Promise.resolve(data) }
      loaded.set(name, entry)
    }
    if (entry.resolve)
      entry.resolve(data)
  }
  self.__manifest = function (data) { arrived("manifest", data) }
  self.__shard = function (n, data) { arrived("t" + n, data) }
  /* A page's entries: a location within the page comes from its "#" (index.py) */
  self.__page = function (n, data) {
    var own = data.length ? data[0][0] : ""
    data.forEach(function (entry) {
      if (entry[0].charAt(0) === "#")
        entry[0] = own + entry[0]
    })
    arrived("p" + n, data)
  }

  var manifest = null
  var tokens = null

  /* Scripts run in the order given. A worker's importScripts does that. From disk
     (file://), in the theme's hidden frame, importScripts adds one <script> after the
     other, each once the last has run, and every wait was one more step between opening
     the page and the first result (the page's load waits for the frame): the frame's own
     <script async=false> elements are all read at once and still run in order. */
  function importInOrder(urls) {
    if (typeof document === "undefined") {
      importScripts.apply(self, urls)
      return Promise.resolve()
    }
    return Promise.all(urls.map(function (url) {
      return new Promise(function (resolve) {
        var script = document.createElement("script")
        script.async = false
        script.src = url
        script.onload = resolve
        script.onerror = function () {
          console.warn("search: " + url + " not loaded")
          resolve()
        }
        document.body.appendChild(script)
      })
    }))
  }

  async function setup() {
    var read = load("manifest", "search/manifest.js")
    await importInOrder([
      root + "assets/javascripts/workers/ra-search-tokens.js",
      root + "assets/javascripts/lunr/min/lunr.stemmer.support.min.js",
      root + "assets/javascripts/lunr/min/lunr.fr.min.js"
    ])
    tokens = self.raSearchTokens
    manifest = await read
    manifest.shortTerms = new Set(manifest.short.terms)
    tokens.configure(manifest)
  }

  function tier(page) {
    if (page >= manifest.starts.glossary) return TIERS.glossary
    if (page >= manifest.starts.page) return TIERS.page
    return TIERS.text
  }

  /* The shard holding a term: the longest key it begins with */
  function shardOf(term) {
    var best = -1, length = 0
    for (var i = 0; i < manifest.keys.length; i++) {
      var key = manifest.keys[i]
      if (key.length > length && term.lastIndexOf(key, 0) === 0) {
        best = i
        length = key.length
      }
    }
    return best
  }

  /* A word short enough to be looked up whole that is no term: the manifest lists
     every term that short (index.py, SHORT_TERM), so no shard need be read to find
     nothing */
  function isUnlistedShortTerm(term) {
    return term.length <= manifest.short.length && !manifest.shortTerms.has(term)
  }

  /* Every shard that may hold a term beginning with `prefix` */
  function shardsOf(prefix) {
    var found = []
    for (var i = 0; i < manifest.keys.length; i++) {
      var key = manifest.keys[i]
      if (key.lastIndexOf(prefix, 0) === 0 || prefix.lastIndexOf(key, 0) === 0)
        found.push(i)
    }
    return found
  }

  function loadShard(n) {
    return load("t" + n, "search/t/" + n + ".js")
  }

  /* The shards `numbers` (in order), or null if the query is overtaken (`turn`) while
     they load. Of those not yet asked for, the first FIRST_ROUND are asked for, then the
     rest once these have arrived if the query is still the latest. A word being typed
     begins many terms: at 10,000 texts « con » is in 27 shards (1.27 MB), « int » in 13
     (0.46 MB); asked for all at once, they were read even when the next key came before
     they arrived, so what a query read hung on the pace of the typing (« coopération
     internationale » read 1.12 MB, 15 shards, when « coopération int » was searched on
     the way, 0.75 MB, 3 shards, when it was not). Whole words need a shard each: one
     round. */
  async function loadShards(numbers, turn) {
    var missing = numbers.filter(function (n) { return !loaded.has("t" + n) })
    if (missing.length > FIRST_ROUND) {
      await turn.until(Promise.all(missing.slice(0, FIRST_ROUND).map(loadShard)))
      if (turn.stale())
        return null
    }
    return Promise.all(numbers.map(loadShard))
  }

  /* The query: its words (as typed, for the reader), terms and phrases */
  function parse(query) {
    var phrases = []
    var quoted = /["«“]([^"»”]*)(["»”]|$)/g, match
    while ((match = quoted.exec(query)))
      phrases.push(tokens.words(match[1]))
    var open = /\s$/.test(query) || /["»”]\s*$/.test(query)
    var clauses = []
    var seen = new Set()
    /* "+word": required, "-word": excluded (as in Material's search) */
    var chunks = query.split(/\s+/)
    for (var c = 0; c < chunks.length; c++) {
      var presence = chunks[c].charAt(0) === "+" ? "required"
        : chunks[c].charAt(0) === "-" ? "excluded" : ""
      var raw = chunks[c].match(tokens.RAW_TOKEN_ORIGINAL) || []
      for (var i = 0; i < raw.length; i++) {
        var folded = tokens.words(raw[i])
        for (var j = 0; j < folded.length; j++) {
          var word = folded[j]
          if (!tokens.isWord(word))
            continue
          var term = word.indexOf("/") !== -1 ? word : tokens.stem(word)
          if (seen.has(term))
            continue
          seen.add(term)
          clauses.push({
            word: folded.length > 1 ? word : raw[i], typed: word, term: term, prefix: false,
            presence: presence
          })
        }
      }
    }
    var last = clauses[clauses.length - 1]
    if (last && !open && last.term.length >= MIN_PREFIX)
      last.prefix = true
    return { clauses: clauses, phrases: phrases.filter(function (p) { return p.length > 1 }) }
  }

  /* The terms a clause matches, each with its shard: its own term; while the word is
     being typed, also the longer terms it begins; and if neither is in the index, the
     longest term the word as typed begins with, if it is long enough to be that word's
     stem (a French Snowball suffix is at most MAX_SUFFIX letters). A word's stem is
     often shorter than the word (« blanchiment » is blanch), so « blanchim », typed on
     the way to it, begins no term: its results vanished in the middle of the word and
     came back at its end. */
  function matches(clause, shardData) {
    var found = []
    clause.shards.forEach(function (n) {
      var shard = shardData.get(n)
      /* A whole word is looked up; only the word being typed walks the shard */
      if (!clause.prefix) {
        if (Object.prototype.hasOwnProperty.call(shard, clause.term))
          found.push({ term: clause.term, shard: shard })
        return
      }
      for (var term in shard)
        if (term.lastIndexOf(clause.term, 0) === 0)
          found.push({ term: term, shard: shard })
    })
    if (found.length || !clause.prefix || clause.presence === "excluded" ||
        /[\d\/]/.test(clause.typed))
      return found
    var least = Math.max(MIN_STEM, clause.typed.length - MAX_SUFFIX)
    var shorter = null
    clause.shards.forEach(function (n) {
      var shard = shardData.get(n)
      for (var term in shard)
        if (term.length >= least && clause.typed.lastIndexOf(term, 0) === 0 &&
            (!shorter || term.length > shorter.term.length))
          shorter = { term: term, shard: shard }
    })
    return shorter ? [shorter] : []
  }

  /* The result of `query`, or null if a newer query came while files were loading (see
     `turn`): its answer would be replaced at once */
  async function search(query, turn) {
    var parsed = parse(query)
    var clauses = parsed.clauses
    if (!clauses.some(function (clause) { return clause.presence !== "excluded" }))
      return { items: [] }

    /* Load the shards the query's terms are in */
    var wanted = new Set()
    clauses.forEach(function (clause) {
      var numbers = clause.prefix ? shardsOf(clause.term)
        : isUnlistedShortTerm(clause.term) ? [] : [shardOf(clause.term)]
      clause.shards = numbers.filter(function (n) { return n >= 0 })
      clause.shards.forEach(function (n) { wanted.add(n) })
    })
    var numbers = Array.from(wanted)
    var shards = await turn.until(loadShards(numbers, turn))
    if (!shards || turn.stale())
      return null
    var shardData = new Map()
    numbers.forEach(function (n, i) { shardData.set(n, shards[i] || {}) })

    /* Score blocks: per clause, the best of its term and (typing) longer terms. A
       block is an object only once a clause has hit it, with the clauses that did
       (`hits`, in order); a clause's best scores are numbers: at 10,000 texts a word
       and the longer words it begins have tens of thousands of postings at each key,
       and an object for each, then an array of every clause for each block, were
       most of our time at each key and most of the garbage. A key posting's score is
       KEY_SCORE or more (index.py), and a longer word's is cut below it, so a block's
       best score for a clause tells whether it was an exact key. */
    var blocks = new Map()
    var matchedTerms = new Set()
    clauses.forEach(function (clause, index) {
      var best = new Map()
      var found = matches(clause, shardData)
      found.forEach(function (match) {
        var term = match.term, exact = term === clause.term
        matchedTerms.add(term)
        var postings = match.shard[term][1]
        for (var k = 0; k < postings.length; k += 3) {
          var score = postings[k + 2]
          if (!exact)
            score = (score % manifest.keyScore) * PREFIX_WEIGHT
          var id = postings[k] * 65536 + postings[k + 1]
          var previous = best.get(id)
          if (previous === undefined || previous < score)
            best.set(id, score)
        }
      })
      best.forEach(function (score, id) {
        var block = blocks.get(id)
        if (!block) {
          block = { page: Math.floor(id / 65536), entry: id % 65536, score: 0, key: false,
                    hits: [] }
          blocks.set(id, block)
        }
        block.score += score
        block.key = block.key || score >= manifest.keyScore
        block.hits.push(index)
      })
    })

    /* Rank blocks, then pages by their best block */
    var required = 0
    clauses.forEach(function (clause) {
      if (clause.presence === "required")
        required++
    })
    var pages = new Map()
    blocks.forEach(function (block) {
      var requiredHits = 0
      for (var h = 0; h < block.hits.length; h++) {
        var presence = clauses[block.hits[h]].presence
        if (presence === "excluded")
          return
        if (presence === "required")
          requiredHits++
      }
      if (requiredHits < required)
        return
      block.rank = (block.key ? 1e15 : 0) + block.hits.length * 1e12 +
        tier(block.page) * 1e10 + block.score
      var page = pages.get(block.page)
      if (!page) {
        page = { number: block.page, rank: 0, blocks: [] }
        pages.set(block.page, page)
      }
      page.blocks.push(block)
      page.rank = Math.max(page.rank, block.rank)
    })
    var ranked = Array.from(pages.values()).sort(function (a, b) {
      return b.rank - a.rank || a.number - b.number
    })

    /* Phrases: only blocks that hold every phrase's terms, then the phrase itself */
    var phraseTerms = parsed.phrases.map(function (phrase) {
      return phrase.filter(tokens.isWord).map(function (word) {
        return word.indexOf("/") !== -1 ? word : tokens.stem(word)
      })
    })
    var inPhrase = clauses.map(function (clause) {
      return phraseTerms.some(function (list) { return list.indexOf(clause.term) !== -1 })
    })

    if (parsed.phrases.length)
      ranked = ranked.filter(function (page) {
        return page.blocks.some(function (block) {
          return inPhrase.every(function (needed, i) { return !needed || hit(block, i) })
        })
      }).slice(0, MAX_PHRASE_PAGES)

    var mark = markerOf(matchedTerms)
    var groups = []
    for (var start = 0; start < ranked.length && groups.length < MAX_PAGES;
      start += MAX_PAGES) {
      var batch = ranked.slice(start, start + MAX_PAGES)
      var files = await turn.until(Promise.all(batch.map(function (page) {
        return load("p" + page.number, "search/p/" + page.number + ".js")
      })))
      if (turn.stale())
        return null
      batch.forEach(function (page, i) {
        if (groups.length < MAX_PAGES && files[i])
          addGroup(groups, page, files[i], parsed, inPhrase, clauses, mark)
      })
    }
    return { items: groups }
  }

  function holdsPhrase(words, phrase) {
    outer:
    for (var i = 0; i + phrase.length <= words.length; i++) {
      for (var j = 0; j < phrase.length; j++)
        if (words[i + j] !== phrase[j])
          continue outer
      return true
    }
    return false
  }

  function hit(block, clause) {
    return block.hits.indexOf(clause) !== -1
  }

  function addGroup(groups, page, entries, parsed, inPhrase, clauses, mark) {
    var items = []
    page.blocks.sort(function (a, b) { return b.rank - a.rank || a.entry - b.entry })
    page.blocks.forEach(function (block) {
      var entry = entries[block.entry]
      if (!entry)
        return
      if (parsed.phrases.length) {
        if (inPhrase.some(function (needed, i) { return needed && !hit(block, i) }))
          return
        var words = tokens.words(entry[1] + " " + entry[2])
        if (!parsed.phrases.every(function (phrase) { return holdsPhrase(words, phrase) }))
          return
      }
      items.push(item(entry, block.score, clauses, block, mark))
    })
    if (!items.length)
      return
    if (!items.some(function (it) { return it.location === entries[0][0] }))
      items.push(item(entries[0], 0, [], null, mark))
    groups.push(items)
  }

  function item(entry, score, clauses, block, mark) {
    var terms = {}
    clauses.forEach(function (clause, i) {
      if (clause.presence !== "excluded")
        terms[clause.word] = hit(block, i)
    })
    return {
      location: entry[0],
      title: mark(entry[1]),
      text: mark(entry[2]),
      score: score / manifest.scale,
      terms: terms
    }
  }

  /* The terms of a word as written, kept: the same words come back in every result
     and at every key, and folding and stemming them again was most of the time spent
     highlighting */
  var tokenTerms = new Map()
  function termsOf(token) {
    var found = tokenTerms.get(token)
    if (found === undefined) {
      if (tokenTerms.size >= MAX_KEPT_WORDS)
        tokenTerms.clear()
      found = tokens.terms(token)
      tokenTerms.set(token, found)
    }
    return found
  }

  /* <mark> around each word whose term the query matched (tags and entities left).
     The texts marked for the last set of terms are kept: each key typed in a word
     most often matches the same terms as the key before and lists the same blocks,
     and marking them again was the largest part of our work at each key. */
  var markedFor = null
  var marked = new Map()
  function markerOf(matchedTerms) {
    var termsKey = Array.from(matchedTerms).sort().join(" ")
    if (termsKey !== markedFor) {
      markedFor = termsKey
      marked = new Map()
    }
    var kept = marked
    return function (html) {
      var found = kept.get(html)
      if (found === undefined) {
        found = markWords(html, matchedTerms)
        kept.set(html, found)
      }
      return found
    }
  }

  function markWords(html, matchedTerms) {
    return html.split(/(<[^>]*>)/).map(function (part) {
      if (part.charAt(0) === "<")
        return part
      return part.replace(tokens.RAW_TOKEN_ORIGINAL, function (token, offset, whole) {
        var before = whole.charAt(offset - 1)
        if (before === "&" || before === "#")
          return token
        var hit = termsOf(token).some(function (term) { return matchedTerms.has(term) })
        return hit ? "<mark>" + token + "</mark>" : token
      })
    }).join("")
  }

  /* Set up as soon as the page creates the worker, not at SETUP, which the theme sends
     from file:// only when the search box opens: the reader's first key finds it ready.
     From file://, in the theme's hidden frame, once the frame has loaded: scripts the
     frame adds before its own load event hold it back, and the page's load event
     waited for the frame (at 1,000 texts the page's load event came 0.17 s sooner,
     median of 25 openings; the frame is now made at the page's load event,
     ra-search-frame.js); the theme sends SETUP and the reader's keys only after the
     reader opens the search box, by which time these few small files are read. */
  var ready = typeof document !== "undefined" && document.readyState !== "complete"
    ? new Promise(function (resolve) {
      addEventListener("load", function () { resolve(setup()) })
    })
    : setup()

  /* What the theme shows of a result: all of it but the words of each item's `terms`
     that were found (it shows only the missing ones, « Non trouvé », unless the links
     carry the found ones). Each key typed in a word changes those words (« coopérati »,
     « coopératio »…) and most often nothing else; the theme empties its list and
     renders every result again at each answer, on the page's own thread, and that was
     most of the time typing took (« coopération internationale » typed key by key on
     the 1,000-text site from file://: 1.26 s answered at every key, 0.63 s computed
     but not shown, 0.37 s not searched; median of 6 each). An answer the theme would
     show exactly as the last one is not sent. */
  function asShown(result) {
    if (!result.items.length)
      return null  /* always sent: the theme tells « Aucun document » from the
                      placeholder by the query it has then */
    return JSON.stringify(result.items, function (key, value) {
      if (key !== "terms" || linksCarryWords)
        return value
      return Object.keys(value).filter(function (word) { return !value[word] })
    })
  }
  var lastShown = null

  /* One query at a time, in order; a query overtaken by a newer one is not answered.
     What it waits for is given up as soon as the newer query comes (the files it asked
     for still load, and are kept): the newer one starts at once, and asks for what it
     needs beside them. It used to start only once those files had arrived, although
     it would not use them all: at each key typed faster than the files came, its own
     files were asked for one round late (« ONUDC » waited for the 20 page files of
     « ONUD » before asking for the one of its own they lacked).
     A query is searched only after one more task: a key already waiting (from
     file://, the page's key events come between our tasks, on the same thread; in a
     worker, the next query's message) is handled first, and the query it overtakes is
     neither searched nor rendered. Searched at once, a query whose files were all
     read was answered within the task that brought it, and the theme rendered that
     answer although the next key was already there: on a slow machine, where keys come
     faster than answers, every such key cost a search and a rendering on the page's
     thread. The last query waits only for that one task. */
  var queue = Promise.resolve()
  var latest = 0

  /* A promise settled by a task of its own, after what is already queued: a message
     channel's message (a timer may be clamped to 4 ms or more). */
  var wakeUps = []
  var channel = new MessageChannel()
  channel.port1.onmessage = function () { wakeUps.shift()() }
  function nextTask() {
    return new Promise(function (resolve) {
      wakeUps.push(resolve)
      channel.port2.postMessage(null)
    })
  }
  var overtake = function () {}
  addEventListener("message", function (event) {
    var message = event.data
    if (message.type === SETUP) {
      queue = queue.then(function () { return ready }).then(function () {
        postMessage({ type: READY })
      })
    } else if (message.type === QUERY) {
      var number = ++latest
      overtake()
      var overtaken = new Promise(function (resolve) { overtake = resolve })
      var turn = {
        stale: function () { return number !== latest },
        /* What `promise` gives, or null as soon as a newer query comes */
        until: function (promise) {
          return Promise.race([promise, overtaken.then(function () { return null })])
        }
      }
      queue = queue.then(nextTask).then(function () {
        if (turn.stale())
          return
        return search(message.data, turn).catch(function (error) {
          console.warn("search: " + message.data, error)
          return { items: [] }
        }).then(function (result) {
          if (!result || turn.stale())
            return
          var shown = asShown(result)
          if (shown !== null && shown === lastShown)
            return
          lastShown = shown
          postMessage({ type: RESULT, data: result })
        })
      })
    }
  })
})();
