// The teacher's console (teacher.html) and the projector page (projector.html, the same view, read-only).
// The teacher token comes from the address's fragment (#t=...), which browsers never send to a server
// or put in a Referer; it is kept in sessionStorage so a reload keeps working without it in the address.
"use strict";

(function () {
  const { el, arr, str, backoff, debriefLine, _, fmt } = window.StoryDOM;
  const $ = (id) => document.getElementById(id);
  const READ_ONLY = document.body.classList.contains("projector");
  const MONTHS = [_("January"), _("February"), _("March"), _("April"), _("May"), _("June"), _("July"), _("August"),
    _("September"), _("October"), _("November"), _("December")];

  const state = { token: "", ws: null, fresh: false, view: null, attempt: 0, retry: null, quiet: null,
    nextRef: 1, pending: new Map(), message: "", hands: {}, stage: "" };

  function readToken() {
    const match = /(?:^|[#&])t=([^&]+)/.exec(location.hash);
    let token = "";
    try { token = match ? decodeURIComponent(match[1]) : (sessionStorage.getItem("petrograd.teacher") || ""); } catch (e) { /* no storage */ }
    if (match) {
      try { sessionStorage.setItem("petrograd.teacher", token); } catch (e) { /* no storage */ }
      history.replaceState(null, "", location.pathname);   // the token leaves the address bar
    }
    return token;
  }

  // ---------- connection ----------
  function connect() {
    clearTimeout(state.retry);
    if (state.ws) { const old = state.ws; state.ws = null; try { old.close(); } catch (e) { /* closed */ } }
    const ws = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws");
    state.ws = ws;
    state.fresh = true;
    ws.addEventListener("open", () => {
      const hello = { type: "hello", token: state.token };
      if (READ_ONLY) hello.as = "projector";
      ws.send(JSON.stringify(hello));
    });
    ws.addEventListener("message", (event) => {
      if (ws !== state.ws) return;
      let message;
      try { message = JSON.parse(event.data); } catch (e) { return; }
      onMessage(message);
    });
    ws.addEventListener("close", () => {
      if (ws !== state.ws) return;
      state.ws = null;
      // an action sent on a dead socket was never acknowledged: the fresh view shows whether it took
      state.pending.clear();
      state.retry = setTimeout(connect, backoff(state.attempt));
      state.attempt += 1;
      if (!state.quiet) state.quiet = setTimeout(() => { $("net").hidden = false; }, 1500);
    });
    ws.addEventListener("error", () => { try { ws.close(); } catch (e) { /* closing */ } });
  }

  function onMessage(message) {
    if (message.type === "view") {
      if (state.fresh) {
        state.fresh = false;
        state.attempt = 0;
        clearTimeout(state.quiet);
        state.quiet = null;
        $("net").hidden = true;
      }
      state.view = message.view || {};
      render();
    } else if (message.type === "ack") {
      state.pending.delete(message.ref);
      render();
    } else if (message.type === "error") {
      const action = state.pending.get(message.ref);
      state.pending.delete(message.ref);
      say(str(message.message) + (action ? ` (${label(action.do)})` : ""));
    } else if (message.type === "bye") {
      problem(str(message.message) || _("The session refused this console's token."));
      state.token = "";
      try { sessionStorage.removeItem("petrograd.teacher"); } catch (e) { /* no storage */ }
      if (state.ws) { const old = state.ws; state.ws = null; old.close(); }
    }
  }

  function act(what, args) {
    if (READ_ONLY || !state.ws || state.ws.readyState !== WebSocket.OPEN) {
      say(_("Not connected to the session: wait a moment and try again."));
      return;
    }
    const ref = state.nextRef++;
    const message = Object.assign({ type: "teacher", ref, do: what }, args || {});
    state.pending.set(ref, message);
    state.ws.send(JSON.stringify(message));
    render();
  }

  function say(text) {
    state.message = text;
    clearTimeout(say.timer);
    say.timer = setTimeout(() => { state.message = ""; render(); }, 8000);
    render();
  }

  function problem(text) {
    const node = $("t-problem");
    node.hidden = !text;
    node.textContent = text || "";
  }

  // ---------- words ----------
  const LABELS = { start: _("start"), pause: _("pause"), resume: _("resume"), add_time: _("add time"),
    advance_group: _("move on"), call_speaker: _("call speaker"), open_vote: _("open the vote"),
    close_vote: _("close the vote"), reopen_vote: _("reopen the vote"), next: _("go on"), end: _("end the session"),
    decide_mode: _("how groups decide"), break: _("break"), move_student: _("move"), drop_device: _("drop device"),
    hands: _("show of hands") };
  const label = (what) => LABELS[what] || what;
  const STAGES = { lobby: _("Joining"), play: _("Groups playing"), assembly: _("Assembly"), break: _("Break"),
    debrief: _("Debrief") };
  const STATUS = { playing: _("playing"), waiting: _("waiting for the assembly"), finished: _("ending reached"),
    stopped: _("stopped") };

  function longStamp(stamp) {
    const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{1,2}:\d{2})$/.exec(str(stamp));
    return match ? fmt(_("{day} {month}"), { day: parseInt(match[3], 10), month: MONTHS[parseInt(match[2], 10) - 1] }) + ", " + match[4]
      : str(stamp);
  }
  function minutesOf(stamp) {
    const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{1,2}):(\d{2})$/.exec(str(stamp));
    if (!match) return null;
    return Date.UTC(+match[1], +match[2] - 1, +match[3], +match[4], +match[5]) / 60000;
  }

  // The period's clock: started (seconds since 1970, from the server's log) plus its minutes, against now.
  function minutesLeft(view) {
    if (typeof view.period_started_at !== "number" || typeof view.period_minutes !== "number" || view.screen === "debrief") return "";
    const left = Math.round(view.period_minutes - (Date.now() / 1000 - view.period_started_at) / 60);
    return " · " + (left >= 0 ? fmt(_("{n} min left"), { n: left }) : fmt(_("{n} min over"), { n: -left }));
  }

  // ---------- rendering ----------
  function button(text, what, args, options) {
    const opts = options || {};
    return el("button", { type: "button", className: "tool" + (opts.primary ? " primary" : "") + (opts.danger ? " danger" : ""),
      disabled: !!opts.disabled, data: { do: what },
      onclick: () => {
        if (opts.confirm && !window.confirm(opts.confirm)) return;
        act(what, typeof args === "function" ? args() : args);
      } }, text);
  }

  function render() {
    const view = state.view;
    if (!view) return;
    $("t-title").textContent = [str(view.title) || document.title.split(" — ")[0], str(view.name)].filter(Boolean).join(" · ");
    state.stage = (STAGES[view.screen] || str(view.screen)) + (view.paused ? " · " + _("paused") : "") +
      (view.periods ? " · " + fmt(_("period {n} of {count}"), { n: view.period, count: view.periods }) : "");
    $("t-stage").textContent = state.stage + minutesLeft(view);
    document.body.classList.toggle("paused", !!view.paused);
    const parts = [];
    if (!READ_ONLY) parts.push(controls(view));
    if (state.message) parts.push(el("p", { className: "card toast-inline", role: "status", text: state.message }));
    if (view.paused && READ_ONLY) parts.push(el("section", { className: "card big-note" }, el("h1", { text: _("Paused") }),
      el("p", { text: _("Eyes to the front.") })));
    if (view.screen === "lobby" || READ_ONLY && view.screen !== "assembly" && view.screen !== "debrief") parts.push(joinCard(view));
    if (view.screen === "assembly" && view.assembly) parts.push(assemblyCard(view));
    if (view.screen === "debrief" && view.debrief) parts.push(debriefCard(view));
    if (view.screen !== "debrief" || !READ_ONLY) parts.push(timelineCard(view));
    if (!READ_ONLY) parts.push(castCard(view));
    else if (view.screen === "lobby") parts.push(castCard(view));
    if (arr(view.notes).length && !READ_ONLY) {
      parts.push(el("section", { className: "card" }, el("h2", { text: _("Notes") }),
        el("ul", {}, arr(view.notes).map((note) => el("li", { text: str(note) })))));
    }
    const keep = document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.key : null;
    $("t-root").replaceChildren(...parts);
    if (keep) {
      const again = $("t-root").querySelector(`[data-key="${CSS.escape(keep)}"]`);
      if (again) again.focus({ preventScroll: true });
    }
  }

  function controls(view) {
    const stage = view.screen;
    const row = el("section", { className: "card controls", "aria-label": _("Session controls") });
    if (stage === "lobby") row.append(button(_("Start the session"), "start", null, { primary: true }));
    if (stage !== "debrief") {
      row.append(view.paused ? button(_("Resume"), "resume", null, { primary: true })
        : button(_("Pause everyone"), "pause"));
      if (stage === "break") row.append(button(_("Start the next period"), "resume", null, { primary: true }));
      if (stage === "play") row.append(button(_("Break (end of period)"), "break"));
      row.append(button(_("Add 5 minutes"), "add_time", { minutes: 5 }));
      row.append(el("span", { className: "mode" }, _("Groups decide: "),
        button(_("on one device") + (view.decide === "shared" ? " ✓" : ""), "decide_mode", { mode: "shared" }, { disabled: view.decide === "shared" }),
        button(_("by a vote") + (view.decide === "vote" ? " ✓" : ""), "decide_mode", { mode: "vote" }, { disabled: view.decide === "vote" })));
      row.append(button(_("End the session"), "end", null, { danger: true,
        confirm: _("End the session for everyone and go to the debrief?") }));
    }
    row.append(el("a", { className: "tool link", href: "/projector", target: "_blank", rel: "noopener",
      onclick: (event) => { event.preventDefault(); openProjector(); } }, _("Open the projector page")));
    if (view.extra_minutes) row.append(el("span", { className: "quiet", text: fmt(_("+{n} min added"), { n: view.extra_minutes }) }));
    return row;
  }

  // The projector page needs a token too, in the new window's fragment (never sent to a server): the
  // projector's own show-only token when the view gives it, else the teacher's (the page asks only to show).
  function openProjector() {
    const token = (state.view && state.view.projector_token) || state.token;
    window.open("/projector#t=" + encodeURIComponent(token), "_blank", "noopener");
  }

  function joinCard(view) {
    const joined = arr(view.joined);
    // Once play has begun the room needs only the way in for a latecomer: one line, not the names.
    if (view.screen !== "lobby") {
      return el("section", { className: "card join-card compact" },
        el("p", { className: "join-line" }, _("Late? Open "), el("strong", { className: "address", text: location.origin + "/" }),
          _(" and type "), el("strong", { className: "code", text: str(view.code) }),
          el("span", { className: "quiet", text: " · " + fmt(_("{n} joined"), { n: joined.length }) })));
    }
    // A phone's camera opens the join page with the code filled in (the server draws it for this address).
    const qr = el("img", { className: "qr", width: 220, height: 220,
      src: "/api/join-qr.svg?t=" + encodeURIComponent(state.token),
      alt: _("QR code: opens the join page with the code filled in") });
    return el("section", { className: "card join-card" },
      el("h2", { text: _("Join") }),
      qr,
      el("p", { className: "join-line" }, _("Open "), el("strong", { className: "address", text: location.origin + "/" }),
        _(" and type the code "), el("strong", { className: "code", text: str(view.code) })),
      el("p", { className: "quiet", text: fmt(_("{n} joined"), { n: joined.length }) }),
      joined.length ? el("ul", { className: "names" }, joined.map((s) => el("li", { text: str(s.name) }))) : null);
  }

  function groupName(view, group) {
    const g = arr(view.groups).find((x) => x.group === group) || arr(view.roles).find((x) => x.group === group);
    return g ? `${str(g.label)}\u00a0— ${str(g.role_name)}` : str(group);
  }

  function timelineCard(view) {
    const groups = arr(view.groups);
    const next = view.next_assembly;
    const points = groups.map((g) => minutesOf(g.stamp)).filter((m) => m !== null);
    const end = next ? minutesOf(next.stamp) : null;
    if (end !== null) points.push(end);
    const low = points.length ? Math.min(...points) : 0;
    const high = points.length ? Math.max(...points) : 1;
    const span = Math.max(1, high - low);
    const card = el("section", { className: "card timeline" }, el("h2", { text: _("The groups on the story clock") }),
      next ? el("p", { className: "next-assembly" }, _("Next assembly: "), el("strong", { text: str(next.title) }),
        " " + fmt(_("at {when}"), { when: longStamp(next.stamp) })) : el("p", { className: "quiet", text: _("No assembly left.") }));
    const list = el("ol", { className: "lanes" });
    for (const g of groups) {
      const at = minutesOf(g.stamp);
      const fraction = at === null ? 0 : (at - low) / span;
      const track = el("div", { className: "track", "aria-hidden": "true" },
        el("meter", { className: "progress", min: "0", max: "1", value: String(Math.max(0.02, fraction)) }));
      const names = arr(g.students).map((s) => str(s.name) + (s.dropped ? " " + _("(dropped)") : "")).join(", ");
      list.append(el("li", { className: "lane status-" + str(g.status) },
        el("div", { className: "lane-head" },
          el("strong", { text: `${str(g.label)}\u00a0— ${str(g.role_name)}` }),
          el("span", { className: "quiet", text: " " + (names || _("nobody yet")) })),
        track,
        el("div", { className: "lane-foot" },
          el("span", { text: longStamp(g.stamp) }),
          el("span", { text: str(g.scene_title) }),
          el("span", { text: fmt(_("{n} decisions"), { n: g.decisions || 0 }) }),
          el("span", { className: "status", text: view.screen === "lobby" ? _("ready") : STATUS[g.status] || str(g.status) }),
          g.ballots ? el("span", { text: fmt(_("{n} ballots in"), { n: g.ballots }) }) : null,
          g.stopped ? el("span", { className: "error", text: str(g.stopped) }) : null,
          !READ_ONLY && (view.screen === "play" || view.screen === "assembly") && g.status === "playing"
            ? button(_("Move on to the assembly"), "advance_group", { group: g.group },
              { confirm: fmt(_("Move {group} ({role}) on to the next assembly? What really happened plays for them."), { group: g.label, role: g.role_name }) })
            : null)));
    }
    card.append(list);
    return card;
  }

  function castCard(view) {
    const students = arr(view.students).length ? arr(view.students)
      : arr(view.groups).flatMap((g) => arr(g.students).map((s) => Object.assign({ group: g.group }, s)));
    const roles = arr(view.roles).length ? arr(view.roles) : arr(view.groups);
    const card = el("section", { className: "card cast" }, el("h2", { text: _("The cast") }));
    if (!students.length) { card.append(el("p", { className: "quiet", text: _("Nobody has joined yet.") })); return card; }
    const table = el("table", {}, el("thead", {}, el("tr", {}, el("th", { text: _("Student") }), el("th", { text: _("Group") }),
      READ_ONLY ? null : el("th", { text: _("Device") }))));
    const body = el("tbody");
    for (const s of students) {
      let groupCell;
      if (READ_ONLY || s.dropped) groupCell = el("td", { text: groupName(view, s.group) });
      else {
        const select = el("select", { "aria-label": fmt(_("Group for {name}"), { name: str(s.name) }), data: { key: `move-${s.id}` },
          onchange: () => act("move_student", { student: s.id, group: select.value }) },
        roles.map((r) => el("option", { value: r.group, selected: r.group === s.group, text: `${str(r.label)}\u00a0— ${str(r.role_name)}` })));
        groupCell = el("td", {}, select);
      }
      body.append(el("tr", { className: s.dropped ? "dropped" : "" },
        el("td", { text: str(s.name) }), groupCell,
        READ_ONLY ? null : el("td", {}, s.dropped ? el("span", { className: "quiet", text: _("dropped") })
          : button(_("Drop device"), "drop_device", { student: s.id },
            { confirm: fmt(_("Drop {name}'s device? They can join again with the code."), { name: s.name }) }))));
    }
    table.append(body);
    card.append(table);
    return card;
  }

  function assemblyCard(view) {
    const a = view.assembly;
    const card = el("section", { className: "card assembly-card" },
      el("h2", { text: str(a.title) }),
      el("p", { className: "quiet", text: [a.time, a.place].filter(Boolean).join(" · ") }));
    const result = a.step === "result" && a.result ? el("div", { className: "result" }, el("h3", { text: _("Tally") }),
      a.tally ? tallyTable(a) : null, arr(a.result.lines).map((line) => el("p", { text: str(line) }))) : null;
    if (result) card.append(result);      // the room looks for the tally first
    if (arr(a.agenda).length) {
      card.append(el("h3", { text: _("Agenda") }), el("ol", { className: "agenda" }, arr(a.agenda).map((m) => el("li", { text: str(m) }))));
    }
    card.append(el("p", { className: "floor" + (a.floor ? " mine" : "") },
      a.floor_label ? fmt(_("Has the floor: {who}"), { who: a.floor_label }) : a.step === "vote" ? _("The vote is open") : _("Nobody has the floor")));
    const parts = arr(a.participants);
    if (parts.length) {
      card.append(el("ul", { className: "speakers" }, parts.map((p) => el("li", { className: p.spoken ? "spoken" : "" },
        el("span", { text: `${str(p.label)}\u00a0— ${str(p.role_name)}${p.as && p.as !== p.role_name ? " " + fmt(_("(as {name})"), { name: p.as }) : ""}` }),
        p.spoken ? el("span", { className: "quiet", text: " ✓ " + _("spoke") }) : null,
        READ_ONLY || a.step === "vote" ? null : button(p.spoken ? _("Call again") : _("Call to speak"), "call_speaker", { group: p.group },
          { primary: !p.spoken })))));
    }
    if (arr(a.speeches).length) {
      card.append(el("ol", { className: "speeches" }, arr(a.speeches).map((s) => el("li", {},
        el("span", { className: "who", text: speaker(s) + (s.written ? " · " + _("written") : "") }),
        el("span", { className: "said", text: str(s.text) }))))); 
    }
    if (a.motion) {
      card.append(el("h3", { text: _("Motion") }), el("p", { className: "motion", text: str(a.motion.text) }));
      if (a.step === "vote" && typeof a.cast === "number") {
        card.append(el("p", { className: "cast", role: "status", text: fmt(_("{cast} of {voters} votes cast"), { cast: a.cast, voters: a.voters }) }));
      }
    }
    if (!READ_ONLY) {
      const row = el("div", { className: "controls" });
      if (a.step !== "vote") row.append(button(_("Open the vote"), "open_vote", null, { primary: a.step !== "result" }));
      if (a.step === "vote") row.append(button(_("Close the vote"), "close_vote", null, { primary: true }));
      if (a.step === "result") row.append(button(_("Reopen the vote"), "reopen_vote"));
      if (a.step !== "vote") row.append(button(a.step === "result" ? _("Go on") : _("Go to the vote"), "next", null, { primary: a.step === "result" }));
      card.append(row);
      if (a.motion && a.step === "vote") card.append(handsForm(a));
    }
    return card;
  }

  const speaker = (s) => str(s.who) + (s.as && !str(s.who).includes(s.as) ? ` (${s.as})` : "");

  function tallyTable(a) {
    const options = arr(a.motion && a.motion.options);
    const name = (id) => str((options.find((o) => o.id === id) || {}).text) || str(id);
    const rows = Object.entries(a.tally || {});
    if (!rows.length) return el("p", { className: "quiet", text: _("No votes.") });
    const most = Math.max(...rows.map(([, n]) => n), 1);
    return el("table", { className: "tally" }, el("tbody", {}, rows.map(([id, n]) => el("tr", {},
      el("th", { text: name(id) }), el("td", { className: "n", text: String(n) }),
      el("td", {}, el("meter", { min: "0", max: String(most), value: String(n) }))))));
  }

  // A show of hands: the teacher counts and types each option's number; it closes the vote.
  function handsForm(a) {
    const inputs = arr(a.motion.options).map((o) => {
      const input = el("input", { type: "number", min: "0", max: "1000", inputmode: "numeric", id: `hands-${o.id}`,
        data: { key: `hands-${o.id}` }, value: str(state.hands[o.id] || "") });
      input.addEventListener("input", () => { state.hands[o.id] = input.value; });
      return el("label", { className: "hand", for: `hands-${o.id}` }, el("span", { text: str(o.text) }), input);
    });
    return el("form", { className: "hands", onsubmit: (event) => {
      event.preventDefault();
      const counts = {};
      for (const o of arr(a.motion.options)) {
        const n = parseInt(state.hands[o.id] || "0", 10);
        if (n > 0) counts[o.id] = n;
      }
      state.hands = {};
      act("hands", { counts });
    } }, el("h3", { text: _("Or count a show of hands") }), ...inputs,
    el("button", { type: "submit", className: "tool", text: _("Enter the count (closes the vote)") }));
  }

  function debriefCard(view) {
    return el("section", { className: "card debrief" }, el("h2", { text: _("Debrief") }),
      arr(view.debrief.lines).map(debriefLine));
  }

  // ---------- start ----------
  function start() {
    setInterval(() => { if (state.view) $("t-stage").textContent = str(state.stage) + minutesLeft(state.view); }, 30000);
    state.token = readToken();
    if (!state.token) {
      problem(READ_ONLY ? _("Open this page from the teacher's console (it needs the teacher's link).")
        : _("This page needs the teacher's link printed by 'petrograd session host' (it ends with #t=...)."));
      return;
    }
    window.addEventListener("online", () => { state.attempt = 0; connect(); });
    connect();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
