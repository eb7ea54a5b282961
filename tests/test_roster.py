"""A staff roster (花名册) imported into school.toml from a CSV file or an Excel workbook."""

from __future__ import annotations

import errno
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from schoolwork import atomic
from schoolwork.cli import cli
from schoolwork.converter import dumps
from schoolwork.job import import_roster, open_workspace
from schoolwork.organisation import Role, RoleKind
from schoolwork.workspace import SchoolDocument

HEADER = "工号,姓名,岗位,部门,学科,在岗\n"


def write_roster(folder: Path, body: str, header: str = HEADER, name: str = "roster.csv") -> Path:
    path = folder / name
    path.write_text(header + body, encoding="utf-8")
    return path


def run(
    runner: CliRunner, workspace: Path, roster: Path, *args: str, lang: str = "en"
) -> tuple[int, str, str]:
    result = runner.invoke(
        cli, ["--lang", lang, "roster", "import", str(workspace), str(roster), *args]
    )
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, result.stdout, result.stderr


def refused(
    runner: CliRunner, workspace: Path, roster: Path, *args: str, lang: str = "en"
) -> list[str]:
    """The problems of an import that must fail, after checking it wrote nothing."""
    before = (workspace / "school.toml").read_bytes()
    result = runner.invoke(
        cli, ["--lang", lang, "roster", "import", str(workspace), str(roster), *args]
    )
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.stdout == ""
    assert (workspace / "school.toml").read_bytes() == before
    return [line for line in result.stderr.splitlines() if line.startswith(("error", "错误"))]


def test_a_roster_adds_and_updates_people_and_keeps_the_rest_of_the_file(
    runner: CliRunner, schoolwork_sample_dir: Path, tmp_path: Path
) -> None:
    ws = schoolwork_sample_dir
    school = ws / "school.toml"
    original = school.read_text(encoding="utf-8")
    # A comment between two people, and one closing the file: both must survive.
    marked = (
        original.replace('[[people]]\nid = "T004"', '# 后勤副校长\n[[people]]\nid = "T004"')
        + "# 名单完\n"
    )
    school.write_text(marked, encoding="utf-8")
    roster = write_roster(
        tmp_path,
        "T003,孙桂婷,副校长（德育与安全）、教研组长（数学教研组）,德育处、安全办公室,数学,\n"
        "T005,梁辉强,处室主任（办公室）,,,\n"  # as it is: nothing changes
        "T100,王小明,班主任、教师,四年级一班,数学,\n"
        "T101,李四,teacher,class-4-2,,是\n",
        header="2024年教职工花名册\n" + HEADER,
    )

    code, out, err = run(runner, ws, roster)

    assert (code, err) == (0, ""), err
    assert out.splitlines() == [
        "update T003 孙桂婷: units 德育处、安全办公室、数学教研组 → 德育处、安全办公室",
        "add T100 王小明: roles 班主任（四年级一班）、教师; units 四年级一班; subject 数学",
        "add T101 李四: roles 教师; units 四年级二班",
        f"wrote {school}: 2 added, 1 updated, 1 unchanged",
    ]
    text = school.read_text(encoding="utf-8")
    old_t003 = marked[marked.index('[[people]]\nid = "T003"') : marked.index("# 后勤副校长")]
    new_t003 = (
        '[[people]]\nid = "T003"\nname = "孙桂婷"\n'
        'roles = [{ kind = "vice_principal", area = "德育与安全" }, '
        '{ kind = "group_leader", unit = "rg-math" }]\n'
        'units = ["office-moral", "office-safety"]\nsubject = "数学"\n'
        'tier = "backbone"\ntier_level = "city"\n\n'
    )
    assert text == marked.replace(old_t003, new_t003) + (
        '\n[[people]]\nid = "T100"\nname = "王小明"\n'
        'roles = [{ kind = "head_teacher", unit = "class-4-1" }, { kind = "teacher" }]\n'
        'units = ["class-4-1"]\nsubject = "数学"\n'
        '\n[[people]]\nid = "T101"\nname = "李四"\nroles = [{ kind = "teacher" }]\n'
        'units = ["class-4-2"]\n'
    )
    session = open_workspace(ws, installed=False)
    assert session.workspace.person("T100").roles == (
        Role(RoleKind.HEAD_TEACHER, unit="class-4-1"),
        Role(RoleKind.TEACHER),
    )
    # The same roster again changes nothing and writes nothing.
    code, out, _ = run(runner, ws, roster)
    assert code == 0
    assert out == f"nothing to change (0 added, 0 updated, 4 unchanged); {school} not written\n"
    assert school.read_text(encoding="utf-8") == text


