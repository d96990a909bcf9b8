/*!
 * Résolutions annotées: the search worker's frame made once the page has loaded (MIT
 * licence).
 *
 * From disk (file://), Material's iframe-worker shim (assets/javascripts/iframe-worker/
 * shim.js, loaded before this file) runs the search worker in a hidden frame, made when
 * the theme's bundle starts, and the page's load event waits for that frame and for the
 * worker script it runs. Nothing in the page needs the worker before the reader opens
 * the search box, so the frame is made at the page's load event instead; what the theme
 * sends meanwhile (it sends nothing before the search box opens) is kept and handed on
 * in order. overrides/main.html loads this file only with our index; over http the
 * browser's own Worker is used and this file does nothing.
 */
(function () {
  "use strict"
  if (location.protocol !== "file:" || typeof window.IFrameWorker !== "function")
    return
  var Frame = window.IFrameWorker

  /* What the theme uses of a worker: postMessage, terminate, "message" and "error"
     events (as listeners or as onmessage/onerror) */
  function LaterWorker(url) {
    var target = new EventTarget()
    var waiting = []
    var frame = null
    var ended = false
    function forward(event) {
      var copy = event.type === "message"
        ? new MessageEvent("message", { data: event.data })
        : new ErrorEvent("error", {
          message: event.message, filename: event.filename, lineno: event.lineno,
          colno: event.colno, error: event.error
        })
      target.dispatchEvent(copy)
      var handler = target["on" + event.type]
      if (typeof handler === "function")
        handler.call(target, copy)
    }
    function start() {
      if (ended || frame)
        return
      frame = new Frame(url)
      frame.addEventListener("message", forward)
      frame.addEventListener("error", forward)
      waiting.forEach(function (message) { frame.postMessage(message) })
      waiting = null
    }
    target.postMessage = function (message) {
      if (frame)
        frame.postMessage(message)
      else if (!ended)
        waiting.push(message)
    }
    target.terminate = function () {
      ended = true
      if (frame)
        frame.terminate()
    }
    if (document.readyState === "complete")
      start()
    else
      window.addEventListener("load", start)
    return target
  }
  window.Worker = LaterWorker
})();
