"""The network diagram dock (issue #5): units, connections, unit maps, click-to-edit."""

from fnnsim.ui.diagram.widget import NetworkDiagram

__all__ = ["NetworkDiagram"]
