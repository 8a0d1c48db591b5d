"""The NumPy engine: the readable reference of the note's math. Imports numpy only."""

from fnnsim.engine.activations import ACTIVATIONS, HIDDEN_ACTIVATIONS, OUTPUT_ACTIVATIONS
from fnnsim.engine.clipping import CLIP_MODES
from fnnsim.engine.gradcheck import LayerCheck, gradient_check, numerical_gradients
from fnnsim.engine.initializers import INITIALIZERS
from fnnsim.engine.losses import LOSSES, check_output_pair
from fnnsim.engine.metrics import LAYER_METRICS, SCALAR_METRICS, MetricBatch
from fnnsim.engine.network import MAX_WIDTH, Network, check_architecture
from fnnsim.engine.phases import Phase, trace_phases
from fnnsim.engine.sgd import SGDSettings, StepTrace, apply_trace, sgd_step, trace_step

__all__ = [
    "ACTIVATIONS", "CLIP_MODES", "HIDDEN_ACTIVATIONS", "INITIALIZERS", "LAYER_METRICS",
    "LOSSES", "MAX_WIDTH", "OUTPUT_ACTIVATIONS", "SCALAR_METRICS", "LayerCheck", "MetricBatch",
    "Network", "Phase", "SGDSettings", "StepTrace", "apply_trace", "check_architecture",
    "check_output_pair", "gradient_check", "numerical_gradients", "sgd_step", "trace_phases",
    "trace_step",
]
