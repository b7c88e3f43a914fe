"""Reflect: an offline companion for reflective mentoring conversations.

Importing this package must stay cheap: nothing here opens a file, a database or
imports Textual or nltk. Front ends and commands import what they need lazily.
"""

__version__ = "0.1.0"
