"""The main job as library calls: open a school's workspace, validate, evaluate, report, export.

Everything the command line does goes through here, so a script, a test and the command line
take one path. The core's own features are plugins registered before any installed one
(:data:`BUILTIN_PLUGINS`), as pytest and datasette register theirs.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import BinaryIO, TypeVar

import attrs

from schoolwork import checks, record_files, sample
from schoolwork import workspace as workspace_files
from schoolwork.atomic import staged, write_text
from schoolwork.calendar import parse_school_year_name, period_span
from schoolwork.checks.schemes import check_warnings
from schoolwork.errors import (
    MissingExtraError,
    PluginError,
    Problem,
    SchemeError,
    UnknownIdError,
    UsageError,
    WorkspaceError,
)
from schoolwork.evaluation import appeals as appeal_rules
from schoolwork.evaluation import counted, gains, raters
from schoolwork.evaluation import frozen as frozen_files
from schoolwork.evaluation.changes import WITHOUT_APPEALS, Comparison, compare
from schoolwork.evaluation.engine import evaluate
from schoolwork.evaluation.output import explain as explain_result
from schoolwork.labels import Lang
from schoolwork.plugins import Answer, PluginHost, installed_names, returns
from schoolwork.record_files import record_kinds
from schoolwork.records import CORE_KINDS, Appeal
from schoolwork.reports import ballot_sheet, fill_in, listings, renderers, sections
from schoolwork.reports.build import build_report
from schoolwork.reports.layout import Layout, layout_of
from schoolwork.reports.model import Edition, Report, Table
from schoolwork.reports.renderers import Renderer, ReportRenderer, ScoresRenderer
from schoolwork.reports.slip_files import check_format as check_slip_format
from schoolwork.reports.slip_files import slip_files
from schoolwork.reports.slips import build_slips
from schoolwork.reports.xlsx import table_workbook
from schoolwork.results import Evaluation, Subject, SubjectResult
from schoolwork.roster import (
    Change,
    plan_import,
    read_roster,
    roster_csv,
    roster_rows,
    school_text,
)
from schoolwork.sample import copy_sample
from schoolwork.scheme import Scheme, SchemeSource
from schoolwork.skeleton import skeleton_text
from schoolwork.values import VALUES_DIR, Values
from schoolwork.values import values_files as scheme_values_files
from schoolwork.workspace import LoadedWorkspace, SchoolDocument, Workspace

BUILTIN_PLUGINS: tuple[tuple[str, ModuleType], ...] = (
    ("schoolwork.records", record_files),
    ("schoolwork.schemes", workspace_files),
    ("schoolwork.checks", checks),
    (counted.NAME, counted),
    (raters.NAME, raters),
    (gains.NAME, gains),
    (appeal_rules.NAME, appeal_rules),
    ("schoolwork.sections", sections),
    ("schoolwork.renderers", renderers),
    ("schoolwork.sample", sample),
)
"""schoolwork's own features, registered as plugins before any other, in this order."""

SCHEMES_PLUGIN = "schoolwork.schemes"
REPORT_FORMATS = ("md", "html", "docx")
"""The report's formats the main job writes, in order."""
SCORES_FORMAT = "xlsx"
PLUGIN_SOURCE = "plugin:"
"""How an indicator's source names the plugin that gave its value: ``plugin:NAME``."""

T = TypeVar("T")

Scored = tuple[Scheme, Evaluation]
"""A scheme and its evaluation."""


def plugin_host(
    plugins: Mapping[str, object] | None = None,
    *,
    installed: bool | Iterable[str] = True,
    strict: bool = True,
) -> PluginHost:
    """A plugin host: the core's built-in plugins, installed plugins, and ``plugins`` by name.

    ``installed=True`` loads the entry-point plugins the environment allows (see
    :mod:`schoolwork.plugins`); ``False`` loads none (what a unit test of one plugin wants); a
    list of names loads those. A plugin that fails to import or register raises
    :class:`~schoolwork.PluginError` naming it; with ``strict=False`` an installed one is
    recorded in ``host.failures`` instead and the others keep working. Plugins given in
    ``plugins`` are always strict.
    """
    host = PluginHost()
    for name, module in BUILTIN_PLUGINS:
        host.register(module, name, builtin=True)
    if installed is True:
        names = installed_names()
        if names is None or names:
            host.load_entry_points(names, strict=strict)
    elif installed is not False:
        host.load_entry_points(list(installed), strict=strict)
    for name, plugin in (plugins or {}).items():
        host.register(plugin, name)
    return host


def shipped_workspaces(host: PluginHost) -> dict[str, tuple[str, Path]]:
    """Workspaces the plugins ship, by name: name → (plugin, folder). ``sample`` is the core's."""
    found: dict[str, tuple[str, Path]] = {}
    for answer in host.call("schoolwork_workspaces", returns(Path, str, keyed=True)):
        for name, folder in answer.value.items():
            if name in found:
                error = f"workspace {name!r} is offered by plugin {found[name][0]!r} too"
                raise PluginError(answer.plugin, "schoolwork_workspaces", error)
            found[name] = (answer.plugin, Path(folder))
    return found


def _schemes(host: PluginHost, loaded: LoadedWorkspace) -> tuple[SchemeSource, ...]:
    found = []
    for answer in host.call("schoolwork_schemes", returns(Scheme), workspace=loaded.workspace):
        origin = (
            loaded.file("schemes") if answer.plugin == SCHEMES_PLUGIN else f"plugin:{answer.plugin}"
        )
        found += [SchemeSource(scheme, origin) for scheme in answer.value]
    return tuple(found)


