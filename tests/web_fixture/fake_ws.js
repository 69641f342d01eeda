// Test fixture only (never served by the product): a WebSocket stand-in so the client can be driven
// with canned views from the protocol before, or without, the real server. window.__fake controls it.
"use strict";
(function () {
  const fake = window.__fake = { view: null, seq: 0, sent: [], sockets: [], holdAcks: false, down: false, hellos: 0,
    csp: [] };
  // the server keeps its state across a reload of the page: so does the fake
  try { fake.view = JSON.parse(sessionStorage.getItem("fake.view") || "null"); } catch (e) { fake.view = null; }
  let current = fake.view;
  Object.defineProperty(fake, "view", {
    get: () => current,
    set: (value) => { current = value; sessionStorage.setItem("fake.view", JSON.stringify(value)); },
  });
  document.addEventListener("securitypolicyviolation", (event) => fake.csp.push(event.violatedDirective));
  class FakeSocket extends EventTarget {
    constructor(url) {
      super();
      this.url = url;
      this.readyState = 0;
      fake.sockets.push(this);
      setTimeout(() => {
        if (fake.down) {
          this.readyState = 3;
          this.dispatchEvent(new Event("error"));
          this.dispatchEvent(new CloseEvent("close"));
          return;
        }
        this.readyState = 1;
        this.dispatchEvent(new Event("open"));
      }, 10);
    }
    send(data) {
      if (this.readyState !== 1) throw new Error("InvalidStateError: not open");
      const message = JSON.parse(data);
      fake.sent.push(message);
      if (message.type === "hello") {
        fake.hellos += 1;
        this.deliver({ type: "view", seq: fake.seq, view: fake.view });
      } else if (!fake.holdAcks) {
        this.deliver({ type: "ack", ref: message.ref });
      }
    }
    deliver(message) {
      setTimeout(() => {
        if (this.readyState === 1) this.dispatchEvent(new MessageEvent("message", { data: JSON.stringify(message) }));
      }, 5);
    }
    close() {
      if (this.readyState === 3) return;
      this.readyState = 3;
      setTimeout(() => this.dispatchEvent(new CloseEvent("close")), 0);
    }
  }
  FakeSocket.CONNECTING = 0; FakeSocket.OPEN = 1; FakeSocket.CLOSING = 2; FakeSocket.CLOSED = 3;
  window.WebSocket = FakeSocket;
  fake.push = (view) => {
    fake.view = view;
    fake.seq += 1;
    for (const socket of fake.sockets) if (socket.readyState === 1) socket.deliver({ type: "view", seq: fake.seq, view });
  };
  fake.say = (message) => { for (const socket of fake.sockets) if (socket.readyState === 1) socket.deliver(message); };
  // Wi-Fi lost: every open socket closes without a word.
  fake.drop = () => {
    for (const socket of fake.sockets) {
      if (socket.readyState === 1) { socket.readyState = 3; socket.dispatchEvent(new CloseEvent("close")); }
    }
  };
  fake.actions = () => fake.sent.filter((m) => m.type !== "hello");
})();
