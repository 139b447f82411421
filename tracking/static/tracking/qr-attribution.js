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
    /* The language switcher's links go through a redirect that keeps qr/xa: give it the code, and
       the part of the page the citizen is reading (the browser keeps the #anchor across the redirect). */
    document.querySelectorAll("a[data-language-link]").forEach(function (link) {
      if (stored) {
        var url = new URL(link.href, window.location.href);
        url.searchParams.set("qr", stored);
        link.href = url.href;
      }
      link.addEventListener("click", function () {
        link.hash = window.location.hash;
      });
    });
  } catch (error) {
    /* Storage blocked: the form still works, credited to "direct". */
  }
})();
