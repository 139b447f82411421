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