def test_a_workbook_roster_with_a_title_and_numbers_for_ids(
    runner: CliRunner, schoolwork_sample_dir: Path, tmp_path: Path
) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "花名册"
    sheet.append(["沂源县第二实验小学2024年教职工花名册"])
    sheet.append(["序号", None, None])  # a sub-title row is not the header: no 工号 in it
    sheet.append(["工号", "姓名", "岗位", "部门"])
    sheet.append([1001, "赵一", "职工", "总务处"])
    path = tmp_path / "roster.xlsx"
    book.save(path)

    code, out, _ = run(runner, schoolwork_sample_dir, path, lang="zh")

    assert code == 0, out
    session = open_workspace(schoolwork_sample_dir, installed=False)
    person = session.workspace.person("1001")
    assert (person.name, person.roles, person.units) == (
        "赵一",
        (Role(RoleKind.STAFF),),
        ("office-logistics",),
    )


def test_every_bad_cell_is_named_by_row_and_column(
    runner: CliRunner, schoolwork_sample_dir: Path, tmp_path: Path
) -> None:
    roster = write_roster(
        tmp_path,
        "T100,王小明,班主任,四年级,,\n"  # a class is needed and the row names none
        "T101,李四,班主任（四年级）,,,\n"  # a grade is no class
        "T102,张三,副校长,,,\n"  # no area
        "T103,王五,校工,,,\n"  # no such post
        "T104,赵六,教师（四年级一班）,,,\n"  # a teacher holds no unit
        "T105,钱七,教师,五年级八班,,\n"  # no such unit
        "T106,孙八,教师,,,可能\n"  # neither yes nor no
        "T107,,教师,,,\n"  # a new person without a name
        ",周九,教师,,,\n"  # no id
        "T100,王小明,教师,,,\n",  # the same id again
    )
    file = f"{roster}: "
    assert refused(runner, schoolwork_sample_dir, roster) == [
        f"error: {file}row 2, column 岗位: expected the class the post is held in, in brackets, "
        "e.g. 班主任（…）, found '班主任'",
        f"error: {file}row 3, column 岗位: expected a class of the school for head_teacher "
        "(did you mean '四年级二班'?), found '四年级', a grade",
        f"error: {file}row 4, column 岗位: expected a vice principal's area in brackets, "
        "e.g. 副校长（教学）, found '副校长'",
        f"error: {file}row 5, column 岗位: expected a post: principal, party_secretary, "
        "vice_principal, office_director, grade_director, head_teacher, group_leader, teacher, "
        "staff, or its Chinese name, found '校工'",
        f"error: {file}row 6, column 岗位: expected teacher without a unit in brackets, "
        "found '教师（四年级一班）'",
        f"error: {file}row 7, column 部门: expected a unit of the school, by name or id "
        "(did you mean '五年级二班'?), found '五年级八班'",
        f"error: {file}row 8, column 在岗: expected 是 or 否 (true or false), found '可能'",
        f"error: {file}row 9, column 姓名: expected the name of the new person T107, "
        "found an empty cell",
        f"error: {file}row 10, column 工号: expected a staff id, found an empty cell",
        f"error: {file}row 11, column 工号: expected a staff id listed once (also on row 2), "
        "found 'T100'",
    ]


