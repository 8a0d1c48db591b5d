"""The backpropagation step inspector (issue #5): `StepInspector`, a widget for a dock."""

from fnnsim.ui.inspector.inspector import StepInspector

__all__ = ["StepInspector"]
