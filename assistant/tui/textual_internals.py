"""Every use of Textual's private API in Reflect, in this one module.

Reflect uses Textual's public API everywhere else. What is here stays only because it
saves a measured amount of time in every dialogue turn, and
`tests/test_textual_internals.py` fails loudly when a Textual release changes what it
relies on; then adapt or drop it before upgrading.

- `FooterKey` is the key widget of Textual's `Footer`, exported only from its private
  module. `KeyFooter` (widgets/key_footer.py) shows or hides those keys, or changes the
  key one shows, in place, instead of recomposing the whole footer on every focus
  change as `Footer` does. Measured over 48 dialogue turns (goal clarification, three
  dialogues, on the shared 2-core machine): without it a turn costs 30-45 ms more of the
  UI thread's CPU (56 footer recomposes and 18 more layouts per dialogue of 16 turns).
  (An override of `Widget._size_updated` that was here saved no layout on Textual
  8.2.8: 53-58 layouts per dialogue with it and without; it was removed.)
"""

from __future__ import annotations

from textual.widgets._footer import FooterKey

__all__ = ["FooterKey"]
