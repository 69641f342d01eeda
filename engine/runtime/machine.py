"""The story's state machine: the one module that imports `transitions`.

One Machine per story: scenes are states, each choice is a transition guarded by its compiled
condition. Triggers are shared by position ("choice_0", "choice_1", ...) so a story of any size has
only as many triggers as its widest scene has choices. Players attach as models with add_model.
"""
from __future__ import annotations

import itertools
import logging
import re
from functools import partial

from transitions import Machine
from transitions.core import Condition, Event, EventData, State, Transition, listify

from ..model import Story
from .offers import offer_rule

# With model_override=True transitions skips binding helpers the model does not define, and logs a
# warning for each skipped name (one per scene); those warnings are expected, so keep them quiet.
logging.getLogger("transitions").setLevel(logging.ERROR)
_LOG = logging.getLogger("transitions.core")

# The names transitions would bind on a model: per state is_<attribute>_<scene>, on_enter_<scene>
# and on_exit_<scene>; per machine trigger and may_trigger; per event <trigger> and may_<trigger>
# (our triggers are choice_<n>). With model_override=True it binds only names the model already has.
_BINDABLE = re.compile(r"(is_scene_id_|on_enter_|on_exit_)|(may_)?(trigger|choice_\d+)$")


_CLASS_TAKES_BINDINGS: dict[type, bool] = {}


def _may_take_bindings(model) -> bool:
    """Whether the model (its class or the instance) defines a name transitions would bind."""
    cls = type(model)
    takes = _CLASS_TAKES_BINDINGS.get(cls)
    if takes is None:
        takes = _CLASS_TAKES_BINDINGS[cls] = (hasattr(cls, "__getattr__")
                                              or any(_BINDABLE.match(n) for n in dir(cls)))
    return takes or any(_BINDABLE.match(n) for n in getattr(model, "__dict__", ()))


class _State(State):
    """A scene. Entering and leaving one runs its callbacks, as in transitions; when it has none
    (the story registers none) this skips the two log calls around an empty loop. Its name is its
    id (State.name also accepts Enum members, which a story never uses)."""

    @property
    def name(self):
        name = self._name
        return name if type(name) is str else State.name.fget(self)

    def enter(self, event_data):
        if self.on_enter:
            super().enter(event_data)

    def exit(self, event_data):
        if self.on_exit:
            super().exit(event_data)


class _Condition(Condition):
    """A choice's guard. Condition.check resolves a callable to itself (only names are looked up),
    so for a callable this calls it at once, with the event data (send_event=True)."""

    def check(self, event_data):
        func = self.func
        if callable(func) and not isinstance(func, str) and event_data.machine.send_event:
            return func(event_data) == self.target
        return super().check(event_data)


class _Transition(Transition):
    """A choice. Transition.execute (transitions 0.9) without its debug log lines and without
    walking callback lists that are empty; callbacks, conditions and their order are unchanged."""

    condition_cls = _Condition
    _ends = None      # (machine, source State, destination State), looked up on first use

    def _change_state(self, event_data):
        """Transition._change_state, with the source and destination States looked up once per
        transition rather than per call (a story's states are never replaced): set_state takes the
        State, and event_data.update(<the model's new state name>) would look up that same State."""
        machine = event_data.machine
        ends = self._ends
        if ends is None or ends[0] is not machine:
            ends = self._ends = (machine, machine.get_state(self.source), machine.get_state(self.dest))
        _, source, dest = ends
        if source.on_exit:             # State.exit runs no callback when there are none
            source.exit(event_data)
        machine.set_state(dest, event_data.model)
        event_data.state = dest
        if dest.on_enter:
            dest.enter(event_data)
        if dest.final:
            machine.callbacks(machine.on_final, event_data)

    def execute(self, event_data):
        machine = event_data.machine
        if self.prepare:
            machine.callbacks(self.prepare, event_data)
        if self.conditions and not self._eval_conditions(event_data):   # (all of none hold)
            return False
        if machine.before_state_change or self.before:
            machine.callbacks(itertools.chain(machine.before_state_change, self.before), event_data)
        if self.dest:
            self._change_state(event_data)
        if self.after or machine.after_state_change:
            machine.callbacks(itertools.chain(self.after, machine.after_state_change), event_data)
        return True


