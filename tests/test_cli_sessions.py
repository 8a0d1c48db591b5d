"""Sessions from the shell: `fnnsim train` writes one, `--resume` goes on from it exactly,
`fnnsim open` opens the window on it; a bad file is one line and exit 2."""

import json

import numpy as np
import pytest

from fnnsim.cli import main
from fnnsim.io.session import read_session
from tests.test_cli import TINY, diverging_config


@pytest.fixture
def tiny(tmp_path):
    path = tmp_path / "tiny.json"
    path.write_text(json.dumps(TINY))
    return path


def arrays(path):
    with np.load(path, allow_pickle=False) as npz:
        return {k: npz[k] for k in npz.files}


def assert_same_outputs(a, b):
    wa, wb = arrays(a / "weights.npz"), arrays(b / "weights.npz")
    assert wa.keys() == wb.keys()
    assert all(np.array_equal(wa[k], wb[k]) for k in wa)
    assert (a / "history.csv").read_text() == (b / "history.csv").read_text()
    sa, sb = read_session(a / "session.fnnsession"), read_session(b / "session.fnnsession")
    ta, tb = sa.build_trainer(), sb.build_trainer()
    assert (ta.epoch, ta.position, ta.samples_seen) == (tb.epoch, tb.position, tb.samples_seen)
    assert ta.rng.bit_generator.state == tb.rng.bit_generator.state
    assert np.array_equal(ta.samples.recent()[1], tb.samples.recent()[1])
    for x, y in zip(sa.initial.weights, sb.initial.weights, strict=True):
        assert np.array_equal(x, y)


def test_train_writes_a_session_of_the_run(tiny, tmp_path, capsys):
    out = tmp_path / "run"
    assert main(["train", str(tiny), "--out", str(out), "--epochs", "3", "--quiet"]) == 0
    assert "session.fnnsession" in capsys.readouterr().out
    session = read_session(out / "session.fnnsession")
    weights = arrays(out / "weights.npz")
    for l, w in enumerate(session.network.weights, start=1):
        assert np.array_equal(w, weights[f"W{l}"])
    assert session.trainer.epoch == 3 and session.config.training.epochs == 3
    assert not np.array_equal(session.initial.weights[0], session.network.weights[0])


@pytest.mark.parametrize("engine", ["reference", "fast"])
def test_resume_equals_the_straight_run(tiny, tmp_path, engine):
    if engine == "fast":
        pytest.importorskip("numba", reason="the fast path needs numba")
    common = ["--quiet", "--engine", engine]
    # 48 samples an epoch: 100 epochs cross the 4096-sample chunks the CLI trains in
    assert main(["train", str(tiny), "--out", str(tmp_path / "straight"), "--epochs", "100",
                 *common]) == 0
    assert main(["train", str(tiny), "--out", str(tmp_path / "first"), "--epochs", "37",
                 *common]) == 0
    assert main(["train", "--resume", str(tmp_path / "first" / "session.fnnsession"),
                 "--epochs", "63", "--out", str(tmp_path / "resumed"), *common]) == 0
    assert_same_outputs(tmp_path / "straight", tmp_path / "resumed")
    resolved = json.loads((tmp_path / "resumed" / "config.json").read_text())
    assert resolved["training"]["epochs"] == 100


def test_resume_without_epochs_trains_to_the_sessions_limit(tiny, tmp_path):
    from fnnsim.config import load_config
    from fnnsim.io.session import write_session
    from fnnsim.training.experiment import build_data, build_trainer
    from fnnsim.training.snapshot import SessionState

    straight = tmp_path / "straight"
    assert main(["train", str(tiny), "--out", str(straight), "--quiet"]) == 0  # 4 epochs
    config = load_config(tiny)  # the same run, saved after 2 of its 4 epochs
    data = build_data(config)
    trainer, _ = build_trainer(config, data)
    initial = trainer.network.copy()
    trainer.run(2, chunk=4096)
    write_session(tmp_path / "half.fnnsession",
                  SessionState.capture(config, data, initial, trainer))
    assert main(["train", "--resume", str(tmp_path / "half.fnnsession"), "--out",
                 str(tmp_path / "again"), "--quiet"]) == 0
    assert_same_outputs(straight, tmp_path / "again")


