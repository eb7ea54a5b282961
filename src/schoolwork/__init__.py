"""schoolwork: typed models of how schools plan, assign, evaluate and report their work.

This package is the public face: everything a user or a plugin author needs is importable
from ``schoolwork`` itself, and only what is listed in ``__all__`` is promised to stay. The
modules behind it are the rooms of the house; import from them at your own risk.

The main job, from Python::

    import schoolwork

    school = schoolwork.open("my-school")          # read, validate, with installed plugins
    scheme, evaluation = school.evaluate("teacher-2023")
    print(school.explain("teacher-2023", "王老师"))
    school.export("out")                            # report.md/.html/.docx and scores.xlsx
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("schoolwork")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"

from schoolwork.bureau import CountyEvaluation, evaluate_schools
from schoolwork.calendar import Holiday, SchoolCalendar, SchoolYear, Semester, period_span
from schoolwork.conditions import Clause, Condition, Op
from schoolwork.errors import (
    HandoverError,
    MissingExtraError,
    PluginError,
    Problem,
    SchemeError,
    TransitionError,
    UnknownIdError,
    UsageError,
    WorkspaceError,
)
from schoolwork.evaluation.appeals import AppealOutcome
from schoolwork.evaluation.banding import quota_places
from schoolwork.evaluation.changes import (
    Change,
    Comparison,
    InputChange,
    RuleChange,
    SubjectChange,
    ValueChange,
)
from schoolwork.evaluation.engine import evaluate
from schoolwork.evaluation.frozen import Frozen, FrozenSubject
from schoolwork.evaluation.gains import values_from as gain_values_from
from schoolwork.evaluation.output import explain
from schoolwork.goals import (
    CheckIn,
    DevelopmentPlan,
    Goal,
    GoalDirection,
    GoalIndicator,
    GoalStatus,
    GoalTree,
    Phase,
)
from schoolwork.grid import Cell, Duty, Grid
from schoolwork.job import (
    DemoRun,
    Session,
    demo,
    find_subject,
    init_workspace,
    plugin_host,
    render,
    shipped_workspaces,
)
from schoolwork.job import open_workspace as open
from schoolwork.labels import Lang, label
from schoolwork.levels import Level
from schoolwork.organisation import Person, Role, RoleKind, School, Tier, Unit, UnitKind
from schoolwork.plans import Budget, Plan5W2H, Quantity, When
from schoolwork.plugins import PluginHost, PluginInfo, hookimpl
from schoolwork.projects import Project, ProjectState, Review, SourceDocument
from schoolwork.records import (
    CORE_KINDS,
    Activity,
    Appeal,
    AppealDecision,
    AwardRank,
    Ballot,
    Honour,
    Incident,
    Inspection,
    Provenance,
    Recipient,
    RecipientKind,
    RecordBook,
    RecordKind,
    Severity,
    owned_by,
)
from schoolwork.reports.arrow import scores_table
from schoolwork.reports.listings import GoalListing, GridTables, ProjectBoard, RecordTallies
from schoolwork.reports.model import (
    Chart,
    Edition,
    PartKind,
    Report,
    Section,
    Series,
    Table,
    Text,
)
from schoolwork.reports.renderers import ReportRenderer, ScoresRenderer
from schoolwork.results import (
    Adjustment,
    BandMove,
    DimensionScore,
    Evaluation,
    IndicatorScore,
    IndicatorValue,
    Subject,
    SubjectResult,
    ValueStatus,
    Veto,
)
from schoolwork.scheme import (
    AbsentGroup,
    Aggregate,
    Band,
    BonusRule,
    Combine,
    Dimension,
    Direction,
    Gain,
    GainKind,
    Indicator,
    Method,
    Missing,
    MissingBaseline,
    Part,
    PointsRule,
    QuotaRounding,
    Ranking,
    RankKey,
    RaterGroup,
    Raters,
    RaterWeight,
    RecordSource,
    Rounding,
    RuleKind,
    Scheme,
    SchemeSource,
    Split,
    SubjectKind,
    Threshold,
    TieOrder,
    TiePolicy,
    VetoEffect,
    VetoRule,
)
from schoolwork.workspace import LoadedWorkspace, Workspace, read_schemes

__all__ = [
    "CORE_KINDS",
    "AbsentGroup",
    "Activity",
    "Adjustment",
    "Aggregate",
    "Appeal",
    "AppealDecision",
    "AppealOutcome",
    "AwardRank",
    "Ballot",
    "Band",
    "BandMove",
    "BonusRule",
    "Budget",
    "Cell",
    "Change",
    "Chart",
    "CheckIn",
    "Clause",
    "Combine",
    "Comparison",
    "Condition",
    "CountyEvaluation",
    "DemoRun",
    "DevelopmentPlan",
    "Dimension",
    "DimensionScore",
    "Direction",
    "Duty",
    "Edition",
    "Evaluation",
    "Frozen",
    "FrozenSubject",
    "Gain",
    "GainKind",
    "Goal",
    "GoalDirection",
    "GoalIndicator",
    "GoalListing",
    "GoalStatus",
    "GoalTree",
    "Grid",
    "GridTables",
    "HandoverError",
    "Holiday",
    "Honour",
    "Incident",
    "Indicator",
    "IndicatorScore",
    "IndicatorValue",
    "InputChange",
    "Inspection",
    "Lang",
    "Level",
    "LoadedWorkspace",
    "Method",
    "Missing",
    "MissingBaseline",
    "MissingExtraError",
    "Op",
    "Part",
    "PartKind",
    "Person",
    "Phase",
    "Plan5W2H",
    "PluginError",
    "PluginHost",
    "PluginInfo",
    "PointsRule",
    "Problem",
    "Project",
    "ProjectBoard",
    "ProjectState",
    "Provenance",
    "Quantity",
    "QuotaRounding",
    "RankKey",
    "Ranking",
    "RaterGroup",
    "RaterWeight",
    "Raters",
    "Recipient",
    "RecipientKind",
    "RecordBook",
    "RecordKind",
    "RecordSource",
    "RecordTallies",
    "Report",
    "ReportRenderer",
    "Review",
    "Role",
    "RoleKind",
    "Rounding",
    "RuleChange",
    "RuleKind",
    "Scheme",
    "SchemeError",
    "SchemeSource",
    "School",
    "SchoolCalendar",
    "SchoolYear",
    "ScoresRenderer",
    "Section",
    "Semester",
    "Series",
    "Session",
    "Severity",
    "SourceDocument",
    "Split",
    "Subject",
    "SubjectChange",
    "SubjectKind",
    "SubjectResult",
    "Table",
    "Text",
    "Threshold",
    "TieOrder",
    "TiePolicy",
    "Tier",
    "TransitionError",
    "Unit",
    "UnitKind",
    "UnknownIdError",
    "UsageError",
    "ValueChange",
    "ValueStatus",
    "Veto",
    "VetoEffect",
    "VetoRule",
    "When",
    "Workspace",
    "WorkspaceError",
    "__version__",
    "demo",
    "evaluate",
    "evaluate_schools",
    "explain",
    "find_subject",
    "gain_values_from",
    "hookimpl",
    "init_workspace",
    "label",
    "open",
    "owned_by",
    "period_span",
    "plugin_host",
    "quota_places",
    "read_schemes",
    "render",
    "scores_table",
    "shipped_workspaces",
]
