/* The service-point form on a phone whose connection comes and goes.

   Each entry gets an id made here and is written to this phone's localStorage before it is sent; it leaves
   the queue only when the server has answered for it. The server stores an id once, so an entry sent twice
   (an answer lost on the way back) is recorded once. Sending needs a live staff session: when it has
   expired, the queue stays and the person is asked to log in again (the login leads back here, and the
   queue is sent on load). The queue is kept per user, so that another account on the same phone never
   sends it. Without this script the form is a plain POST. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-desk-queue]");
  var status = document.getElementById("desk-queue-status");
  if (!form || !status || !window.fetch || !window.crypto) return;
  try {
    window.localStorage.getItem("loa.desk"); // blocked storage throws: the form then stays a plain POST
  } catch (error) {
    return;
  }

  var KEY = "loa.desk.queue." + form.getAttribute("data-desk-user");
  var RETRY_MS = 20000;
  var TIMEOUT_MS = 15000;
  // getAttribute, not form.action: the form has a field named "action", which shadows that property.
  var formUrl = form.getAttribute("action");
  var button = form.querySelector("button[type=submit]");
  var sending = false;
  var submitted = null; // the id of the entry the person has just submitted, until it is sent or kept

  function newId() {
    if (window.crypto.randomUUID) return window.crypto.randomUUID();
    // randomUUID needs a secure context (HTTPS); getRandomValues does not. Same shape: a version-4 UUID.
    var bytes = window.crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 0x100).toString(16).slice(1); }).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  }

  function load() {
    try {
      var queue = JSON.parse(window.localStorage.getItem(KEY) || "[]");
      return Array.isArray(queue) ? queue : [];
    } catch (error) {
      return [];
    }
  }

  function save(queue) {
    if (queue.length) window.localStorage.setItem(KEY, JSON.stringify(queue));
    else window.localStorage.removeItem(KEY);
  }

  function remove(id) {
    save(load().filter(function (entry) { return entry.id !== id; }));
  }

  function text(name, values) {
    var template = status.getAttribute("data-text-" + name) || "";
    return template.replace(/\{(\w+)\}/g, function (match, key) {
      return values && key in values ? String(values[key]) : match;
    });
  }

  function show(message, link) {
    status.textContent = message;
    if (link) {
      var anchor = document.createElement("a");
      anchor.href = form.getAttribute("data-login-url");
      anchor.textContent = link;
      status.appendChild(document.createTextNode(" "));
      status.appendChild(anchor);
    }
    status.hidden = !message;
  }

  function csrfToken() {
    var input = form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function fieldsOf() {
    var fields = [];
    new FormData(form).forEach(function (value, name) {
      if (name !== "csrfmiddlewaretoken" && name !== "entry_id") fields.push([name, String(value)]);
    });
    return fields;
  }

  function value(fields, name) {
    for (var i = 0; i < fields.length; i++) if (fields[i][0] === name) return fields[i][1];
    return "";
  }

  function pristine() {
    var fields = fieldsOf();
    return !value(fields, "action") && !value(fields, "heard_from") && !value(fields, "code");
  }

  function send(entry) {
    var body = new URLSearchParams();
    entry.fields.forEach(function (pair) { body.append(pair[0], pair[1]); });
    body.append("entry_id", entry.id);
    var options = {
      method: "POST",
      body: body,
      credentials: "same-origin",
      redirect: "manual",
      headers: { Accept: "application/json", "X-CSRFToken": csrfToken() },
    };
    // A connection that hangs counts as lost; if the server did store the entry, sending it again is harmless.
    if (window.AbortController) {
      var controller = new AbortController();
      window.setTimeout(function () { controller.abort(); }, TIMEOUT_MS);
      options.signal = controller.signal;
    }
    return fetch(formUrl, options);
  }

  function errorsOf(response) {
    return response.json().then(
      function (data) {
        var messages = [];
        Object.keys((data && data.errors) || {}).forEach(function (name) {
          messages = messages.concat(data.errors[name]);
        });
        return messages.join(" ");
      },
      function () { return ""; }
    );
  }

  /* Send the queue, oldest first, one at a time. If the server refuses the entry just submitted (a field to
     correct), the form, still filled in, is posted the plain way so that the server shows the errors next to
     the fields; an older entry that is refused is reported and dropped. */
  function flush() {
    if (sending) return;
    var queue = load();
    if (!queue.length) return;
    sending = true;
    // One entry just submitted goes quietly, like a plain form; a backlog says that it is being sent.
    if (!submitted || queue.length > 1) show(text("sending", { n: queue.length }));
    var sent = 0;
    var created = 0; // sent and new: an entry already stored (its answer was lost) changes nothing on the page
    var refused = [];

    // The entry just submitted is safe (sent, or kept in the queue): clear the form for the next citizen.
    function ready() {
      sending = false;
      if (submitted) {
        submitted = null;
        form.reset();
        if (button) button.disabled = false;
      }
    }

    function stop(message, link) {
      ready();
      show(message, link);
    }

    function finished() {
      if (!refused.length && created && (submitted || pristine())) {
        window.location.replace(formUrl); // the page then shows the message, today's tally and the undo
        return;
      }
      ready();
      show(refused.length ? refused.join(" ") : sent ? text("sent", { n: sent }) : "");
    }

    function next() {
      var entry = load()[0];
      if (!entry) return finished();
      send(entry).then(
        function (response) {
          if (response.type === "opaqueredirect" || response.status === 401 || response.status === 403) {
            return stop(text("login", { n: load().length }), text("login-link"));
          }
          if (response.status === 400) {
            return errorsOf(response).then(function (error) {
              remove(entry.id);
              if (entry.id === submitted) {
                sending = false;
                form.querySelector("input[name=entry_id]").value = entry.id;
                form.submit(); // not stored: the server shows what to correct
                return;
              }
              refused.push(text("refused", { time: entry.at, error: error }));
              next();
            });
          }
          if (!response.ok) return stop(text("queued", { n: load().length }));
          return response.json().then(
            function (data) { return data; },
            function () { return {}; }
          ).then(function (data) {
            remove(entry.id);
            sent += 1;
            if (!data.duplicate) created += 1;
            next();
          });
        },
        function () {
          stop(text("queued", { n: load().length }));
        }
      );
    }

    next();
  }

  form.addEventListener("submit", function (event) {
    var fields = fieldsOf();
    if (!value(fields, "action") || !value(fields, "heard_from")) {
      if (navigator.onLine) return; // the server shows what is missing, next to the fields
      event.preventDefault();
      show(text("missing"));
      return;
    }
    var now = new Date();
    var entry = {
      id: newId(),
      at: ("0" + now.getHours()).slice(-2) + ":" + ("0" + now.getMinutes()).slice(-2),
      fields: fields,
    };
    try {
      var queue = load();
      queue.push(entry);
      save(queue);
    } catch (error) {
      return; // the phone's storage is full: post the plain way rather than lose the entry
    }
    event.preventDefault();
    if (button) button.disabled = true; // one tap, one entry
    submitted = entry.id;
    flush(); // if a send is already under way, it takes this entry too

  });

  window.addEventListener("online", flush);
  window.setInterval(function () { if (navigator.onLine) flush(); }, RETRY_MS);
  if (load().length) {
    if (navigator.onLine) flush();
    else show(text("queued", { n: load().length }));
  }
})();