@pytest.mark.parametrize("early", [False, True])
def test_resume_with_nothing_to_train_says_so_and_writes_nothing(tmp_path, capsys, early):
    config = dict(TINY, training={**TINY["training"], "epochs": 200, "early_stopping": True,
                                  "patience": 2} if early else TINY["training"])
    path = tmp_path / "c.json"
    path.write_text(json.dumps(config))
    first = tmp_path / "first"
    assert main(["train", str(path), "--out", str(first), "--quiet"]) == 0
    session = read_session(first / "session.fnnsession")
    assert session.trainer.stopped_early == early
    capsys.readouterr()
    code = main(["train", "--resume", str(first / "session.fnnsession"), "--out",
                 str(tmp_path / "again"), *(["--epochs", "5"] if early else [])])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and not (tmp_path / "again").exists()
    assert ("stopped early at epoch" if early else "already reached its limit of 4") in err


def test_divergence_still_writes_a_session_with_the_last_finite_weights(tmp_path, capsys):
    path = diverging_config(tmp_path)
    assert main(["train", str(path), "--out", str(tmp_path / "o"), "--quiet"]) == 1
    capsys.readouterr()
    session = read_session(tmp_path / "o" / "session.fnnsession")
    weights = arrays(tmp_path / "o" / "weights.npz")
    for l, w in enumerate(session.network.weights, start=1):
        assert np.all(np.isfinite(w)) and np.array_equal(w, weights[f"W{l}"])
    # going on diverges again, at the same sample: the session is the run as it stood
    assert main(["train", "--resume", str(tmp_path / "o" / "session.fnnsession"), "--out",
                 str(tmp_path / "p"), "--epochs", "1", "--quiet"]) == 1
    err = capsys.readouterr().err
    trainer = session.build_trainer()
    assert (f"epoch {trainer.epoch + 1}, sample {trainer.position + 1}:") in err


@pytest.mark.parametrize(("args", "message"), [
    ([], "give a config file or --resume SESSION"),
    (["CONFIG", "--resume", "SESSION"], "give a config file or --resume SESSION"),
    (["--resume", "SESSION", "--seed", "3"], "--seed and --init-weights do not apply"),
    (["--resume", "SESSION", "--epochs", "0"], "--epochs must be >= 1, got 0"),
    (["--resume", "BAD"], "bad.fnnsession: not an fnnsim session"),
    (["--resume", "MISSING"], "missing.fnnsession: no such file"),
])
def test_resume_user_errors_are_one_line_with_exit_2(tiny, tmp_path, capsys, args, message):
    assert main(["train", str(tiny), "--out", str(tmp_path / "s"), "--epochs", "1",
                 "--quiet"]) == 0
    (tmp_path / "bad.fnnsession").write_text("hello")
    names = {"CONFIG": str(tiny), "SESSION": str(tmp_path / "s" / "session.fnnsession"),
             "BAD": str(tmp_path / "bad.fnnsession"),
             "MISSING": str(tmp_path / "missing.fnnsession")}
    capsys.readouterr()
    code = main(["train", *(names.get(a, a) for a in args), "--out", str(tmp_path / "o")])
    err = capsys.readouterr().err
    assert code == 2 and message in err and err.count("\n") == 1
    assert not (tmp_path / "o").exists()


def test_open_checks_the_file_before_any_window(tiny, tmp_path, capsys, monkeypatch):
    import fnnsim.ui.app

    opened = []
    monkeypatch.setattr(fnnsim.ui.app, "run_app", lambda **kw: opened.append(kw) or 0)
    (tmp_path / "bad.fnnsession").write_bytes(b"")
    assert main(["open", str(tmp_path / "bad.fnnsession")]) == 2
    err = capsys.readouterr().err
    assert err == "fnnsim: error: bad.fnnsession: the file is empty\n" and opened == []
    assert main(["train", str(tiny), "--out", str(tmp_path / "s"), "--epochs", "1",
                 "--quiet"]) == 0
    good = str(tmp_path / "s" / "session.fnnsession")
    assert main(["open", good]) == 0 and opened == [{"session": good}]
    assert main(["open"]) == 0 and opened[-1] == {}  # no file: the plain window
