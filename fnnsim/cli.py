"""The `fnnsim` command: `fnnsim` alone opens the window, `fnnsim open SESSION` opens it on
a saved session; `fnnsim train` runs headless (from a config, or `--resume` a session).

A user error (bad config, bad file, bad value) prints one line and exits with status 2;
a run that diverges prints why, still writes what it has (the last finite weights) and
exits with status 1.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from fnnsim import __version__
from fnnsim.errors import DivergenceError, FnnsimError

if TYPE_CHECKING:
    from fnnsim.config import ExperimentConfig
    from fnnsim.engine.network import Network
    from fnnsim.training.experiment import DataSplit
    from fnnsim.training.trainer import Trainer

# Per-sample SGD works on small arrays: BLAS threads only add contention (measured up to
# 8x slower for the reference engine when the other core is busy). Set before NumPy loads.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

EXIT_DIVERGED = 1
EXIT_USER_ERROR = 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.smoke_test:
        from fnnsim.ui.smoke import run_smoke_test

        return run_smoke_test()
    if args.command is None:
        from fnnsim.ui.app import run_app

        return run_app()
    try:
        return args.run(args)
    except FnnsimError as exc:
        print(f"fnnsim: error: {exc}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("fnnsim: interrupted", file=sys.stderr)
        return 130


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fnnsim",
        description="Simulator of gradient dynamics in feedforward neural networks.",
    )
    parser.add_argument("--version", action="version", version=f"fnnsim {__version__}")
    # Hidden: open the window, train ~1 s, exit 0 if it worked (packaging/smoke_app.py).
    parser.add_argument("--smoke-test", action="store_true", help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    train = sub.add_parser(
        "train", help="train headless from a config file (or go on from a session)",
        description="Train a network headless and write weights.npz, history.csv, "
        "config.json and session.fnnsession into the output folder.",
    )
    train.add_argument("config", type=Path, nargs="?", help="experiment config (JSON)")
    train.add_argument("--resume", type=Path, metavar="SESSION",
                       help="go on from a saved session (.fnnsession) instead of a config, "
                       "exactly as if the run had never stopped")
    train.add_argument("--out", type=Path, required=True, help="output folder (created)")
    train.add_argument("--epochs", type=int,
                       help="override training.epochs (with --resume: epochs to train on)")
    train.add_argument("--seed", type=int, help="override the experiment seed")
    train.add_argument("--init-weights", type=Path, metavar="WEIGHTS",
                       help="start from these weights (.npz, .json or .csv as fnnsim writes "
                       "them)")
    train.add_argument("--engine", choices=("auto", "fast", "reference"),
                       help="override training.engine")
    train.add_argument("--quiet", action="store_true", help="no progress bar")
    train.set_defaults(run=run_train)
    open_ = sub.add_parser("open", help="open the window on a saved session",
                           description="Open the window with a saved session, paused where "
                           "it stood.")
    open_.add_argument("session", type=Path, nargs="?",
                       help="session file (.fnnsession); none: the window as `fnnsim` opens it")
    open_.set_defaults(run=run_open)
    return parser


def run_open(args: argparse.Namespace) -> int:
    """The window on a session (a desktop's "Open with fnnsim" runs `fnnsim open %f`)."""
    from fnnsim.io.session import read_session
    from fnnsim.ui.app import run_app

    if args.session is None:
        return run_app()
    read_session(args.session)  # a bad file: one line and exit 2, before any window
    return run_app(session=str(args.session))


def run_train(args: argparse.Namespace) -> int:
    from fnnsim.errors import QT_TRANSLATE_NOOP, ConfigError
    from fnnsim.io.atomic import write_text
    from fnnsim.io.history_csv import write_epoch_history
    from fnnsim.io.session import write_session
    from fnnsim.io.weights import save_weights
    from fnnsim.training.snapshot import SessionState

    if (args.config is None) == (args.resume is None):
        raise ConfigError(QT_TRANSLATE_NOOP("Errors", "give a config file or --resume SESSION "
                                            "(one of the two)"))
    if args.out.exists() and not args.out.is_dir():
        raise ConfigError(QT_TRANSLATE_NOOP("Errors", "--out {path} exists and is not a folder"),
                          path=args.out)
    start = resume(args) if args.resume is not None else begin(args)
    config, data, initial, trainer, epochs = start

    progress = Progress(trainer.epoch + epochs, sys.stderr, enabled=not args.quiet)
    trainer.on_epoch = lambda record: progress.update(record.epoch, record.train_loss)
    status = 0
    try:
        trainer.run(epochs)
    except DivergenceError as exc:
        progress.close()
        print(f"fnnsim: {exc}", file=sys.stderr)
        status = EXIT_DIVERGED
    progress.close()

    session = SessionState.capture(config, data, initial, trainer)
    args.out.mkdir(parents=True, exist_ok=True)
    save_weights(args.out / "weights.npz", trainer.network)
    write_epoch_history(args.out / "history.csv", trainer.epochs)
    write_text(args.out / "config.json", session.config.to_json())
    write_session(args.out / "session.fnnsession", session)
    print_summary(trainer, sys.stdout)
    print(f"wrote {args.out}/weights.npz, history.csv, config.json, session.fnnsession")
    return status


# what a run starts from: config, data, initial weights, trainer, epochs to train
Start = tuple["ExperimentConfig", "DataSplit", "Network", "Trainer", int]


def begin(args: argparse.Namespace) -> Start:
    """A new run from the config file (with the command line's overrides)."""
    from fnnsim.config import load_config
    from fnnsim.io.weights import load_weights
    from fnnsim.training.experiment import build_data, build_network, build_trainer

    config = load_config(args.config)
    if args.epochs is not None:
        config.training.epochs = args.epochs
    if args.seed is not None:
        config.seed = args.seed
    if args.engine is not None:
        config.training.engine = args.engine
    config.validate()
    data = build_data(config)
    network = build_network(config, data.train)
    if args.init_weights is not None:
        load_weights(args.init_weights, network, match_activations=True)
    trainer, fallback = build_trainer(config, data, network.copy())
    if fallback:
        print(f"fnnsim: note: {fallback}", file=sys.stderr)
    return config, data, network, trainer, config.training.epochs


def resume(args: argparse.Namespace) -> Start:
    """The saved run, to go on for --epochs more epochs (default: to its epoch limit)."""
    from fnnsim.errors import QT_TRANSLATE_NOOP, ConfigError
    from fnnsim.io.session import read_session
    from fnnsim.training.backend import select_backend

    if args.seed is not None or args.init_weights is not None:
        raise ConfigError(QT_TRANSLATE_NOOP("Errors", "--resume goes on from the saved run: "
                                            "--seed and --init-weights do not apply"))
    if args.epochs is not None and args.epochs < 1:
        raise ConfigError(QT_TRANSLATE_NOOP("Errors", "--epochs must be >= 1, got {value}"),
                          value=args.epochs)
    session = read_session(args.resume)
    config = session.config
    backend, fallback = select_backend(args.engine or config.training.engine)
    if fallback:
        print(f"fnnsim: note: {fallback}", file=sys.stderr)
    trainer = session.build_trainer(backend)
    name = args.resume.name
    if trainer.stopped_early:  # one line, nothing written: there is nothing to go on with
        raise ConfigError(QT_TRANSLATE_NOOP("Errors", "{file} stopped early at epoch {epoch} "
                                            "(best epoch {best}): there is nothing to train"),
                          file=name, epoch=trainer.epoch, best=trainer.best_epoch)
    if args.epochs is None and trainer.max_epochs is None:
        raise ConfigError(QT_TRANSLATE_NOOP("Errors", "{file} has no epoch limit: give "
                                            "--epochs N"),
                          file=name)
    epochs = args.epochs if args.epochs is not None else trainer.max_epochs - trainer.epoch
    if epochs <= 0:
        raise ConfigError(QT_TRANSLATE_NOOP("Errors", "{file} already reached its limit of "
                                            "{epochs} epochs: give --epochs N to train more"),
                          file=name, epochs=trainer.max_epochs)
    trainer.max_epochs = trainer.epoch + epochs
    return config, session.data, session.initial, trainer, epochs


def print_summary(trainer: Trainer, out: TextIO) -> None:
    train, val = trainer.evaluate_train(), trainer.evaluate_val()
    stopped = f" (early stop; best epoch {trainer.best_epoch})" if trainer.stopped_early else ""
    print(f"epochs: {trainer.epoch}{stopped}   samples: {trainer.samples_seen}", file=out)
    print(f"train loss {train.loss:.6g}" + accuracy_text(train.accuracy), file=out)
    if val is not None:
        print(f"val   loss {val.loss:.6g}" + accuracy_text(val.accuracy), file=out)


def accuracy_text(accuracy: float) -> str:
    return "" if accuracy != accuracy else f"   accuracy {accuracy:.4f}"


class Progress:
    """A one-line progress bar on a terminal; a line per tenth of the run otherwise."""

    def __init__(self, total: int, stream: TextIO, enabled: bool = True) -> None:
        self.total, self.stream, self.enabled = total, stream, enabled
        self.tty = enabled and stream.isatty()
        self.started = time.monotonic()
        self._last_tenth = 0
        self._drawn = False

    def update(self, epoch: int, loss: float) -> None:
        if not self.enabled:
            return
        elapsed = time.monotonic() - self.started
        if self.tty:
            filled = int(30 * epoch / self.total)
            bar = "#" * filled + "-" * (30 - filled)
            self.stream.write(
                f"\r[{bar}] epoch {epoch}/{self.total}  loss {loss:.4g}  {elapsed:.1f}s"
            )
            self.stream.flush()
            self._drawn = True
        elif epoch * 10 // self.total > self._last_tenth or epoch == self.total:
            self._last_tenth = epoch * 10 // self.total
            print(f"epoch {epoch}/{self.total}  loss {loss:.4g}  {elapsed:.1f}s", file=self.stream)

    def close(self) -> None:
        if self._drawn:
            self.stream.write("\n")
            self._drawn = False


if __name__ == "__main__":
    sys.exit(main())