def _read(root: Path, host: PluginHost) -> tuple[LoadedWorkspace | None, list[Problem]]:
    """Read ``root`` with the plugins that serve its school; the problems of reading it."""
    values, files, problems = workspace_files.read_documents(root)
    if "school" in values:
        host.serve(values["school"].id)
    if problems:
        # The records do not need the other files, so their problems are told in the same
        # pass. Without the school, the plugins that serve it are unknown: the core's kinds.
        kinds = record_kinds(host) if "school" in values else CORE_KINDS
        return None, problems + workspace_files.sheet_problems(root, kinds)
    loaded, problems = workspace_files.with_records(values, files, root, record_kinds(host))
    return attrs.evolve(loaded, schemes=_schemes(host, loaded)), problems


def validate(loaded: LoadedWorkspace, host: PluginHost) -> list[Problem]:
    """Every problem the checks of ``host`` (the core's and the plugins') find in ``loaded``."""
    answers = host.call("schoolwork_checks", returns(Problem), loaded=loaded)
    return [problem for answer in answers for problem in answer.value]


class Session:
    """One school's workspace, opened with its plugins: the verbs of the main job.

    Made by :func:`schoolwork.open`. The plugin schemes are asked for once, when the
    workspace is opened; everything after works from what was read then.
    """

    def __init__(self, loaded: LoadedWorkspace, host: PluginHost) -> None:
        self.loaded = loaded
        self.host = host
        self._renderers: dict[str, Renderer] | None = None
        self._warnings = tuple(check_warnings(loaded))

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """What the schemes let their data decide against their plain reading, found when the
        workspace was opened (:func:`schoolwork.checks.schemes.scheme_warnings`): told, never
        refused; ``schoolwork validate`` and ``evaluate`` print them as ``warning: ...``."""
        return self._warnings

    @property
    def workspace(self) -> Workspace:
        """The school's data."""
        return self.loaded.workspace

    @property
    def root(self) -> Path:
        """The workspace's folder."""
        return self.loaded.root

    @property
    def schemes(self) -> tuple[SchemeSource, ...]:
        """Every scheme the workspace can evaluate, its own first, each with its origin."""
        return self.loaded.schemes

    def scheme(self, scheme_id: str) -> Scheme:
        """The scheme called ``scheme_id``; :class:`~schoolwork.UnknownIdError` otherwise."""
        return self._source(scheme_id).scheme

    def _source(self, scheme_id: str) -> SchemeSource:
        for source in self.schemes:
            if source.scheme.id == scheme_id:
                return source
        known = ", ".join(s.scheme.id for s in self.schemes) or "none"
        raise UnknownIdError(f"no scheme {scheme_id!r} (known: {known})")

    def years(self) -> list[str]:
        """The school years of the calendar and of the schemes, in order."""
        years = {y.name for y in self.workspace.calendar.years}
        return sorted(years | {s.scheme.period for s in self.schemes})

    def default_year(self) -> str:
        """The school year to work on when none is given.

        The year most schemes are for, the workspace's and the plugins' alike (the latest on
        a tie); without schemes, the calendar's latest year.
        """
        periods = Counter(s.scheme.period for s in self.schemes)
        if periods:
            return max(periods, key=lambda p: (periods[p], p))
        years = [y.name for y in self.workspace.calendar.years]
        if not years:
            raise WorkspaceError(
                [
                    Problem(
                        self.loaded.file("school"),
                        "calendar.years",
                        "a school year",
                        "none",
                        expected_zh="至少一个学年",
                    )
                ]
            )
        return max(years)

    def evaluate(self, scheme_id: str, *, year: str | None = None, appeals: bool = True) -> Scored:
        """Evaluate one scheme over the workspace; ``year`` replaces the scheme's period.

        Upheld appeals (申诉 成立) that correct an input value apply, as the values file's value
        would: that is what upholding one means (see :mod:`schoolwork.evaluation.appeals`).
        ``appeals=False`` evaluates the values as the school typed them, for comparison.
        """
        _, scheme, evaluation = self.score_with(scheme_id, evaluate, year=year, appeals=appeals)
        return scheme, evaluation

    def score_with(
        self,
        scheme_id: str,
        score: Callable[..., T],
        *,
        year: str | None = None,
        appeals: bool = True,
    ) -> tuple[SchemeSource, Scheme, T]:
        """What ``score`` makes of scheme ``scheme_id`` over the workspace: it is called as
        :func:`schoolwork.evaluate` is (the scheme, its subjects, then ``values``, ``records``,
        ``workspace``, ``host`` and ``kinds``), with the inputs :meth:`evaluate` reads (the
        values file parsed once, gains reading the workspace's values files, upheld appeals
        unless ``appeals`` is false). Gives the scheme's source, the scheme (its period replaced
        by ``year``) and what ``score`` returned; a :class:`~schoolwork.SchemeError` names where
        the scheme is defined."""
        source = self._source(scheme_id)
        scheme = _in_year(source.scheme, year)
        subjects = self.workspace.subjects(scheme.subject)
        values = self.loaded.values.read(self.root, scheme, (s.id for s in subjects))
        records = self.workspace.records
        if not appeals:
            records = appeal_rules.without_appeals(records)
        try:
            with gains.values_from(self._values_of(scheme, values)):
                found = score(
                    scheme,
                    subjects,
                    values=values,
                    records=records,
                    workspace=self.workspace,
                    host=self.host,
                    kinds=self.loaded.kinds,
                )
        except SchemeError as exc:
            raise SchemeError(f"{source.origin}: {exc}") from None
        return source, scheme, found

    # --- frozen results (issue 16): freeze an evaluation, compare a re-evaluation with it ---

    def frozen_file(self, scheme_id: str, *, year: str | None = None) -> Path:
        """Where the frozen results of ``scheme_id`` for ``year`` (default: the scheme's
        period) are kept: ``frozen/<scheme id>/<school year>.json``."""
        period = self.scheme(scheme_id).period if year is None else self.year(year)
        return frozen_files.frozen_path(self.root, scheme_id, period)

    def frozen(self, scheme_id: str, *, year: str | None = None) -> frozen_files.Frozen | None:
        """The frozen results of ``scheme_id`` for ``year``, or ``None`` if none are frozen; a
        corrupt frozen file, or one of another format, is a located
        :class:`~schoolwork.WorkspaceError`."""
        return frozen_files.read(self.frozen_file(scheme_id, year=year))

    def snapshot(
        self, scheme_id: str, *, year: str | None = None, appeals: bool = True
    ) -> frozen_files.Frozen:
        """The evaluation of ``scheme_id`` as :meth:`freeze` would keep it, without writing
        (``appeals=False``: without the corrections of upheld appeals)."""
        scheme, evaluation = self.evaluate(scheme_id, year=year, appeals=appeals)
        return frozen_files.freeze(
            scheme,
            evaluation,
            inputs=frozen_files.fingerprints(self.root, self._input_files(scheme_id)),
            plugins={p.name: p.version or "" for p in self.host.plugins() if p.active},
            library=frozen_files.library_version(),
        )

    def _input_files(self, scheme_id: str) -> list[Path]:
        """Every file that can feed the evaluation of ``scheme_id``: the school file, the
        scheme's file (none for a plugin's scheme: its version stands for it), its values file
        and every record sheet."""
        files = [Path(self.loaded.file("school"))]
        origin = self._source(scheme_id).origin
        if not origin.startswith(PLUGIN_SOURCE):
            files.append(Path(origin))
        files += scheme_values_files(self.root, scheme_id)
        files += [record_files.path_of(self.root, kind) for kind in self.loaded.kinds]
        return files

    def freeze(self, scheme_id: str, *, year: str | None = None, force: bool = False) -> Path:
        """Freeze the evaluation of ``scheme_id`` into the workspace; return the frozen file.

        The file (see :mod:`schoolwork.evaluation.frozen`) is written atomically. Results
        already frozen are replaced only with ``force``, else :class:`~schoolwork.UsageError`
        (unless they are what would be written: freezing twice is harmless).
        """
        data = frozen_files.dumps(self.snapshot(scheme_id, year=year))
        path = self.frozen_file(scheme_id, year=year)
        if path.is_file() and not force:
            if path.read_bytes() == data:
                return path
            raise UsageError(
                f"{path}: the results of {scheme_id!r} are frozen already; "
                "`schoolwork diff` shows what changed since, and --force replaces them"
            )
        write_files(path.parent, {path.name: data}, force=force)
        return path

    def compare(self, scheme_id: str, *, year: str | None = None) -> Comparison:
        """What changed since the results of ``scheme_id`` were frozen: inputs, rules and the
        subjects, each with its own values and vetoes that changed. Nothing frozen is a
        :class:`~schoolwork.UsageError`."""
        path = self.frozen_file(scheme_id, year=year)
        before = frozen_files.read(path)
        if before is None:
            raise UsageError(
                f"nothing is frozen for {scheme_id!r} at {path}; `schoolwork freeze` first "
                "(`schoolwork diff --appeals` compares with the evaluation without appeals)"
            )
        return compare(
            before,
            self.snapshot(scheme_id, year=year),
            against=str(path),
            appeals=self._corrections(scheme_id, year),
        )

    # --- appeals (申诉, issue 16): upheld corrections of input values, and what they changed ---

    def appeals(
        self, scheme_id: str, *, year: str | None = None
    ) -> tuple[appeal_rules.AppealOutcome, ...]:
        """The appeals against ``scheme_id`` dated in its period (``year``), by date, each with
        what it changed: the disputed value, and the subject's result without the upheld
        corrections and with them."""
        return self._outcomes(self.evaluate(scheme_id, year=year))

    def _outcomes(self, scored: Scored) -> tuple[appeal_rules.AppealOutcome, ...]:
        """The appeals against an evaluated scheme, with what they changed; the scheme is
        evaluated again without appeals only when an upheld one corrects a value."""
        scheme, corrected = scored
        found = self._appeals_of(scheme)
        if not found:
            return ()
        plain = corrected
        if any(appeal_rules.corrects(a, scheme) for a in found):
            _, plain = self.evaluate(scheme.id, year=scheme.period, appeals=False)
        return appeal_rules.outcomes(scheme, found, plain, corrected)

    def compare_appeals(self, scheme_id: str, *, year: str | None = None) -> Comparison:
        """What the upheld appeals change: the evaluation of ``scheme_id`` without their
        corrections compared with the one with them, each changed value naming its appeal.
        Needs nothing frozen; :meth:`compare` compares with frozen results instead."""
        plain = self.snapshot(scheme_id, year=year, appeals=False)
        return compare(
            plain,
            self.snapshot(scheme_id, year=year),
            against=WITHOUT_APPEALS,
            appeals=self._corrections(scheme_id, year),
        )

    def _appeals_of(self, scheme: Scheme) -> list[Appeal]:
        start, end = period_span(scheme.period, self.workspace.calendar)
        return appeal_rules.in_period(self.workspace.records.appeals, scheme, start, end)

    def _corrections(self, scheme_id: str, year: str | None) -> dict[tuple[str, str], str]:
        """The upheld corrections in the period, by (subject, indicator): their appeal's id."""
        scheme = self.scheme(scheme_id)
        if year is not None:
            scheme = attrs.evolve(scheme, period=self.year(year))
        found = appeal_rules.corrections(scheme, self._appeals_of(scheme))
        return {key: appeal.id for key, appeal in found.items()}

    def _values_of(self, scheme: Scheme, values: Values | None) -> gains.ValuesOf:
        """The values files gains read while ``scheme`` (whose ``values`` are read) is
        evaluated: each other scheme's file read once, when a gain first asks for it."""
        read: dict[str, Values | None] = {scheme.id: values}
        others = {s.scheme.id: s.scheme for s in self.schemes}

        def values_of(scheme_id: str) -> Values | None:
            if scheme_id not in read:
                other = others.get(scheme_id)
                found = None
                if other is not None:
                    ids = (s.id for s in self.workspace.subjects(other.subject))
                    found = self.loaded.values.read(self.root, other, ids)
                read[scheme_id] = found
            return read[scheme_id]

        return values_of

    def evaluate_year(self, year: str | None = None) -> list[Scored]:
        """Every scheme whose period is ``year`` (default: :meth:`default_year`), evaluated."""
        year = self.year(year)
        return [self.evaluate(s.scheme.id) for s in self.schemes if s.scheme.period == year]

    def result(self, scheme_id: str, subject: str, *, year: str | None = None) -> SubjectResult:
        """One subject's result, by id or by name (a name shared by two is refused)."""
        _, evaluation = self.evaluate(scheme_id, year=year)
        return find_subject(evaluation, subject)

    def explain(self, scheme_id: str, subject: str, *, year: str | None = None) -> str:
        """Every point of one subject's score, by id or by name, as text."""
        scheme, evaluation = self.evaluate(scheme_id, year=year)
        return explain_result(find_subject(evaluation, subject), scheme)

    def values_template(
        self,
        scheme_id: str,
        *,
        year: str | None = None,
        lang: Lang = "zh",
        prefill: bool = True,
    ) -> bytes:
        """The fill-in workbook of scheme ``scheme_id`` (``schoolwork template``), as .xlsx bytes.

        One row per subject with its name, a column per indicator typed in (not those counted
        from records or given by a plugin), each checked against its range; the values the
        workspace already holds are filled in unless ``prefill`` is false. See
        :mod:`schoolwork.reports.fill_in`.
        """
        source = self._source(scheme_id)
        scheme = _in_year(source.scheme, year)
        subjects = self.workspace.subjects(scheme.subject)
        values = None
        if prefill:
            values = self.loaded.values.read(self.root, scheme, (s.id for s in subjects))
        given = self._given_by_plugins(source, scheme, subjects)
        try:
            return fill_in.values_workbook(
                scheme,
                subjects,
                school=self.workspace.school.name,
                given=given,
                values=values,
                lang=lang,
            )
        except ImportError as exc:
            raise MissingExtraError(
                f"the fill-in workbook needs the reports extra: "
                f"pip install 'schoolwork[reports]' ({exc})"
            ) from None

    def ballots_template(
        self,
        scheme_id: str,
        *,
        year: str | None = None,
        lang: Lang = "zh",
        prefill: bool = True,
    ) -> bytes:
        """The ballot sheet of scheme ``scheme_id`` (``schoolwork template --ballots``), as
        .xlsx bytes: a row per ballot of its indicators scored by raters (民主测评), the
        ballots the workspace holds written in unless ``prefill`` is false, to be saved as
        ``records/ballots.xlsx``. See :mod:`schoolwork.reports.ballot_sheet`.

        Raises :class:`UsageError` for a scheme without an indicator scored by raters.
        """
        scheme = _in_year(self._source(scheme_id).scheme, year)
        if not ballot_sheet.rated(scheme):
            raise UsageError(f"scheme {scheme_id!r} has no indicator scored by raters")
        ballots = [b for b in self.workspace.records.ballots if b.scheme == scheme.id]
        try:
            return ballot_sheet.ballots_workbook(
                scheme,
                self.workspace.subjects(scheme.subject),
                period_span(scheme.period, self.workspace.calendar),
                ballots=ballots if prefill else (),
                school=self.workspace.school.name,
                lang=lang,
            )
        except ImportError as exc:
            raise MissingExtraError(
                f"the ballot sheet needs the reports extra: pip install 'schoolwork[reports]' "
                f"({exc})"
            ) from None

    def roster(self, fmt: str = "xlsx", *, lang: Lang = "zh") -> bytes:
        """The workspace's people as a roster (``xlsx`` or ``csv``) in the columns
        ``schoolwork roster import`` reads: import it back unchanged and nothing changes."""
        if fmt == "csv":
            return roster_csv(self.workspace, lang)
        if fmt != "xlsx":
            raise UsageError(f"a roster is written as xlsx or csv, not {fmt!r}")
        title = "教职工花名册" if lang == "zh" else "Staff roster"
        try:
            return table_workbook(roster_rows(self.workspace, lang), title)
        except ImportError as exc:
            raise MissingExtraError(
                f"the roster workbook needs the reports extra: "
                f"pip install 'schoolwork[reports]' ({exc})"
            ) from None

    def _given_by_plugins(
        self, source: SchemeSource, scheme: Scheme, subjects: Sequence[Subject]
    ) -> dict[str, str]:
        """The indicators of ``scheme`` a plugin gives, by id, with the plugin's name."""
        try:
            evaluation = evaluate(
                scheme,
                subjects,
                records=self.workspace.records,
                workspace=self.workspace,
                host=self.host,
                kinds=self.loaded.kinds,
            )
        except SchemeError as exc:
            raise SchemeError(f"{source.origin}: {exc}") from None
        given: dict[str, str] = {}
        for result in evaluation.results:
            for dimension in result.dimensions:
                for indicator in dimension.indicators:
                    if indicator.source.startswith(PLUGIN_SOURCE):
                        plugin = indicator.source.removeprefix(PLUGIN_SOURCE).split(" (")[0]
                        given.setdefault(indicator.id, plugin)
        return given

    def slips(
        self,
        scheme_id: str,
        fmt: str = "docx",
        *,
        subject: str | None = None,
        year: str | None = None,
        lang: Lang = "zh",
        per_subject: bool = False,
        name: str = "slips",
    ) -> dict[str, bytes]:
        """Score slips (考核明细) of ``scheme_id``: a page per subject with every point of its
        score, or only ``subject``'s (by id or name), in ``fmt`` (``docx`` or ``html``).

        Returns file name → bytes: one booklet ``<name>.<fmt>``, or with ``per_subject`` a
        file per subject (``slips-T003-孙桂婷.docx``); nothing is written (see
        :func:`write_files`). See :mod:`schoolwork.reports.slips` for what a slip says.
        """
        check_slip_format(fmt)
        scheme, evaluation = self.evaluate(scheme_id, year=year)
        if not evaluation.results:  # an empty booklet would look like slips that went missing
            kind = scheme.subject.value
            raise UsageError(f"scheme {scheme_id!r} has no {kind} to write a slip for")
        chosen = None if subject is None else [find_subject(evaluation, subject).subject.id]
        appeals = appeal_rules.by_subject(self._outcomes((scheme, evaluation)))
        book = build_slips(
            self.loaded, scheme, evaluation, lang=lang, subjects=chosen, appeals=appeals
        )
        return slip_files(book, fmt, name=name, per_subject=per_subject)

    def report(
        self,
        year: str | None = None,
        *,
        lang: Lang = "zh",
        edition: Edition | str = Edition.BUREAU,
        evaluations: Sequence[Scored] | None = None,
    ) -> Report:
        """The annual work summary of ``year`` with every plugin's sections, in ``edition``:
        ``bureau`` (上报版, the default: aggregates, no teacher named beside a score) or
        ``internal`` (校内公示版: names, ranks, every subject's result)."""
        year = self.year(year)
        if evaluations is None:
            evaluations = self.evaluate_year(year)
        appeals = {scheme.id: self._outcomes((scheme, ev)) for scheme, ev in evaluations}
        return build_report(
            self.loaded,
            year,
            evaluations,
            self.host,
            lang=lang,
            edition=edition,
            appeals=appeals,
        )

    def renderers(self) -> dict[str, Renderer]:
        """Every output format by name; a plugin's replaces the core's of the same name."""
        if self._renderers is None:
            self._renderers = renderers_of(self.host)
        return self._renderers

    def render(self, what: Report | Sequence[Scored], fmt: str, *, lang: Lang = "zh") -> bytes:
        """A report, or evaluations, in format ``fmt``, a report in the workspace's layout."""
        return _render_with(self.renderers(), what, fmt, lang=lang, layout=self.layout(what))

    def layout(self, what: Report | Sequence[Scored]) -> Layout | None:
        """The workspace's layout of a report (its templates, its 落款 date)."""
        return layout_of(self.loaded, what.year) if isinstance(what, Report) else None

    def export(
        self,
        outdir: str | Path,
        *,
        year: str | None = None,
        lang: Lang = "zh",
        formats: Sequence[str] = (*REPORT_FORMATS, SCORES_FORMAT),
        force: bool = False,
        name: str = "report",
    ) -> list[Path]:
        """Write the report and the score sheets of ``year`` into ``outdir``; return the files.

        Report formats are written as ``report.<suffix>``, score formats as
        ``scores.<suffix>`` (streamed into their temporary files where the format streams).
        Every file is written in full beside its target before any replaces it, so a failure
        leaves ``outdir`` as it was. Existing files are
        replaced only with ``force``.
        """
        year = self.year(year)
        evaluations = self.evaluate_year(year)
        report = self.report(year, lang=lang, evaluations=evaluations)
        found = self.renderers()
        chosen = {fmt: _renderer(found, fmt) for fmt in formats}
        reports = [fmt for fmt, r in chosen.items() if isinstance(r, ReportRenderer)]
        files = self.rendered(report, evaluations, reports, lang=lang, name=name)
        # Score files are written into the stage as they are rendered: a streaming format
        # never holds the whole file in memory.
        names = {
            fmt: f"{name}{r.suffix}" if isinstance(r, ReportRenderer) else f"scores{r.suffix}"
            for fmt, r in chosen.items()
        }
        outdir = Path(outdir)
        targets = [outdir / names[fmt] for fmt in chosen]
        _refuse_existing(targets, force)
        with staged(outdir) as stage:
            for fmt, renderer in chosen.items():
                if isinstance(renderer, ReportRenderer):
                    stage.write(names[fmt], files[names[fmt]])
                    continue
                with stage.open(names[fmt]) as handle:
                    self.write_scores(handle, evaluations, fmt, lang=lang)
        return targets

    def write_scores(
        self, stream: BinaryIO, evaluations: Sequence[Scored], fmt: str, *, lang: Lang = "zh"
    ) -> None:
        """Write ``evaluations`` in the scores format ``fmt`` into the binary ``stream``, a
        subject at a time where the format streams (``csv``, ``json``, ``parquet``), so that
        nothing holds the whole file; other formats are rendered to bytes and written."""
        renderer = _renderer(self.renderers(), fmt)
        if not isinstance(renderer, ScoresRenderer):
            raise UsageError(f"the {fmt} format renders a report")
        with _needing_extra(renderer, fmt):
            renderer.write_to(stream, evaluations, lang)

    def rendered(
        self,
        report: Report,
        evaluations: Sequence[Scored],
        formats: Sequence[str],
        *,
        lang: Lang = "zh",
        name: str = "report",
    ) -> dict[str, bytes]:
        """File name → bytes for each of ``formats``, all rendered in memory."""
        found = self.renderers()
        files = {}
        for fmt in formats:
            renderer = _renderer(found, fmt)
            stem = name if isinstance(renderer, ReportRenderer) else "scores"
            what = report if isinstance(renderer, ReportRenderer) else evaluations
            files[f"{stem}{renderer.suffix}"] = _render_with(
                found, what, fmt, lang=lang, layout=self.layout(what)
            )
        return files

    def year(self, year: str | None = None) -> str:
        """``year`` checked to be a school year's name, or :meth:`default_year` for ``None``."""
        if year is None:
            return self.default_year()
        _check_year(year)
        return year

    def grid_tables(self, grid_id: str | None = None) -> listings.GridTables:
        """Each grid (or only ``grid_id``) as a matrix with its gaps, double owners and
        overloads, and the post holders without a safety duty; see
        :func:`schoolwork.reports.listings.grid_tables`."""
        return listings.grid_tables(self.workspace, grid_id)

    def project_board(self) -> listings.ProjectBoard:
        """Projects by state and lead office, incomplete 5W2H plans and the closed loop."""
        return listings.project_board(self.workspace)

    def occurrences(self, first: date, last: date, all_days: bool = False) -> Table:
        """Every occurrence of every project's plan from ``first`` to ``last``, in order;
        those in holidays and vacations only with ``all_days``."""
        return listings.occurrences(self.workspace, first, last, all_days)

    def goal_table(
        self, as_of: date | None = None, plan_id: str | None = None
    ) -> listings.GoalListing:
        """The goal tree (or one plan's) with achievement, pace and status at ``as_of``
        (default: today, kept within the plan's years)."""
        return listings.goal_table(self.workspace, as_of, plan_id)

    def record_tallies(
        self, year: str | None = None, *, lang: Lang = "zh"
    ) -> listings.RecordTallies:
        """The records of ``year`` (default: all) by kind, level, prize, type and severity."""
        return listings.record_tallies(self.workspace, year, lang)

    def values_files(self) -> list[Path]:
        """The values files of the workspace's schemes, which validation checked, by scheme."""
        return [
            path
            for source in self.schemes
            for path in scheme_values_files(self.root, source.scheme.id)
        ]

    def summary(self) -> str:
        """A one-screen account of the workspace: school, files, values files, units, people,
        calendar."""
        lines = listings.summary(self.loaded).split("\n")
        folder = self.root / VALUES_DIR
        found = self.values_files()
        values = f"{', '.join(p.name for p in found)} in {folder}" if found else "none"
        at = next((i + 1 for i, line in enumerate(lines) if line.startswith("files:")), len(lines))
        lines.insert(at, f"values:   {values}")
        return "\n".join(lines)


