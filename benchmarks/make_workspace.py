"""Write a one-school workspace of N teachers × 30 indicators, to time the command line on it.

The scheme, the values and the records are those of ``bench_evaluate.py`` (one school of the
county it generates): five dimensions of six linear indicators, bands with a 20 % quota, an
honours bonus with caps and an ethics veto. The values go to ``values/<scheme>.csv``, as a
school would keep them, so ``schoolwork evaluate`` takes the path it takes for a school.

    python benchmarks/make_workspace.py /tmp/ws-10k --teachers 10000
    /usr/bin/time -v schoolwork evaluate /tmp/ws-10k --scheme county-teachers -o out.json

The same arguments give the same files.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

import attrs

sys.path.insert(0, str(Path(__file__).parent))

from bench_evaluate import make_county, make_scheme

from schoolwork import converter
from schoolwork.atomic import staged
from schoolwork.values import VALUES_DIR
from schoolwork.workspace import SchemesDocument, save


def values_csv(values: dict[str, dict[str, object]], indicators: list[str]) -> bytes:
    """The values sheet: one row per teacher, one column per indicator."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["subject", *indicators])
    for subject, row in values.items():
        writer.writerow([subject, *(row[i] for i in indicators)])
    return buffer.getvalue().encode("utf-8")


def write_workspace(root: Path, teachers: int, seed: int = 7) -> Path:
    """Write the workspace into ``root`` (replacing its files of the same names)."""
    scheme = make_scheme()
    (school,) = make_county(1, teachers, scheme, seed=seed)
    workspace = attrs.evolve(school.workspace, records=school.records, schemes=(scheme,))
    save(workspace, root)
    indicators = [i.id for d in scheme.dimensions for i in d.indicators]
    with staged(root) as stage:
        stage.write(
            "schemes.toml", converter.dumps(SchemesDocument((scheme,)), "toml").encode("utf-8")
        )
        stage.write(
            Path(VALUES_DIR) / f"{scheme.id}.csv",
            values_csv(dict(school.values), indicators),  # type: ignore[arg-type]
        )
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--teachers", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    write_workspace(args.root, args.teachers, args.seed)
    print(f"wrote {args.teachers} teachers to {args.root} (scheme {make_scheme().id})")


if __name__ == "__main__":
    main()
