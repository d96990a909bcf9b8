/*
 * Résolutions annotées: tooltips for note references and annotated words.
 *
 * A note reference (a.ra-fnref[data-ra-note="fn-4"]) shows the text of its note
 * (li#fn-4 .ra-note-text); any element with data-ra-tip (glossary terms, OCR
 * corrections, unresolved citations) shows that attribute. The tooltip opens on hover
 * and on keyboard focus, stays open while the pointer is over it, and closes with
 * Escape. It is one shared element (role="tooltip") that the trigger names in
 * aria-describedby while it is shown. Nothing is fetched: it works from file://.
 *
 * A touch screen has no hover: the first tap on a trigger shows its tooltip instead of
 * following the link, and the tooltip holds that link ("Lire la note", "Voir l'entrée
 * du glossaire"); a second tap on the same trigger, or a tap on the link, follows it.
 * A tap anywhere else, or Escape, closes the tooltip. A mouse click and the keyboard
 * (Enter on a focused link) follow links at once, as before.
 */
(function () {
  "use strict"

  var TRIGGERS = "[data-ra-note], [data-ra-tip]"
  var GAP = 8
  var HIDE_DELAY = 200

  var tooltip = null
  var current = null
  var dismissed = null
  var hideTimer = 0
  /* The last touch (or pen) press on a trigger: {trigger, open}, open when that
     trigger's tooltip was already shown before the press */
  var tap = null

  function element() {
    if (tooltip)
      return tooltip
    tooltip = document.createElement("div")
    tooltip.id = "ra-tooltip"
    tooltip.className = "ra-tooltip"
    tooltip.setAttribute("role", "tooltip")
    tooltip.hidden = true
    tooltip.addEventListener("mouseenter", cancelHide)
    tooltip.addEventListener("mouseleave", scheduleHide)
    tooltip.addEventListener("focusout", function (event) {
      var next = event.relatedTarget
      if (!(next && (tooltip.contains(next) || next === current)))
        hide()
    })
    document.body.appendChild(tooltip)
    return tooltip
  }

  /* The tooltip's content for a trigger, or null when there is nothing to show */
  function fill(box, trigger) {
    box.textContent = ""
    var noteId = trigger.getAttribute("data-ra-note")
    if (noteId) {
      var note = document.getElementById(noteId)
      var text = note && note.querySelector(".ra-note-text")
      if (!text)
        return false
      var label = document.createElement("span")
      label.className = "ra-tooltip__label"
      label.textContent = "Note " + (note.getAttribute("value") || trigger.textContent.trim())
      box.appendChild(label)
      box.appendChild(document.createTextNode(" "))
      /* The note's words keep the language of the text (lang="en" for an English text) */
      var words = document.createElement("span")
      var lang = text.getAttribute("lang")
      if (lang)
        words.setAttribute("lang", lang)
      words.textContent = text.textContent.trim()
      box.appendChild(words)
      follow(box, trigger, "Lire la note en bas de page")
      return true
    }
    var tip = trigger.getAttribute("data-ra-tip")
    if (!tip)
      return false
    box.textContent = tip
    if (trigger.hasAttribute("data-ra-entry"))
      follow(box, trigger, "Voir l\u2019entr\u00e9e du glossaire")
    else
      follow(box, trigger, "Suivre le lien")
    return true
  }

  /* The trigger's own link, repeated in the tooltip (a touch screen's way to it) */
  function follow(box, trigger, words) {
    var href = trigger.getAttribute("href")
    if (!href)
      return
    var link = document.createElement("a")
    link.className = "ra-tooltip__link"
    link.href = href
    link.textContent = words
    var line = document.createElement("span")
    line.className = "ra-tooltip__more"
    line.appendChild(link)
    box.appendChild(line)
  }

  function place(box, trigger) {
    var rect = trigger.getBoundingClientRect()
    var root = document.documentElement
    box.style.left = "0px"
    box.style.top = "0px"
    var width = box.offsetWidth
    var height = box.offsetHeight
    var left = Math.min(
      Math.max(rect.left, GAP),
      Math.max(root.clientWidth - width - GAP, GAP)
    )
    var below = rect.bottom + GAP
    var top = below + height <= root.clientHeight || rect.top - GAP - height < 0
      ? below
      : rect.top - GAP - height
    box.style.left = Math.round(left + window.scrollX) + "px"
    box.style.top = Math.round(top + window.scrollY) + "px"
  }

  function show(trigger) {
    cancelHide()
    if (trigger === current || trigger === dismissed)
      return
    hide()
    var box = element()
    if (!fill(box, trigger))
      return
    box.hidden = false
    place(box, trigger)
    trigger.setAttribute("aria-describedby", box.id)
    current = trigger
  }

  function hide() {
    cancelHide()
    if (!current)
      return
    current.removeAttribute("aria-describedby")
    current = null
    element().hidden = true
  }

  function scheduleHide() {
    cancelHide()
    hideTimer = window.setTimeout(hide, HIDE_DELAY)
  }

  function cancelHide() {
    window.clearTimeout(hideTimer)
    hideTimer = 0
  }

  function triggerOf(node) {
    return node && node.closest ? node.closest(TRIGGERS) : null
  }

  document.addEventListener("mouseover", function (event) {
    var trigger = triggerOf(event.target)
    if (trigger)
      show(trigger)
  })

  document.addEventListener("mouseout", function (event) {
    var trigger = triggerOf(event.target)
    if (!trigger || trigger.contains(event.relatedTarget))
      return
    if (trigger === dismissed)
      dismissed = null
    if (trigger === current)
      scheduleHide()
  })

  document.addEventListener("focusin", function (event) {
    var trigger = triggerOf(event.target)
    if (trigger)
      show(trigger)
  })

  document.addEventListener("focusout", function (event) {
    var trigger = triggerOf(event.target)
    if (!trigger)
      return
    if (trigger === dismissed)
      dismissed = null
    /* Focus may move into the tooltip (its link, tapped or tabbed to): it stays */
    var next = event.relatedTarget
    if (trigger === current && !(next && tooltip && tooltip.contains(next)))
      hide()
  })

  /* Touch: remember whether the pressed trigger's tooltip was open before the press
     (the press itself makes the browser send mouseover and focus, which open it). A
     press outside the tooltip and its trigger closes it. */
  document.addEventListener("pointerdown", function (event) {
    var trigger = triggerOf(event.target)
    var inside = tooltip && tooltip.contains(event.target)
    if (event.pointerType === "touch" || event.pointerType === "pen")
      tap = trigger ? { trigger: trigger, open: trigger === current } : null
    else
      tap = null
    if (current && !inside && trigger !== current)
      hide()
  }, true)

  /* The first tap on a trigger shows its tooltip and stays on the page; the second
     follows the link. A click that no touch press began (mouse, Enter) is left alone. */
  document.addEventListener("click", function (event) {
    var trigger = triggerOf(event.target)
    var pressed = tap
    tap = null
    if (!trigger || !pressed || pressed.trigger !== trigger || pressed.open)
      return
    event.preventDefault()
    if (dismissed === trigger)
      dismissed = null
    show(trigger)
  })

  /* A press that became a scroll, or keys, end the tap: Enter then follows the link */
  document.addEventListener("pointercancel", function () {
    tap = null
  })

  /* Following a note link (or the back button) moves the page: the tooltip goes */
  window.addEventListener("hashchange", hide)

  document.addEventListener("keydown", function (event) {
    tap = null
    if (event.key === "Escape" && current) {
      var trigger = current
      dismissed = trigger
      /* Focus on the tooltip's link would be lost with it: back to the trigger */
      var back = tooltip.contains(document.activeElement)
      hide()
      if (back)
        trigger.focus()
    }
  })

  /* A text's page, printed: its symbol and title at the top of every page. ra.css
     shows --ra-running-title in the page's top margin; the words are the page's
     heading, as a CSS string. */
  function runningTitle() {
    var heading = document.querySelector(".md-content article h1")
    if (!heading || !document.querySelector(".md-content .ra-meta"))
      return
    var copy = heading.cloneNode(true)
    Array.prototype.forEach.call(copy.querySelectorAll(".headerlink"), function (link) {
      link.remove()
    })
    var words = copy.textContent.replace(/\s+/g, " ").trim()
    var string = "\"" + words.replace(/\\/g, "\\\\").replace(/"/g, "\\\"") + "\""
    document.documentElement.style.setProperty("--ra-running-title", string)
  }

  if (document.readyState === "loading")
    document.addEventListener("DOMContentLoaded", runningTitle)
  else
    runningTitle()

  /* A tooltip left open would point at nothing once the page scrolls or resizes */
  window.addEventListener("resize", function () {
    if (current)
      place(element(), current)
  })
})()

