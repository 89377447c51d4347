/*
 * observatory-embed.js: shows an Observatory dashboard in your own page.
 *
 *   <div id="dashboard" style="height: 900px"></div>
 *   <script src="https://observatory.example/embed/observatory-embed.js"></script>
 *   <script>
 *     const view = Observatory.embed(document.getElementById('dashboard'), {
 *       url: 'https://observatory.example/',          // Observatory's address (required)
 *       dashboard: 'talking-therapies',               // required
 *       token: tokenFromYourServer,                    // minted by your server: POST /embed/tokens
 *       filters: { period: '2022/23' },                // optional: opening values of the slicers the token leaves free
 *       page: 'deprivation',                           // optional: the dashboard page to open
 *       onLoaded(info) {},                             // { dashboard, tiles }
 *       onSelect(selection) {},                        // { tile, indicator, breakdown, group, label }; group null when cleared
 *       onError(error) {},                             // { type, message }
 *       onTokenExpired() { return fetch('/observatory-token').then(r => r.json()).then(j => j.token); }
 *     });
 *     view.setToken(token); view.setFilters({ period: '2023/24' }); view.destroy();
 *   </script>
 *
 * The token travels to the dashboard by postMessage only, never in its URL: URLs end up in histories, logs and
 * Referer headers. Messages are sent to Observatory's origin only, and only messages from the dashboard's own frame,
 * from that origin, are read. The protocol is described in docs/embedding.md.
 */
(function (global) {
  'use strict';

  var SANDBOX = 'allow-scripts allow-same-origin allow-downloads allow-popups';

  function embed(element, options) {
    if (!element || typeof element.appendChild !== 'function') {
      throw new TypeError('Observatory.embed: give the element to show the dashboard in.');
    }
    options = options || {};
    if (!options.url) {
      throw new TypeError("Observatory.embed: give Observatory's address as url, e.g. 'https://observatory.example/'.");
    }
    if (!options.dashboard) {
      throw new TypeError("Observatory.embed: name the dashboard, e.g. dashboard: 'talking-therapies'.");
    }

    // Observatory may live under a path (https://example.nhs.uk/observatory/): the dashboard is below it.
    var base = new URL(options.url, document.baseURI);
    if (base.protocol !== 'https:' && base.protocol !== 'http:') {
      throw new TypeError('Observatory.embed: url must be an http(s) address.');
    }
    var origin = base.origin;
    var src = new URL('embed/dashboards/' + encodeURIComponent(options.dashboard), base.href.replace(/\/?$/, '/'));
    var filters = options.filters || {};
    Object.keys(filters).forEach(function (name) {
      if (filters[name] !== undefined && filters[name] !== null) {
        src.searchParams.set(name, String(filters[name]));
      }
    });
    if (options.page) {
      src.searchParams.set('page', String(options.page));
    }

    var token = options.token || null;
    var refreshing = null;
    var destroyed = false;

    var frame = document.createElement('iframe');
    frame.title = options.title || 'Observatory dashboard: ' + options.dashboard;
    frame.setAttribute('sandbox', SANDBOX);
    frame.referrerPolicy = 'no-referrer';
    frame.style.border = '0';
    frame.style.width = '100%';
    frame.style.height = '100%';
    frame.src = src.href;

    // Callbacks are the host page's: one that throws must not stop the conversation with the dashboard.
    function notify(callback, value) {
      if (typeof callback === 'function') {
        try {
          callback(value);
        } catch (e) {
          setTimeout(function () { throw e; });
        }
      }
    }

    function post(message) {
      if (!destroyed && frame.contentWindow) {
        message.target = 'observatory';
        // The origin, never '*': the token must reach no page but Observatory's, even if the frame was navigated away.
        frame.contentWindow.postMessage(message, origin);
      }
    }

    function sendToken() {
      if (token) {
        post({ type: 'token', token: token });
      }
    }

    // Asks the host page for a new token (once at a time, however many requests the dashboard saw refused).
    function renewToken() {
      if (refreshing) {
        return refreshing;
      }
      if (typeof options.onTokenExpired !== 'function') {
        notify(options.onError, { type: 'tokenExpired', message: 'The embed token has expired, and no onTokenExpired was given to fetch a new one.' });
        return Promise.resolve();
      }
      refreshing = Promise.resolve()
        .then(function () { return options.onTokenExpired(); })
        .then(function (next) {
          if (typeof next !== 'string' || next.length === 0) {
            throw new Error('onTokenExpired did not give a token');
          }
          token = next;
          sendToken();
        })
        .catch(function (e) {
          notify(options.onError, { type: 'tokenExpired', message: 'No new embed token could be had: ' + ((e && e.message) || e) });
        })
        .then(function () { refreshing = null; });
      return refreshing;
    }

    function receive(event) {
      // Only the dashboard's own frame, at Observatory's origin: any other window may post anything.
      if (event.origin !== origin || event.source !== frame.contentWindow) {
        return;
      }
      var data = event.data;
      if (!data || typeof data !== 'object' || data.source !== 'observatory') {
        return;
      }
      switch (data.type) {
        case 'ready':
          // The dashboard's script is running and waits for its token.
          if (token) {
            sendToken();
          } else {
            renewToken();
          }
          break;
        case 'loaded':
          notify(options.onLoaded, { dashboard: data.dashboard, tiles: data.tiles });
          break;
        case 'select':
          notify(options.onSelect, {
            tile: data.tile, indicator: data.indicator, breakdown: data.breakdown,
            group: data.group === undefined ? null : data.group, label: data.label
          });
          break;
        case 'tokenExpired':
          renewToken();
          break;
        case 'error':
          notify(options.onError, { type: 'error', message: String(data.message) });
          break;
      }
    }

    // Listening before the frame exists, so its first 'ready' is not missed.
    global.addEventListener('message', receive);
    element.appendChild(frame);

    return {
      /** The iframe, to size or style it. */
      iframe: frame,

      /** Hands the dashboard a new token (for instance one your page renewed on its own schedule). */
      setToken: function (next) {
        token = next;
        sendToken();
      },

      /** Changes the slicers the token leaves free, as the dashboard's own controls would. Locked filters do not move. */
      setFilters: function (next) {
        var copy = {};
        Object.keys(next || {}).forEach(function (name) { copy[name] = next[name]; });
        post({ type: 'filters', filters: copy });
      },

      /** Removes the dashboard and stops listening to it. */
      destroy: function () {
        destroyed = true;
        token = null;
        global.removeEventListener('message', receive);
        if (frame.parentNode) {
          frame.parentNode.removeChild(frame);
        }
      }
    };
  }

  global.Observatory = global.Observatory || {};
  global.Observatory.embed = embed;
})(window);
