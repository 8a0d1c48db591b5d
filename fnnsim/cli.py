"""The `fnnsim` command: `fnnsim` alone opens the window; `fnnsim train` runs headless.

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
        "train", help="train headless from a config file",
        description="Train a network headless and write weights.npz, history.csv and "
        "config.json into the output folder.",
    )
    train.add_argument("config", type=Path, help="experiment config (JSON)")
    train.add_argument("--out", type=Path, required=True, help="output folder (created)")
    train.add_argument("--epochs", type=int, help="override training.epochs")
    train.add_argument("--seed", type=int, help="override the experiment seed")
    train.add_argument("--init-weights", type=Path, metavar="WEIGHTS",
                       help="start from these weights (.npz, .json or .csv as fnnsim writes "
                       "them)")
    train.add_argument("--engine", choices=("auto", "fast", "reference"),
                       help="override training.engine")
    train.add_argument("--quiet", action="store_true", help="no progress bar")
    train.set_defaults(run=run_train)
    return parser


def run_train(args: argparse.Namespace) -> int:
    from fnnsim.config import load_config
    from fnnsim.errors import ConfigError
    from fnnsim.io.atomic import write_text
    from fnnsim.io.history_csv import write_epoch_history
    from fnnsim.io.weights import load_weights, save_weights
    from fnnsim.training.experiment import build_data, build_network, build_trainer

    config = load_config(args.config)
    if args.epochs is not None:
        config.training.epochs = args.epochs
    if args.seed is not None:
        config.seed = args.seed
    if args.engine is not None:
        config.training.engine = args.engine
    config.validate()
    if args.out.exists() and not args.out.is_dir():
        raise ConfigError(f"--out {args.out} exists and is not a folder")

    data = build_data(config)
    network = build_network(config, data.train)
    if args.init_weights is not None:
        load_weights(args.init_weights, network)
    trainer, fallback = build_trainer(config, data, network)
    if fallback:
        print(f"fnnsim: note: {fallback}", file=sys.stderr)

    progress = Progress(config.training.epochs, sys.stderr, enabled=not args.quiet)
    trainer.on_epoch = lambda record: progress.update(record.epoch, record.train_loss)
    status = 0
    try:
        trainer.run(config.training.epochs)
    except DivergenceError as exc:
        progress.close()
        print(f"fnnsim: {exc}", file=sys.stderr)
        status = EXIT_DIVERGED
    progress.close()

    args.out.mkdir(parents=True, exist_ok=True)
    save_weights(args.out / "weights.npz", trainer.network)
    write_epoch_history(args.out / "history.csv", trainer.epochs)
    write_text(args.out / "config.json", config.to_json())
    print_summary(trainer, sys.stdout)
    print(f"wrote {args.out}/weights.npz, history.csv, config.json")
    return status


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