/*
 * « Citer »: each paragraph and item has a button (button.ra-cite-button) whose
 * data-ra-cite holds the citation written at build time ("Assemblée générale, résolution
 * 62/176, par. 6 a), 18 décembre 2007"). A click copies it followed by the block's
 * permanent address: the page's canonical URL when the site has one, else the page's
 * own (file:// included), with the block's anchor. The clipboard API first; where it is
 * missing or refused (file://, older browsers), document.execCommand("copy") on an
 * off-screen textarea; if that fails too, a small dialog shows the text selected for
 * the reader to copy. A status line (role="status", aria-live) says what happened.
 */
;(function () {
  "use strict"

  var SHOWN_FOR = 3000

  var status = null
  var statusTimer = 0
  var popup = null
  var popupButton = null

  function statusLine() {
    if (status)
      return status
    status = document.createElement("div")
    status.className = "ra-cite-status"
    status.setAttribute("role", "status")
    status.setAttribute("aria-live", "polite")
    document.body.appendChild(status)
    return status
  }

  function announce(message) {
    var line = statusLine()
    window.clearTimeout(statusTimer)
    line.textContent = message
    line.classList.add("ra-cite-status--shown")
    statusTimer = window.setTimeout(function () {
      line.classList.remove("ra-cite-status--shown")
      line.textContent = ""
    }, SHOWN_FOR)
  }

  function permanentUrl(button) {
    var block = button.closest(".ra-item[id], .ra-para[id]")
    var canonical = document.querySelector("link[rel='canonical']")
    var page = canonical && canonical.href ? canonical.href : window.location.href
    return page.split("#")[0] + (block ? "#" + block.id : "")
  }

  function copyWithCommand(text, button) {
    var buffer = document.createElement("textarea")
    buffer.className = "ra-cite-buffer"
    buffer.value = text
    buffer.setAttribute("readonly", "")
    buffer.setAttribute("aria-hidden", "true")
    buffer.tabIndex = -1
    document.body.appendChild(buffer)
    buffer.select()
    buffer.setSelectionRange(0, text.length)
    var done = false
    try {
      done = document.execCommand("copy") === true
    } catch (error) {
      done = false
    }
    document.body.removeChild(buffer)
    button.focus()
    return done
  }

  function closePopup() {
    if (!popup)
      return
    var button = popupButton
    popup.parentNode.removeChild(popup)
    popup = null
    popupButton = null
    if (button)
      button.focus()
  }

  /* The last resort: the citation shown selected, for the reader to copy */
  function showPopup(text, button) {
    closePopup()
    popup = document.createElement("div")
    popup.className = "ra-cite-popup"
    popup.setAttribute("role", "dialog")
    popup.setAttribute("aria-label", "Citation à copier")
    popupButton = button
    var hint = document.createElement("p")
    hint.className = "ra-cite-popup__hint"
    hint.textContent = "Copiez la citation sélectionnée (Ctrl+C, ou ⌘+C)\u00a0:"
    var area = document.createElement("textarea")
    area.className = "ra-cite-popup__text"
    area.value = text
    area.readOnly = true
    area.rows = 4
    area.setAttribute("aria-label", "Citation")
    var close = document.createElement("button")
    close.type = "button"
    close.className = "ra-cite-popup__close"
    close.textContent = "Fermer"
    close.addEventListener("click", closePopup)
    popup.appendChild(hint)
    popup.appendChild(area)
    popup.appendChild(close)
    popup.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        event.stopPropagation()
        closePopup()
      }
    })
    document.body.appendChild(popup)
    var rect = button.getBoundingClientRect()
    var root = document.documentElement
    var left = Math.min(Math.max(rect.left, 8), Math.max(root.clientWidth - popup.offsetWidth - 8, 8))
    popup.style.left = Math.round(left + window.scrollX) + "px"
    popup.style.top = Math.round(rect.bottom + 8 + window.scrollY) + "px"
    area.focus()
    area.select()
    area.setSelectionRange(0, text.length)
    announce("Copie automatique impossible\u00a0: la citation est sélectionnée, copiez-la")
  }

  function fallBack(text, button) {
    if (copyWithCommand(text, button))
      announce("Citation copiée")
    else
      showPopup(text, button)
  }

  function cite(button) {
    var text = button.getAttribute("data-ra-cite") + ", " + permanentUrl(button)
    var clipboard = navigator.clipboard
    if (clipboard && typeof clipboard.writeText === "function") {
      clipboard.writeText(text).then(
        function () { announce("Citation copiée") },
        function () { fallBack(text, button) }
      )
    } else {
      fallBack(text, button)
    }
  }

  document.addEventListener("click", function (event) {
    var button = event.target && event.target.closest
      ? event.target.closest("button.ra-cite-button")
      : null
    if (button) {
      event.preventDefault()
      cite(button)
    } else if (popup && !popup.contains(event.target)) {
      closePopup()
    }
  })

  /* Created now, empty, so that screen readers already watch it when it speaks */
  if (document.body)
    statusLine()
  else
    document.addEventListener("DOMContentLoaded", statusLine)
})()

