"""The calibrated synthetic national data set (`tilsyn demodata`).

Every kind of case at all eleven offices, generated so that the tables of Statens helsetilsyn's annual report
2024 come out of them again: not by sampling, but by quota. The published counts (`calibration.json`, built
from the transcribed report by `build_calibration.py`) are split into integer cells — office × kind × sector ×
handling method × outcome … — with largest-remainder allocation (`allocation.py`); exactly that many cases are
made per cell, and secondary attributes (provisions, outcomes, themes, sources, objects, professions,
reactions, revocation reasons, measures) are dealt out so that every published margin holds as well. Rounded
shares become counts that print as the published share (`allocation.share_range`), per office and nationally,
with exactly the published number of offices reaching a target. Processing times are drawn per case to meet
shares within a limit, means and medians, then placed in the year (`timeline.py`), so that backlogs at 1
January and 31 December come out as published. Everything else — names, addresses, dates within their
bounds, summaries — comes from `random.Random` seeded per part of the data, so the same seed gives the same
file byte for byte.

How a published figure is read from the cases (the definitions `docs/statistics.md` will give):
* A year's cases are those *closed* that year (decided, «avsluttet», «behandlet»), except: notifications and
  coercion reports are counted by the day received or decided, planned inspections by the day performed,
  Helsetilsynet's own follow-up of a notification by the day it was completed (vedlegg 46's footnote).
* «Realitetsbehandlet» complaints are the closed ones not `rejected`; the rejected have no assessments.
* Success («medhold») in health and social complaints is an assessment changed or quashed (vedlegg 31's 321
  for patient travel = 255 quashed + 66 changed); in child welfare complaints it is changed only (the text's
  6 % success + 67 % upheld + 27 % quashed = 100 %).
* Shares of outcomes are per assessment (vedlegg 20, 30). Within a time limit: days from received to closed;
  months are 30.4375 days; every duration is kept clear of its limit (at most 25 days for «4 weeks», 84 for
  «3 months», 176 for «6 months»; at least 31, 96, 190 beyond), so calendar months, 90 days or working days
  give the same answer.
* Backlog at a date: received on or before it, not closed on or before it.
* Vedlegg 30/31 count complaint type `health` only; kap. 4A and environmental health complaints also use the
  health catalogue but are counted apart (vedlegg 38, text).
* Incidents (vedlegg 46) exclude later notifications of the same incident (`duplicate_of`); vedlegg 45 counts
  the incidents notified by enterprises and not routed «not covered».

Where the report contradicts itself (the reference README's «Inconsistencies»), the more detailed table wins,
except where four other tables agree with the less detailed one:
* 2024 child welfare supervision: tabell 4 (1 787 cases by object and method) rather than vedlegg 3 (1 778),
  because vedlegg 1, 2, 5 and tabell 1 (1 582 without Bufetat) agree with tabell 4.
* Health rights complaints 2024: 8 958 (tabell 11, vedlegg 31, text), not tabell 1's 9 858.
* Social services planned supervision 2024: vedlegg 15's 44 other methods (47 + 44 = 91), not the text's 43.
* Kap. 4A: vedlegg 39's reviewed vedtak (4 944 / 5 488) rather than tabell 1's (4 942 / 5 436); 2024 complaints
  34 (vedlegg 38, text) rather than tabell 12's 36.
* Health supervision investigated 2022/2023: vedlegg 27 (2 204 / 1 344 cases); vedlegg 29's «saker
  vurderingene er fordelt på» 2 201 is met by leaving 3 cases of 2022 without assessments, its 1 345 for 2023
  cannot be (one case more than exist) — 2023 has 1 344.
* Cases sent to Helsetilsynet 2024: 152 (vedlegg 29's 540 = 388 + 152), not the text's 151.
* Child welfare institution complaints 2023: vedlegg 10's 611 (tabell 1's 826 implies 608).
* Helsetilsynet's reactions 2023: 117 revocations (tabell 1, 13) and 34 others, so that vedlegg 41's 151 holds
  (tabell 1 prints 35 others).
* Social complaints 2024: received 3 704 (tabell 8), decided 3 501 (vedlegg 19), backlog 524 → 668 (text):
  that leaves 59 rejected, where the text says 58.
* Health complaints 2022: the 8 cases of the «national backlog project» are placed at Østfold, Buskerud, Oslo
  og Akershus.
Assumptions where nothing is published are in the docstrings of the modules that make each kind of case:
`supervision.py`, `htil.py`, `complaints.py`, `notifications.py`, `coercion.py`, `inspections.py`,
`applications.py`. Years before 2022 reuse 2022's figures (or a longer published series where there is one:
kap. 9 2014–2024, access requests 2018–2024, child welfare complaints and protocols, social services complaints
received and joint inspections with DSB 2020–2024, Helsetilsynet's own follow-up of incidents 2021–2024); so
`--years 2014-2024` reproduces every table of the 2024 report that the cases can give (docs/statistics.md,
«Reproducing the 2024 report»). `--scale` multiplies every volume, after which the figures are no longer exact.
"""
