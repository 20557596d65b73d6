"""``python -m netcoach.cli``: the same as the ``netcoach`` command."""

from netcoach.cli.main import main

raise SystemExit(main())
