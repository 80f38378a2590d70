// Small progressive enhancements; the app works without JavaScript.
"use strict";
document.addEventListener("submit", function (event) {
  // A decision is sent once: disable the form's buttons after the first click.
  var form = event.target;
  if (form.method && form.method.toLowerCase() === "post") {
    window.setTimeout(function () {
      form.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
    }, 0);
  }
});
