"""The claim screen: the claim, its context, who said it, earlier fact-checks and the verdict.

Panels stack vertically in #claim-panels; each loads in its own worker.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Footer, Header, OptionList
from textual.widgets.option_list import Option

from workbench.core.errors import WorkbenchError
from workbench.core.scales import RatingScale
from workbench.core.vocabulary import MatchState, VerdictState
from workbench.tui.modals.text_edit import EditClaimModal, LineInputModal
from workbench.tui.safe import cell, label
from workbench.tui.screens.base import WorkbenchScreen
from workbench.tui.widgets.attribution_chain import AttributionChain
from workbench.tui.widgets.bidi_text import BidiText
from workbench.tui.widgets.claim_block import worth_class
from workbench.tui.widgets.matches_panel import MatchesPanel
from workbench.tui.widgets.verdict_form import VerdictDraft, VerdictForm
from workbench.workflows import claims as claim_flows
from workbench.workflows.archive import local_scale
from workbench.workflows.desk import ClaimView, claim_view
from workbench.workflows.evidence import add_evidence, archive_pending, list_evidence
from workbench.workflows.matching import decide_match
from workbench.workflows.verdicts import (
    StaleVerdictError,
    publish_verdict,
    set_verdict,
    verdict_history,
)


def claim_facts(view: ClaimView) -> str:
    """Id, kind, status, check-worthiness and article in one line."""
    claim = view.claim
    worth = f"{claim.checkworthiness:.2f}" if claim.checkworthiness is not None else "–"
    parts = [f"claim {claim.claim_id}", claim.kind, claim.status, f"check-worthiness {worth}"]
    if claim.article_id is not None:
        parts.append(f"article {claim.article_id}")
    if claim.dismiss_reason:
        parts.append(claim.dismiss_reason)
    return " · ".join(parts)


@dataclass(frozen=True, slots=True)
class VerdictData:
    """What the verdict panels show: the scale, the history (oldest first) and the evidence."""

    scale: RatingScale
    history: list[dict[str, Any]]
    evidence: list[dict[str, Any]]

    @property
    def current(self) -> dict[str, Any] | None:
        """The newest verdict."""
        return self.history[-1] if self.history else None

    @property
    def sequence(self) -> int:
        """The number of the newest verdict (0 when there is none): what a write expects."""
        return int(self.history[-1]["sequence"]) if self.history else 0


def verdict_line(verdict: dict[str, Any]) -> str:
    """One history entry in one line."""
    return (
        f"#{verdict['sequence']} {verdict['state']} · {verdict['rating']} · "
        f"{verdict['reviewer']} · {str(verdict['created_at'])[:16].replace('T', ' ')}"
    )


def evidence_line(item: dict[str, Any]) -> str:
    """One evidence item in one line: URL, title and archive state."""
    archive = item["archive_url"] or item["archive_state"]
    title = f" — {item['title']}" if item["title"] else ""
    return f"{item['url']}{title} [{archive}]"


class ClaimScreen(WorkbenchScreen):
    """One claim with its panels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="claim.back"),
        Binding("o", "open_article", "Article", id="claim.article"),
        Binding("e", "edit_claim", "Edit claim", id="claim.edit"),
        Binding("c", "confirm_match", "Confirm match", id="claim.confirm_match"),
        Binding("x", "reject_match", "Reject match", id="claim.reject_match"),
        Binding("r", "rematch", "Re-run matching", id="claim.rematch"),
        Binding("v", "focus_verdict", "Verdict", id="claim.verdict"),
        Binding("a", "add_evidence", "Add evidence", id="claim.add_evidence"),
        Binding("w", "archive_evidence", "Archive evidence", id="claim.archive_evidence"),
        Binding("ctrl+s", "save_draft", "Save draft", id="claim.save_draft"),
        Binding("ctrl+r", "send_for_review", "Send for review", id="claim.send_for_review"),
        Binding("P", "publish_verdict", "Publish", id="claim.publish"),
    ]

    def __init__(self, claim_id: int) -> None:
        super().__init__()
        self.claim_id = claim_id
        self.view: ClaimView | None = None
        self.verdicts: VerdictData | None = None
        self.matches_loaded = 0
        self._warned_unsaved = False
        """How many times the matches panel has been filled (tests and benchmarks wait on it)."""

    def compose(self) -> ComposeResult:
        """The panels, top to bottom."""
        yield Header()
        with VerticalScroll(id="claim-panels"):
            with Vertical(id="claim-panel", classes="panel"):
                yield BidiText("", id="claim-text", classes="claim-text")
                yield BidiText("", id="claim-facts", classes="claim-meta")
            with Vertical(id="context-panel", classes="panel"):
                yield BidiText("", id="context-before", classes="context")
                yield BidiText("", id="context-claim", classes="context-claim")
                yield BidiText("", id="context-after", classes="context")
            with Vertical(id="attribution-panel", classes="panel"):
                yield BidiText("", id="attribution-summary", classes="claim-meta")
                yield AttributionChain(id="attribution-chain")
            with Vertical(id="matches-panel", classes="panel"):
                yield MatchesPanel(id="matches")
            with Vertical(id="verdict-panel", classes="panel"):
                yield BidiText("", id="verdict-status", classes="claim-meta")
                yield VerdictForm(id="verdict-form")
            with Vertical(id="evidence-panel", classes="panel"):
                yield OptionList(id="evidence-list")
            with Vertical(id="history-panel", classes="panel"):
                yield OptionList(id="verdict-history")
        yield Footer()

    def on_mount(self) -> None:
        """Title the panels and load the claim, its matches and its verdicts side by side."""
        super().on_mount()
        titles = {
            "#claim-panel": "Claim",
            "#context-panel": "Context",
            "#attribution-panel": "Who said it",
            "#matches-panel": "Earlier fact-checks (c confirm · x reject · r re-run)",
            "#verdict-panel": "Verdict (ctrl+s draft · ctrl+r review · P publish)",
            "#evidence-panel": "Evidence (a add · w archive)",
            "#history-panel": "Verdict history",
        }
        for selector, title in titles.items():
            self.query_one(selector).border_title = title
        self.query_one("#claim-panel").loading = True
        self.query_one("#matches-panel").loading = True
        self.query_one("#verdict-panel").loading = True
        self._load()
        self._load_matches(rematch=False)
        self._load_verdicts(keep_form=False)

    def on_screen_resume(self) -> None:
        """The claim may have been edited or split elsewhere: reload, re-matching on a change."""
        if self.view is not None:
            self._load(rematch_if_changed=self.view.claim.text)

    # Claim -----------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="claim-load")
    def _load(self, rematch_if_changed: str | None = None) -> None:
        try:
            view = claim_view(database=self.wb.database, claim_id=self.claim_id)
        except WorkbenchError as exc:
            self.report_error_from_thread(exc.message)
            return
        self.app.call_from_thread(self._show, view)
        if rematch_if_changed is not None and rematch_if_changed != view.claim.text:
            self.app.call_from_thread(self.action_rematch)

    def _show(self, view: ClaimView) -> None:
        self.view = view
        claim = view.claim
        self.sub_title = f"claim {claim.claim_id}"
        claim_text = self.query_one("#claim-text", BidiText)
        claim_text.text = claim.text
        claim_text.set_classes(
            f"claim-text {worth_class(claim.checkworthiness)} -status-{claim.status}"
        )
        self.query_one("#claim-facts", BidiText).text = claim_facts(view)
        self.query_one("#context-before", BidiText).text = view.context_before
        self.query_one("#context-claim", BidiText).text = claim.text
        self.query_one("#context-after", BidiText).text = view.context_after
        attribution = claim.attribution
        if attribution is None or not attribution.chain:
            summary = "unattributed (the outlet's own narration)"
        else:
            summary = " · ".join(
                part
                for part in (
                    f"{len(attribution.chain)}-link chain",
                    f"cue {attribution.cue}" if attribution.cue else "",
                    attribution.quote_type or "",
                )
                if part
            )
        self.query_one("#attribution-summary", BidiText).text = summary
        self.redraw_cells()
        first_load = self.query_one("#claim-panel").loading
        self.query_one("#claim-panel").loading = False
        if first_load:
            self.query_one("#attribution-chain", AttributionChain).focus()

    def redraw_cells(self) -> None:
        """Rebuild the one-line rows of every panel for the display mode."""
        if self.view is not None and self.view.claim.attribution is not None:
            chain = self.query_one("#attribution-chain", AttributionChain)
            chain.show_chain(self.view.claim.attribution.chain, self.mode)
        matches = self.query_one("#matches", MatchesPanel)
        if self.matches_loaded:
            matches.show_matches(matches.links, self.mode)
        if self.verdicts is not None:
            self._fill_verdict_lists(self.verdicts)

    def on_attribution_chain_source_chosen(self, message: AttributionChain.SourceChosen) -> None:
        """Open the chosen link's source page."""
        from workbench.tui.screens.source import SourceScreen

        self.app.push_screen(SourceScreen(message.source_id))

    def action_back(self) -> None:
        """Leave the claim; an unsaved verdict needs a second escape."""
        form = self.query_one("#verdict-form", VerdictForm)
        unsaved = self.verdicts is not None and form.differs_from(self.verdicts.current)
        if unsaved and not self._warned_unsaved:
            self._warned_unsaved = True
            self.notify(
                "the verdict form is not saved: ctrl+s saves, escape again leaves",
                severity="warning",
                timeout=5,
                markup=False,
            )
            return
        self.app.pop_screen()

    def action_open_article(self) -> None:
        """Open the claim's article."""
        if self.view is not None and self.view.claim.article_id is not None:
            from workbench.tui.screens.article import ArticleScreen

            self.app.push_screen(ArticleScreen(self.view.claim.article_id))

    def action_edit_claim(self) -> None:
        """Edit the claim's wording; matching runs again on the new text."""
        if self.view is None:
            return
        claim = self.view.claim

        def edited(text: str | None) -> None:
            if text is not None and text.strip() != claim.text:
                self._edit(text, claim.version)

        self.app.push_screen(EditClaimModal(claim.text), edited)

    @work(thread=True, exclusive=True, group="claim-edit")
    def _edit(self, text: str, version: int) -> None:
        try:
            claim_flows.edit_claim(
                database=self.wb.database,
                claim_id=self.claim_id,
                text=text,
                by=self.wb.reviewer,
                expected_version=version,
            )
        except WorkbenchError as exc:
            self.report_error_from_thread(exc.message)
            return
        self.app.call_from_thread(self.notify, "claim edited; matching again", timeout=3)
        self.app.call_from_thread(self._load)
        self.app.call_from_thread(self.action_rematch)

    # Matches ---------------------------------------------------------------------------

    def action_rematch(self) -> None:
        """Match the claim against the archive again (new suggestions are recorded)."""
        self.query_one("#matches-panel").loading = True
        self._load_matches(rematch=True)

    @work(thread=True, exclusive=True, group="claim-matches")
    def _load_matches(self, *, rematch: bool) -> None:
        try:
            # In the matching helper process when there is one (never matched: matched now).
            links = self.wb.matcher.claim_matches(self.claim_id, rematch=rematch)
        except WorkbenchError as exc:
            self.app.call_from_thread(self._matches_failed, exc.message)
            return
        self.app.call_from_thread(self._show_matches, links)

    def _show_matches(self, links: list[dict[str, Any]]) -> None:
        self.query_one("#matches", MatchesPanel).show_matches(links, self.mode)
        self.query_one("#matches-panel").loading = False
        self.matches_loaded += 1

    def _matches_failed(self, message: str) -> None:
        self.query_one("#matches-panel").loading = False
        self.report_error(message)

    def _decide(self, state: MatchState) -> None:
        match = self.query_one("#matches", MatchesPanel).highlighted_match()
        if match is None:
            self.report_error("no match to decide on")
            return
        self.query_one("#matches-panel").loading = True
        self._record_decision(int(match["match_id"]), state)

    def action_confirm_match(self) -> None:
        """Confirm the highlighted match: the claim was checked before."""
        self._decide(MatchState.CONFIRMED)

    def action_reject_match(self) -> None:
        """Reject the highlighted match: it is a different claim."""
        self._decide(MatchState.REJECTED)

    @work(thread=True, exclusive=True, group="claim-match-decision")
    def _record_decision(self, match_id: int, state: MatchState) -> None:
        try:
            decide_match(
                database=self.wb.database, match_id=match_id, state=state, by=self.wb.reviewer
            )
        except WorkbenchError as exc:
            self.app.call_from_thread(self._matches_failed, exc.message)
            return
        self.app.call_from_thread(self.notify, f"match {match_id} {state.value}", timeout=3)
        self.app.call_from_thread(self._load_matches, rematch=False)

    # Verdicts and evidence -------------------------------------------------------------

    @work(thread=True, exclusive=True, group="claim-verdicts")
    def _load_verdicts(self, *, keep_form: bool) -> None:
        database = self.wb.database
        try:
            data = VerdictData(
                scale=local_scale(self.wb.settings),
                history=verdict_history(database=database, claim_id=self.claim_id),
                evidence=list_evidence(database=database, claim_id=self.claim_id),
            )
        except WorkbenchError as exc:
            self.report_error_from_thread(exc.message)
            return
        self.app.call_from_thread(self._show_verdicts, data, keep_form)

    def _show_verdicts(self, data: VerdictData, keep_form: bool) -> None:
        self.verdicts = data
        form = self.query_one("#verdict-form", VerdictForm)
        language = (self.view.claim.language if self.view else None) or "en"
        form.set_scale(data.scale, language, self.mode)
        if not keep_form:
            form.load(data.current)
        current = data.current
        self.query_one("#verdict-status", BidiText).text = (
            f"current: {verdict_line(current)}" if current else "no verdict yet"
        )
        self._fill_verdict_lists(data)
        self.query_one("#verdict-panel").loading = False

    def _fill_verdict_lists(self, data: VerdictData) -> None:
        evidence = self.query_one("#evidence-list", OptionList)
        highlighted = evidence.highlighted
        evidence.clear_options()
        if data.evidence:
            evidence.add_options(
                Option(
                    cell(evidence_line(item), self.mode, max_width=120), id=f"evidence-{item['id']}"
                )
                for item in data.evidence
            )
            evidence.highlighted = min(highlighted or 0, len(data.evidence) - 1)
        else:
            evidence.add_option(Option(label("no evidence yet (a adds a URL)"), disabled=True))
        history = self.query_one("#verdict-history", OptionList)
        history.clear_options()
        history.add_options(
            Option(cell(verdict_line(item), self.mode, max_width=120))
            for item in reversed(data.history)
        )
        if not data.history:
            history.add_option(Option(label("no verdict yet"), disabled=True))

    def action_focus_verdict(self) -> None:
        """Move to the verdict form's rating."""
        self.query_one("#verdict-rating").focus()
        self.query_one("#verdict-panel").scroll_visible()

    def action_save_draft(self) -> None:
        """Record the form as a draft verdict."""
        self.query_one("#verdict-form", VerdictForm).submit("draft")

    def action_send_for_review(self) -> None:
        """Record the form as a verdict in review."""
        self.query_one("#verdict-form", VerdictForm).submit("review")

    def action_publish_verdict(self) -> None:
        """Publish the verdict (recording the form first when it was changed)."""
        self.query_one("#verdict-form", VerdictForm).submit("publish")

    def on_verdict_form_verdict_submitted(self, message: VerdictForm.VerdictSubmitted) -> None:
        """Record what the form holds, against the verdict this screen loaded."""
        if self.verdicts is None:
            self.report_error("the verdict is still loading")
            return
        form = self.query_one("#verdict-form", VerdictForm)
        changed = form.differs_from(self.verdicts.current)
        if (message.action != "publish" or changed) and message.draft.rating_key is None:
            self.report_error("choose a rating first")
            return
        # No loading overlay for writes: it would take the focus out of the form.
        self.sub_title = f"claim {self.claim_id} · saving…"
        self._record_verdict(message.action, message.draft, self.verdicts.sequence, changed)

    @work(thread=True, exclusive=True, group="claim-verdict-write")
    def _record_verdict(
        self, action: str, draft: VerdictDraft, expected_sequence: int, changed: bool
    ) -> None:
        app = self.wb
        try:
            if action != "publish" or changed:
                recorded = set_verdict(
                    database=app.database,
                    settings=app.settings,
                    claim_id=self.claim_id,
                    rating=draft.rating_key or "",
                    rationale=draft.rationale,
                    reviewer=app.reviewer,
                    state=VerdictState.DRAFT if action == "draft" else VerdictState.IN_REVIEW,
                    expected_sequence=expected_sequence,
                )
                expected_sequence = int(recorded["sequence"])
            if action == "publish":
                recorded = publish_verdict(
                    database=app.database,
                    settings=app.settings,
                    claim_id=self.claim_id,
                    reviewer=app.reviewer,
                    expected_sequence=expected_sequence,
                )
        except StaleVerdictError as exc:
            self.app.call_from_thread(self._verdict_refused, exc.message, stale=True)
            return
        except WorkbenchError as exc:
            self.app.call_from_thread(self._verdict_refused, exc.message, stale=False)
            return
        done = (
            f"verdict #{recorded['sequence']} recorded: {recorded['rating']}, {recorded['state']}"
        )
        self.app.call_from_thread(self._verdict_recorded, done)

    def _verdict_refused(self, message: str, *, stale: bool) -> None:
        self.sub_title = f"claim {self.claim_id}"
        if stale:
            self.notify(
                message,
                title="Someone else changed this verdict",
                severity="error",
                timeout=12,
                markup=False,
            )
            # Show the newer history but keep what the user typed, so they can decide again.
            self._load_verdicts(keep_form=True)
        else:
            self.report_error(message)

    def _verdict_recorded(self, done: str) -> None:
        self.sub_title = f"claim {self.claim_id}"
        self.notify(done, timeout=4, markup=False)
        self._load_verdicts(keep_form=False)
        self._load()

    def action_add_evidence(self) -> None:
        """Add an evidence URL (fetched, and archived when archiving is on)."""

        def given(url: str | None) -> None:
            if url:
                self.notify("adding evidence…", timeout=2)
                self._add_evidence(url)

        self.app.push_screen(
            LineInputModal("Evidence URL (http or https)", placeholder="https://…"), given
        )

    @work(thread=True, exclusive=True, group="claim-evidence")
    def _add_evidence(self, url: str) -> None:
        try:
            item = add_evidence(
                database=self.wb.database,
                settings=self.wb.settings,
                claim_id=self.claim_id,
                url=url,
                by=self.wb.reviewer,
            )
        except WorkbenchError as exc:
            self.app.call_from_thread(self._verdict_refused, exc.message, stale=False)
            return
        self.app.call_from_thread(
            self._evidence_changed, f"evidence {item['id']} added ({item['archive_state']})"
        )

    def action_archive_evidence(self) -> None:
        """Archive the highlighted evidence item in the Wayback Machine."""
        evidence = self.query_one("#evidence-list", OptionList)
        if self.verdicts is None or not self.verdicts.evidence or evidence.highlighted is None:
            self.report_error("no evidence to archive")
            return
        item = self.verdicts.evidence[min(evidence.highlighted, len(self.verdicts.evidence) - 1)]
        self.notify("archiving…", timeout=2)
        self._archive(int(item["id"]))

    @work(thread=True, exclusive=True, group="claim-evidence")
    def _archive(self, evidence_id: int) -> None:
        try:
            (item,) = archive_pending(
                database=self.wb.database, settings=self.wb.settings, evidence_ids=[evidence_id]
            )
        except WorkbenchError as exc:
            self.report_error_from_thread(exc.message)
            return
        state = item["archive_url"] or f"{item['archive_state']}: {item['archive_error'] or ''}"
        self.app.call_from_thread(self._evidence_changed, f"evidence {evidence_id}: {state}")

    def _evidence_changed(self, done: str) -> None:
        self.notify(done, timeout=4, markup=False)
        self._load_verdicts(keep_form=True)