class _Event(Event):
    """A choice position (choice_0, ...). Event.trigger, _trigger and _process (transitions 0.9)
    without their debug lines, without walking empty callback lists, and calling _trigger directly
    where Machine._process would (an unqueued machine with an empty queue)."""

    def trigger(self, model, *args, **kwargs):
        machine = self.machine
        event_data = EventData(None, self, machine, model, args=args, kwargs=kwargs)
        if not machine.has_queue and not machine._transition_queue:
            return self._trigger(event_data)
        return machine._process(partial(self._trigger, event_data))

    def _trigger(self, event_data):
        machine = self.machine
        event_data.state = machine.get_model_state(event_data.model)
        try:
            if self._is_valid_source(event_data.state):
                self._process(event_data)
        except BaseException as err:
            event_data.error = err
            if machine.on_exception:
                machine.callbacks(machine.on_exception, event_data)
            else:
                raise
        finally:
            if machine.finalize_event:
                try:
                    machine.callbacks(machine.finalize_event, event_data)
                except BaseException as err:
                    _LOG.error("%sWhile executing finalize callbacks a %s occurred: %s.",
                               machine.name, type(err).__name__, str(err))
        return event_data.result

    def _process(self, event_data):
        machine = self.machine
        if machine.prepare_event:
            machine.callbacks(machine.prepare_event, event_data)
        for trans in self.transitions[event_data.state.name]:
            event_data.transition = trans
            if trans.execute(event_data):
                event_data.result = True
                break


class _Machine(Machine):
    """transitions' Machine, minus the offers of bindings to a model that would bind nothing.

    Machine.add_model offers the model a trigger and a may_trigger method, a <trigger> and
    may_<trigger> method per event, and per state an is_scene_id_<scene> helper and on_enter_/
    on_exit_<scene> callbacks; adding a state or an event offers the same to every attached model.
    With model_override=True each offer is taken only if the model already defines that name. A
    Player defines none, so for it the offers do nothing, at a cost of ~1-5 us per scene (up to
    50 ms per new player on a 10,000-scene story) and ~1 us per event. For such a model these
    methods skip the offers; any other model gets the originals. Its states, transitions and events
    are the lean subclasses above."""

    state_cls = _State
    transition_cls = _Transition
    event_cls = _Event

    def set_state(self, state, model=None):
        """Machine.set_state; for one model and a State, without listify and the loop around it."""
        if type(state) is _State and model is not None and type(model) is not list and type(model) is not tuple:
            setattr(model, self.model_attribute, state._name)
            return None
        return super().set_state(state, model)

    def get_state(self, state):
        """Machine.get_state, with a first look-up for the common case: a scene id that is a state."""
        if type(state) is str:
            found = self.states.get(state)
            if found is not None:
                return found
        return super().get_state(state)

    def _add_model_to_state(self, state, model):
        """Machine._add_model_to_state offers a model per-state helpers (is_<scene>, on_enter_<scene>,
        on_exit_<scene>); with model_override=True it binds only names the model defines. A Player
        defines none, so skip the offer for it (a new scene costs one such call per attached player)."""
        if model is self.self_literal or _may_take_bindings(model):
            super()._add_model_to_state(state, model)

    def _add_trigger_to_model(self, trigger, model):
        if model is self.self_literal or _may_take_bindings(model):
            super()._add_trigger_to_model(trigger, model)

    def add_model(self, model, initial=None):
        models = listify(model)
        if any(m is self.self_literal or _may_take_bindings(m) for m in models):
            return super().add_model(model, initial)
        if initial is None:
            if self.initial is None:
                raise ValueError("No initial state configured for machine, must specify when adding model.")
            initial = self.initial
        for mod in models:
            if mod not in self.models:
                self.set_state(initial, model=mod)
                self.models.append(mod)
        return None


_TRIGGER_NAMES = tuple(f"choice_{i}" for i in range(64))


