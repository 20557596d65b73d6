"""The command line: quick logging over SSH, scripts, and the login message.

``main`` parses the arguments (:mod:`netcoach.cli.parser`) and runs one command module of
:mod:`netcoach.cli.commands`, importing only that one: ``netcoach due`` never imports Textual
(nor, on a warm index, pydantic). The full-screen app is imported only when ``netcoach`` runs
with no command.
"""

from netcoach.cli.main import main

__all__ = ["main"]
