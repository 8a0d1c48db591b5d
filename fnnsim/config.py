"""One dataclass tree for a whole experiment: network, data, training, seed.

The GUI, the CLI and saved sessions all read and write it. Reading validates everything
and names the first problem in one line (`training.learning_rate must be > 0, got -1`);
unknown keys are rejected by name, so a typo never silently falls back to a default.
No Qt here.
"""

from __future__ import annotations

import dataclasses
import json
import math
import types
import typing
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from fnnsim.engine.activations import ACTIVATIONS, HIDDEN_ACTIVATIONS
from fnnsim.engine.clipping import CLIP_MODES
from fnnsim.engine.initializers import INITIALIZERS
from fnnsim.engine.losses import LOSSES
from fnnsim.engine.network import MAX_WIDTH
from fnnsim.errors import ConfigError

CONFIG_VERSION = 1
MAX_HIDDEN_LAYERS = 64
ENGINES = ("auto", "fast", "reference")
TASKS = ("auto", "classification", "regression")


@dataclass
class LayerConfig:
    units: int = 8
    activation: str = "tanh"


@dataclass
class NetworkConfig:
    hidden: list[LayerConfig] = field(default_factory=lambda: [LayerConfig(8), LayerConfig(8)])
    output_activation: str = "sigmoid"
    loss: str = "bce"
    initializer: str = "xavier_uniform"
    init_scale: float = 1.0
    seed: int | None = None  # None: derived from the experiment seed


@dataclass
class DataConfig:
    source: str = "spiral"  # a generator name, or "csv"
    n_samples: int = 400
    noise: float = 0.1
    params: dict[str, float] = field(default_factory=dict)  # generator parameters
    path: str | None = None  # csv only
    target: str | None = None  # csv: target column (None = last)
    features: list[str] | None = None  # csv: feature columns (None = all but the target)
    task: str = "auto"
    val_fraction: float = 0.2
    standardize: bool = False
    seed: int | None = None  # None: derived from the experiment seed


@dataclass
class TrainingConfig:
    epochs: int = 200
    learning_rate: float = 0.1
    l2: float = 0.0
    l1: float = 0.0
    clip_mode: str = "off"
    clip_threshold: float = 1.0
    shuffle: bool = True
    early_stopping: bool = False
    patience: int = 10
    engine: str = "auto"


@dataclass
class ScenarioConfig:
    """What a guided preset shows and why, keyed by language ("en", "zh_CN")."""

    title: dict[str, str] = field(default_factory=dict)
    explanation: dict[str, str] = field(default_factory=dict)


@dataclass
class ExperimentConfig:
    version: int = CONFIG_VERSION
    seed: int = 0
    network: NetworkConfig = field(default_factory=NetworkConfig)
    data: DataConfig = field(default_factory=DataConfig)
    training: TrainingConfig = field(default_factory=TrainingConfig)
    scenario: ScenarioConfig | None = None  # set in guided presets only

    def validate(self) -> ExperimentConfig:
        problem = config_problem(self)
        if problem:
            raise ConfigError(problem)
        return self

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n"

    @classmethod
    def from_dict(cls, data: Any) -> ExperimentConfig:
        config = _build(cls, data, "")
        return config.validate()

    @classmethod
    def from_json(cls, text: str) -> ExperimentConfig:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ConfigError(f"not valid JSON: {exc.msg} at line {exc.lineno}") from exc
        return cls.from_dict(data)


