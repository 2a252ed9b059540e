// The steering dashboard refreshes its figures while a session runs: every N seconds it fetches the
// page again and swaps the content of #bang-theo-doi, says when in a polite live region, and can be
// paused (WCAG 2.2.2). The server marks the box with data-tu-cap-nhat only while a session runs, from
// its start to its quick-report deadline; once a fetched page no longer carries the mark, it stops.
(function () {
  "use strict";

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function clock(date) { return pad(date.getHours()) + ":" + pad(date.getMinutes()); }

  document.addEventListener("DOMContentLoaded", function () {
    var box = document.getElementById("bang-theo-doi");
    var controls = document.querySelector("[data-refresh-controls]");
    if (!box || !controls || !box.hasAttribute("data-tu-cap-nhat")) { return; }
    var status = controls.querySelector("[data-refresh-status]");
    var button = controls.querySelector("[data-refresh-toggle]");
    var seconds = parseInt(box.getAttribute("data-tu-cap-nhat"), 10) || 60;
    var timer = null;
    var paused = false;

    function say(text) { status.textContent = text; }
    function schedule() {
      if (timer === null && !paused) { timer = window.setTimeout(refresh, seconds * 1000); }
    }
    function stop() {
      if (timer !== null) { window.clearTimeout(timer); timer = null; }
    }

    function swap(fresh) {
      var nodes = Array.prototype.map.call(fresh.childNodes, function (node) {
        return document.importNode(node, true);
      });
      box.replaceChildren.apply(box, nodes);
    }

    function refresh() {
      timer = null;
      // Never pull the content from under someone reading it with the keyboard: try again later.
      if (box !== document.activeElement && box.contains(document.activeElement)) { schedule(); return; }
      window.fetch(window.location.href, {
        credentials: "same-origin",
        cache: "no-store",
        headers: { "X-Requested-With": "fetch" }
      }).then(function (response) {
        // A redirect means the log-in has expired: keep what is shown, say so below.
        if (!response.ok || response.redirected) { throw new Error(String(response.status)); }
        return response.text();
      }).then(function (html) {
        var fresh = new window.DOMParser().parseFromString(html, "text/html").getElementById("bang-theo-doi");
        if (!fresh) { throw new Error("no content"); }
        if (paused) { return; }
        swap(fresh);
        var when = clock(new Date());
        if (fresh.hasAttribute("data-tu-cap-nhat")) {
          say("Đã cập nhật lúc " + when);
          schedule();
        } else {
          box.removeAttribute("data-tu-cap-nhat");
          button.hidden = true;
          say("Đã cập nhật lúc " + when + ". Buổi thi đã hết hạn báo cáo nhanh: trang thôi tự cập nhật.");
        }
      }).catch(function () {
        say("Chưa cập nhật được lúc " + clock(new Date()) + "; sẽ thử lại sau " + seconds + " giây. Có thể tải lại trang hoặc đăng nhập lại.");
        schedule();
      });
    }

    button.addEventListener("click", function () {
      paused = !paused;
      if (paused) {
        stop();
        button.textContent = "Tiếp tục tự cập nhật";
        say("Đã tạm dừng tự cập nhật.");
      } else {
        button.textContent = "Tạm dừng tự cập nhật";
        say("Tiếp tục tự cập nhật mỗi " + seconds + " giây.");
        refresh();
      }
    });

    controls.hidden = false;
    schedule();
  });
})();