def open_workspace(
    path: str | Path,
    *,
    plugins: Mapping[str, object] | None = None,
    installed: bool | Iterable[str] = True,
    strict: bool = True,
    host: PluginHost | None = None,
) -> Session:
    """Open and validate the workspace at ``path`` with its plugins; the job's one entry.

    The installed plugins are active unless ``installed`` says otherwise (``False``, or a list
    of names); ``plugins`` adds plugin objects by name, as a test does. Raises
    :class:`~schoolwork.WorkspaceError` listing every problem of every file, the core's checks'
    and the plugins'; :class:`~schoolwork.PluginError` naming a plugin that failed.
    """
    host = host or plugin_host(plugins, installed=installed, strict=strict)
    loaded, problems = _read(Path(path), host)
    if loaded is None:
        raise WorkspaceError(problems)
    problems += validate(loaded, host)
    if problems:
        raise WorkspaceError(problems)
    return Session(loaded, host)


def read_workspace(
    path: str | Path, *, host: PluginHost | None = None
) -> tuple[LoadedWorkspace | None, list[Problem]]:
    """The workspace at ``path`` as far as it can be read, without validating it."""
    return _read(Path(path), host or plugin_host())


def find_subject(evaluation: Evaluation, subject: str) -> SubjectResult:
    """The result of the subject with id ``subject``, or else with that name."""
    for result in evaluation.results:
        if result.subject.id == subject:
            return result
    named = [r for r in evaluation.results if r.subject.name == subject]
    if len(named) == 1:
        return named[0]
    if named:
        ids = ", ".join(r.subject.id for r in named)
        raise UnknownIdError(f"{subject!r} names {len(named)} subjects ({ids}); give the id")
    raise UnknownIdError(f"no subject {subject!r} in the evaluation of {evaluation.scheme!r}")


