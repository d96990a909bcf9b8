/*!
 * Résolutions annotées: accent-insensitive French search (MIT licence).
 *
 * Appended by scripts/vendor-lunr-fr.py to lunr-languages' French support above, in
 * the theme override of assets/javascripts/lunr/min/lunr.fr.min.js, which Material's
 * search worker loads for `lang: fr`. It changes three things of lunr.fr:
 *
 * - the stemmer folds diacritics and the ligatures œ and æ before stemming, at index
 *   time and at query time alike, so "stupefiants", "stupéfiants" and "STUPÉFIANTS"
 *   reach the same stem;
 * - the trimmer keeps digits, which lunr.fr strips, so that "2009" and "61/183" can be
 *   found;
 * - a query term with a wildcard skips lunr's search pipeline, and Material adds a
 *   trailing wildcard to every term: such a term is trimmed, folded and stemmed here,
 *   then given its wildcard back, so that a whole word finds its inflected forms.
 */
(function (lunr) {
  "use strict"
  if (!lunr || !lunr.fr || !lunr.QueryParser)
    return

  var LIGATURES = { "œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE" }

  function fold(text) {
    return text
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[œŒæÆ]/g, function (ligature) { return LIGATURES[ligature] })
  }

  /* Stemmer: fold, then stem (lunr.fr stems a Token or a string) */
  var stem = lunr.fr.stemmer
  var foldingStemmer = function (token) {
    return typeof token.update === "function"
      ? stem(token.update(fold))
      : stem(fold(token))
  }
  lunr.Pipeline.registerFunction(foldingStemmer, "stemmer-fr-folding")
  lunr.fr.stemmer = foldingStemmer

  /* Trimmer: keep digits at both ends of a token */
  var trimmer = lunr.trimmerSupport.generateTrimmer(lunr.fr.wordCharacters + "0-9")
  lunr.Pipeline.registerFunction(trimmer, "trimmer-fr-digits")
  lunr.fr.trimmer = trimmer

  /* Query terms with a wildcard: the same treatment as indexed words */
  function prepareWildcardTerm(term) {
    var parts = /^(\**)(.*?)(\**)$/.exec(term)
    var word = parts[2]
    if (!word || word.indexOf("*") !== -1)
      return fold(term)
    var prepared = foldingStemmer(trimmer(word))
    return prepared ? parts[1] + prepared + parts[3] : fold(term)
  }

  var parseTerm = lunr.QueryParser.parseTerm
  lunr.QueryParser.parseTerm = function (parser) {
    var clause = parser.currentClause
    var next = parseTerm(parser)
    if (typeof clause.term === "string" && clause.usePipeline === false)
      clause.term = prepareWildcardTerm(clause.term)
    return next
  }
})(typeof self !== "undefined" ? self.lunr : this.lunr);
