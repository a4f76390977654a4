"""The Whoosh backend: the only package that imports ``whoosh``."""

from __future__ import annotations

import sys
import types

_MORPHOLOGY = "whoosh.lang.morph_en"


def _defer_english_morphology() -> None:
    """Whoosh's query module imports its English morphology for the ``Variations`` query,
    which this reader never builds; importing it compiles a dozen large regular expressions,
    ~12 ms of every cold command. A stand-in module takes its place until something asks for
    it: then the real module is loaded and answers (``variations``, or any other name)."""
    if _MORPHOLOGY in sys.modules:
        return
    loaded: list[types.ModuleType] = []

    def real() -> types.ModuleType:
        if not loaded:
            import importlib.machinery
            import importlib.util

            import whoosh.lang

            spec = importlib.machinery.PathFinder.find_spec(_MORPHOLOGY, whoosh.lang.__path__)
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            sys.modules[_MORPHOLOGY] = module
            loaded.append(module)
        return loaded[0]

    def variations(word):
        return real().variations(word)

    def other(name: str):  # PEP 562: any other name (the import system's own dunders aside)
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(real(), name)

    stand_in = types.ModuleType(_MORPHOLOGY, "Whoosh's English morphology, loaded on first use")
    stand_in.variations = variations
    stand_in.__getattr__ = other
    sys.modules[_MORPHOLOGY] = stand_in


_defer_english_morphology()