def renderers_of(host: PluginHost) -> dict[str, Renderer]:
    """Every renderer of ``host`` by name; the first answer of a name wins, the core's last."""
    found: dict[str, tuple[Renderer, Answer]] = {}
    for answer in host.call("schoolwork_renderers", returns(ReportRenderer, ScoresRenderer)):
        for renderer in answer.value:
            if renderer.name in found:
                other = found[renderer.name][1]
                if other.builtin or answer.builtin:
                    continue  # a plugin's format replaces the core's
                error = f"format {renderer.name!r} is offered by plugin {other.plugin!r} too"
                raise PluginError(answer.plugin, "schoolwork_renderers", error)
            found[renderer.name] = (renderer, answer)
    return {name: renderer for name, (renderer, _) in found.items()}


def _renderer(found: Mapping[str, Renderer], fmt: str) -> Renderer:
    if fmt not in found:
        raise UnknownIdError(f"no format {fmt!r} (known: {', '.join(found)})")
    return found[fmt]


def render(
    what: Report | Sequence[Scored],
    fmt: str,
    *,
    lang: Lang = "zh",
    host: PluginHost | None = None,
) -> bytes:
    """``what`` (a report, or a list of ``(scheme, evaluation)``) in format ``fmt`` (``md``,
    ``html``, ``docx``; ``xlsx``, ``csv``, ``json``, ``table``; or a plugin's), as bytes.

    The renderers are those of ``host`` (default: the core's and the installed plugins').
    """
    found = renderers_of(host or plugin_host())
    return _render_with(found, what, fmt, lang=lang)


