"""The run loop (plain Python) and, in qt_*.py only, the Qt controller that runs it."""
