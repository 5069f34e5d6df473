/* The exam page: every choice is saved at once (retrying while the network is down); a second browser that
   takes over the attempt makes this page stop saving and say so. No answers are ever sent to this page. */
(function () {
  "use strict";
  var root = document.getElementById("exam");
  if (!root) { return; }
  // the paper may be the answer to 开始考试 (a POST): the address bar gets the attempt's own address, so that a
  // reload asks for the paper again and never sends the start a second time
  var own = root.getAttribute("data-url");
  if (own && window.location.pathname !== own && window.history.replaceState) {
    window.history.replaceState(null, "", own);
  }
  var url = root.getAttribute("data-save-url");
  var token = root.getAttribute("data-token");
  var deadline = parseInt(root.getAttribute("data-deadline"), 10);
  var state = document.getElementById("exam-state");
  var alertBox = document.getElementById("exam-alert");
  var seq = Date.now();
  var pending = {};
  var stopped = false;

  function csrf() {
    var m = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (m) { return decodeURIComponent(m[1]); }
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }
  function stop(message) {
    stopped = true;
    pending = {};
    alertBox.textContent = message;
    alertBox.classList.remove("d-none");
    root.querySelectorAll("input.form-check-input").forEach(function (i) { i.disabled = true; });
  }
  function chosenOf(fs) {
    var letters = "";
    fs.querySelectorAll("input:checked").forEach(function (i) { letters += i.value; });
    return letters;
  }
  function send(position) {
    var item = pending[position];
    if (!item || stopped) { return; }
    var mark = document.getElementById("state-" + position);
    mark.textContent = "保存中…";
    fetch(url, {
      method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRFToken": csrf()},
      body: JSON.stringify({token: token, position: position, chosen: item.chosen, seq: item.seq})
    }).then(function (r) {
      return r.json().then(function (data) { return {status: r.status, data: data}; });
    }).then(function (res) {
      if (pending[position] !== item) { return; }
      if (res.data.ok) {
        delete pending[position];
        mark.textContent = "已保存";
        document.getElementById("nav-" + position).className =
          "btn btn-sm me-1 mb-1 exam-nav " + (item.chosen ? "btn-success" : "btn-outline-secondary");
        state.textContent = Object.keys(pending).length ? "" : "全部答案已保存";
      } else if (res.status === 409 || res.status === 410) {
        stop(res.data.message);
      } else {
        mark.textContent = res.data.message || "保存失败";
        delete pending[position];
      }
    }).catch(function () {
      mark.textContent = "网络中断，正在重试…";
      state.textContent = "有答案尚未保存，正在重试";
      setTimeout(function () { send(position); }, 2000);
    });
  }
  root.querySelectorAll("fieldset.question").forEach(function (fs) {
    fs.addEventListener("change", function () {
      var position = fs.getAttribute("data-position");
      seq += 1;
      pending[position] = {chosen: chosenOf(fs), seq: seq};
      send(position);
    });
  });
  window.addEventListener("online", function () { Object.keys(pending).forEach(send); });
  window.addEventListener("beforeunload", function (e) {
    if (Object.keys(pending).length && !stopped) { e.preventDefault(); e.returnValue = ""; }
  });
  var left = document.getElementById("exam-left");
  function tick() {
    var ms = deadline - Date.now();
    if (ms <= 0) { left.textContent = "已到时"; stop("考试时间已到，系统将按已保存的答案评分。"); return; }
    var s = Math.floor(ms / 1000);
    left.textContent = Math.floor(s / 60) + "分" + ("0" + (s % 60)).slice(-2) + "秒";
    setTimeout(tick, 1000);
  }
  tick();
})();
