/* The exam's start page before the window opens: counts down from the server's own reckoning of the time left
   (never the computer's clock, which may be wrong) and enables 开始考试 at the opening time. The server still
   refuses a start before then. */
(function () {
  "use strict";
  var box = document.getElementById("exam-wait");
  if (!box) { return; }
  var opensAt = performance.now() + parseInt(box.getAttribute("data-opens-in"), 10);
  var left = document.getElementById("exam-wait-left");
  var button = document.getElementById("exam-begin");
  function tick() {
    var ms = opensAt - performance.now();
    if (ms <= 0) {
      left.textContent = "0秒";
      button.disabled = false;
      return;
    }
    var s = Math.ceil(ms / 1000);
    left.textContent = s >= 60 ? Math.floor(s / 60) + "分" + ("0" + (s % 60)).slice(-2) + "秒" : s + "秒";
    setTimeout(tick, Math.min(1000, ms));
  }
  tick();
}());
