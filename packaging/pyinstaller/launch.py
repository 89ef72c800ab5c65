"""Entry point of the standalone bundle: the same as the ``wlitracker`` command."""

from wlitracker.app import run

run()
