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
})();
