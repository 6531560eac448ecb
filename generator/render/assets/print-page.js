/* Policy pages: the "Print this page" button, and the day a printout is made, written into the
   header that only paper shows (print.css). Without this script the button stays hidden (it could
   do nothing) and a printout says the day the page was built instead. */
(function () {
  "use strict";

  var DAY = { day: "numeric", month: "long", year: "numeric" };

  function today() {
    try { return new Date().toLocaleDateString("en-GB", DAY); } catch (e) { return new Date().toDateString(); }
  }

  Array.prototype.forEach.call(document.querySelectorAll(".ps-print-button"), function (button) {
    button.addEventListener("click", function () { window.print(); });
    button.hidden = false;
  });

  // Also for the browser's own Print command, not only the button. The build's PDFs take away
  // data-label first, so they keep the build's date.
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll(".ps-print-date[data-label]"), function (date) {
      date.textContent = date.getAttribute("data-label") + " " + today();
    });
  });
})();
