"""Administrative levels, from the nation down to the school, shared by tiers and honours."""

from __future__ import annotations

from enum import StrEnum


class Level(StrEnum):
    """The level of a body that awards an honour or recognises a teacher.

    Members are declared from the highest level down; ``rank`` follows that order, so sorting by
    it puts national honours first.
    """

    NATIONAL = "national"
    PROVINCE = "province"
    CITY = "city"
    COUNTY = "county"
    SCHOOL = "school"

    @property
    def rank(self) -> int:
        """0 for national, rising to 4 for school."""
        return list(Level).index(self)
