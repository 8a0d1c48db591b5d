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
from fnnsim.errors import QT_TRANSLATE_NOOP, ConfigError, Message

CONFIG_VERSION = 1
MAX_HIDDEN_LAYERS = 64
ENGINES = ("auto", "fast", "reference")
TASKS = ("auto", "classification", "regression")

# Templates shared by many fields: `key` is the field's dotted path (`training.epochs`).
_NOT_AN_OBJECT = QT_TRANSLATE_NOOP("Errors", "{key} must be an object, got {type}")
_NOT_A_NUMBER = QT_TRANSLATE_NOOP("Errors", "{key} must be a number, got {value!r}")
_NOT_AN_INTEGER = QT_TRANSLATE_NOOP("Errors", "{key} must be an integer, got {value!r}")
_NOT_ONE_OF = QT_TRANSLATE_NOOP("Errors", "{key} must be one of {valid}, got {value!r}")
_AT_LEAST = QT_TRANSLATE_NOOP("Errors", "{key} must be >= {minimum}, got {value}")
_AT_LEAST_G = QT_TRANSLATE_NOOP("Errors", "{key} must be >= {minimum}, got {value:g}")
_POSITIVE = QT_TRANSLATE_NOOP("Errors", "{key} must be > 0, got {value}")
_POSITIVE_G = QT_TRANSLATE_NOOP("Errors", "{key} must be > 0, got {value:g}")
_IN_RANGE = QT_TRANSLATE_NOOP("Errors", "{key} must be {minimum}…{maximum}, got {value}")


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
        if problem is not None:
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
            raise ConfigError(
                QT_TRANSLATE_NOOP("Errors", "not valid JSON: {reason} at line {line}"),
                reason=exc.msg, line=exc.lineno) from exc
        return cls.from_dict(data)


