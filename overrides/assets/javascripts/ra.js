/*
 * Résolutions annotées: tooltips for note references and annotated words.
 *
 * A note reference (a.ra-fnref[data-ra-note="fn-4"]) shows the text of its note
 * (li#fn-4 .ra-note-text); any element with data-ra-tip (glossary terms, OCR
 * corrections, unresolved citations) shows that attribute. The tooltip opens on hover
 * and on keyboard focus, stays open while the pointer is over it, and closes with
 * Escape. It is one shared element (role="tooltip") that the trigger names in
 * aria-describedby while it is shown. Nothing is fetched: it works from file://.
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
      return true
    }
    var tip = trigger.getAttribute("data-ra-tip")
    if (!tip)
      return false
    box.textContent = tip
    return true
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
    if (trigger === current)
      hide()
  })

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && current) {
      dismissed = current
      hide()
    }
  })

  /* A tooltip left open would point at nothing once the page scrolls or resizes */
  window.addEventListener("resize", function () {
    if (current)
      place(element(), current)
  })
})()
