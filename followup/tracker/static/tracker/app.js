// followup: the few things the pages do in the browser. Everything works without
// this file; it only adds copying drafts, showing the log form's fields for the
// chosen event type, and moving focus to the message after an update.
(function () {
  "use strict";

  function copy(button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    if (!source) return;
    var status = button.parentElement.querySelector(".copied");
    var say = function (text) { if (status) status.textContent = text; };
    var fallback = function () {
      source.focus();
      source.select();
      say(document.execCommand("copy") ? "Copied." : "Press Ctrl+C to copy.");
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(source.value).then(function () { say("Copied."); }, fallback);
    } else {
      fallback();
    }
  }

  // The log form lists every event type's fields; show only the chosen type's.
  // Hidden fieldsets are disabled too, so they are neither submitted nor tabbed to.
  function showEventFields(form) {
    var select = form.querySelector("select[name=type]");
    if (!select) return;
    form.querySelectorAll("fieldset[data-event-type]").forEach(function (set) {
      var chosen = set.getAttribute("data-event-type") === select.value;
      set.hidden = !chosen;
      set.disabled = !chosen;
    });
  }

  function prepare(root) {
    root.querySelectorAll("button.copy[hidden]").forEach(function (b) { b.hidden = false; });
    root.querySelectorAll("form[data-event-form]").forEach(showEventFields);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("button.copy");
    if (button) copy(button);
  });

  document.addEventListener("change", function (event) {
    if (event.target.matches("form[data-event-form] select[name=type]")) {
      showEventFields(event.target.form);
    }
  });

  // After htmx replaced part of the page, the clicked button may be gone: put focus
  // on the message that says what happened, so keyboard users keep their place.
  document.addEventListener("htmx:afterSettle", function () {
    prepare(document);
    var message = document.querySelector("[data-focus]");
    if (message) message.focus();
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { prepare(document); });
  } else {
    prepare(document);
  }
})();
