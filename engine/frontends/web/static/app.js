// The student's client: join, then one WebSocket that brings views and carries actions.
// Plain JavaScript, no build step. The page's CSP forbids inline script and style, so every node is
// built here with textContent (never innerHTML with data) and styled only by class names.
"use strict";

(function () {
  const TOKEN_KEY = "petrograd.token";
  const REF_KEY = "petrograd.ref";
  const NAME_KEY = "petrograd.name";
  const LARGE_KEY = "petrograd.large";
  const CODEX_KEY = "petrograd.codex";
  const QUIET_MS = 1500;           // a blip shorter than this shows no "reconnecting"
  const SLEEP_GAP_MS = 20000;      // a timer that fires this late means the device slept

  const { el, store, arr, str, backoff, debriefLine, _, fmt } = window.StoryDOM;
  const $ = (id) => document.getElementById(id);

  // ---------- state ----------
  const state = {
    token: store.get(TOKEN_KEY),
    ws: null,
    fresh: false,          // the socket has not yet delivered its first view
    seq: null,
    view: null,
    pending: new Map(),    // ref -> action not yet acknowledged
    attempt: 0,
    retryTimer: null,
    quietTimer: null,
    lastMessageAt: 0,
    page: 0,
    pageKey: "",
    codex: {},             // every codex entry met so far: the codex stays open between scenes
    answered: null,        // the scene and choice this device's last accepted answer was for
    after: null,           // the card shown once a decision is made: the choice, its feedback, the note
    draft: "",
    toast: "",
    screenKey: "",
  };

  function nextRef() {
    // Refs only grow, across reloads too, so an old ref is never reused for a new action.
    const ref = (parseInt(store.get(REF_KEY) || "0", 10) || 0) + 1;
    store.set(REF_KEY, String(ref));
    return ref;
  }

  // ---------- connection ----------
  function wsURL() {
    return (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws";
  }

  function connect() {
    clearTimeout(state.retryTimer);
    if (!state.token) { showJoin(); return; }
    if (state.ws) { const old = state.ws; state.ws = null; try { old.close(); } catch (e) { /* already closed */ } }
    let ws;
    try { ws = new WebSocket(wsURL()); } catch (e) { scheduleReconnect(); return; }
    state.ws = ws;
    state.fresh = true;
    ws.addEventListener("open", () => {
      if (ws === state.ws) ws.send(JSON.stringify({ type: "hello", token: state.token }));
    });
    ws.addEventListener("message", (event) => {
      if (ws !== state.ws) return;
      state.lastMessageAt = Date.now();
      let message;
      try { message = JSON.parse(event.data); } catch (e) { return; }
      onMessage(message);
    });
    ws.addEventListener("close", () => {
      if (ws !== state.ws) return;
      state.ws = null;
      scheduleReconnect();
    });
    ws.addEventListener("error", () => { try { ws.close(); } catch (e) { /* closing anyway */ } });
  }

  function scheduleReconnect() {
    if (!state.token) return;
    clearTimeout(state.retryTimer);
    state.retryTimer = setTimeout(connect, backoff(state.attempt));
    state.attempt += 1;
    if (!state.quietTimer) state.quietTimer = setTimeout(() => setNet(true), QUIET_MS);
  }

  function setNet(down) {
    $("net").hidden = !down;
    document.body.classList.toggle("offline", down);
  }

  function connectedAgain() {
    state.attempt = 0;
    clearTimeout(state.quietTimer);
    state.quietTimer = null;
    setNet(false);
  }

  function forceReconnect() {
    if (!state.token) return;
    state.attempt = 0;
    connect();
  }

  window.addEventListener("online", forceReconnect);
  document.addEventListener("visibilitychange", () => {
    // After sleep a socket can look open and be dead: a fresh hello costs little and lands us exactly.
    if (document.visibilityState === "visible" && state.token &&
        (!state.ws || state.ws.readyState !== WebSocket.OPEN || Date.now() - state.lastMessageAt > SLEEP_GAP_MS)) {
      forceReconnect();
    }
  });
  let lastTick = Date.now();
  setInterval(() => {
    const now = Date.now();
    if (now - lastTick > SLEEP_GAP_MS) forceReconnect();
    lastTick = now;
  }, 5000);

  function send(action) {
    action.ref = nextRef();
    state.pending.set(action.ref, action);
    if (state.ws && state.ws.readyState === WebSocket.OPEN && !state.fresh) {
      state.ws.send(JSON.stringify(action));
    }
    render();
  }

  // An unacknowledged action is sent again, with its own ref, only if the fresh view still asks for it:
  // if the server had taken it, the view already shows the result, and sending it again would count twice.
  function stillAsked(action, view) {
    const scene = view.scene || {};
    const assembly = view.assembly || {};
    if (action.type === "choose") {
      return view.screen === "scene" && scene.id === action.scene &&
        !(scene.decide === "vote" && scene.my_vote !== null && scene.my_vote !== undefined);
    }
    if (action.type === "vote") {
      const motion = assembly.motion || {};
      return view.screen === "assembly" && assembly.step === "vote" && motion.id === action.motion &&
        (assembly.my_vote === null || assembly.my_vote === undefined);
    }
    if (action.type === "speak") {
      if (view.screen !== "assembly" || assembly.step !== "speech" || !assembly.my_turn) return false;
      const said = action.text !== undefined ? action.text.trim()
        : str((arr(assembly.lines).find((line) => line.n === action.line) || {}).text);
      return !arr(assembly.speeches).some((speech) => str(speech.text).trim() === said);
    }
    return false;
  }

  function onMessage(message) {
    if (message.type === "view") {
      if (!state.fresh && typeof message.seq === "number" && typeof state.seq === "number" && message.seq < state.seq) return;
      const wasFresh = state.fresh;
      state.fresh = false;
      state.seq = typeof message.seq === "number" ? message.seq : state.seq;
      if (message.view && message.view.screen === "gone") {
        forget();
        showJoin(_("This device is no longer part of the session. Join again with the code."));
        return;
      }
      noteDecision(state.view, message.view || {});
      state.view = message.view || {};
      learnCodex(state.view.codex);
      if (state.answered && !(state.view.screen === "scene" && state.view.scene && state.view.scene.id === state.answered.scene)) {
        state.answered = null;
      }
      if (wasFresh) {
        connectedAgain();
        for (const [ref, action] of state.pending) {
          if (stillAsked(action, state.view)) state.ws.send(JSON.stringify(action));
          else state.pending.delete(ref);
        }
      }
      render();
    } else if (message.type === "ack") {
      const action = state.pending.get(message.ref);
      state.pending.delete(message.ref);
      // taken: until the view moves on, the same scene is not answered again by a second tap
      if (action && action.type === "choose") state.answered = { scene: action.scene, n: action.n };
      render();
    } else if (message.type === "error") {
      if (message.ref !== undefined) state.pending.delete(message.ref);
      showToast(str(message.message) || _("That was not accepted."));
      render();
    } else if (message.type === "bye") {
      forget();
      showJoin(str(message.message) || _("This device has left the session."));
    }
  }

  function learnCodex(entries) {
    if (!entries || typeof entries !== "object") return;
    const before = Object.keys(state.codex).length;
    for (const [id, entry] of Object.entries(entries)) if (entry && typeof entry === "object") state.codex[id] = entry;
    if (Object.keys(state.codex).length !== before) store.set(CODEX_KEY, JSON.stringify(state.codex));
  }

  function forget() {
    state.codex = {};
    store.del(CODEX_KEY);
    state.token = null;
    store.del(TOKEN_KEY);
    state.pending.clear();
    state.view = null;
    state.seq = null;
    state.after = null;
    clearTimeout(state.retryTimer);
    clearTimeout(state.quietTimer);
    state.quietTimer = null;
    setNet(false);
    if (state.ws) { const old = state.ws; state.ws = null; try { old.close(); } catch (e) { /* gone */ } }
  }

  // When the group's decision in a scene is made (on this device or a mate's), the next view no longer
  // shows that scene: keep what was decided and the historical note on one card until the student goes on.
  function noteDecision(before, after) {
    if (!before || before.screen !== "scene" || !before.scene) return;
    const was = before.scene;
    const now = after.scene || {};
    if (after.screen === "paused" || (after.screen === "scene" && now.id === was.id)) return;
    if (!["scene", "waiting", "assembly", "ending"].includes(after.screen)) return;
    const mine = state.lastChoice && state.lastChoice.scene === was.id
      ? str((arr(was.choices).find((c) => c.n === state.lastChoice.n) || {}).text) : "";
    const feedback = str(after.screen === "scene" ? now.feedback : after.screen === "waiting" ? (after.waiting || {}).feedback : after.feedback);
    if (!str(was.note) && !feedback && !mine) return;
    state.after = { title: str(was.title), note: str(was.note), feedback, mine };
  }

  // ---------- join ----------
  function showJoin(message) {
    $("bar").hidden = true;
    $("screen").hidden = true;
    $("join").hidden = false;
    const error = $("join-error");
    error.hidden = !message;
    error.textContent = message || "";
    const params = new URLSearchParams(location.search);
    if (params.get("code") && !$("join-code").value) $("join-code").value = params.get("code").toUpperCase();
    if (!$("join-name").value) $("join-name").value = store.get(NAME_KEY) || "";
    ($("join-code").value ? $("join-name") : $("join-code")).focus();
  }

  async function join(event) {
    event.preventDefault();
    const code = $("join-code").value.trim().toUpperCase();
    const name = $("join-name").value.trim();
    const error = $("join-error");
    if (!code || !name) {
      error.hidden = false;
      error.textContent = !code ? _("Type the code shown on the teacher's screen.") : _("Type your first name.");
      return;
    }
    const button = $("join-go");
    button.disabled = true;
    error.hidden = true;
    try {
      const response = await fetch("/api/join", {
        method: "POST", headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ code, name }),
      });
      let data = {};
      try { data = await response.json(); } catch (e) { /* not JSON */ }
      if (!response.ok || !data.token) {
        error.hidden = false;
        error.textContent = data.error ? str(data.error)
          : response.status === 429 ? _("Too many tries: wait a moment and try again.")
          : _("That did not work. Check the code and try again.");
        return;
      }
      store.set(NAME_KEY, name);
      state.token = data.token;
      store.set(TOKEN_KEY, data.token);
      startSession();
    } catch (e) {
      error.hidden = false;
      error.textContent = _("The teacher's computer did not answer. Check the Wi-Fi and try again.");
    } finally {
      button.disabled = false;
    }
  }

  function startSession() {
    $("join").hidden = true;
    $("screen").hidden = false;
    $("bar").hidden = false;
    renderWaitingForFirstView();
    connect();
  }

  function renderWaitingForFirstView() {
    $("screen").replaceChildren(el("div", { className: "card" }, el("p", { className: "quiet", text: _("Connecting…") })));
  }

  // ---------- rendering ----------
  function showToast(text) {
    state.toast = text;
    clearTimeout(showToast.timer);
    showToast.timer = setTimeout(() => { state.toast = ""; render(); }, 6000);
  }

  function imageURL(ref, widthPx) {
    if (!ref) return "";
    const width = Math.max(240, Math.min(1600, Math.ceil((widthPx * (window.devicePixelRatio || 1)) / 120) * 120));
    let url = str(ref);
    if (/[?&]w=$/.test(url)) url += width;
    else url += (url.includes("?") ? "&" : "?") + "w=" + width;
    return url + "&t=" + encodeURIComponent(state.token || "");
  }

  function contentWidth() {
    return Math.min($("main").clientWidth || window.innerWidth, 900);
  }

  function spans(paragraph) {
    // A paragraph is a list of spans; plain strings are tolerated.
    const p = el("p");
    for (const span of typeof paragraph === "string" ? [{ text: paragraph }] : arr(paragraph)) {
      const text = str(span.text);
      if (span.link) {
        p.append(el("button", { type: "button", className: "codex-link", text, data: { link: span.link },
          onclick: () => openCodex(span.link) }));
      } else if (span.em) p.append(el("em", { text }));
      else p.append(document.createTextNode(text));
    }
    return p;
  }

  function textOf(paragraph) {
    return typeof paragraph === "string" ? paragraph : arr(paragraph).map((s) => str(s.text)).join("");
  }

  // Pages hold whole paragraphs, about as much as fits the screen above the choices.
  function paginate(paragraphs, pictured) {
    const large = document.documentElement.classList.contains("large");
    const wide = window.innerWidth >= 700;
    const budget = (wide ? 1100 : 720) * (large ? 0.6 : 1) * Math.max(0.7, Math.min(1.4, window.innerHeight / 760));
    const pages = [];
    let page = [];
    let used = 0;
    for (const paragraph of paragraphs) {
      const size = textOf(paragraph).length + 60;
      // the first page shares the screen with the picture
      if (page.length && used + size > budget * (pictured && !pages.length ? 0.6 : 1)) { pages.push(page); page = []; used = 0; }
      page.push(paragraph);
      used += size;
    }
    if (page.length || !pages.length) pages.push(page);
    return pages;
  }

  function clockHeader(view, extra) {
    const clock = view.clock || {};
    return el("header", { className: "clock" },
      el("p", { className: "when", text: str(clock.label) || [clock.date, clock.time].filter(Boolean).join(" ") }),
      (extra && extra.place) || clock.place ? el("p", { className: "where", text: str((extra && extra.place) || clock.place) }) : null);
  }

  function heading(text) {
    return el("h1", { className: "screen-title", tabindex: "-1", text });
  }

  function render() {
    if (!state.token) return;
    const view = state.view;
    if (!view) { renderWaitingForFirstView(); return; }
    renderBar(view);
    const screen = view.session && view.session.paused && view.screen !== "finished" ? "paused" : view.screen;
    let body;
    if (state.after && ["scene", "waiting", "assembly", "ending"].includes(screen)) body = renderAfter();
    else if (screen === "scene" && view.scene) body = renderScene(view);
    else if (screen === "waiting") body = renderWaiting(view);
    else if (screen === "assembly" && view.assembly) body = renderAssembly(view);
    else if (screen === "ending" && view.ending) body = renderEnding(view);
    else if (screen === "debrief" || screen === "finished") body = renderDebrief(view, screen);
    else if (screen === "paused") body = renderPaused(view);
    else body = renderLobby(view);
    const keyed = saveFocus();
    const root = $("screen");
    // what is on screen, for people reading the DOM and for the browser tests
    root.dataset.screen = state.after && ["scene", "waiting", "assembly", "ending"].includes(screen) ? "after" : screen;
    root.dataset.scene = screen === "scene" && view.scene ? str(view.scene.id) : "";
    patch(root, body);
    for (const old of root.querySelectorAll(":scope > .toast")) old.remove();
    if (state.toast) root.append(el("p", { className: "toast", role: "alert", text: state.toast }));
    const key = [screen, view.scene && view.scene.id, state.page, view.assembly && view.assembly.step, !!state.after].join("|");
    if (key !== state.screenKey) {
      state.screenKey = key;
      const title = root.querySelector(".screen-title");
      if (title && !keyed) title.focus({ preventScroll: true });
      window.scrollTo(0, 0);
    } else restoreFocus(keyed);
  }

  // Views arrive often during a vote (every ballot changes the count): a part of the screen that has not
  // changed keeps its nodes, so a tap that began before the view arrived still lands. Handlers read the
  // current view when they run, never one captured when they were made, so a kept node is never stale.
  function patch(root, fresh) {
    const old = root.firstElementChild;
    if (!old || old.tagName !== fresh.tagName || old.className !== fresh.className) {
      root.replaceChildren(fresh);
      return;
    }
    const olds = Array.from(old.childNodes);
    const news = Array.from(fresh.childNodes);
    news.forEach((node, i) => {
      if (!olds[i]) old.append(node);
      else if (!olds[i].isEqualNode(node)) old.replaceChild(node, olds[i]);
    });
    for (const extra of olds.slice(news.length)) extra.remove();
  }

  // Views arrive while a student types or tabs: put focus and the caret back where they were.
  function saveFocus() {
    const active = document.activeElement;
    if (!active || !active.dataset || !active.dataset.key || !$("screen").contains(active)) return null;
    return { key: active.dataset.key, start: active.selectionStart, end: active.selectionEnd };
  }
  function restoreFocus(saved) {
    if (!saved) return;
    const node = $("screen").querySelector(`[data-key="${CSS.escape(saved.key)}"]`);
    if (!node) return;
    node.focus({ preventScroll: true });
    if (typeof saved.start === "number" && node.setSelectionRange) node.setSelectionRange(saved.start, saved.end);
  }

  function renderBar(view) {
    const me = view.me || {};
    $("bar-role").textContent = [me.group_label, me.role_name].filter(Boolean).join("\u00a0— ");
    $("bar-name").textContent = str(me.name);
    $("open-sheet").disabled = !view.role_sheet;
    $("open-map").disabled = !mapRef(view);
    $("open-map").hidden = !storyWords().map;     // a story without a map has no Map button
    $("open-codex").disabled = !Object.keys(state.codex).length;
  }

  function renderLobby(view) {
    const me = view.me || {};
    const mates = arr(me.mates).filter((name) => name !== me.name);
    return el("section", { className: "card" },
      heading(me.name ? fmt(_("Welcome, {name}"), { name: me.name }) : _("Welcome")),
      me.role_name
        ? el("p", { className: "lede" }, _("You will play "), el("strong", { text: me.role_name }),
          me.role_title ? `, ${me.role_title}` : "", me.group_label ? ` (${me.group_label}).` : ".")
        : el("p", { className: "lede", text: _("The teacher is placing everyone in groups.") }),
      mates.length ? el("p", { text: fmt(_("In your group: {names}."), { names: mates.join(", ") }) }) : null,
      el("p", { className: "quiet", text: _("The session starts when the teacher is ready. Meanwhile, read your role sheet.") }),
      view.role_sheet ? el("button", { type: "button", className: "big", data: { key: "lobby-sheet" }, text: _("Read my role sheet"), onclick: openSheet }) : null);
  }

  function renderScene(view) {
    const scene = view.scene;
    const pages = paginate(arr(scene.paragraphs), !!scene.image);
    const pageKey = `${scene.id}|${pages.length}`;
    if (pageKey !== state.pageKey) { state.pageKey = pageKey; state.page = 0; }
    state.page = Math.max(0, Math.min(state.page, pages.length - 1));
    const last = state.page === pages.length - 1;
    const section = el("section", { className: "card scene" }, clockHeader(view), heading(str(scene.title)),
      view.notice ? el("p", { className: "notice", role: "status", text: str(view.notice) }) : null);
    if (state.page === 0) {
      if (scene.image) {
        section.append(el("img", { className: "picture", alt: str(scene.image_alt) || "", src: imageURL(scene.image, contentWidth()) }));
      }
      if (scene.content_note) section.append(el("p", { className: "content-note", text: str(scene.content_note) }));
      if (arr(scene.catch_up).length) {
        section.append(el("aside", { className: "catch-up", "aria-label": _("Since your last turn") },
          el("h2", { text: _("Since your last turn") }), arr(scene.catch_up).map((line) => el("p", { text: str(line) }))));
      }
    }
    section.append(el("div", { className: "text" }, pages[state.page].map(spans)));
    if (pages.length > 1) section.append(pager(pages.length));
    if (last) section.append(renderChoices(scene));
    return section;
  }

  function pager(count) {
    return el("nav", { className: "pager", "aria-label": _("Pages") },
      el("button", { type: "button", className: "tool", data: { key: "page-back" }, disabled: state.page === 0,
        text: _("← Back"), onclick: () => turnPage(-1) }),
      el("span", { className: "page-of", text: fmt(_("Page {n} of {count}"), { n: state.page + 1, count }) }),
      state.page < count - 1
        ? el("button", { type: "button", className: "primary tool", data: { key: "page-next" }, text: _("Next page →"), onclick: () => turnPage(1) })
        : el("span", { className: "page-end", text: "" }));
  }

  function turnPage(step) {
    if (!state.view || state.view.screen !== "scene") return;
    state.page += step;
    render();
  }

  function pendingOf(type) {
    for (const action of state.pending.values()) if (action.type === type) return action;
    return null;
  }

  function renderChoices(scene) {
    const box = el("div", { className: "choices" });
    const sending = pendingOf("choose");
    const voting = scene.decide === "vote";
    const votes = scene.votes || {};
    if (voting) {
      const needed = scene.needed ? " " + fmt(_("{n} votes decide."), { n: scene.needed }) : "";
      box.append(el("p", { className: "decide", text: _("Your group decides by vote.") + needed }));
    } else if (scene.decide === "shared") {
      box.append(el("p", { className: "decide", text: _("Decide together: one answer counts for the whole group.") }));
    }
    for (const choice of arr(scene.choices)) {
      const mine = voting && scene.my_vote === choice.n;
      const count = voting && votes[String(choice.n)] !== undefined ? votes[String(choice.n)] : null;
      box.append(el("button", {
        type: "button", className: "big choice" + (mine ? " chosen" : "") + (choice.counterfactual ? " counterfactual" : ""),
        data: { num: choice.n, key: `choice-${choice.n}` },
        disabled: !!sending || alreadyAnswered(scene, choice), "aria-pressed": voting ? String(mine) : null,
        onclick: () => chooseNumber(choice.n),
      },
      el("span", { className: "num", text: choice.n }),
      el("span", { className: "choice-text", text: str(choice.text) }),
      count !== null ? el("span", { className: "count", text: count === 1 ? _("1 vote") : fmt(_("{n} votes"), { n: count }) }) : null));
    }
    if (sending) box.append(el("p", { className: "quiet", role: "status", text: _("Sending…") }));
    else if (voting && scene.my_vote !== null && scene.my_vote !== undefined) {
      box.append(el("p", { className: "quiet", role: "status", text: _("Your vote is in. You can change it until the group decides.") }));
    }
    if (scene.note) {
      box.append(el("button", { type: "button", className: "tool note-button", data: { key: "note" }, text: _("Historical note (N)"), onclick: () => openNote(scene) }));
    }
    return box;
  }

  function alreadyAnswered(scene, choice) {
    const answered = state.answered;
    if (!answered || answered.scene !== scene.id) return false;
    return scene.decide !== "vote" || answered.n === choice.n;   // in a group vote a ballot can change
  }

  function chooseNumber(n) {
    const scene = state.view && state.view.screen === "scene" ? state.view.scene : null;
    const choice = scene && arr(scene.choices).find((c) => c.n === n);
    if (choice) choose(scene, choice);
  }

  function choose(scene, choice) {
    if (pendingOf("choose") || alreadyAnswered(scene, choice)) return;
    state.lastChoice = { scene: scene.id, n: choice.n };
    send({ type: "choose", scene: scene.id, n: choice.n });
  }

  function renderAfter() {
    const after = state.after;
    return el("section", { className: "card after" },
      heading(after.title || _("Decided")),
      // the server's feedback line says what was decided, by whom; this device's own choice is the fallback
      after.feedback ? el("p", { className: "mine", text: after.feedback })
        : after.mine ? el("p", { className: "mine" }, _("You chose: "), el("strong", { text: after.mine })) : null,
      after.note ? el("aside", { className: "note" }, el("h2", { text: fmt(_("What happened {history}"), { history: storyWords().historyMid }) }), ...after.note.split(/\n\s*\n/).map((t) => el("p", { text: t }))) : null,
      el("button", { type: "button", className: "big primary", data: { key: "continue", num: 1 }, text: _("Continue"),
        onclick: () => { state.after = null; render(); } }));
  }

  function renderWaiting(view) {
    const waiting = view.waiting || {};
    return el("section", { className: "card waiting" }, clockHeader(view),
      heading(_("Waiting")),
      el("p", { className: "lede", text: str(waiting.message) || _("Waiting for the other groups.") }),
      waiting.next && !str(waiting.message).toLowerCase().includes(str(waiting.next).toLowerCase()) ? el("p", { className: "next", text: str(waiting.next) }) : null,
      el("p", { className: "quiet", text: str(waiting.hint) || _("Meanwhile you can read your role sheet, the map or the codex.") }),
      el("p", { className: "quiet", text: _("Your screen moves on by itself.") }));
  }

  function renderAssembly(view) {
    const a = view.assembly;
    const section = el("section", { className: "card assembly" }, clockHeader(view, { place: a.place }), heading(str(a.title)));
    if (a.step === "agenda" || !a.step) {
      if (a.body) section.append(el("div", { className: "text" }, str(a.body).split(/\n\s*\n/).map((t) => el("p", { text: t }))));
      if (a.summary) section.append(el("p", { className: "summary", text: str(a.summary) }));
    }
    if (a.step === "result" && a.result) {
      section.append(el("div", { className: "result", role: "status" }, el("h2", { text: _("Result") }),
        arr(a.result.lines).map((line) => el("p", { text: str(line) }))));
    }
    if (a.floor_label || a.floor) {
      section.append(el("p", { className: "floor" + (a.my_turn ? " mine" : "") },
        a.my_turn ? _("Your group has the floor") : _("Has the floor: "),
        a.my_turn ? "" : el("strong", { text: str(a.floor_label || a.floor) })));
    }
    if (arr(a.speeches).length) {
      section.append(el("ol", { className: "speeches", "aria-label": _("Speeches") },
        arr(a.speeches).map((s) => el("li", {},
          el("span", { className: "who", text: str(s.who) + (s.as && !str(s.who).includes(s.as) ? ` (${s.as})` : "") }),
          el("span", { className: "said", text: str(s.text) })))));
    }
    if (a.step === "speech" && a.my_turn) section.append(renderSpeak(a));
    if (a.step === "vote" && a.motion) {
      if (a.can_vote === false) {
        section.append(el("div", { className: "vote" }, el("h2", { text: _("The vote") }), el("p", { className: "motion", text: str(a.motion.text) }),
          el("p", { className: "quiet", text: _("Your group has no vote in this body: watch, and listen to the tally.") })));
      } else section.append(renderVote(a));
      if (typeof a.cast === "number" && typeof a.voters === "number") {
        section.append(el("p", { className: "quiet", role: "status", text: fmt(_("{cast} of {voters} votes cast."), { cast: a.cast, voters: a.voters }) }));
      }
    }
    return section;
  }

  function renderSpeak(a) {
    const max = a.max_speech || 400;
    const sending = pendingOf("speak");
    const box = el("div", { className: "speak" });
    if (arr(a.lines).length) {
      box.append(el("h2", { text: _("Say a prepared line") }));
      for (const line of arr(a.lines)) {
        box.append(el("button", { type: "button", className: "big choice", disabled: !!sending, data: { num: line.n, key: `line-${line.n}` },
          onclick: () => send({ type: "speak", line: line.n }) },
        el("span", { className: "num", text: line.n }), el("span", { className: "choice-text", text: str(line.text) })));
      }
    }
    const area = el("textarea", { id: "speech", rows: "4", maxlength: String(max), data: { key: "speech" }, "aria-describedby": "speech-count" });
    area.value = state.draft;
    const counter = el("p", { id: "speech-count", className: "counter", "aria-live": "polite" });
    const submit = el("button", { type: "submit", className: "big primary", data: { key: "speech-send" }, text: _("Give this speech") });
    const update = () => {
      const length = area.value.length;
      counter.textContent = `${length} / ${max}`;
      counter.classList.toggle("over", length > max);
      submit.disabled = !!sending || !area.value.trim() || length > max;
    };
    area.addEventListener("input", () => { state.draft = area.value; update(); });
    area.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); form.requestSubmit(); }
    });
    const form = el("form", { className: "write", onsubmit: (event) => {
      event.preventDefault();
      const text = area.value.trim();
      if (!text || text.length > max || pendingOf("speak")) return;
      state.draft = "";
      send({ type: "speak", text });
    } }, el("label", { for: "speech", text: _("Or write your own speech") }), area, counter, submit);
    update();
    box.append(form);
    if (sending) box.append(el("p", { className: "quiet", role: "status", text: _("Sending…") }));
    return box;
  }

  function renderVote(a) {
    const motion = a.motion;
    const sending = pendingOf("vote");
    const box = el("div", { className: "vote" }, el("h2", { text: _("The vote") }), el("p", { className: "motion", text: str(motion.text) }));
    arr(motion.options).forEach((option, index) => {
      const mine = a.my_vote === option.id;
      box.append(el("button", { type: "button", className: "big choice" + (mine ? " chosen" : ""),
        disabled: !!sending || (a.my_vote !== null && a.my_vote !== undefined), "aria-pressed": String(mine),
        data: { num: index + 1, key: `vote-${option.id}` },
        onclick: () => vote(option.id) },
      el("span", { className: "num", text: index + 1 }), el("span", { className: "choice-text", text: str(option.text) })));
    });
    if (sending) box.append(el("p", { className: "quiet", role: "status", text: _("Sending…") }));
    else if (a.my_vote !== null && a.my_vote !== undefined) {
      box.append(el("p", { className: "quiet", role: "status", text: _("Your vote is counted. The tally shows when the teacher closes the vote.") }));
    }
    return box;
  }

  function vote(option) {
    const a = state.view && state.view.assembly;
    if (!a || a.step !== "vote" || !a.motion || pendingOf("vote")) return;
    send({ type: "vote", motion: a.motion.id, option });
  }

  function renderEnding(view) {
    const ending = view.ending;
    return el("section", { className: "card ending" }, clockHeader(view), heading(str(ending.title)),
      arr(ending.catch_up).length ? el("aside", { className: "catch-up", "aria-label": _("Since your last turn") },
        el("h2", { text: _("Since your last turn") }), arr(ending.catch_up).map((line) => el("p", { text: str(line) }))) : null,
      el("p", { className: "badge" + (ending.historical ? " historical" : " counterfactual"),
        text: fmt(ending.historical ? _("This is what happened {history}.")
          : _("Counterfactual: this is not what happened {history}."), { history: storyWords().historyMid }) }),
      el("div", { className: "text" }, arr(ending.paragraphs).map(spans)),
      ending.note ? el("aside", { className: "note" }, el("h2", { text: fmt(_("What happened {history}"), { history: storyWords().historyMid }) }),
        ...str(ending.note).split(/\n\s*\n/).map((t) => el("p", { text: t }))) : null,
      el("p", { className: "quiet", text: _("The class debrief follows on the projector.") }));
  }

  function renderDebrief(view, screen) {
    const lines = arr((view.debrief || {}).lines);
    return el("section", { className: "card debrief" },
      heading(screen === "finished" ? _("The session is over") : _("Debrief")),
      lines.length ? el("div", { className: "text" }, lines.map(debriefLine))
        : el("p", { className: "lede", text: _("Thank you for playing.") }));
  }

  function renderPaused(view) {
    return el("section", { className: "card paused" }, heading(view.message ? _("Break") : _("Paused")),
      el("p", { className: "lede", text: str(view.message) || _("The teacher has paused the session. Eyes to the front.") }),
      el("p", { className: "quiet", text: _("Your place is kept; the screen comes back by itself.") }));
  }

  // ---------- panels: role sheet, map, codex, note ----------
  function openPanel(title, ...nodes) {
    $("panel-title").textContent = title;
    $("panel-body").replaceChildren(...nodes);
    const dialog = $("panel");
    if (!dialog.open) dialog.showModal();
    $("panel-body").scrollTop = 0;
  }

  function openSheet() {
    const sheet = (state.view && state.view.role_sheet) || {};
    const objectives = arr(sheet.objectives);
    openPanel(str(sheet.name) || _("Role sheet"),
      ...str(sheet.biography).split(/\n\s*\n/).filter(Boolean).map((t) => el("p", { text: t })),
      objectives.length ? el("h3", { text: _("Your private objectives") }) : null,
      objectives.length ? el("ul", { className: "objectives" }, objectives.map((o) => el("li", {
        className: o.met === true ? "met" : o.met === false ? "unmet" : "" },
      el("span", { className: "mark", "aria-hidden": "true", text: o.met === true ? "✓" : o.met === false ? "·" : "○" }),
      el("span", { text: str(o.text) }),
      o.met === true ? el("span", { className: "sr", text: _(" (met)") }) : null))) : null,
      el("p", { className: "quiet", text: _("Keep these to yourself and your group.") }));
  }

  // The story's own words: its map's name ("" for none) and how it introduces history ("In 1066").
  function storyWords() {
    const session = (state.view && state.view.session) || {};
    const history = str(session.history) || _("In history");
    return { map: str(session.map), history, historyMid: history.charAt(0).toLowerCase() + history.slice(1) };
  }

  // The server draws the map for the token's group at /img/map; a view may name another address.
  function mapRef(view) {
    if (!storyWords().map) return "";
    return view && (view.map || (view.me && view.me.group ? "/img/map?w=" : ""));
  }

  function openMap() {
    const map = mapRef(state.view);
    if (!map) return;
    const name = storyWords().map;
    openPanel(fmt(_("Map of {name}"), { name }), el("img", { className: "map", alt: fmt(_("Map of {name}: who holds what at this hour"), { name }),
      src: imageURL(map, Math.min(window.innerWidth, 1100)) }));
  }

  function openCodex(id) {
    const codex = state.codex;
    const entry = id ? codex[id] : null;
    if (entry) {
      openPanel(str(entry.title), ...str(entry.text).split(/\n\s*\n/).map((t) => el("p", { text: t })),
        el("button", { type: "button", className: "tool", text: _("All entries"), onclick: () => openCodex(null) }));
      return;
    }
    const ids = Object.keys(codex).sort((x, y) => str(codex[x].title).localeCompare(str(codex[y].title)));
    openPanel(_("Codex"), el("ul", { className: "codex-list" }, ids.map((key) => el("li", {},
      el("button", { type: "button", className: "codex-link", text: str(codex[key].title) || key, onclick: () => openCodex(key) })))));
  }

  function openNote(scene) {
    openPanel(_("Historical note"), ...str(scene.note).split(/\n\s*\n/).map((t) => el("p", { text: t })));
  }

  function setLarge(on) {
    document.documentElement.classList.toggle("large", on);
    $("toggle-large").setAttribute("aria-pressed", String(on));
    if (on) store.set(LARGE_KEY, "1"); else store.del(LARGE_KEY);
  }

  // ---------- keys ----------
  document.addEventListener("keydown", (event) => {
    if ($("panel").open || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA")) return;
    if (!state.view || $("screen").hidden) return;
    if (/^[1-9]$/.test(event.key)) {
      const button = $("screen").querySelector(`button[data-num="${event.key}"]:not([disabled])`);
      if (button) { event.preventDefault(); button.click(); }
    } else if (event.key === "PageDown" || event.key === "ArrowRight") {
      event.preventDefault(); turnPage(1);
    } else if (event.key === "PageUp" || event.key === "ArrowLeft") {
      event.preventDefault(); turnPage(-1);
    } else if (event.key === "n" || event.key === "N") {
      const scene = state.view.scene;
      if (state.view.screen === "scene" && scene && scene.note) openNote(scene);
    }
  });

  // ---------- start ----------
  function start() {
    $("join-form").addEventListener("submit", join);
    $("panel-close").addEventListener("click", () => $("panel").close());
    $("panel").addEventListener("click", (event) => { if (event.target === $("panel")) $("panel").close(); });
    $("open-sheet").addEventListener("click", openSheet);
    $("open-map").addEventListener("click", openMap);
    $("open-codex").addEventListener("click", () => openCodex(null));
    $("toggle-large").addEventListener("click", () => { setLarge(!document.documentElement.classList.contains("large")); render(); });
    setLarge(store.get(LARGE_KEY) === "1");
    try { learnCodex(JSON.parse(store.get(CODEX_KEY) || "{}")); } catch (e) { /* a damaged copy is dropped */ }
    let resized = null;
    window.addEventListener("resize", () => { clearTimeout(resized); resized = setTimeout(render, 200); });
    if (state.token) startSession(); else showJoin();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
