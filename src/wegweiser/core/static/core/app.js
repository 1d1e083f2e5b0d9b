// Wegweiser: progressive enhancement only; every page works without this file.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // Submit the language switch as soon as a language is chosen.
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target instanceof HTMLSelectElement && target.hasAttribute("data-autosubmit") && target.form) {
      target.form.requestSubmit();
    }
  });

  // Ask in an accessible <dialog> before a destructive form is sent.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.dataset.confirm || form.dataset.confirmed === "yes") {
      return;
    }
    var dialog = document.getElementById("confirm-dialog");
    if (!dialog || typeof dialog.showModal !== "function") {
      return; // No dialog support: the server-side flow still protects the action.
    }
    event.preventDefault();
    document.getElementById("confirm-dialog-text").textContent = form.dataset.confirm;
    dialog.returnValue = "";
    dialog.addEventListener("close", function onClose() {
      dialog.removeEventListener("close", onClose);
      if (dialog.returnValue === "confirm") {
        form.dataset.confirmed = "yes";
        form.requestSubmit();
      }
    });
    dialog.showModal();
  });
})();
