"""The `tilsyn` command: Django's management commands under the project's own name.

`tilsyn migrate`, `tilsyn runserver`, `tilsyn import FILE`, `tilsyn help` …
"""
import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tilsyn.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv if argv is None else argv)
    argv[0] = "tilsyn"
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