def _render_with(
    found: Mapping[str, Renderer],
    what: Report | Sequence[Scored],
    fmt: str,
    *,
    lang: Lang = "zh",
    layout: Layout | None = None,
) -> bytes:
    renderer = _renderer(found, fmt)
    with _needing_extra(renderer, fmt):
        if isinstance(renderer, ReportRenderer):
            if not isinstance(what, Report):
                raise UsageError(f"the {fmt} format renders a report")
            return renderer.draw(what, layout)
        if isinstance(what, Report):
            raise UsageError(f"the {fmt} format renders evaluations")
        return renderer.render(what, lang)


@contextlib.contextmanager
def _needing_extra(renderer: Renderer, fmt: str) -> Iterator[None]:
    """Turn the ImportError of a renderer whose extra is missing into a message naming it."""
    try:
        yield
    except MissingExtraError:
        raise  # already names its extra
    except ImportError as exc:
        extra = renderer.needs or "reports"
        raise MissingExtraError(
            f"the {fmt} format needs the {extra} extra: pip install 'schoolwork[{extra}]' ({exc})"
        ) from None


def write_files(outdir: Path, files: Mapping[str, bytes], *, force: bool = False) -> list[Path]:
    """Write ``files`` (name → bytes) into ``outdir`` atomically, refusing to replace without
    ``force``; nothing is written unless every file can be (:func:`schoolwork.atomic.staged`).

    Raises :class:`FileExistsError` for outputs that exist (without ``force``),
    :class:`IsADirectoryError` for an output that is a folder, and the :class:`OSError` of a
    folder that cannot be written or a full disk, each naming the output.
    """
    targets = [outdir / name for name in files]
    _refuse_existing(targets, force)
    with staged(outdir) as stage:
        for name, data in files.items():
            stage.write(name, data)
    return targets


