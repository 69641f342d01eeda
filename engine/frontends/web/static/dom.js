// Shared by the student client, the teacher console and the projector page: building DOM nodes safely.
// Data only ever becomes text (textContent, text nodes, attributes), never markup.
"use strict";

window.StoryDOM = (function () {
  // el("p", {className: "x", text: "y", onclick: f, data: {num: 1}}, child, ...)
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === "text") node.textContent = String(value);
      else if (key === "className") node.className = value;
      else if (key === "data") for (const [k, v] of Object.entries(value)) node.dataset[k] = String(v);
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else if (value === true) node.setAttribute(key, "");
      else node.setAttribute(key, String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }
  const store = {
    get(key) { try { return window.localStorage.getItem(key); } catch (e) { return null; } },
    set(key, value) { try { window.localStorage.setItem(key, value); } catch (e) { /* private mode */ } },
    del(key) { try { window.localStorage.removeItem(key); } catch (e) { /* private mode */ } },
  };
  const arr = (value) => (Array.isArray(value) ? value : []);
  const str = (value) => (value === null || value === undefined ? "" : String(value));
  // Reconnection delays: 0.5 s doubling to 10 s, each with a random quarter either way so a class's
  // devices do not all knock at once after the teacher's machine comes back.
  const backoff = (attempt) => Math.min(10000, 500 * Math.pow(2, attempt)) * (0.75 + Math.random() * 0.5);
  // The engine's words in the session's language: the server puts them in the page as JSON in
  // <meta name="words">; a word not there shows as written. `translate words` finds the _("...") calls
  // in these scripts.
  const words = (() => {
    const node = document.querySelector('meta[name="words"]');
    try { return (node && JSON.parse(node.content)) || {}; } catch (e) { return {}; }
  })();
  const _ = (text) => (Object.prototype.hasOwnProperty.call(words, text) && words[text]) || text;
  // fmt(_("Page {n} of {count}"), {n: 1, count: 3}): the placeholders stay in the translated words.
  const fmt = (text, values) => String(text).replace(/\{(\w+)\}/g, (whole, key) => (key in values ? String(values[key]) : whole));
  // The debrief's lines: a line in capitals is a section heading ("THE ASSEMBLIES"), the rest paragraphs.
  const debriefLine = (line) => {
    const text = str(line);
    return text !== text.toLowerCase() && text === text.toUpperCase() && text.length < 80
      ? el("h3", { className: "debrief-head", text }) : el("p", { text });
  };
  return { el, store, arr, str, backoff, debriefLine, _, fmt };
})();