/*
 * A paragraph's connections: its count in the margin (a.ra-links) links to its entry
 * in "Liens par paragraphe" (li#liens-op6), which works without script. With it, a
 * click (or Enter, or a tap) opens that entry in a small popover beside the count
 * instead; Escape, a click outside or a second click closes it, and focus goes back to
 * the count.
 */
;(function () {
  "use strict"

  var popover = null
  var opener = null

  function close(restoreFocus) {
    if (!popover)
      return
    var back = opener
    popover.parentNode.removeChild(popover)
    popover = null
    opener = null
    if (back) {
      back.setAttribute("aria-expanded", "false")
      if (restoreFocus)
        back.focus()
    }
  }

  function open(marker) {
    var entry = document.getElementById(marker.getAttribute("data-ra-links"))
    var links = entry && entry.querySelector(".ra-links-list__links")
    if (!links)
      return false
    close(false)
    var title = entry.querySelector(".ra-links-list__paragraph")
    popover = document.createElement("div")
    popover.className = "ra-links-popover"
    popover.setAttribute("role", "dialog")
    popover.setAttribute("aria-label", "Liens avec le corpus\u00a0: " +
      (title ? title.textContent : ""))
    var heading = document.createElement("p")
    heading.className = "ra-links-popover__title"
    heading.textContent = title ? title.textContent : ""
    popover.appendChild(heading)
    popover.appendChild(links.cloneNode(true))
    popover.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        event.stopPropagation()
        close(true)
      }
    })
    /* Focus leaving the popover (Tab past its last link) closes it */
    popover.addEventListener("focusout", function (event) {
      var next = event.relatedTarget
      if (next && popover && !popover.contains(next) && next !== opener)
        close(false)
    })
    /* Right after the paragraph's text, so that Tab goes from its links on to the next
       paragraph; placed under the count (the paragraph is positioned: ra.css) */
    var paragraph = marker.closest(".ra-para") || document.body
    var line = marker.closest(".ra-para > p")
    paragraph.insertBefore(popover, line ? line.nextSibling : null)
    var frame = paragraph.getBoundingClientRect()
    var rect = marker.getBoundingClientRect()
    var root = document.documentElement
    var left = Math.min(Math.max(rect.right - popover.offsetWidth, 8),
      Math.max(root.clientWidth - popover.offsetWidth - 8, 8))
    popover.style.left = Math.round(left - frame.left) + "px"
    popover.style.top = Math.round(rect.bottom + 6 - frame.top) + "px"
    opener = marker
    marker.setAttribute("aria-expanded", "true")
    var first = popover.querySelector("a[href]")
    if (first)
      first.focus()
    return true
  }

  function markers() {
    Array.prototype.forEach.call(document.querySelectorAll("a.ra-links[data-ra-links]"),
      function (marker) {
        marker.setAttribute("aria-haspopup", "dialog")
        marker.setAttribute("aria-expanded", "false")
      })
  }

  document.addEventListener("click", function (event) {
    var marker = event.target && event.target.closest
      ? event.target.closest("a.ra-links[data-ra-links]")
      : null
    if (marker) {
      var again = marker === opener
      if (again) {
        event.preventDefault()
        close(true)
      } else if (open(marker)) {
        event.preventDefault()
      }
    } else if (popover && !popover.contains(event.target)) {
      close(false)
    }
  })

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && popover)
      close(true)
  })

  window.addEventListener("hashchange", function () { close(false) })

  if (document.readyState === "loading")
    document.addEventListener("DOMContentLoaded", markers)
  else
    markers()
})()