def load_config(path: str | Path) -> ExperimentConfig:
    """Read a config file; a relative CSV path is taken relative to the file's folder."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(QT_TRANSLATE_NOOP("Errors", "{file}: cannot read: {reason}"),
                          file=path, reason=exc if isinstance(exc, OSError) else str(exc)
                          ) from exc
    try:
        config = ExperimentConfig.from_json(text)
    except ConfigError as exc:
        raise ConfigError(QT_TRANSLATE_NOOP("Errors", "{file}: {problem}"),
                          file=path, problem=exc) from exc
    if config.data.path and not Path(config.data.path).is_absolute():
        config.data.path = str(path.parent / config.data.path)
    return config


# ---- reading a dict into the dataclass tree, by the dataclasses' own type hints ----

def _build(cls: type, data: Any, where: str) -> Any:
    """An instance of dataclass `cls` from a dict; `where` is its dotted path ('' at the top)."""
    if not isinstance(data, dict):
        if not where:
            raise ConfigError(
                QT_TRANSLATE_NOOP("Errors", "the config must be an object, got {type}"),
                type=type(data).__name__)
        raise ConfigError(_NOT_AN_OBJECT, key=where, type=type(data).__name__)
    hints = typing.get_type_hints(cls)
    names = [f.name for f in dataclasses.fields(cls)]
    prefix = f"{where}." if where else ""
    for key in data:
        if key not in names:
            raise ConfigError(QT_TRANSLATE_NOOP("Errors", "unknown key {key}; valid keys: {valid}"),
                              key=f"{prefix}{key}", valid=", ".join(names))
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
            raise ConfigError(QT_TRANSLATE_NOOP("Errors", "{key} must be a list, got {type}"),
                              key=where, type=type(value).__name__)
        return [_convert(args[0], v, f"{where}[{i}]") for i, v in enumerate(value)]
    if origin is dict:
        if not isinstance(value, dict):
            raise ConfigError(_NOT_AN_OBJECT, key=where, type=type(value).__name__)
        return {str(k): _convert(args[1], v, f"{where}.{k}") for k, v in value.items()}
    if hint is bool:
        if not isinstance(value, bool):
            raise ConfigError(
                QT_TRANSLATE_NOOP("Errors", "{key} must be true or false, got {value!r}"),
                key=where, value=value)
        return value
    if hint is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(_NOT_AN_INTEGER, key=where, value=value)
        return value
    if hint is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ConfigError(_NOT_A_NUMBER, key=where, value=value)
        return float(value)
    if hint is str:
        if not isinstance(value, str):
            raise ConfigError(QT_TRANSLATE_NOOP("Errors", "{key} must be a string, got {value!r}"),
                              key=where, value=value)
        return value
    raise TypeError(f"unsupported config type {hint!r}")  # a programming error


# ---- validation: the first problem, in one line ----

Check = tuple[bool, Message]  # (whether the value is fine, the problem if it is not)


def config_problem(c: ExperimentConfig) -> Message | None:
    """The first problem of `c`, as a translatable message; None if it is valid."""
    checks = [
        (c.version == CONFIG_VERSION,
         Message(QT_TRANSLATE_NOOP(
             "Errors", "version must be {expected}, got {value} (written by another fnnsim?)"),
             expected=CONFIG_VERSION, value=c.version)),
        (c.seed >= 0, Message(_AT_LEAST, key="seed", minimum=0, value=c.seed)),
        *_network_checks(c.network),
        *_data_checks(c.data),
        *_training_checks(c.training),
        (not (c.training.early_stopping and c.data.val_fraction == 0),
         Message(QT_TRANSLATE_NOOP(
             "Errors",
             "training.early_stopping needs a validation set: set data.val_fraction > 0"))),
    ]
    return next((message for ok, message in checks if not ok), None)


def _one_of(key: str, value: str, valid: typing.Iterable[str]) -> Check:
    valid = list(valid)
    return value in valid, Message(_NOT_ONE_OF, key=key, valid=", ".join(valid), value=value)


def _network_checks(n: NetworkConfig) -> list[Check]:
    checks = [
        (len(n.hidden) <= MAX_HIDDEN_LAYERS,
         Message(QT_TRANSLATE_NOOP(
             "Errors", "network.hidden may have at most {maximum} layers, got {value}"),
             maximum=MAX_HIDDEN_LAYERS, value=len(n.hidden))),
    ]
    for i, layer in enumerate(n.hidden):
        checks += [
            (1 <= layer.units <= MAX_WIDTH,
             Message(_IN_RANGE, key=f"network.hidden[{i}].units", minimum=1, maximum=MAX_WIDTH,
                     value=layer.units)),
            _one_of(f"network.hidden[{i}].activation", layer.activation, HIDDEN_ACTIVATIONS),
        ]
    required = LOSSES[n.loss].requires_output if n.loss in LOSSES else None
    checks += [
        _one_of("network.output_activation", n.output_activation, ACTIVATIONS),
        _one_of("network.loss", n.loss, LOSSES),
        (required is None or n.output_activation == required,
         Message(QT_TRANSLATE_NOOP(
             "Errors", "network.loss {loss!r} needs output_activation {required!r}, "
             "got {value!r}"), loss=n.loss, required=required, value=n.output_activation)),
        _one_of("network.initializer", n.initializer, INITIALIZERS),
        (0 < n.init_scale < math.inf,
         Message(_POSITIVE, key="network.init_scale", value=n.init_scale)),
        (n.seed is None or n.seed >= 0,
         Message(_AT_LEAST, key="network.seed", minimum=0, value=n.seed)),
    ]
    return checks


def _data_checks(d: DataConfig) -> list[Check]:
    from fnnsim.data import GENERATORS

    return [
        _one_of("data.source", d.source, [*GENERATORS, "csv"]),
        (d.source != "csv" or bool(d.path),
         Message(QT_TRANSLATE_NOOP(
             "Errors", "data.path must name a CSV file when source is csv"))),
        (d.source == "csv" or d.path is None,
         Message(QT_TRANSLATE_NOOP(
             "Errors", "data.path is only used with source csv, not {value!r}"), value=d.source)),
        (2 <= d.n_samples <= 1_000_000,
         Message(_IN_RANGE, key="data.n_samples", minimum=2, maximum=1_000_000, value=d.n_samples)),
        (0 <= d.noise < math.inf, Message(_AT_LEAST, key="data.noise", minimum=0, value=d.noise)),
        _one_of("data.task", d.task, TASKS),
        (0 <= d.val_fraction <= 0.9,
         Message(_IN_RANGE, key="data.val_fraction", minimum=0, maximum=0.9, value=d.val_fraction)),
        (d.seed is None or d.seed >= 0,
         Message(_AT_LEAST, key="data.seed", minimum=0, value=d.seed)),
    ]


def _training_checks(t: TrainingConfig) -> list[Check]:
    return [
        (t.epochs >= 1, Message(_AT_LEAST, key="training.epochs", minimum=1, value=t.epochs)),
        (0 < t.learning_rate < math.inf,
         Message(_POSITIVE_G, key="training.learning_rate", value=t.learning_rate)),
        (0 <= t.l2 < math.inf, Message(_AT_LEAST_G, key="training.l2", minimum=0, value=t.l2)),
        (0 <= t.l1 < math.inf, Message(_AT_LEAST_G, key="training.l1", minimum=0, value=t.l1)),
        _one_of("training.clip_mode", t.clip_mode, CLIP_MODES),
        (0 < t.clip_threshold < math.inf,
         Message(_POSITIVE_G, key="training.clip_threshold", value=t.clip_threshold)),
        (t.patience >= 1,
         Message(_AT_LEAST, key="training.patience", minimum=1, value=t.patience)),
        _one_of("training.engine", t.engine, ENGINES),
    ]