def trigger_name(index: int) -> str:
    return _TRIGGER_NAMES[index] if 0 <= index < 64 else f"choice_{index}"


class StoryMachine:
    """The story's transitions machine, built as play reaches it.

    A scene becomes a state when a player is first placed in it or a wired scene leads to it, and
    a scene's choices become transitions the first time a player takes a choice there. The
    machine a player meets is the one an up-front build makes, but Game(story) costs nothing per
    scene: building all 28,500 transitions of a 10,000-scene story took ~120 ms."""

    def __init__(self, story: Story):
        self.story = story
        # Per-scene values derived from the frozen story for display, filled in by Player.frame()
        # on first use and shared by every player of this story.
        self.views: dict = {}
        # Per wired scene, by choice index: (the choice's Event, that event's transitions out of this
        # scene: the machine's own list, so it is the machine's graph that fire() walks, and the
        # scene's State), or None.
        self._routes: dict[str, tuple] = {}
        self._machine = _Machine(
            model=None,
            states=[],
            initial=None,
            auto_transitions=False,   # the default adds |scenes|^2 transitions
            send_event=True,
            model_attribute="scene_id",
            model_override=True,      # don't mint an is_<scene> helper per scene on every player
            ignore_invalid_triggers=False,
        )

    def _state(self, scene_id: str) -> None:
        if scene_id not in self._machine.states and scene_id in self.story.scenes:
            self._machine.add_state(scene_id)

    def _wire(self, scene_id: str) -> tuple:
        """Make the scene's choices transitions (once), each guarded by its offer rule; return the
        scene's routes."""
        routes = self._routes.get(scene_id)
        if routes is not None:
            return routes
        scene = self.story.scenes.get(scene_id)
        if scene is None:
            routes = self._routes[scene_id] = ()
            return routes
        self._state(scene_id)
        machine = self._machine
        found: list = [None] * len(scene.choices)
        for choice in scene.choices:
            if choice.target not in self.story.scenes:
                continue
            self._state(choice.target)
            name = trigger_name(choice.index)
            rule = offer_rule(scene_id, choice)
            machine.add_transition(name, scene_id, choice.target,
                                   conditions=None if rule is None else [_guard(rule)])
            event = machine.events[name]
            found[choice.index] = (event, event.transitions[scene_id], machine.states[scene_id])
        routes = self._routes[scene_id] = tuple(found)
        return routes

    def attach(self, player, scene_id: str) -> None:
        self._state(scene_id)
        self._machine.add_model(player, initial=scene_id)

    def detach(self, player) -> None:
        if player in self._machine.models:
            self._machine.remove_model(player)

    def fire(self, player, index: int, scene_id: str | None = None) -> bool:
        """Take choice `index` from the player's current scene (`scene_id`, if the caller knows
        it); False if its guard refuses.

        This does what Event.trigger does for an unqueued machine with no prepare, finalize or
        exception callbacks (ours has none): make the EventData, then try the event's transitions
        out of the current state in order until one executes. It finds that list by scene and
        index, without the event lookup and the three calls around it; any other machine takes
        Event.trigger itself."""
        if scene_id is None:
            scene_id = player.scene_id
        routes = self._routes.get(scene_id)
        if routes is None:
            routes = self._wire(scene_id)
        route = routes[index] if 0 <= index < len(routes) else None
        if route is None:
            return False
        event, transitions, source = route
        machine = self._machine
        if machine.prepare_event or machine.finalize_event or machine.on_exception or machine.has_queue:
            return event.trigger(player)
        event_data = EventData(source, event, machine, player, (), {})
        for transition in transitions:
            event_data.transition = transition
            if transition.execute(event_data):
                event_data.result = True
                return True
        return False

    def place(self, player, scene_id: str) -> None:
        """Put a player in a scene without a transition (loading a save, rolling back)."""
        self._state(scene_id)
        self._machine.set_state(scene_id, model=player)


def _guard(rule):
    """A transition condition (it gets the EventData: send_event=True) from a choice's offer rule."""
    def allowed(event) -> bool:
        return rule(event.model.state)
    return allowed
