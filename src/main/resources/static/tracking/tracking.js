// The tracking page follows its order's live stream: each event says "something changed", and the page fetches its
// main part again from the server, which renders it exactly as on a full load. EventSource reconnects by itself and
// resumes from the last event id, so nothing is missed after a lost connection; the page then refreshes once more.
// A "notification.message" event is a copy of a message the customer was sent (the live channel): it changes nothing
// on the order, so it is added to the list of messages instead, newest first. The stream starts with the order's
// whole story, so the list holds every message so far; one seen twice (a reconnect) is shown once.
(function () {
  'use strict';
  var script = document.getElementById('tracking-script');
  var token = script.getAttribute('data-token');
  var lang = script.getAttribute('data-lang');
  var status = document.getElementById('live');
  var messages = document.getElementById('messages');
  var list = messages.querySelector('.message-list');
  var shown = {};
  var busy = false;
  var failures = 0;
  var again = false;

  function refresh() {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    // a fetch that hangs must not hold every later refresh back: give up after 10 s and try again
    var abort = new AbortController();
    var timer = window.setTimeout(function () {
      abort.abort();
    }, 10000);
    fetch('/track/' + encodeURIComponent(token) + '/main?lang=' + encodeURIComponent(lang), {
      headers: { 'Accept': 'text/html' },
      cache: 'no-store',
      signal: abort.signal
    }).then(function (response) {
      if (response.status === 404 || response.status === 410) {
        return null; // the link expired meanwhile: the page stays as it is, a reload explains
      }
      if (!response.ok) {
        throw new Error('HTTP ' + response.status);
      }
      return response.text();
    }).then(function (html) {
      failures = 0;
      if (html) {
        var template = document.createElement('template');
        template.innerHTML = html.trim();
        var next = template.content.firstElementChild;
        if (next && next.id === 'main') {
          document.getElementById('main').replaceWith(next);
        }
      }
    }).catch(function () {
      // try again shortly, backing off while it keeps failing: the page must not stay behind until the next event
      failures++;
      window.setTimeout(refresh, Math.min(30000, 1000 * Math.pow(2, failures - 1)));
    }).finally(function () {
      window.clearTimeout(timer);
      busy = false;
      if (again) {
        again = false;
        refresh();
      }
    });
  }

  function time(iso) {
    var at = new Date(iso);
    return isNaN(at.getTime()) ? '' : at.toLocaleString(lang, {
      month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit'
    });
  }

  function part(tag, className, text) {
    var element = document.createElement(tag);
    element.className = className;
    // text, never HTML
    element.textContent = text || '';
    return element;
  }

  function show(message) {
    if (shown[message.notificationId]) {
      return;
    }
    shown[message.notificationId] = true;
    var item = document.createElement('li');
    item.setAttribute('data-kind', message.kind);
    item.setAttribute('lang', message.locale);
    item.appendChild(part('time', 'at', time(message.occurredAt)));
    item.appendChild(part('span', 'subject', message.subject));
    item.appendChild(part('span', 'text', message.text));
    list.insertBefore(item, list.firstChild);
    messages.hidden = false;
  }

  var source = new EventSource('/track/' + encodeURIComponent(token) + '/live');
  source.onmessage = function (event) {
    var data = null;
    try {
      data = JSON.parse(event.data);
    } catch (e) {
      // not an event of ours: refresh anyway
    }
    if (data && data.type === 'notification.message') {
      show(data);
    }
    // every event, a message too, means the order moved on: show the page as it is now
    refresh();
  };
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
