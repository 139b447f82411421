/* Click-to-load video: nothing is requested from YouTube or Facebook until the citizen presses play.
   Without JavaScript the link opens the video on the provider's own site. */
(function () {
  "use strict";
  document.querySelectorAll(".video-facade-link[data-embed-src]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      var frame = document.createElement("iframe");
      frame.src = link.getAttribute("data-embed-src");
      frame.title = link.getAttribute("data-embed-title") || "";
      frame.allow = "autoplay; encrypted-media; picture-in-picture";
      frame.allowFullscreen = true;
      frame.className = "video-frame";
      link.replaceWith(frame);
    });
  });
})();
