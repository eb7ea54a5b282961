"""The batch job of a bureau over a folder of schools: executors agree byte for byte, ids are
qualified, bad input names its school's file, and the command writes CSV and JSON."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import schoolwork
from schoolwork import bureau
from schoolwork import values as values_module
from schoolwork.cli import cli
from schoolwork.evaluation import engine
from schoolwork.plugins import PluginHost
from schoolwork.sample import copy_sample

SCHEME = "teacher-2023"


def school(folder: Path, school_id: str) -> Path:
    copy_sample(folder)
    for path in folder.rglob("*"):
        if path.is_file() and path.suffix in {".toml", ".csv", ".md"}:
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace("sample-school", school_id), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("county")
    for name in ("a", "b", "c"):
        school(root / name, f"school-{name}")
    # School c's teachers did a little worse everywhere, so schools do not simply tie.
    values = root / "c" / "values" / f"{SCHEME}.csv"
    lines = values.read_text(encoding="utf-8").splitlines()
    lowered = [lines[0]] + [line.replace(".5", ".1") for line in lines[1:]]
    values.write_text("\n".join(lowered) + "\n", encoding="utf-8")
    return root


def written(evaluation: schoolwork.CountyEvaluation, folder: Path, name: str) -> bytes:
    return evaluation.write(folder / name, force=True).read_bytes()


def test_serial_and_process_pool_write_the_same_bytes(county: Path, tmp_path: Path) -> None:
    told: list[tuple[int, int, int]] = []
    serial = schoolwork.evaluate_schools(
        county, SCHEME, executor="serial", installed=False, progress=lambda *a: told.append(a)
    )
    pooled = schoolwork.evaluate_schools(county, SCHEME, executor="process", workers=2)
    assert told[-1] == (3, 3, len(serial.results))
    for name in ("out.csv", "out.json"):
        assert written(serial, tmp_path / "s", name) == written(pooled, tmp_path / "p", name)
    ids = [d.row.id for d in serial.results]
    assert len(ids) == len(set(ids)) == 3 * 49
    assert {i.split("/")[0] for i in ids} == {"school-a", "school-b", "school-c"}
    csv = (tmp_path / "s" / "out.csv").read_bytes()
    assert csv.startswith(b"\xef\xbb\xbfrank,id,school,name,")
    data = json.loads((tmp_path / "s" / "out.json").read_text(encoding="utf-8"))
    assert [r["id"] for r in data["results"]] == ids


def test_one_school_is_its_own_evaluation_under_qualified_ids(county: Path) -> None:
    alone = schoolwork.evaluate_schools([county / "a"], SCHEME, executor="serial")
    _, whole = schoolwork.open(county / "a").evaluate(SCHEME)
    assert [d.row.id for d in alone.results] == [f"school-a/{r.subject.id}" for r in whole.results]
    for decided, result in zip(alone.results, whole.results, strict=True):
        assert (decided.row.score, decided.rank, decided.band) == (
            result.score,
            result.rank,
            result.band,
        )
        assert decided.moves == result.moves
    # The full explanation is rebuilt from the school's files, equal but for the id.
    some = whole.results[5]
    rebuilt = alone.result(f"school-a/{some.subject.id}")
    assert rebuilt.subject.id == f"school-a/{some.subject.id}"
    assert rebuilt.dimensions == some.dimensions
    assert (rebuilt.score, rebuilt.rank, rebuilt.band) == (some.score, some.rank, some.band)


def test_quotas_and_ranks_are_the_countys(county: Path) -> None:
    evaluation = schoolwork.evaluate_schools(county, SCHEME, executor="serial")
    scheme = evaluation.scheme
    total = len(evaluation.results)
    for band in scheme.bands:
        places = schoolwork.quota_places(band, total)
        if places is not None:
            assert sum(d.band == band.name for d in evaluation.results) <= places
    ranks = [d.rank for d in evaluation.results]
    assert ranks == sorted(ranks)
    assert ranks[-1] > 49  # ranked over the county, not each school's 49


def test_dask_local_cluster_gives_the_same_result(county: Path, tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    serial = schoolwork.evaluate_schools(county, SCHEME, executor="serial")
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        on_dask = schoolwork.evaluate_schools(county, SCHEME, executor=client)
    assert written(on_dask, tmp_path / "d", "out.json") == written(serial, tmp_path, "out.json")


def test_bad_input_in_one_school_names_its_file(county: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    for name in ("a", "b"):
        school(bad / name, f"school-{name}")
    values = bad / "b" / "values" / f"{SCHEME}.csv"
    values.write_text(values.read_text(encoding="utf-8").replace("95.5", "lots"), "utf-8")
    with pytest.raises(schoolwork.WorkspaceError, match=r"b/values/teacher-2023\.csv"):
        schoolwork.evaluate_schools(bad, SCHEME, executor="serial")
    result = CliRunner().invoke(
        cli, ["--lang", "en", "county", str(bad), "--scheme", SCHEME, "-o", str(tmp_path / "o.csv")]
    )
    assert result.exit_code == 2
    assert "b/values/teacher-2023.csv" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "o.csv").exists()


def test_schools_must_hold_the_same_scheme(tmp_path: Path) -> None:
    for name in ("a", "b"):
        school(tmp_path / name, f"school-{name}")
    schemes = tmp_path / "b" / "schemes.toml"
    text = schemes.read_text(encoding="utf-8")
    schemes.write_text(text.replace("教师年度考核", "教师年度考核（改）", 1), encoding="utf-8")
    with pytest.raises(schoolwork.SchemeError, match=r"differs from the one in .*a"):
        schoolwork.evaluate_schools(tmp_path, SCHEME, executor="serial")


def test_a_task_carries_each_distinct_scheme_once(county: Path, tmp_path: Path) -> None:
    roots = bureau.schools_in(county)
    parts = bureau._Scoring(SCHEME, None, False)(roots)
    assert [p.root for p in parts] == roots
    # equal schemes read from three files become one object, pickled once with the task
    assert parts[1].scheme is parts[0].scheme
    assert parts[2].scheme is parts[0].scheme
    for name in ("a", "b"):
        school(tmp_path / name, f"school-{name}")
    schemes = tmp_path / "b" / "schemes.toml"
    text = schemes.read_text(encoding="utf-8")
    schemes.write_text(text.replace("教师年度考核", "教师年度考核（改）", 1), encoding="utf-8")
    first, second = bureau._Scoring(SCHEME, None, False)(bureau.schools_in(tmp_path))
    assert first.scheme != second.scheme  # a different one is kept as it is, to be refused
    assert second.scheme.name == "教师年度考核（改）"


def test_two_schools_with_one_id_are_refused(tmp_path: Path) -> None:
    for name in ("a", "b"):
        school(tmp_path / name, "school-x")
    with pytest.raises(schoolwork.UsageError, match="school id 'school-x' is also the id of"):
        schoolwork.evaluate_schools(tmp_path, SCHEME, executor="serial")


def test_the_command_writes_with_progress_and_refuses_to_replace(
    county: Path, tmp_path: Path
) -> None:
    out = tmp_path / "county.json"
    args = ["--lang", "en", "county", str(county), "--scheme", SCHEME, "-o", str(out)]
    result = CliRunner().invoke(cli, [*args, "--executor", "serial"])
    assert result.exit_code == 0, result.output
    assert "3/3 schools, 147 subjects scored" in result.stderr
    assert len(json.loads(out.read_text(encoding="utf-8"))["results"]) == 147
    again = CliRunner().invoke(cli, [*args, "--executor", "serial"])
    assert again.exit_code == 2
    assert "--force" in again.output or "exists" in again.output
    zh = CliRunner().invoke(cli, ["--lang", "zh", "county", "--help"])
    assert "按考核方案" in zh.output


def test_each_school_costs_its_own_data_only(county: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One plugin host and one scheme check serve every school of a task; each school's values
    file is parsed once; the results are those of a fresh host for each school."""
    hosts: list[object] = []
    checks: list[object] = []
    parsed: list[str] = []
    build, check, parse = bureau.build_host, engine.check_scheme, values_module.parse_values

    def counting_host(**kwargs: Any) -> PluginHost:
        hosts.append(kwargs)
        return build(**kwargs)

    def counting_check(*args: Any) -> None:
        checks.append(args)
        check(*args)

    def counting_parse(text: str, file: str, *args: Any) -> values_module.Values:
        parsed.append(file)
        return parse(text, file, *args)

    monkeypatch.setattr(bureau, "build_host", counting_host)
    monkeypatch.setattr(engine, "check_scheme", counting_check)
    monkeypatch.setattr(values_module, "parse_values", counting_parse)
    shared = schoolwork.evaluate_schools(county, SCHEME, executor="serial", installed=False)
    # One host for the tasks, one for the county's own band plugins.
    assert len(hosts) == 2
    assert len(checks) == 1
    teachers = [p for p in parsed if p.endswith(f"{SCHEME}.csv")]
    assert len(teachers) == len(set(teachers)) == 3
    # Without reuse (a plugin bound to a school would forbid it), the same results.
    monkeypatch.setattr(PluginHost, "serves_every_school", lambda self: False)
    fresh = schoolwork.evaluate_schools(county, SCHEME, executor="serial", installed=False)
    assert len(hosts) == 2 + 3 + 1
    assert fresh.results == shared.results


def test_without_the_scale_extra_the_dask_executor_says_how_to_install_it(
    county: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # None in sys.modules makes ``import distributed`` fail as it does without the extra.
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(schoolwork.MissingExtraError, match=r"pip install 'schoolwork\[scale\]'"):
        schoolwork.evaluate_schools(county, SCHEME, executor="dask", installed=False)
    with pytest.raises(schoolwork.UsageError, match="unknown executor 'threads'"):
        schoolwork.evaluate_schools(county, SCHEME, executor="threads", installed=False)


def test_importing_schoolwork_leaves_dask_unimported() -> None:
    # distributed takes longer to import than schoolwork: only the Dask executor imports it.
    code = "import sys, schoolwork; print('distributed' in sys.modules)"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "False"
