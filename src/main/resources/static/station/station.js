// The station app's pages (no inline scripts: the Content-Security-Policy forbids them).
// 1. Live: a page part marked data-live-part follows the station's live stream; on each event it fetches itself
//    again (data-refresh) and replaces itself, rendered by the server exactly as on a full load. While someone is
//    filling in a form in it (an open "Missing items" or "Failed" panel, a focused or changed field), the refresh waits.
// 2. The courier's position: "Share my position" watches the browser's geolocation and sends it (JSON, with the
//    session's CSRF token) at most every 15 seconds; it says when it last sent, or why it cannot.
(function () {
  'use strict';
  var part = document.querySelector('[data-live-part]');
  var updates = document.getElementById('updates');
  var busy = false;
  var again = false;
  var failures = 0;
  var waiting = false;

  function clock() {
    return new Date().toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
  }

  function editing() {
    var current = document.querySelector('[data-live-part]');
    if (!current) {
      return false;
    }
    if (current.querySelector('details[open]')) {
      return true;
    }
    var active = document.activeElement;
    if (active && current.contains(active) && /^(INPUT|SELECT|TEXTAREA)$/.test(active.tagName)) {
      return true;
    }
    // a form someone has started to fill in (typed a name, unticked an order) keeps what they entered
    var fields = current.querySelectorAll('input, textarea');
    for (var i = 0; i < fields.length; i++) {
      var field = fields[i];
      if (field.type === 'checkbox' || field.type === 'radio' ? field.checked !== field.defaultChecked
          : field.type !== 'hidden' && field.value !== field.defaultValue) {
        return true;
      }
    }
    return false;
  }

  function refresh() {
    var current = document.querySelector('[data-live-part]');
    if (!current) {
      return;
    }
    if (editing()) {
      waiting = true;
      if (updates) {
        updates.textContent = 'Changes are waiting until you close the open form.';
      }
      return;
    }
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    waiting = false;
    // a fetch that hangs must not hold every later refresh back: give up after 10 s and try again
    var abort = new AbortController();
    var timer = window.setTimeout(function () {
      abort.abort();
    }, 10000);
    fetch(current.getAttribute('data-refresh'), { headers: { 'Accept': 'text/html' }, cache: 'no-store',
      credentials: 'same-origin', signal: abort.signal })
      .then(function (response) {
        // a redirect to the sign-in page means the session ended: leave the page as it is
        return response.ok && !response.redirected ? response.text() : null;
      })
      .then(function (html) {
        failures = 0;
        if (!html || editing()) {
          if (html) {
            waiting = true;
          }
          return;
        }
        var template = document.createElement('template');
        template.innerHTML = html.trim();
        var next = template.content.firstElementChild;
        var now = document.querySelector('[data-live-part]');
        if (next && now && next.id === now.id) {
          now.replaceWith(next);
          if (updates) {
            updates.textContent = 'Updated at ' + clock();
          }
        }
      })
      .catch(function () {
        // try again shortly, backing off while it keeps failing: the list must not stay behind until the next event
        failures++;
        window.setTimeout(refresh, Math.min(30000, 1000 * Math.pow(2, failures - 1)));
      })
      .finally(function () {
        window.clearTimeout(timer);
        busy = false;
        if (again) {
          again = false;
          refresh();
        }
      });
  }

  if (part && window.Herald) {
    window.Herald.follow('/station/live', refresh);
    document.addEventListener('toggle', function () {
      if (waiting && !editing()) {
        refresh();
      }
    }, true);
    document.addEventListener('focusout', function () {
      window.setTimeout(function () {
        if (waiting && !editing()) {
          refresh();
        }
      }, 0);
    });
  }

  // -- the courier's position ---------------------------------------------------------------------------------
  var share = document.getElementById('share-position');
  var status = document.getElementById('position-status');
  var watch = null;
  var lastSent = 0;
  var MIN_INTERVAL = 15000;

  function say(text, problem) {
    status.textContent = text;
    status.classList.toggle('problem', !!problem);
  }

  function stop(text, problem) {
    if (watch !== null) {
      navigator.geolocation.clearWatch(watch);
      watch = null;
    }
    share.setAttribute('aria-pressed', 'false');
    share.textContent = 'Share my position';
    if (text) {
      say(text, problem);
    }
  }

  function send(position) {
    var now = Date.now();
    if (now - lastSent < MIN_INTERVAL) {
      return;
    }
    lastSent = now;
    window.Herald.post(share.getAttribute('data-url'), {
      lat: position.coords.latitude,
      lon: position.coords.longitude,
      at: new Date(position.timestamp || now).toISOString()
    }).then(function (response) {
      if (response.ok) {
        say('Position sent at ' + clock() + '.', false);
      } else if (response.status === 403) {
        stop('Your session has ended or the page is out of date. Reload the page and share again.', true);
      } else {
        lastSent = 0;
        say('The position was not accepted (' + response.status + '). Still trying.', true);
      }
    }).catch(function () {
      lastSent = 0;
      say('No connection: the position could not be sent. Still trying.', true);
    });
  }

  function failed(error) {
    if (error && error.code === 1) {
      stop('Location access is denied. Allow location for this site in your browser\'s settings, then tap '
        + '"Share my position" again.', true);
    } else if (error && error.code === 3) {
      say('Still looking for your position…', false);
    } else {
      say('Your position is not available right now. Still trying.', true);
    }
  }

  if (share && status) {
    share.addEventListener('click', function () {
      if (watch !== null) {
        stop('Not sharing.', false);
        return;
      }
      if (!('geolocation' in navigator)) {
        say('This browser cannot share its position.', true);
        return;
      }
      share.setAttribute('aria-pressed', 'true');
      share.textContent = 'Stop sharing';
      say('Finding your position…', false);
      lastSent = 0;
      watch = navigator.geolocation.watchPosition(send, failed,
        { enableHighAccuracy: true, maximumAge: 10000, timeout: 30000 });
    });
  }
}());