def test_problems_in_chinese(
    runner: CliRunner, schoolwork_sample_dir: Path, tmp_path: Path
) -> None:
    roster = write_roster(tmp_path, "T100,王小明,班主任（四年级）,,,\nT101,李四,教师,,,可能\n")
    assert refused(runner, schoolwork_sample_dir, roster, lang="zh") == [
        f"错误：{roster}：row 2, column 岗位：应为“班主任”所在的班级（名称或 id）"
        "（是不是 四年级二班？），实为 '四年级', a grade",
        f"错误：{roster}：row 3, column 在岗：应为“是”或“否”，实为 '可能'",
    ]


def test_the_header_is_checked(
    runner: CliRunner, schoolwork_sample_dir: Path, tmp_path: Path
) -> None:
    roster = write_roster(tmp_path, "T100,教师,,\n", header="工号,岗位,unit,岗位\n")
    assert refused(runner, schoolwork_sample_dir, roster) == [
        f"error: {roster}: row 1, column unit: expected a roster column: 工号 (id), 姓名 (name), "
        "岗位 (roles), 部门 (units), 学科 (subject), 在岗 (active) (did you mean 'units'?), "
        "found 'unit'",
        f"error: {roster}: row 1, column 岗位: expected each column once, "
        "found columns 2 and 4 both 岗位",
        f"error: {roster}: row 1: expected a column 姓名 (or name), found none",
    ]


def test_a_new_person_who_shares_a_name_needs_same_name(
    runner: CliRunner, schoolwork_sample_dir: Path, tmp_path: Path
) -> None:
    roster = write_roster(tmp_path, "T200,孙桂婷,教师,,,\n")
    assert refused(runner, schoolwork_sample_dir, roster) == [
        f"error: {roster}: row 2, column 姓名: expected a name no one else has (T003 is 孙桂婷 "
        "too; if they are two people, import with --same-name), found '孙桂婷'"
    ]
    code, out, _ = run(runner, schoolwork_sample_dir, roster, "--same-name")
    assert code == 0
    assert out.startswith("add T200 孙桂婷: roles 教师\n")


def test_an_import_that_would_break_the_workspace_is_refused(
    runner: CliRunner, schoolwork_sample_dir: Path, tmp_path: Path
) -> None:
    """T010 leads units and owns a grid cell: marking them as left would leave those empty."""
    roster = write_roster(tmp_path, "T010,,,,,否\n")
    lines = refused(runner, schoolwork_sample_dir, roster)
    school = schoolwork_sample_dir / "school.toml"
    assert lines[0] == (
        f"error: {school}: units[5].leader: expected a person still at the school, "
        "found 'T010', who left (after importing roster.csv)"
    )
    assert all(line.endswith("(after importing roster.csv)") for line in lines)


def test_dry_run_writes_nothing(
    runner: CliRunner, schoolwork_sample_dir: Path, tmp_path: Path
) -> None:
    school = schoolwork_sample_dir / "school.toml"
    before = school.read_bytes()
    roster = write_roster(tmp_path, "T100,王小明,教师,,,\n")
    code, out, _ = run(runner, schoolwork_sample_dir, roster, "--dry-run", lang="zh")
    assert code == 0
    assert out.splitlines() == [
        "新增 T100 王小明：岗位 教师",
        f"试运行：新增 1 人，更新 0 人，未变 0 人；未写入 {school}",
    ]
    assert school.read_bytes() == before


