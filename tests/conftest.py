"""Shared pytest set-up for the tilsyn test suite.

pytest-django is configured in pyproject.toml (DJANGO_SETTINGS_MODULE=tilsyn.settings, testpaths=tests). The
database under test is the one DATABASE_URL names: SQLite when it is unset, PostgreSQL under
`python -m tilsyn.testing.pgcluster` (scripts/test runs the suite both ways). Migrations run when the test
database is made, and reference data is loaded into it by the reference app's post_migrate handler.

No fixtures yet: put ones that several test modules share here.
"""
