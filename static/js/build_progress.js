// Keeps a report build's page current without reloading it: fetches the page again every few seconds and swaps in
// its state, until the build is no longer queued or running. Without JavaScript a <noscript> refresh does the same.
(function () {
  "use strict";

  function schedule(region) {
    const delay = Number(region.dataset.refreshMs);
    if (delay > 0) {
      window.setTimeout(function () { refresh(region); }, delay);
    }
  }

  async function refresh(region) {
    try {
      const response = await fetch(window.location.href, { credentials: "same-origin", cache: "no-store" });
      if (response.ok) {
        const page = new DOMParser().parseFromString(await response.text(), "text/html");
        const fresh = page.getElementById(region.id);
        if (fresh) {
          if (fresh.innerHTML !== region.innerHTML) {
            region.innerHTML = fresh.innerHTML;
          }
          if (fresh.dataset.refreshMs) {
            region.dataset.refreshMs = fresh.dataset.refreshMs;
          } else {
            delete region.dataset.refreshMs; // done or failed: stop asking
          }
        }
      }
    } catch (error) {
      // the network hiccuped: the next tick tries again
    }
    schedule(region);
  }

  const region = document.getElementById("build-state");
  if (region) {
    schedule(region);
  }
})();
