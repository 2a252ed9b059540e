// Font-size control (Thông tư 32/2017 encourages it) and the phone navigation menu.
(function () {
  "use strict";
  var KEY = "co-chu";
  var root = document.documentElement;
  function apply(step) {
    if (step === 0) { root.removeAttribute("data-font-size"); } else { root.setAttribute("data-font-size", String(step)); }
  }
  var saved = 0;
  try { saved = parseInt(window.localStorage.getItem(KEY) || "0", 10) || 0; } catch (e) { saved = 0; }
  apply(saved);
  document.addEventListener("DOMContentLoaded", function () {
    var control = document.querySelector("[data-font-size-control]");
    if (control) {
      control.hidden = false;
      control.addEventListener("click", function (event) {
        var button = event.target.closest("button[data-font-step]");
        if (!button) { return; }
        var delta = parseInt(button.getAttribute("data-font-step"), 10);
        var current = parseInt(root.getAttribute("data-font-size") || "0", 10);
        var next = delta === 0 ? 0 : Math.max(-1, Math.min(2, current + delta));
        apply(next);
        try { window.localStorage.setItem(KEY, String(next)); } catch (e) { /* private mode */ }
      });
    }
    var menu = document.querySelector("[data-nav-menu]");
    if (menu && window.matchMedia("(min-width: 48rem)").matches) { menu.open = true; }
  });
})();