/*
 * Fewer marks, fewer tab stops.
 *
 * The glossary marks a term at its first mention in each section; the later mentions
 * (span.ra-term-repeat with data-ra-href) keep their address, and take the tooltip of
 * the entry's first mention. A reader
 * setting, « Signaler chaque mention du glossaire », made here on a text's page that
 * has such mentions and remembered in localStorage (from file:// too), turns them into
 * links like the first ones, and back.
 *
 * A paragraph's permalinks and « Citer » buttons (its own and its items') are one tab
 * stop: its « Citer » button; the arrow keys move between them (a roving tabindex).
 * Without script, each stays a tab stop of its own.
 */
;(function () {
  "use strict"

  var SETTING = "ra-glossaire-chaque-mention"

  function remembered() {
    try {
      return window.localStorage.getItem(SETTING) === "1"
    } catch (error) {
      return false
    }
  }

  function remember(all) {
    try {
      window.localStorage.setItem(SETTING, all ? "1" : "0")
    } catch (error) {
      /* Storage refused (private mode, some file:// settings): the page still follows */
    }
  }

  function swap(from, tag, setUp) {
    var to = document.createElement(tag)
    while (from.firstChild)
      to.appendChild(from.firstChild)
    setUp(to)
    from.parentNode.replaceChild(to, from)
  }

  /* The tooltip of an entry: its first mention's (every repeated mention follows one) */
  function tipOf(entry) {
    var first = document.querySelector("a.ra-term[data-ra-tip][data-ra-entry=\"" +
      CSS.escape(entry) + "\"]")
    return first ? first.getAttribute("data-ra-tip") : ""
  }

  function showEveryMention(all) {
    if (all) {
      Array.prototype.forEach.call(
        document.querySelectorAll("span.ra-term-repeat[data-ra-href]"),
        function (span) {
          var entry = span.getAttribute("data-ra-entry")
          var tip = tipOf(entry)
          swap(span, "a", function (link) {
            link.className = "ra-term ra-term--repeat"
            link.href = span.getAttribute("data-ra-href")
            link.setAttribute("data-ra-href", span.getAttribute("data-ra-href"))
            link.setAttribute("data-ra-entry", entry)
            if (tip)
              link.setAttribute("data-ra-tip", tip)
          })
        })
    } else {
      Array.prototype.forEach.call(
        document.querySelectorAll("a.ra-term--repeat"),
        function (link) {
          swap(link, "span", function (span) {
            span.className = "ra-term-repeat"
            span.setAttribute("data-ra-entry", link.getAttribute("data-ra-entry"))
            span.setAttribute("data-ra-href", link.getAttribute("data-ra-href"))
          })
        })
    }
  }

  function setting() {
    var panel = document.querySelector(".md-content .ra-meta")
    if (!panel || !document.querySelector("span.ra-term-repeat[data-ra-href]"))
      return
    var line = document.createElement("p")
    line.className = "ra-terms-setting"
    var label = document.createElement("label")
    var box = document.createElement("input")
    box.type = "checkbox"
    box.className = "ra-terms-setting__box"
    box.checked = remembered()
    label.appendChild(box)
    label.appendChild(document.createTextNode(" Signaler chaque mention du glossaire"))
    line.appendChild(label)
    var hint = document.createElement("span")
    hint.className = "ra-terms-setting__hint"
    hint.textContent = " (sinon\u00a0: la première de chaque section)"
    line.appendChild(hint)
    panel.appendChild(line)
    box.addEventListener("change", function () {
      remember(box.checked)
      showEveryMention(box.checked)
    })
    if (box.checked)
      showEveryMention(true)
  }

  var CONTROLS = "a.ra-permalink, button.ra-cite-button"

  function roving() {
    var grouped = 0
    Array.prototype.forEach.call(document.querySelectorAll(".ra-para"), function (paragraph) {
      var controls = paragraph.querySelectorAll(CONTROLS)
      if (controls.length < 2)
        return
      grouped += 1
      var own = paragraph.querySelector(":scope > p > .ra-controls > button.ra-cite-button") || controls[0]
      Array.prototype.forEach.call(controls, function (control) {
        control.tabIndex = control === own ? 0 : -1
        if (control.tagName === "BUTTON")
          control.setAttribute("aria-describedby", "ra-controls-hint")
      })
    })
    if (!grouped)
      return
    var hint = document.createElement("p")
    hint.id = "ra-controls-hint"
    hint.hidden = true
    hint.textContent = "Flèches\u00a0: lien permanent et « Citer » des alinéas du paragraphe"
    document.body.appendChild(hint)
  }

  var KEYS = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }

  document.addEventListener("keydown", function (event) {
    var control = event.target && event.target.closest ? event.target.closest(CONTROLS) : null
    var paragraph = control && control.closest(".ra-para")
    if (!paragraph || event.altKey || event.ctrlKey || event.metaKey)
      return
    var controls = Array.prototype.slice.call(paragraph.querySelectorAll(CONTROLS))
    var index = controls.indexOf(control)
    var next
    if (event.key in KEYS)
      next = controls[(index + KEYS[event.key] + controls.length) % controls.length]
    else if (event.key === "Home")
      next = controls[0]
    else if (event.key === "End")
      next = controls[controls.length - 1]
    if (!next)
      return
    event.preventDefault()
    control.tabIndex = -1
    next.tabIndex = 0
    next.focus()
  })

  function start() {
    setting()
    roving()
  }

  if (document.readyState === "loading")
    document.addEventListener("DOMContentLoaded", start)
  else
    start()
})()

/*
 * Code examples of the hand-written pages: one wider than the screen scrolls sideways,
 * and the keyboard can scroll it only when it can take focus (what Material does for
 * its highlighted blocks, which this site does not use). Checked again when the window
 * changes size.
 */
;(function () {
  "use strict"

  function scrollableByKeyboard() {
    document.querySelectorAll(".md-typeset pre > code").forEach(function (code) {
      if (code.scrollWidth > code.clientWidth)
        code.setAttribute("tabindex", "0")
      else
        code.removeAttribute("tabindex")
    })
  }

  if (document.readyState === "loading")
    document.addEventListener("DOMContentLoaded", scrollableByKeyboard)
  else
    scrollableByKeyboard()
  window.addEventListener("resize", scrollableByKeyboard)
})()