def write_streamed(path: Path, write: Callable[[BinaryIO], None], *, force: bool = False) -> Path:
    """Write the file ``path`` atomically through ``write``, which is handed an open binary
    file and writes it piece by piece; refused without ``force`` if ``path`` exists, as
    :func:`write_files` does. The pieces go to a temporary file beside ``path`` that replaces
    it only once ``write`` has returned; if ``write`` fails, ``path`` is left as it was."""
    _refuse_existing([path], force)
    with staged(path.parent) as stage, stage.open(path.name) as handle:
        write(handle)
    return path


def _refuse_existing(files: Sequence[Path], force: bool, folders: Sequence[Path] = ()) -> None:
    """Refuse, before anything is written, outputs that would replace what they should not."""
    for path in files:
        if path.is_dir():
            raise IsADirectoryError(errno.EISDIR, "Is a directory", str(path))
    for path in folders:
        if os.path.lexists(path) and not path.is_dir():
            raise NotADirectoryError(errno.ENOTDIR, "Not a directory", str(path))
    existing = [p for p in (*folders, *files) if os.path.lexists(p)]
    if existing and not force:
        raise FileExistsError(errno.EEXIST, "File exists", ", ".join(str(p) for p in existing))


@attrs.frozen
class DemoRun:
    """What :func:`demo` did: the session it opened, its evaluations and the files it wrote."""

    session: Session = attrs.field(eq=False)
    year: str
    evaluations: tuple[Scored, ...]
    written: tuple[Path, ...]

    def band_counts(self) -> list[tuple[Scheme, int, list[tuple[str, int]]]]:
        """Each evaluated scheme with its number of subjects and how many fell in each band
        (bands in the scheme's order; empty bands left out)."""
        found = []
        for scheme, evaluation in self.evaluations:
            counts = Counter(r.band for r in evaluation.results)
            bands = [(b.name, counts[b.name]) for b in scheme.bands if counts[b.name]]
            found.append((scheme, len(evaluation.results), bands))
        return found


