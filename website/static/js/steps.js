/* Step-by-step guides: collapse steps behind their titles, with "show all".
   Without JavaScript every step stays open; printing opens every step. */
(function () {
  "use strict";
  var list = document.querySelector("[data-steps]");
  if (!list || !("hidden" in list)) return;
  var steps = Array.prototype.slice.call(list.querySelectorAll(".step"));
  if (steps.length < 2) return;

  function setOpen(step, open) {
    var button = step.querySelector(".step-toggle");
    var body = step.querySelector(".step-body");
    button.setAttribute("aria-expanded", open ? "true" : "false");
    body.hidden = !open;
  }

  steps.forEach(function (step, index) {
    var title = step.querySelector(".step-title");
    var body = step.querySelector(".step-body");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "step-toggle";
    button.setAttribute("aria-controls", body.id);
    while (title.firstChild) button.appendChild(title.firstChild);
    title.appendChild(button);
    button.addEventListener("click", function () {
      setOpen(step, button.getAttribute("aria-expanded") !== "true");
    });
    var target = window.location.hash && document.getElementById(window.location.hash.slice(1));
    setOpen(step, target ? step === target : index === 0);
  });

  var toggleAll = document.createElement("button");
  toggleAll.type = "button";
  toggleAll.className = "steps-toggle-all";
  toggleAll.textContent = list.getAttribute("data-show-all") || "Hiện tất cả các bước";
  toggleAll.addEventListener("click", function () {
    var anyClosed = steps.some(function (step) { return step.querySelector(".step-body").hidden; });
    steps.forEach(function (step) { setOpen(step, anyClosed); });
    toggleAll.textContent = anyClosed
      ? (list.getAttribute("data-hide-all") || "Thu gọn các bước")
      : (list.getAttribute("data-show-all") || "Hiện tất cả các bước");
  });
  list.parentNode.insertBefore(toggleAll, list);

  window.addEventListener("beforeprint", function () {
    steps.forEach(function (step) { setOpen(step, true); });
  });
})();
