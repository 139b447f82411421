// Suggestions under the home-page search box, accents or not. Without this script the form simply submits.
(function () {
  "use strict";
  var form = document.querySelector("form[data-suggest-url]");
  if (!form || !window.fetch) return;
  var input = form.querySelector("input[name=q]");
  var list = document.createElement("ul");
  var status = document.createElement("p");
  var timer = null;
  var latest = "";
  list.id = input.id + "-goi-y";
  list.className = "search-suggestions";
  list.hidden = true;
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  input.setAttribute("aria-controls", list.id);
  input.setAttribute("aria-autocomplete", "list");
  form.appendChild(list);
  form.appendChild(status);

  // `shown` names the query the list answers, so a reader (or a test) can tell a late answer from the current one.
  function show(suggestions, shown) {
    list.textContent = "";
    list.dataset.query = shown || "";
    suggestions.forEach(function (suggestion) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = suggestion.url;
      link.textContent = suggestion.title;
      item.appendChild(link);
      list.appendChild(item);
    });
    list.hidden = suggestions.length === 0;
    status.textContent = suggestions.length ? suggestions.length + " " + (form.dataset.suggestLabel || "") : "";
  }

  function fetchSuggestions() {
    var query = input.value.trim();
    latest = query;
    if (query.length < 2) {
      show([]);
      return;
    }
    fetch(form.dataset.suggestUrl + "?q=" + encodeURIComponent(query), { headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.ok ? response.json() : { suggestions: [] };
      })
      .then(function (data) {
        if (query === latest) show(data.suggestions || [], query);
      })
      .catch(function () {
        show([]);
      });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(fetchSuggestions, 200);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape") show([]);
    if (event.key === "ArrowDown" && !list.hidden) {
      event.preventDefault();
      list.querySelector("a").focus();
    }
  });
  list.addEventListener("keydown", function (event) {
    var current = document.activeElement.parentNode;
    if (event.key === "ArrowDown" && current.nextSibling) {
      event.preventDefault();
      current.nextSibling.querySelector("a").focus();
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      if (current.previousSibling) current.previousSibling.querySelector("a").focus();
      else input.focus();
    } else if (event.key === "Escape") {
      show([]);
      input.focus();
    }
  });
})();
