// Fazhi's own behaviour. No inline scripts anywhere (the CSP allows only files from this host).
(function () {
  "use strict";
  // A form or button with data-confirm asks before a destructive or irreversible action.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var message = form.getAttribute("data-confirm");
    if (message && !window.confirm(message)) {
      event.preventDefault();
    }
  }, true);
  // The public site on a phone shows each table row as a card: every cell is labelled with its column's
  // heading (templates may set data-label themselves; this fills in the ones they leave out).
  document.addEventListener("DOMContentLoaded", function () {
    if (!document.body.classList.contains("public")) { return; }
    Array.prototype.forEach.call(document.querySelectorAll("main table"), function (table) {
      var heads = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
        return th.textContent.trim();
      });
      if (!heads.length) { return; }
      Array.prototype.forEach.call(table.querySelectorAll("tbody tr"), function (row) {
        Array.prototype.forEach.call(row.children, function (cell, i) {
          if (cell.tagName === "TD" && !cell.hasAttribute("data-label") && heads[i] && i > 0) {
            cell.setAttribute("data-label", heads[i]);
          }
        });
      });
    });
  });
  // The public site on a phone: the filters fold away (open again with one tap; open when a filter is set).
  document.addEventListener("DOMContentLoaded", function () {
    if (!document.body.classList.contains("public") || !window.matchMedia("(max-width: 767.98px)").matches) {
      return;
    }
    Array.prototype.forEach.call(document.querySelectorAll("details.filter-fold"), function (fold) {
      if (!fold.hasAttribute("data-active")) { fold.open = false; }
    });
  });
})();
