/*!
 * Résolutions annotées: search terms (MIT licence).
 *
 * The very rules of plugins/resolutions/search/tokens.py, which wrote the index: fold
 * (lower case, NFD without combining marks, œ → oe, æ → ae), split into words (a run
 * holding a "/" is a symbol and stays whole), drop single letters, elided forms and
 * stop words (both lists come with the index's manifest), stem with lunr.fr's French
 * Snowball stemmer. tests/site/test_search_tokens.py checks that both give the same
 * terms for every word of the seeds and the glossary.
 *
 * lunr.fr and its stemmer support are written for lunr; only their stemmer is used
 * here, so a minimal `lunr` object is enough to load them.
 */
(function (root) {
  "use strict"

  if (typeof root.lunr === "undefined")
    root.lunr = {
      Pipeline: { registerFunction: function () {} },
      generateStopWordFilter: function () { return function (token) { return token } }
    }

  var RAW_TOKEN = /[\p{L}\p{N}]+(?:[\/.\-][\p{L}\p{N}]+)*/gu
  /* The same runs in text as written (accents may be combining marks) */
  var RAW_TOKEN_ORIGINAL = /[\p{L}\p{M}\p{N}]+(?:[\/.\-][\p{L}\p{M}\p{N}]+)*/gu
  var WORD_SPLIT = /[.\-]/
  var HAS_DIGIT = /\d/
  var SHORT_FORM = /^(?:[a-z]+-)?\d/
  var TAG = /<[^>]*>/g
  var ENTITY = /&(amp|lt|gt|quot|#x27|#39|nbsp);/g
  var ENTITIES = { amp: "&", lt: "<", gt: ">", quot: "\"", "#x27": "'", "#39": "'", nbsp: " " }
  var LIGATURES = { "œ": "oe", "æ": "ae" }

  var stopWords = new Set()
  var elisions = new Set()
  var stems = new Map()

  function configure(manifest) {
    stopWords = new Set(manifest.stop)
    elisions = new Set(manifest.elisions)
  }

  function fold(text) {
    return text.toLowerCase()
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[œæ]/g, function (ligature) { return LIGATURES[ligature] })
  }

  function stem(word) {
    if (HAS_DIGIT.test(word) || word.indexOf("/") !== -1)
      return word
    var known = stems.get(word)
    if (known === undefined) {
      known = root.lunr.fr.stemmer(word)
      stems.set(word, known)
    }
    return known
  }

  function words(text) {
    var plain = text.replace(TAG, " ").replace(ENTITY, function (_, name) {
      return ENTITIES[name]
    })
    var found = []
    var tokens = fold(plain).match(RAW_TOKEN) || []
    for (var i = 0; i < tokens.length; i++) {
      var token = tokens[i]
      if (token.indexOf("/") !== -1) {
        found.push(token)
        continue
      }
      var parts = token.split(WORD_SPLIT)
      for (var j = 0; j < parts.length; j++)
        if (parts[j])
          found.push(parts[j])
    }
    return found
  }

  function isWord(word) {
    if (word.length === 1 && !/^\d$/.test(word))
      return false
    return !elisions.has(word) && !stopWords.has(word)
  }

  function symbolForms(symbol) {
    var forms = [symbol]
    for (var i = 0; i < symbol.length; i++) {
      var rest = symbol.slice(i + 1)
      if ((symbol[i] === "/" || symbol[i] === ".") && SHORT_FORM.test(rest) &&
          rest.indexOf("/") !== -1) {
        forms.push(rest)
        break
      }
    }
    return forms
  }

  /* The index terms of a text, in order: a symbol gives each of its forms */
  function terms(text) {
    var found = []
    var list = words(text)
    for (var i = 0; i < list.length; i++) {
      var word = list[i]
      if (word.indexOf("/") !== -1)
        found.push.apply(found, symbolForms(word))
      else if (isWord(word))
        found.push(stem(word))
    }
    return found
  }

  /* The terms of a query: a symbol stays whole */
  function queryTerms(text) {
    return words(text).filter(isWord).map(function (word) {
      return word.indexOf("/") !== -1 ? word : stem(word)
    })
  }

  root.raSearchTokens = {
    configure: configure,
    fold: fold,
    stem: stem,
    words: words,
    isWord: isWord,
    terms: terms,
    queryTerms: queryTerms,
    RAW_TOKEN_ORIGINAL: RAW_TOKEN_ORIGINAL
  }
})(self);