def test_a_failed_write_leaves_school_toml_as_it_was(
    runner: CliRunner,
    schoolwork_sample_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    school = schoolwork_sample_dir / "school.toml"
    before = school.read_bytes()
    roster = write_roster(tmp_path, "T100,王小明,教师,,,\n")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", full)
    code, _, err = run(runner, schoolwork_sample_dir, roster)
    assert code == 2
    assert err == f"error: cannot write {school}: no space left on the disk (nothing was written)\n"
    assert school.read_bytes() == before
    assert sorted(p.name for p in schoolwork_sample_dir.iterdir() if p.name.startswith(".")) == []


def test_people_written_inline_need_rewrite(
    runner: CliRunner, schoolwork_sample_dir: Path, tmp_path: Path
) -> None:
    """A school.toml whose people are one inline array cannot take a table at its end."""
    school = schoolwork_sample_dir / "school.toml"
    text = school.read_text(encoding="utf-8")
    head, _ = text.split("[[people]]", 1)
    inline = '# 教职工\npeople = [{ id = "T001", name = "薛红芳" }]\n'
    school.write_text(inline + head, encoding="utf-8")
    roster = write_roster(tmp_path, "T100,王小明,教师,,,\n")
    lines = runner.invoke(cli, ["roster", "import", str(schoolwork_sample_dir), str(roster)])
    assert lines.exit_code == 2
    assert lines.stderr == (
        f"error: {school}: its people are not laid out as [[people]] tables, one per person, so "
        "the import cannot edit them line by line; add --rewrite to write the file whole in "
        "schoolwork's layout (its comments are not kept)\n"
    )
    code, _, err = run(runner, schoolwork_sample_dir, roster, "--rewrite")
    assert code == 0, err
    assert err == f"warning: {school} was written whole in schoolwork's layout\n"
    rewritten = school.read_text(encoding="utf-8")
    assert "# 教职工" not in rewritten
    assert 'id = "T100"' in rewritten


def test_a_json_school_is_written_as_json(
    runner: CliRunner, schoolwork_sample_dir: Path, tmp_path: Path
) -> None:
    ws = schoolwork_sample_dir
    loaded = open_workspace(ws, installed=False)
    school_json = ws / "school.json"
    workspace = loaded.workspace
    document = SchoolDocument(
        workspace.school, workspace.calendar, workspace.units, workspace.people
    )
    school_json.write_text(dumps(document, "json"), encoding="utf-8")
    (ws / "school.toml").unlink()
    roster = write_roster(tmp_path, "T100,王小明,教师,,,\n")
    done = import_roster(ws, roster, host=None)
    assert done.school_file == school_json
    assert not done.layout_kept
    people = json.loads(school_json.read_text(encoding="utf-8"))["people"]
    assert people[-1] == {"id": "T100", "name": "王小明", "roles": [{"kind": "teacher"}]}


def test_a_roster_of_another_kind_is_refused(
    runner: CliRunner, schoolwork_sample_dir: Path, tmp_path: Path
) -> None:
    path = tmp_path / "roster.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    assert refused(runner, schoolwork_sample_dir, path) == [
        f"error: {path}: expected a roster saved as .xlsx or .csv, found '.xls'"
    ]


def test_english_headers(runner: CliRunner, schoolwork_sample_dir: Path, tmp_path: Path) -> None:
    roster = write_roster(
        tmp_path,
        "T100,Wang,head_teacher(class-4-1); teacher,class-4-1,,yes\n",
        header="id,name,roles,units,subject,active\n",
    )
    code, out, _ = run(runner, schoolwork_sample_dir, roster)
    assert code == 0
    assert out.splitlines()[0] == (
        "add T100 Wang: roles 班主任（四年级一班）、教师; units 四年级一班"
    )