def demo(
    outdir: str | Path,
    *,
    school: str = "sample",
    year: str | None = None,
    lang: Lang = "zh",
    force: bool = False,
    plugins: Mapping[str, object] | None = None,
    installed: bool | Iterable[str] = True,
    strict: bool = True,
    host: PluginHost | None = None,
) -> DemoRun:
    """The main job on a shipped workspace (the sample school, or a plugin's): copy it into
    ``outdir/workspace``, validate it, evaluate every scheme of the year, and write the report
    (Markdown, HTML, Word) and the score sheets (Excel) into ``outdir``.

    The copy is validated and every file rendered before anything lands in ``outdir``; a run
    that fails leaves ``outdir`` as it found it (and does not create it).
    """
    outdir = Path(outdir)
    host = host or plugin_host(plugins, installed=installed, strict=strict)
    offered = shipped_workspaces(host)
    if school not in offered:
        known = ", ".join(sorted(offered))
        raise UnknownIdError(f"no plugin ships a workspace {school!r} (known: {known})")
    names = [f"report.{fmt}" for fmt in REPORT_FORMATS] + [f"scores.{SCORES_FORMAT}"]
    target = outdir / "workspace"
    _refuse_existing([outdir / n for n in names], force, folders=[target])
    with tempfile.TemporaryDirectory(prefix=".schoolwork-demo-") as scratch:
        staging = Path(scratch) / "workspace"
        ignore = shutil.ignore_patterns("__pycache__", "*.py")
        shutil.copytree(offered[school][1], staging, ignore=ignore)
        session = open_workspace(staging, host=host)
        chosen = session.year(year)
        evaluations = session.evaluate_year(chosen)
        report = session.report(chosen, lang=lang, evaluations=evaluations)
        files = session.rendered(report, evaluations, (*REPORT_FORMATS, SCORES_FORMAT), lang=lang)
        # Everything is rendered; the workspace and the files land together, or none of them.
        with staged(outdir) as stage:
            stage.copy_tree(target.name, staging)
            written = [stage.write(name, data) for name, data in files.items()]
    session = Session(attrs.evolve(session.loaded, root=target), host)
    return DemoRun(session, chosen, tuple(evaluations), (target, *written))


