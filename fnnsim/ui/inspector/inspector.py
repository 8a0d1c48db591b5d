"""The backpropagation step inspector: one sample's backprop, phase by phase, real numbers.

It never touches the controller: it emits requests (`trace_requested`, `apply_requested`,
`discard_requested`, `gradient_check_requested`) and shows the reports it is given
(`show_trace`, `show_gradient_check`, `set_state`, `show_update`). Everything it shows is
read from the engine's own trace in the report, so what the learner steps through is
exactly what training commits.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QSizePolicy,
    QStyle,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from fnnsim.training.qt_controller import GradientCheckReport, TraceReport, TrainingUpdate
from fnnsim.ui.inspector.formulas import explanation, formula_html, loss_name, phase_title
from fnnsim.ui.inspector.gradcheck_view import GradientCheckPanel
from fnnsim.ui.inspector.progress import is_current, phase_strip
from fnnsim.ui.inspector.quantities import quantities
from fnnsim.ui.inspector.views import ACCENT, LowScrollArea, PhasePage, small_label
from fnnsim.ui.look import readable

STEPPABLE = ("paused", "finished")


class StepInspector(QWidget):
    """Step through one backpropagation of the next training sample (for a dock)."""

    trace_requested = Signal()  # trace (without applying) the next training sample
    apply_requested = Signal()  # commit the traced sample exactly as training would
    discard_requested = Signal()  # drop the traced sample; it trains normally later
    # check backprop against finite differences; the request's id, echoed in the report
    gradient_check_requested = Signal(int)
    phase_changed = Signal(object, int)  # (TraceReport, index of the phase now shown)
    closed_trace = Signal()  # no trace is shown any more (highlights may be cleared)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report: TraceReport | None = None
        self.index = 0
        self.committed = False  # the shown trace has been sent to be applied
        self.waiting = False  # a trace was requested and has not arrived yet
        self.check_pending = False  # a gradient check was requested, no report yet
        self.samples_seen = 0  # where the run stands, from the last update
        self._check_at = 0  # samples_seen when the pending check was asked for
        self.check_request = 0  # id of the latest check asked for (the only one shown)
        self.state = "paused"
        self.samples_per_epoch: int | None = None
        self._build()
        self._show_message(self.tr(
            "Step through one backpropagation of the next training sample, with the "
            "network's real numbers. Press <b>Next</b> (N) to begin."))
        self._update_actions()

    # ---- building ----
    def _action(self, text: str, keys: list[str], tip: str,
                icon: QStyle.StandardPixmap) -> QAction:
        action = QAction(self.style().standardIcon(icon), text, self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        self.addAction(action)
        return action

    def _build(self) -> None:
        sp = QStyle.StandardPixmap
        self.previous_action = self._action(
            self.tr("Previous"), ["P", ","], self.tr("Go back one phase (P or ,)"),
            sp.SP_ArrowBack)
        self.next_action = self._action(
            self.tr("Next"), ["N", "."], self.tr(
                "Next phase (N or .): traces the next sample if none is shown; after the "
                "update phase, commits the sample"), sp.SP_ArrowForward)
        self.finish_action = self._action(
            self.tr("Finish"), ["F"], self.tr(
                "Commit this sample's update now, as training would, and show it (F)"),
            sp.SP_MediaSkipForward)
        self.check_action = self._action(
            self.tr("Gradient check"), ["G"], self.tr(
                "Compare backprop's gradients with central differences on the next "
                "sample, layer by layer (G)"), sp.SP_DialogApplyButton)
        self.discard_action = self._action(
            self.tr("Discard"), [], self.tr(
                "Close this trace without training on the sample (it trains normally "
                "later)"), sp.SP_DialogDiscardButton)
        self.previous_action.triggered.connect(self.previous_phase)
        self.next_action.triggered.connect(self.next_phase)
        self.finish_action.triggered.connect(self.finish_sample)
        self.check_action.triggered.connect(self.request_gradient_check)
        self.discard_action.triggered.connect(self.discard)

        bar = QToolBar()
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        bar.setIconSize(QSize(16, 16))
        bar.addActions([self.previous_action, self.next_action, self.finish_action])
        bar.addSeparator()
        bar.addActions([self.check_action, self.discard_action])
        discard = bar.widgetForAction(self.discard_action)
        if discard is not None:  # a rare action: its icon is enough (the tooltip says more)
            discard.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.place = small_label()
        self.strip = QLabel()
        self.strip.setWordWrap(True)
        self.formula = QLabel()
        self.formula.setWordWrap(True)
        self.formula.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.formula.setToolTip(self.tr(
            "The note's formulas with this phase's layer numbers; on the right, the formula "
            "number or the line of Algorithm 4.1 in the lecture note"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {readable(ACCENT)};")
        self.scroll = LowScrollArea(2)
        self.gradient_check = GradientCheckPanel()
        self.gradient_check.close_button.clicked.connect(self._drop_gradient_check)
        self.header = QWidget()  # the open trace's heading; never squeezed, the tables scroll
        head = QVBoxLayout(self.header)
        head.setContentsMargins(0, 0, 0, 0)
        head.setSpacing(4)
        for widget in (self.title, self.place, self.strip, self.formula):
            head.addWidget(widget)
        self.header.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.header.hide()
        box = QVBoxLayout(self)
        box.setContentsMargins(6, 2, 6, 6)
        box.setSpacing(4)
        for widget in (bar, self.header, self.message):
            box.addWidget(widget)
        box.addWidget(self.scroll, 1)
        box.addWidget(self.gradient_check)
        self.box = box
        self._share_room()

    # ---- requests (the learner's keys and buttons) ----
    @Slot()
    def next_phase(self) -> None:
        """Trace a sample if none is open, else show the next phase; after the update
        phase, commit the sample."""
        if self.state not in STEPPABLE:
            return
        if self.report is None or self.committed:
            self._request_trace()
        elif self.index < len(self.report.phases) - 1:
            self._show(self.index + 1)
        else:
            self._commit()

    @Slot()
    def previous_phase(self) -> None:
        if self.report is not None and self.index > 0:
            self._show(self.index - 1)

    @Slot()
    def finish_sample(self) -> None:
        """Commit the open trace at once and show its update phase."""
        if self.state in STEPPABLE and self.report is not None and not self.committed:
            self._show(len(self.report.phases) - 1)
            self._commit()

    @Slot()
    def request_gradient_check(self) -> None:
        """Ask for a check of the next sample (asking again restarts it)."""
        if self.state in STEPPABLE:
            self.check_pending = True
            self._check_at = self.samples_seen
            self.check_request += 1
            self.gradient_check.show_pending()
            self.gradient_check_requested.emit(self.check_request)

    @Slot()
    def discard(self) -> None:
        """Close an uncommitted trace; the worker forgets it too."""
        if self.report is None or self.committed:
            return
        self.discard_requested.emit()
        self._forget(self.tr("Trace closed; the sample was not trained. Next (N) traces it "
                             "again."))

    def _request_trace(self) -> None:
        if self.waiting and self.state != "finished":
            return  # one request at a time (a finished run may never answer)
        self.waiting = True
        text = (self.tr("Training has finished (epoch limit or early stopping): raise the "
                        "limit or reset to step further.") if self.state == "finished"
                else self.tr("Tracing the next sample…"))
        self._show_message(text)
        self.trace_requested.emit()

    def _commit(self) -> None:
        self.committed = True
        self.apply_requested.emit()
        self._show_message(self.tr(
            "Sample committed: the network now has the weights “after”. Next (N) traces "
            "the following sample."))
        self._update_actions()

    # ---- reports (from the controller) ----
    @Slot(object)
    def show_trace(self, report: TraceReport) -> None:
        """Open a freshly traced sample at its first phase."""
        if self.state not in STEPPABLE:
            return  # a late answer after Play: the worker has dropped that trace
        self.report, self.committed, self.waiting = report, False, False
        self.message.hide()
        self._show(0)

    @Slot(object)
    def show_gradient_check(self, report: GradientCheckReport) -> None:
        """Show the report of the latest request, of the network as it is; any other —
        of an earlier request (a network since reset or edited may stand at the same
        samples_seen), or the run was played or stepped meanwhile, or the learner closed
        the panel — is dropped."""
        if (not self.check_pending or report.request != self.check_request
                or report.samples_seen != self.samples_seen):
            return
        self.check_pending = False
        self.gradient_check.show_report(report)

    def _drop_gradient_check(self) -> None:
        self.check_pending = False
        self.gradient_check.clear()

    @Slot(str)
    def set_state(self, state: str) -> None:
        """Follow the run: playing (or diverging) closes the trace, since the worker
        discards an unfinished one; paused and finished allow stepping."""
        self.state, self.waiting = state, False
        if state in ("playing", "diverged"):  # the weights move on: the check is stale
            self._drop_gradient_check()
        if state == "playing":
            self._forget(self.tr("Training is running — pause to step through a sample."))
        elif state == "diverged":
            self._forget(self.tr("Training diverged — reset (or lower the learning rate) to "
                                 "step again."))
        elif self.report is None:
            self._show_message(self.tr("Press Next (N) to trace the next training sample."))
        self._update_actions()

    @Slot(object)
    def show_update(self, update: TrainingUpdate) -> None:
        """Drop an open trace that the network has moved past (a step, an edited weight,
        a reload), so Next never shows or commits a stale sample; likewise a gradient
        check of a network that has trained on since."""
        self.samples_seen = update.samples_seen
        shown = self.gradient_check.report
        if shown is not None and shown.samples_seen != update.samples_seen:
            self.gradient_check.clear()
        if self.check_pending and self._check_at != update.samples_seen:
            # a step queued before the check (its report, of this network, is still to
            # come) or after it (the worker dropped the check): not "checking" any more
            self.gradient_check.clear()
            self._check_at = update.samples_seen
        if self.report is None or self.committed or is_current(self.report, update):
            return
        self._forget(self.tr("The network changed, so the open trace was closed. Next (N) "
                             "traces the next sample."))

    @Slot()
    def forget_trace(self) -> None:
        """Close any trace and gradient check without a request (the experiment was
        reset, or a weight edited)."""
        self.waiting = False
        self._drop_gradient_check()
        self._forget(self.tr("Press Next (N) to trace the next training sample."))

    def set_samples_per_epoch(self, n: int | None) -> None:
        """How many training samples an epoch has, for "sample 17 of 320"."""
        self.samples_per_epoch = n

    # ---- showing ----
    def _show(self, index: int) -> None:
        assert self.report is not None
        report, self.index = self.report, index
        phase = report.phases[index]
        acts = report.activations
        self.title.setText(f"<span style='font-size:large'><b>{phase_title(phase)}</b></span>")
        of = (self.tr("sample {0} of {1}").format(report.position + 1, self.samples_per_epoch)
              if self.samples_per_epoch else self.tr("sample {0}").format(report.position + 1))
        self.place.setText(self.tr("epoch {0}, {1}, training row #{2} · phase {3} of {4}")
                           .format(report.epoch, of, report.sample_index + 1, index + 1,
                                   len(report.phases)))
        self.strip.setText(phase_strip(report.phases, index))
        self.formula.setText(formula_html(phase, acts, loss_name(report.phases),
                                          report.trace.settings.clip_mode))
        old = self.scroll.takeWidget()
        if old is not None:
            old.deleteLater()
        self.scroll.setWidget(PhasePage(quantities(report, index), explanation(phase, acts)))
        self.header.show()
        self._share_room()
        self._update_actions()
        self.phase_changed.emit(report, index)

    def _forget(self, message: str) -> None:
        had = self.report is not None
        self.report, self.committed, self.index = None, False, 0
        self.header.hide()
        old = self.scroll.takeWidget()
        if old is not None:
            old.deleteLater()
        self._share_room()
        self._show_message(message)
        self._update_actions()
        if had:
            self.closed_trace.emit()

    def _share_room(self) -> None:
        """An open trace's page gets the dock's spare height; without one, the (empty)
        page goes and the gradient check gets it, so a deep net's rows show."""
        tracing = self.report is not None
        self.scroll.setVisible(tracing)
        self.box.setStretchFactor(self.scroll, 1 if tracing else 0)
        self.box.setStretchFactor(self.gradient_check, 0 if tracing else 1)

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def _update_actions(self) -> None:
        steppable = self.state in STEPPABLE
        open_trace = self.report is not None and not self.committed
        self.next_action.setEnabled(steppable)
        self.previous_action.setEnabled(self.report is not None and self.index > 0)
        self.finish_action.setEnabled(steppable and open_trace)
        self.discard_action.setEnabled(open_trace)
        self.check_action.setEnabled(steppable)
