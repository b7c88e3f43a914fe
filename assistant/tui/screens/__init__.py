"""Screens, one per file: home, dialogue, summary, history, keys (help), confirm."""
