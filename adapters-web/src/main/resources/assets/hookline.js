// Small enhancements on top of plain forms; every page works without this file.
(function () {
  "use strict";
  var token = function () {
    var m = document.querySelector('meta[name="csrf-token"]');
    return m ? m.getAttribute("content") : "";
  };
  // HTMX requests carry the session's CSRF token as a header.
  document.addEventListener("htmx:configRequest", function (e) {
    e.detail.headers["X-CSRF-Token"] = token();
  });
  // Polling of the delivery log pauses while a row is open.
  window.hooklineMayPoll = function () {
    return !document.querySelector("#log tr.detail");
  };
  // A second click on "Details" closes the row instead of loading it again.
  document.addEventListener("htmx:confirm", function (e) {
    var el = e.detail.elt;
    if (el && el.hasAttribute && el.hasAttribute("data-expand")) {
      var row = el.closest("tr");
      var next = row && row.nextElementSibling;
      if (next && next.classList.contains("detail")) {
        e.preventDefault();
        next.remove();
      }
    }
  });
  document.addEventListener("click", function (e) {
    var close = e.target.closest("[data-close]");
    if (close) {
      close.closest("tr.detail").remove();
      return;
    }
    var copy = e.target.closest("[data-copy]");
    if (copy) {
      var source = document.querySelector(copy.getAttribute("data-copy"));
      if (source && navigator.clipboard) {
        navigator.clipboard.writeText(source.textContent.trim()).then(function () {
          copy.textContent = "Copied";
          setTimeout(function () { copy.textContent = "Copy"; }, 1500);
        });
      } else if (source) {
        var range = document.createRange();
        range.selectNodeContents(source);
        var sel = window.getSelection();
        sel.removeAllRanges();
        sel.addRange(range);
      }
    }
  });
  document.addEventListener("submit", function (e) {
    var form = e.target.closest("form[data-confirm]");
    if (form && !window.confirm(form.getAttribute("data-confirm"))) {
      e.preventDefault();
      e.stopImmediatePropagation();
    }
  }, true);
  // /admin: "Retry all" takes the filters of the list shown; while the filter fields say something
  // else (typed, Filter not pressed yet) it is disabled rather than retry what the fields do not say.
  document.addEventListener("input", function (e) {
    var filters = e.target.closest("#admin-filters");
    var button = document.getElementById("retry-all");
    if (!filters || !button) { return; }
    var edited = Array.prototype.some.call(filters.querySelectorAll("input"), function (i) {
      return i.value !== i.defaultValue;
    });
    button.disabled = edited;
    document.getElementById("retry-all-hint").hidden = !edited;
  });
  // "All events" sends no event types: the boxes stay ticked (dimmed) in case the merchant
  // switches back, but are left out of the form (the server would honour them otherwise).
  document.addEventListener("submit", function (e) {
    var all = e.target.querySelector && e.target.querySelector("#scope-all");
    if (all && all.checked) {
      e.target.querySelectorAll('input[name="events"]').forEach(function (c) { c.disabled = true; });
    }
  });
  window.addEventListener("pageshow", function () {
    document.querySelectorAll('input[name="events"]:disabled').forEach(function (c) { c.disabled = false; });
  });
  // "All events" dims the checkboxes; ticking a category ticks its types, unticking one of its
  // types unticks the category (which would otherwise still send every type of it).
  document.addEventListener("change", function (e) {
    var t = e.target;
    if (t.name === "scope") {
      var box = document.querySelector(".categories");
      if (box) { box.classList.toggle("dimmed", t.value === "all"); }
    }
    if (t.name === "events") {
      var selected = document.getElementById("scope-selected");
      if (selected) { selected.checked = true; document.querySelector(".categories").classList.remove("dimmed"); }
      if (t.hasAttribute("data-category")) {
        t.closest(".category").querySelectorAll('input[name="events"]:not([data-category])').forEach(function (c) {
          c.checked = t.checked;
        });
      } else if (!t.checked) {
        var category = t.closest(".category").querySelector("input[data-category]");
        if (category) { category.checked = false; }
      }
    }
  });
})();
