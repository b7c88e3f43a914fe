"""Widgets, one per file: the transcript, the progress line and one input per step kind."""