@attrs.frozen
class RosterImport:
    """What :func:`import_roster` did: the school file, each person added or updated, how many
    rows changed nothing, whether the file was written (not with ``dry_run``, nor when nothing
    changes) and whether its layout and comments were kept (see
    :func:`schoolwork.roster.school_text`)."""

    school_file: Path
    changes: tuple[Change, ...]
    unchanged: int
    written: bool
    layout_kept: bool


def import_roster(
    directory: str | Path,
    roster: str | Path,
    *,
    dry_run: bool = False,
    same_name: bool = False,
    rewrite: bool = False,
    host: PluginHost | None = None,
) -> RosterImport:
    """Add and update the people of the workspace in ``directory`` from the staff roster
    ``roster`` (.xlsx or .csv); see :mod:`schoolwork.roster` for its columns.

    Every bad cell of the roster is a :class:`~schoolwork.WorkspaceError` naming its row and
    column, and so is anything the import would break in the workspace (a person who leads a
    unit marked as left): problems that validation finds after the import and not before,
    each saying so. Nothing is written then, nor with ``dry_run``; otherwise ``school.toml``
    (or ``school.json``) is replaced atomically. A ``school.toml`` that cannot be edited line
    by line is written whole in schoolwork's layout, losing its comments, only with
    ``rewrite``; without it that is a :class:`~schoolwork.UsageError`.
    """
    host = host or plugin_host()
    loaded, problems = _read(Path(directory), host)
    if loaded is None:
        raise WorkspaceError(problems)
    source = Path(roster)
    plan = plan_import(read_roster(source), loaded.workspace, same_name=same_name)
    school_file = Path(loaded.file("school"))
    if not plan.changes:
        return RosterImport(school_file, (), plan.unchanged, written=False, layout_kept=True)
    after = attrs.evolve(loaded, workspace=attrs.evolve(loaded.workspace, people=plan.people))
    before = set(validate(loaded, host))
    broken = [
        attrs.evolve(p, found=f"{p.found or ''} (after importing {source.name})".lstrip())
        for p in validate(after, host)
        if p not in before
    ]
    if broken:
        raise WorkspaceError(broken)
    fields = {f.name: getattr(after.workspace, f.name) for f in attrs.fields(SchoolDocument)}
    text, kept = school_text(school_file, SchoolDocument(**fields))
    if not kept and school_file.suffix == ".toml" and not rewrite:
        raise UsageError(
            f"{school_file}: its people are not laid out as [[people]] tables, one per person, "
            "so the import cannot edit them line by line; add --rewrite to write the file "
            "whole in schoolwork's layout (its comments are not kept)"
        )
    if not dry_run:
        write_text(school_file, text)
    return RosterImport(school_file, plan.changes, plan.unchanged, not dry_run, kept)


def _in_year(scheme: Scheme, year: str | None) -> Scheme:
    """``scheme`` for school year ``year`` (checked to be a year's name), or as it is."""
    if year is None:
        return scheme
    _check_year(year)
    return attrs.evolve(scheme, period=year)


def _check_year(year: str) -> None:
    if parse_school_year_name(year) is None:
        raise UsageError(f"year {year!r}: expected a school year such as 2023-2024")


def init_workspace(
    directory: str | Path, *, sample: bool = False, force: bool = False
) -> list[Path]:
    """Create a workspace in ``directory``: a ``school.toml`` skeleton, or the sample school.

    A file, or a folder that already holds files, is refused with
    :class:`~schoolwork.UsageError` unless ``force`` (for a folder): then files of the same
    name are replaced and others are left alone. Returns the files written. The files land
    together or not at all (:func:`schoolwork.atomic.staged`): a folder that cannot be written,
    or a disk that fills up, leaves ``directory`` as it was (and does not create it).
    """
    directory = Path(directory)
    if directory.exists() and not directory.is_dir():
        raise UsageError(f"{directory} is a file; expected a folder")
    if directory.exists() and any(directory.iterdir()) and not force:
        raise UsageError(f"{directory} is not empty; choose a new folder or add --force")
    if not sample:
        files = {Path("school.toml"): skeleton_text(date.today()).encode("utf-8")}
    else:
        with tempfile.TemporaryDirectory(prefix=".schoolwork-sample-") as scratch:
            copied = copy_sample(Path(scratch))
            files = {path.relative_to(scratch): path.read_bytes() for path in copied}
    _refuse_existing([directory / name for name in files], force=True)
    with staged(directory) as stage:
        return [stage.write(name, data) for name, data in files.items()]


__all__ = [
    "BUILTIN_PLUGINS",
    "DemoRun",
    "RosterImport",
    "Session",
    "demo",
    "find_subject",
    "import_roster",
    "init_workspace",
    "open_workspace",
    "plugin_host",
    "read_workspace",
    "record_kinds",
    "render",
    "shipped_workspaces",
    "validate",
    "write_files",
    "write_streamed",
]
