"""Grid responsibility assignment (网格化管理): every duty in every scope owned by one person.

A grid has a purpose (safety, publicity, …), a leader (the vice principal in charge), scopes
(grades, buildings, areas) and duties; each (scope, duty) cell names one responsible person and
optionally a backup (B角). The principle is 分工到人，责任到人: no cell without an owner, no
cell with two. A handover reassigns every cell of a person who leaves or moves and returns the
changes, so nothing is silently dropped.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

import attrs

from schoolwork.errors import HandoverError
from schoolwork.organisation import Person, RoleKind

# Posts whose holders carry a duty of their own, to which 一岗双责 adds a safety duty.
POSTS = frozenset(RoleKind) - {RoleKind.TEACHER, RoleKind.STAFF}


@attrs.frozen
class Duty:
    """One duty of a grid, such as 上下学秩序 or 隐患排查."""

    id: str
    name: str


@attrs.frozen
class Cell:
    """Who owns one duty in one scope, and who stands in (B角)."""

    scope: str
    duty: str
    owner: str
    backup: str | None = None


@attrs.frozen
class Change:
    """One cell handed from one person to another."""

    scope: str
    duty: str
    from_person: str
    to_person: str
    role: str = "owner"  # owner, backup or leader


Key = tuple[str, str]


@attrs.frozen
class Grid:
    """A grid: its purpose, leader, scopes, duties and cells."""

    id: str
    name: str
    purpose: str
    leader: str
    scopes: tuple[str, ...]
    duties: tuple[Duty, ...]
    cells: tuple[Cell, ...] = ()
    load_limit: int | None = None  # the most cells one person may own

    def owners(self, scope: str, duty: str) -> tuple[str, ...]:
        """Everyone listed as owner of (scope, duty): one in a sound grid."""
        return tuple(c.owner for c in self.cells if c.scope == scope and c.duty == duty)

    def owner_of(self, scope: str, duty: str) -> str | None:
        """The one owner of (scope, duty), or ``None`` if it has none or several."""
        owners = self.owners(scope, duty)
        return owners[0] if len(owners) == 1 else None

    def cells_of(self, person: str) -> tuple[Cell, ...]:
        """The cells ``person`` owns."""
        return tuple(c for c in self.cells if c.owner == person)

    def gaps(self) -> list[Key]:
        """(scope, duty) cells without an owner, in grid order."""
        owned = {(c.scope, c.duty) for c in self.cells}
        return [(s, d.id) for s in self.scopes for d in self.duties if (s, d.id) not in owned]

    def double_owners(self) -> dict[Key, tuple[str, ...]]:
        """(scope, duty) cells with more than one owner, and who they are."""
        counts = Counter((c.scope, c.duty) for c in self.cells)
        return {key: self.owners(*key) for key, n in counts.items() if n > 1}

    def overloads(self) -> dict[str, int]:
        """People who own more cells than the load limit, with how many they own."""
        if self.load_limit is None:
            return {}
        counts = Counter(c.owner for c in self.cells)
        return {person: n for person, n in sorted(counts.items()) if n > self.load_limit}


def handover(
    grid: Grid, person: str, to: str | Mapping[Key, str]
) -> tuple[Grid, tuple[Change, ...]]:
    """Hand every cell, backup post and the leadership of ``person`` to others.

    ``to`` is one successor for everything, or a mapping from (scope, duty) to a successor
    (``("leader", "")`` for the leadership). A cell the mapping leaves out is an error naming
    it: nothing is dropped silently. A successor who was the cell's backup (or the backup's
    successor who owns the cell) holds it alone: a cell's backup is never its owner.
    """

    def successor(key: Key) -> str:
        if isinstance(to, str):
            return to
        if key not in to:
            raise HandoverError(
                f"no successor for {key[0]} / {key[1]} of {person} in grid {grid.id}"
            )
        return to[key]

    changes: list[Change] = []
    cells = []
    for cell in grid.cells:
        new = cell
        if cell.owner == person:
            target = successor((cell.scope, cell.duty))
            changes.append(Change(cell.scope, cell.duty, person, target))
            # A backup who takes the cell over is its owner now, no longer its own backup.
            backup = None if new.backup == target else new.backup
            new = attrs.evolve(new, owner=target, backup=backup)
        if cell.backup == person:
            target = successor((cell.scope, cell.duty))
            changes.append(Change(cell.scope, cell.duty, person, target, role="backup"))
            new = attrs.evolve(new, backup=None if target == new.owner else target)
        cells.append(new)
    leader = grid.leader
    if leader == person:
        leader = successor(("leader", ""))
        changes.append(Change("", "", person, leader, role="leader"))
    return attrs.evolve(grid, cells=tuple(cells), leader=leader), tuple(changes)


def without_safety_duty(grids: Iterable[Grid], people: Iterable[Person]) -> list[Person]:
    """Active post holders who own no cell of any safety grid (一岗双责, one post, two duties)."""
    safe = {c.owner for g in grids if g.purpose == "safety" for c in g.cells}
    safe |= {g.leader for g in grids if g.purpose == "safety"}
    return [
        p for p in people if p.active and any(r.kind in POSTS for r in p.roles) and p.id not in safe
    ]
