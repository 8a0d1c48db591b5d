"""Qt widgets: the main window and its panels (issue #4)."""