def load_config(path: str | Path) -> ExperimentConfig:
    """Read a config file; a relative CSV path is taken relative to the file's folder."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from exc
    try:
        config = ExperimentConfig.from_json(text)
    except ConfigError as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    if config.data.path and not Path(config.data.path).is_absolute():
        config.data.path = str(path.parent / config.data.path)
    return config


# ---- reading a dict into the dataclass tree, by the dataclasses' own type hints ----

def _build(cls: type, data: Any, where: str) -> Any:
    """An instance of dataclass `cls` from a dict; `where` is its dotted path ('' at the top)."""
    if not isinstance(data, dict):
        raise ConfigError(f"{where or 'the config'} must be an object, got {type(data).__name__}")
    hints = typing.get_type_hints(cls)
    names = [f.name for f in dataclasses.fields(cls)]
    prefix = f"{where}." if where else ""
    for key in data:
        if key not in names:
            raise ConfigError(f"unknown key {prefix}{key}; valid keys: {', '.join(names)}")
    return cls(**{k: _convert(hints[k], v, f"{prefix}{k}") for k, v in data.items()})


def _convert(hint: Any, value: Any, where: str) -> Any:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        (inner,) = [a for a in args if a is not type(None)]
        return _convert(inner, value, where)
    if dataclasses.is_dataclass(hint):
        return _build(hint, value, where)
    if origin is list:
        if not isinstance(value, list):
            raise ConfigError(f"{where} must be a list, got {type(value).__name__}")
        return [_convert(args[0], v, f"{where}[{i}]") for i, v in enumerate(value)]
    if origin is dict:
        if not isinstance(value, dict):
            raise ConfigError(f"{where} must be an object, got {type(value).__name__}")
        return {str(k): _convert(args[1], v, f"{where}.{k}") for k, v in value.items()}
    if hint is bool:
        if not isinstance(value, bool):
            raise ConfigError(f"{where} must be true or false, got {value!r}")
        return value
    if hint is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(f"{where} must be an integer, got {value!r}")
        return value
    if hint is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ConfigError(f"{where} must be a number, got {value!r}")
        return float(value)
    if hint is str:
        if not isinstance(value, str):
            raise ConfigError(f"{where} must be a string, got {value!r}")
        return value
    raise TypeError(f"unsupported config type {hint!r}")  # a programming error


# ---- validation: the first problem, in one line ----

def config_problem(c: ExperimentConfig) -> str | None:
    checks = [
        (c.version == CONFIG_VERSION,
         f"version must be {CONFIG_VERSION}, got {c.version} (written by another fnnsim?)"),
        (c.seed >= 0, f"seed must be >= 0, got {c.seed}"),
        *_network_checks(c.network),
        *_data_checks(c.data),
        *_training_checks(c.training),
        (not (c.training.early_stopping and c.data.val_fraction == 0),
         "training.early_stopping needs a validation set: set data.val_fraction > 0"),
    ]
    return next((message for ok, message in checks if not ok), None)


def _one_of(where: str, value: str, valid: typing.Iterable[str]) -> tuple[bool, str]:
    valid = list(valid)
    return value in valid, f"{where} must be one of {', '.join(valid)}, got {value!r}"


def _network_checks(n: NetworkConfig) -> list[tuple[bool, str]]:
    checks = [
        (len(n.hidden) <= MAX_HIDDEN_LAYERS,
         f"network.hidden may have at most {MAX_HIDDEN_LAYERS} layers, got {len(n.hidden)}"),
    ]
    for i, layer in enumerate(n.hidden):
        checks += [
            (1 <= layer.units <= MAX_WIDTH,
             f"network.hidden[{i}].units must be 1…{MAX_WIDTH}, got {layer.units}"),
            _one_of(f"network.hidden[{i}].activation", layer.activation, HIDDEN_ACTIVATIONS),
        ]
    required = LOSSES[n.loss].requires_output if n.loss in LOSSES else None
    checks += [
        _one_of("network.output_activation", n.output_activation, ACTIVATIONS),
        _one_of("network.loss", n.loss, LOSSES),
        (required is None or n.output_activation == required,
         f"network.loss {n.loss!r} needs output_activation {required!r}, "
         f"got {n.output_activation!r}"),
        _one_of("network.initializer", n.initializer, INITIALIZERS),
        (0 < n.init_scale < math.inf, f"network.init_scale must be > 0, got {n.init_scale}"),
        (n.seed is None or n.seed >= 0, f"network.seed must be >= 0, got {n.seed}"),
    ]
    return checks


def _data_checks(d: DataConfig) -> list[tuple[bool, str]]:
    from fnnsim.data import GENERATORS

    return [
        _one_of("data.source", d.source, [*GENERATORS, "csv"]),
        (d.source != "csv" or bool(d.path), "data.path must name a CSV file when source is csv"),
        (d.source == "csv" or d.path is None,
         f"data.path is only used with source csv, not {d.source!r}"),
        (2 <= d.n_samples <= 1_000_000, f"data.n_samples must be 2…1000000, got {d.n_samples}"),
        (0 <= d.noise < math.inf, f"data.noise must be >= 0, got {d.noise}"),
        _one_of("data.task", d.task, TASKS),
        (0 <= d.val_fraction <= 0.9, f"data.val_fraction must be 0…0.9, got {d.val_fraction}"),
        (d.seed is None or d.seed >= 0, f"data.seed must be >= 0, got {d.seed}"),
    ]


def _training_checks(t: TrainingConfig) -> list[tuple[bool, str]]:
    return [
        (t.epochs >= 1, f"training.epochs must be >= 1, got {t.epochs}"),
        (0 < t.learning_rate < math.inf,
         f"training.learning_rate must be > 0, got {t.learning_rate:g}"),
        (0 <= t.l2 < math.inf, f"training.l2 must be >= 0, got {t.l2:g}"),
        (0 <= t.l1 < math.inf, f"training.l1 must be >= 0, got {t.l1:g}"),
        _one_of("training.clip_mode", t.clip_mode, CLIP_MODES),
        (0 < t.clip_threshold < math.inf,
         f"training.clip_threshold must be > 0, got {t.clip_threshold:g}"),
        (t.patience >= 1, f"training.patience must be >= 1, got {t.patience}"),
        _one_of("training.engine", t.engine, ENGINES),
    ]
