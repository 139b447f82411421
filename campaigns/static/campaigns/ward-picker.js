/* The ward picker: filter the list of provinces or wards as the citizen types, with or without diacritics.
   Without JavaScript the search box submits and the server filters the same way. No request is made. */
(function () {
  "use strict";
  var input = document.querySelector("[data-picker-filter]");
  var list = input && document.getElementById(input.getAttribute("data-picker-filter"));
  if (!list || !String.prototype.normalize) return;
  var empty = document.querySelector("[data-picker-empty]");

  function fold(text) {
    return text
      .replace(/[đĐ]/g, "d")
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/\s+/g, " ")
      .trim();
  }

  var items = Array.prototype.map.call(list.querySelectorAll("li"), function (item) {
    return { item: item, name: fold(item.textContent) };
  });

  function filter() {
    var wanted = fold(input.value);
    var shown = 0;
    items.forEach(function (entry) {
      var match = entry.name.indexOf(wanted) !== -1;
      entry.item.hidden = !match;
      if (match) shown += 1;
    });
    if (empty) empty.hidden = shown > 0;
  }

  input.addEventListener("input", filter);
  filter();
})();