def test_a_workbook_formula_without_a_saved_result_is_refused(
    runner: CliRunner, schoolwork_sample_dir: Path, tmp_path: Path
) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.append(["工号", "姓名"])
    book.active.append(["T100", '=CONCAT("王","小明")'])  # openpyxl saves no result for it
    path = tmp_path / "roster.xlsx"
    book.save(path)
    assert refused(runner, schoolwork_sample_dir, path) == [
        f"error: {path}: sheet Sheet, row 2, column 姓名: expected a value, not a formula "
        "without a saved result (open the file in Excel or WPS and save it, or type the "
        'value), found \'=CONCAT("王","小明")\''
    ]


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_an_exported_roster_imports_back_without_a_change(
    runner: CliRunner, schoolwork_sample_dir: Path, tmp_path: Path, suffix: str
) -> None:
    if suffix == ".xlsx":
        pytest.importorskip("openpyxl")
    target = tmp_path / f"花名册{suffix}"
    result = runner.invoke(
        cli, ["--lang", "en", "roster", "export", str(schoolwork_sample_dir), "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    before = (schoolwork_sample_dir / "school.toml").read_bytes()
    code, out, _ = run(runner, schoolwork_sample_dir, target)
    assert code == 0
    assert out.startswith("nothing to change (0 added, 0 updated, 61 unchanged)")
    assert (schoolwork_sample_dir / "school.toml").read_bytes() == before


def test_the_exported_roster_in_csv(
    runner: CliRunner, schoolwork_sample_dir: Path, tmp_path: Path
) -> None:
    target = tmp_path / "roster.csv"
    result = runner.invoke(cli, ["roster", "export", str(schoolwork_sample_dir), "-o", str(target)])
    assert result.exit_code == 0, result.output
    lines = target.read_bytes().decode("utf-8").split("\r\n")
    assert lines[:4] == [
        "\ufeff工号,姓名,岗位,部门,学科,在岗",  # the byte-order mark Excel reads UTF-8 by
        "T001,薛红芳,校长、书记,办公室,,是",
        "T002,郑佳晨,分管校长（教学）、组长（语文教研组）,教务处、语文教研组,语文,是",
        "T003,孙桂婷,分管校长（德育与安全）、组长（数学教研组）,德育处、安全办公室、数学教研组,数学,是",
    ]
    assert lines[-2] == "T061,余敏嘉,教师,数学教研组,数学,否"


def test_a_unit_name_two_units_share_is_written_and_read_as_ids(
    runner: CliRunner, schoolwork_sample_dir: Path, tmp_path: Path
) -> None:
    school = schoolwork_sample_dir / "school.toml"
    text = school.read_text(encoding="utf-8")
    school.write_text(text.replace('name = "安全办公室"', 'name = "办公室"'), encoding="utf-8")
    target = tmp_path / "roster.csv"
    result = runner.invoke(cli, ["roster", "export", str(schoolwork_sample_dir), "-o", str(target)])
    assert result.exit_code == 0, result.output
    rows = target.read_text(encoding="utf-8-sig").splitlines()
    assert rows[1] == "T001,薛红芳,校长、书记,office-principal,,是"
    code, out, _ = run(runner, schoolwork_sample_dir, target)
    assert (code, out.splitlines()[-1]) == (
        0,
        f"nothing to change (0 added, 0 updated, 61 unchanged); {school} not written",
    )
    ambiguous = write_roster(tmp_path, "T100,王小明,教师,办公室,,\n")
    assert refused(runner, schoolwork_sample_dir, ambiguous) == [
        f"error: {ambiguous}: row 2, column 部门: expected a unit of the school, by name or id, "
        "found '办公室'"
    ]


def test_export_refuses_other_kinds_and_existing_files(
    runner: CliRunner, schoolwork_sample_dir: Path, tmp_path: Path
) -> None:
    wrong = runner.invoke(
        cli, ["roster", "export", str(schoolwork_sample_dir), "-o", str(tmp_path / "r.txt")]
    )
    assert (wrong.exit_code, wrong.stderr) == (
        2,
        f"error: {tmp_path / 'r.txt'}: a roster is written as .xlsx or .csv\n",
    )
    target = tmp_path / "r.csv"
    target.write_text("old", encoding="utf-8")
    again = runner.invoke(cli, ["roster", "export", str(schoolwork_sample_dir), "-o", str(target)])
    assert again.exit_code == 2
    assert target.read_text(encoding="utf-8") == "old"
