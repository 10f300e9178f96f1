// Shared by the station app and the console (no inline scripts: the Content-Security-Policy forbids them).
// Herald.post(url, body): a same-origin JSON POST that carries the session's CSRF token.
// Herald.follow(url, onEvent): follows a server-sent-events stream; the browser reconnects with Last-Event-ID by
// itself, and the element with id "live" (if any) says whether the page is live.
// Forms with data-confirm="question" ask before they submit.
(function () {
  'use strict';
  function meta(name) {
    var element = document.querySelector('meta[name="' + name + '"]');
    return element ? element.getAttribute('content') : null;
  }
  function post(url, body) {
    var headers = { 'Content-Type': 'application/json', 'Accept': 'application/json' };
    var header = meta('csrf-header');
    if (header) {
      headers[header] = meta('csrf-token');
    }
    return fetch(url, { method: 'POST', headers: headers, body: JSON.stringify(body), credentials: 'same-origin' });
  }
  function follow(url, onEvent) {
    var status = document.getElementById('live');
    var source = new EventSource(url);
    source.onmessage = onEvent;
    source.onopen = function () {
      if (status) {
        status.textContent = 'Live';
        status.classList.remove('offline');
      }
      onEvent();
    };
    source.onerror = function () {
      if (status) {
        status.textContent = 'Reconnecting…';
        status.classList.add('offline');
      }
    };
    return source;
  }
  document.addEventListener('submit', function (event) {
    var question = event.target.getAttribute && event.target.getAttribute('data-confirm');
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });
  window.Herald = { post: post, follow: follow };
}());
