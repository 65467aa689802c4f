"""Helpers for the test suite and benchmarks.

`tilsyn.testing.pgcluster` starts a throwaway PostgreSQL cluster: `python -m tilsyn.testing.pgcluster -- CMD …`
on the command line, `throwaway_cluster()` from Python. (Not imported here, so that `python -m` runs it cleanly.)
"""
