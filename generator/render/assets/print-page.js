/* Policy pages: the "Print this page" button (and those printing one part of a page, such as the
   staff quick reference), and the day a printout is made, written into the header that only paper
   shows (print.css). Without this script the buttons stay hidden (they could do nothing) and a
   printout says the day the page was built instead. */
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

  // A button that prints one part of the page (the staff quick reference): print.css leaves the
  // rest off paper while the page's root names the part. The browser's own Print, afterwards,
  // prints the whole page again.
  Array.prototype.forEach.call(document.querySelectorAll("[data-print-part]"), function (button) {
    button.addEventListener("click", function () {
      document.documentElement.setAttribute("data-ps-print", button.getAttribute("data-print-part"));
      window.print();
    });
    button.hidden = false;
  });
  window.addEventListener("afterprint", function () {
    document.documentElement.removeAttribute("data-ps-print");
  });

  // Also for the browser's own Print command, not only the button. The build's PDFs take away
  // data-label first, so they keep the build's date.
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll(".ps-print-date[data-label]"), function (date) {
      date.textContent = date.getAttribute("data-label") + " " + today();
    });
  });
})();
