/*
 * FundChain live notifications: one WebSocket per page to /push (authenticated by the HTTP session cookie).
 * Each message is JSON {kind, title, text, link, height, time}. Shown as a toast, counted on the bell, appended
 * to any <ul id="fc-feed"> on the page, and re-dispatched as a DOM event "fundchain:push" (event.detail = message)
 * so pages (e.g. the monitoring centre) can react without a reload: FundChainPush.on(function (msg) { ... }).
 * Only textContent is used: nothing from the server is ever parsed as HTML.
 */
(function () {
    'use strict';
    var cfg = window.FundChainPushConfig || {};
    var listeners = [];
    var received = [];
    var delay = 1000;
    var socket = null;

    function el(tag, cls, text) {
        var e = document.createElement(tag);
        if (cls) { e.className = cls; }
        if (text !== undefined && text !== null) { e.textContent = String(text); }
        return e;
    }

    function toast(msg) {
        var box = document.getElementById('fc-toasts');
        if (!box) { return; }
        var t = el('div', 'fc-toast fc-toast-' + (msg.kind === 'alert' ? 'alert' : 'info'));
        t.setAttribute('role', 'status');
        t.appendChild(el('div', 'fc-toast-title', msg.title));
        if (msg.text) { t.appendChild(el('div', 'fc-toast-text', msg.text)); }
        box.appendChild(t);
        setTimeout(function () { if (t.parentNode) { t.parentNode.removeChild(t); } }, 12000);
        while (box.children.length > 4) { box.removeChild(box.firstChild); }
    }

    function bell() {
        var c = document.getElementById('fc-bell-count');
        if (!c) { return; }
        c.textContent = String(received.length);
        c.hidden = received.length === 0;
    }

    function feed(msg) {
        var ul = document.getElementById('fc-feed');
        if (!ul) { return; }
        var empty = document.getElementById('fc-feed-empty');
        if (empty) { empty.hidden = true; }
        var li = el('li', 'fc-feed-item fc-feed-' + msg.kind);
        li.appendChild(el('span', 'fc-feed-time', msg.time || ''));
        li.appendChild(el('strong', null, msg.title));
        if (msg.text) { li.appendChild(document.createTextNode(' — ' + msg.text)); }
        if (msg.link && /^\/[A-Za-z0-9_\-\/]*\.xhtml(\?[A-Za-z0-9_\-=&%.]*)?$/.test(msg.link)) {
            var a = el('a', null, ' ›');
            a.href = (cfg.contextPath || '') + msg.link;
            li.appendChild(a);
        }
        ul.insertBefore(li, ul.firstChild);
    }

    function deliver(msg) {
        received.push(msg);
        toast(msg);
        bell();
        feed(msg);
        listeners.forEach(function (fn) { try { fn(msg); } catch (e) { /* a page listener must not stop others */ } });
        document.dispatchEvent(new CustomEvent('fundchain:push', { detail: msg }));
    }

    function connect() {
        if (!cfg.url || !window.WebSocket) { return; }
        socket = new WebSocket(cfg.url);
        socket.onopen = function () {
            delay = 1000;
            document.documentElement.setAttribute('data-push', 'open');
        };
        socket.onmessage = function (e) {
            var msg;
            try { msg = JSON.parse(e.data); } catch (x) { return; }
            if (msg && msg.kind !== 'hello') { deliver(msg); }
        };
        socket.onclose = function (e) {
            document.documentElement.setAttribute('data-push', 'closed');
            if (e.code === 1008) { return; } // refused: not signed in any more
            setTimeout(connect, delay);
            delay = Math.min(delay * 2, 30000);
        };
    }

    window.FundChainPush = {
        on: function (fn) { listeners.push(fn); },
        received: function () { return received.slice(); }
    };
    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', connect);
    } else {
        connect();
    }
})();
