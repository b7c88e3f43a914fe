"""Reflect."""
