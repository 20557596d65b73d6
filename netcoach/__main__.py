"""``python -m netcoach``: the same as the ``netcoach`` command."""

from netcoach.cli import main

raise SystemExit(main())
