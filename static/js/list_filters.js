// A list's filters fold into a <details> that the HTML leaves open, so they work without JavaScript. On a phone
// the list comes first: the disclosure closes here, and its toggle still says how many filters are active.
(function () {
  "use strict";
  document.querySelectorAll("details[data-closed-below]").forEach(function (details) {
    if (window.matchMedia("(max-width: " + details.dataset.closedBelow + ")").matches) {
      details.open = false;
    }
  });
})();
