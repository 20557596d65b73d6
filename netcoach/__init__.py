"""netcoach: a calm, keyboard-driven coach for following up with the people you meet."""

__version__ = "0.1.0"
