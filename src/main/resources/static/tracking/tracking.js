// The tracking page follows its order's live stream: each event says "something changed", and the page fetches its
// main part again from the server, which renders it exactly as on a full load. EventSource reconnects by itself and
// resumes from the last event id, so nothing is missed after a lost connection; the page then refreshes once more.
(function () {
  'use strict';
  var script = document.getElementById('tracking-script');
  var token = script.getAttribute('data-token');
  var lang = script.getAttribute('data-lang');
  var status = document.getElementById('live');
  var busy = false;
  var again = false;

  function refresh() {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    fetch('/track/' + encodeURIComponent(token) + '/main?lang=' + encodeURIComponent(lang), {
      headers: { 'Accept': 'text/html' },
      cache: 'no-store'
    }).then(function (response) {
      return response.ok ? response.text() : null;
    }).then(function (html) {
      if (html) {
        var template = document.createElement('template');
        template.innerHTML = html.trim();
        var next = template.content.firstElementChild;
        if (next && next.id === 'main') {
          document.getElementById('main').replaceWith(next);
        }
      }
    }).catch(function () {
      // the next event or reconnect refreshes again
    }).finally(function () {
      busy = false;
      if (again) {
        again = false;
        refresh();
      }
    });
  }

  var source = new EventSource('/track/' + encodeURIComponent(token) + '/live');
  source.onmessage = refresh;
  source.onopen = function () {
    status.textContent = status.getAttribute('data-live');
    status.classList.remove('offline');
    refresh();
  };
  source.onerror = function () {
    status.textContent = status.getAttribute('data-offline');
    status.classList.add('offline');
  };
}());
