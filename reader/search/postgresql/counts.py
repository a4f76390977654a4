"""A load's term counts, each batch's summed into the update's.

A big load's batches bring millions of (term, paragraphs) counts to the loading process, and
``Counter.update`` sums two mappings in a Python loop; here the sum is compiled when the
package was built with its loops (:mod:`.speedups`). (The update writes them at its end as
one block of COPY text: :func:`.analyse.copy_text`.)
"""

from __future__ import annotations

from reader.search.postgresql.speedups import COMPILED as _COMPILED


def add_counts(target: dict, source: dict) -> None:
    """Each count of ``source`` added to ``target``'s, as ``Counter.update(source)`` does.
    (The reference for the compiled loop of :mod:`.speedups`.)"""
    get = target.get
    for key, count in source.items():
        target[key] = get(key, 0) + count


def add(target: dict, source: dict) -> None:
    """:func:`add_counts`, compiled when it was built (two dicts, or Counters)."""
    if _COMPILED is not None and target is not source:
        _COMPILED.add_counts(target, source)
    else:
        add_counts(target, source)


__all__ = ["add", "add_counts"]
