"""Area levels a declared extract can report at, and the GSS code each level's areas carry.

A source declares one level (every row an LSOA 2011, say) or `by_code`: the level is read from
each code's prefix, for national files that mix England, regions and councils. Unitary
authorities, metropolitan districts and London boroughs (E06, E08, E09) are both lower and upper
tier; `by_code` files them as `utla`, the tier places are built on, and E07 districts as `lad`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class AreaLevel(StrEnum):
    LSOA2011 = "lsoa2011"
    LSOA2021 = "lsoa2021"
    WARD = "ward"
    LAD = "lad"
    UTLA = "utla"
    ICB = "icb"
    REGION = "region"
    ENGLAND = "england"


BY_CODE = "by_code"

# LSOA codes up to E01033768 are the 2011 set; every code from E01033769 was new in 2021. The
# reverse (a 2011 code retired in 2021) needs the code lists, which the reference assets load into
# conformed.lsoa_geography: rows are checked against them once they are there.
FIRST_LSOA_2021_ONLY_CODE = "E01033769"


@dataclass(frozen=True)
class LevelCode:
    """The codes of one area level: E, a 2-digit entity prefix (E01 for LSOAs) and 6 digits, one of
    `prefixes` (or exactly `exact`), and how to say it in a message. Matched by prefix, so DuckDB
    can join each row to its level on equality rather than test every pattern against every row."""

    level: AreaLevel
    prefixes: tuple[str, ...]
    described: str
    exact: str | None = None

    @property
    def pattern(self) -> str:
        """The same rule as a regular expression (for the expectation suite)."""
        return self.exact or f"(?:{'|'.join(self.prefixes)})\\d{{6}}"


LEVEL_CODES = {
    AreaLevel.LSOA2011: LevelCode(AreaLevel.LSOA2011, ("E01",), "an LSOA code (E01 and 6 digits)"),
    AreaLevel.LSOA2021: LevelCode(AreaLevel.LSOA2021, ("E01",), "an LSOA code (E01 and 6 digits)"),
    AreaLevel.WARD: LevelCode(AreaLevel.WARD, ("E05",), "a ward code (E05 and 6 digits)"),
    AreaLevel.LAD: LevelCode(
        AreaLevel.LAD,
        ("E06", "E07", "E08", "E09"),
        "a local authority district code (E06, E07, E08 or E09)",
    ),
    AreaLevel.UTLA: LevelCode(
        AreaLevel.UTLA,
        ("E06", "E08", "E09", "E10"),
        "an upper-tier local authority code (E06, E08, E09 or E10)",
    ),
    AreaLevel.ICB: LevelCode(AreaLevel.ICB, ("E54",), "an ICB code (E54 and 6 digits)"),
    AreaLevel.REGION: LevelCode(AreaLevel.REGION, ("E12",), "a region code (E12 and 6 digits)"),
    AreaLevel.ENGLAND: LevelCode(
        AreaLevel.ENGLAND, ("E92",), "England (E92000001)", exact="E92000001"
    ),
}

# For `by_code` sources: disjoint prefixes, so each code has exactly one level.
BY_CODE_LEVELS = (
    LEVEL_CODES[AreaLevel.ENGLAND],
    LEVEL_CODES[AreaLevel.REGION],
    LEVEL_CODES[AreaLevel.ICB],
    LEVEL_CODES[AreaLevel.WARD],
    LEVEL_CODES[AreaLevel.UTLA],
    LevelCode(AreaLevel.LAD, ("E07",), "a district code (E07)"),
)
BY_CODE_DESCRIBED = (
    "an English area code of a known level (E92 England, E12 region, E54 ICB, E05 ward, "
    "E06/E08/E09/E10 upper-tier or E07 district council)"
)

LSOA_LEVELS = (AreaLevel.LSOA2011, AreaLevel.LSOA2021)


def level_codes(geography: str) -> tuple[tuple[LevelCode, ...], str]:
    """The codes a source may use, and how to describe them when a code is none of them."""
    if geography == BY_CODE:
        return BY_CODE_LEVELS, BY_CODE_DESCRIBED
    level = LEVEL_CODES[AreaLevel(geography)]
    return (level,), level.described
