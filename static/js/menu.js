// The main menu is a <details> disclosure that works without JavaScript. On wider screens it is shown open: CSS
// does that where the browser supports ::details-content; this sets `open` as well, for browsers that do not, and
// closes it again when the window narrows to a phone's width.
(function () {
  "use strict";

  const menu = document.getElementById("site-nav");
  const wide = window.matchMedia("(min-width: 40em)");

  function fit() {
    menu.open = wide.matches;
  }

  if (menu) {
    fit();
    wide.addEventListener("change", fit);
  }
})();
