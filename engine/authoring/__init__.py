"""For authors: the live loop of `play --watch` (watch.py), starting anywhere with `play --scene
--set` (warp.py) and the debug console's commands (console.py), shared by the window and text mode."""
