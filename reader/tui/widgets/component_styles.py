"""The Rich styles of a line-API widget's component classes, looked up once per style change.

``render_line`` asks for the same few combinations (``current``, ``match``…) on every line it
paints, and resolving them through CSS each time is most of a line's cost, so the widgets that
paint line by line keep them here until Textual says their styles changed.
"""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style


class ComponentStyles:
    """A mixin, before the widget class: ``self._style("a", "b")`` is the Rich style of the
    component classes ``PREFIX--a`` and ``PREFIX--b`` over the widget's own style. The widget
    sets ``self._styles = {}`` in its ``__init__``."""

    STYLE_PREFIX: ClassVar[str] = ""
    _styles: dict[tuple[str, ...], Style]

    def notify_style_update(self) -> None:
        super().notify_style_update()  # type: ignore[misc]
        self._styles.clear()

    def _style(self, *names: str) -> Style:
        style = self._styles.get(names)
        if style is None:
            prefix = self.STYLE_PREFIX
            style = self.get_visual_style(  # type: ignore[attr-defined]
                *(f"{prefix}--{n}" for n in names)).rich_style
            self._styles[names] = style
        return style
