"""FindingsPanel: what ``rightsguide check`` says about the page on screen (``--watch``)."""

from __future__ import annotations

from PySide6.QtWidgets import QDockWidget, QListWidget, QListWidgetItem, QWidget

from rightsguide.core.i18n import Translator
from rightsguide.core.model import Problem, Severity


class FindingsPanel(QDockWidget):
    """A dock listing the current page's errors and warnings, one per line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        """Build an empty panel."""
        super().__init__(parent)
        self.setObjectName("findings")
        self.setFeatures(QDockWidget.DockWidgetFeature.NoDockWidgetFeatures)
        self.list = QListWidget(self)
        self.list.setObjectName("findingsList")
        self.setWidget(self.list)
        self._problems: list[Problem] = []

    def show_problems(self, problems: list[Problem], tr: Translator) -> None:
        """Show ``problems`` (or a line saying there are none)."""
        self._problems = problems
        self.retranslate_ui(tr)

    def retranslate_ui(self, tr: Translator) -> None:
        """Set the title and the empty-state line in the current language."""
        _ = tr.gettext
        self.setWindowTitle(_("Problems in this page's file"))
        self.list.setAccessibleName(_("Problems in this page's file"))
        self.list.clear()
        if not self._problems:
            self.list.addItem(QListWidgetItem(_("No problems found in this page's file.")))
        for problem in self._problems:
            # TRANSLATORS: how serious a problem found in a content file is
            if problem.severity is Severity.ERROR:
                kind = tr.pgettext("severity of a problem", "error")
            else:
                kind = tr.pgettext("severity of a problem", "warning")
            self.list.addItem(
                QListWidgetItem(f"{problem.path.name}:{problem.line}: {kind}: {problem.message}")
            )
