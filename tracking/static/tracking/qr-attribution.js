/* Keep the code a citizen came through (?qr=...) for this browsing session only, so that
   "Tôi đã làm xong" on another page of the site still credits it. sessionStorage, never a cookie. */
(function () {
  "use strict";
  var KEY = "loa.qr";
  try {
    var qr = new URLSearchParams(window.location.search).get("qr");
    if (qr && /^[A-Za-z0-9]{6}$/.test(qr)) window.sessionStorage.setItem(KEY, qr);
    var stored = window.sessionStorage.getItem(KEY);
    document.querySelectorAll("[data-completion-form] input[name=qr]").forEach(function (input) {
      if (!input.value && stored) input.value = stored;
    });
  } catch (error) {
    /* Storage blocked: the form still works, credited to "direct". */
  }
})();

/* One random value per browser tab (sessionStorage: gone when the tab closes, never a cookie), sent with
   "Tôi đã làm xong" so that people behind one address with the same phone each count once. The server
   keeps it only in its cache for the 30-minute de-duplication window. Without it (no JavaScript, storage
   blocked), the server falls back to the address and the browser. */
(function () {
  "use strict";
  var KEY = "loa.tab";
  try {
    var tab = window.sessionStorage.getItem(KEY);
    if (!tab || !/^[0-9a-f]{32}$/.test(tab)) {
      var bytes = new Uint8Array(16);
      window.crypto.getRandomValues(bytes);
      tab = Array.prototype.map.call(bytes, function (byte) { return (byte + 256).toString(16).slice(1); }).join("");
      window.sessionStorage.setItem(KEY, tab);
    }
    document.querySelectorAll("[data-completion-form]").forEach(function (form) {
      var input = form.querySelector("input[name=tab]");
      if (!input) {
        input = document.createElement("input");
        input.type = "hidden";
        input.name = "tab";
        form.appendChild(input);
      }
      input.value = tab;
    });
  } catch (error) {
    /* Storage or crypto unavailable: the form still works, de-duplicated by address and browser. */
  }
})();
