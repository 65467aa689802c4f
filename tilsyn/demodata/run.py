"""What every part of the generator shares in one run: seed, years, scale, pools, the cases made so far."""
import random
from collections import Counter
from datetime import date

from tilsyn.demodata import reference
from tilsyn.demodata.allocation import round_half_up, scale_counts
from tilsyn.demodata.lines import DemoCase
from tilsyn.demodata.people import Pools



class Run:
    def __init__(self, *, seed: int, years: list[int], scale: float = 1.0):
        self.seed = seed
        self.years = sorted(years)
        self.first, self.last = self.years[0], self.years[-1]
        self.scale = scale
        self.cal = reference.calibration()
        self.offices = reference.county_governors()
        self.pools = Pools(seed)
        self.cases: list[DemoCase] = []
        self._counters: Counter = Counter()

    def rng(self, *parts) -> random.Random:
        """A generator of its own for each part of the data, so that parts do not disturb each other."""
        return random.Random(":".join(str(p) for p in (self.seed,) + parts))

    def new_id(self, office: str, code: str, received: date) -> str:
        key = (office, code, received.year)
        self._counters[key] += 1
        return f"demo-{office}-{received.year}-{code}{self._counters[key]:06d}"

    def add(self, case: DemoCase) -> DemoCase:
        self.cases.append(case)
        return case

    # -- volumes ----------------------------------------------------------------------------------------
    def n(self, value: int | float) -> int:
        return round_half_up(value * self.scale)

    def ns(self, values: list[int]) -> list[int]:
        return scale_counts(values, self.scale)

    def nd(self, mapping: dict) -> dict:
        keys = list(mapping)
        return dict(zip(keys, self.ns([mapping[k] for k in keys])))

    @staticmethod
    def published_year(year: int, available) -> str:
        """The published year to take a year's figures from: itself, else the nearest one published."""
        available = sorted(int(y) for y in available)
        if year in available:
            return str(year)
        return str(min(available, key=lambda y: (abs(y - year), y)))

    def figure(self, series: dict, year: int):
        return series[self.published_year(year, series)]

    def is_published(self, series: dict, year: int) -> bool:
        return str(year) in series
