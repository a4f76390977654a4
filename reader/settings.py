"""One settings object: defaults, then the user's config file, then ``READER_*`` variables.

The config file is TOML at ``<user config dir>/kabar-reader/config.toml`` (on Linux
``~/.config/kabar-reader/config.toml``; ``READER_CONFIG`` names another file). Every key is
optional; unknown keys are reported once as a warning, never an error, so an old file keeps
working. Values from the environment win over the file, so a single run can override it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from functools import lru_cache
from pathlib import Path

from reader.errors import UsageError

APP_NAME = "kabar-reader"


@dataclass(frozen=True)
class Settings:
    """Every tunable of the reader, with the default that ships."""

    backend: str = "whoosh"  # "whoosh" or a postgresql:// connection string
    search_budget: float = 2.0  # seconds a CLI search may take before answering partially
    typing_budget: float = 0.08  # seconds a search-as-you-type query gets for its first answer
    typing_debounce: float = 0.0  # seconds the TUI waits after a key before searching
    result_page: int = 100  # results the TUI loads at a time
    index_workers: int = 4  # analysing processes for a full build (capped at the cores)
    parallel_min_files: int = 200  # a full build of fewer files stays in one process
    citation_style: str = "apa"
    theme: str | None = None
    keys: dict[str, str] = field(default_factory=dict)  # binding id -> key(s), remapped
    warnings: tuple[str, ...] = ()  # what was wrong with the file or the environment

    @property
    def config_path(self) -> Path:
        return config_path()


_ENVIRONMENT = {
    "READER_BACKEND": "backend",
    "READER_SEARCH_BUDGET": "search_budget",
    "READER_TYPING_BUDGET": "typing_budget",
    "READER_TYPING_DEBOUNCE": "typing_debounce",
    "READER_RESULT_PAGE": "result_page",
    "READER_INDEX_PROCS": "index_workers",
    "READER_PARALLEL_MIN_FILES": "parallel_min_files",
    "READER_CITATION_STYLE": "citation_style",
    "READER_THEME": "theme",
}


def config_path() -> Path:
    chosen = os.environ.get("READER_CONFIG")
    if chosen:
        return Path(chosen).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME)) / "config.toml"


def load(path: Path | None = None, environ: dict[str, str] | None = None) -> Settings:
    """Settings from ``path`` (default: :func:`config_path`) and ``environ`` (os.environ)."""
    environ = dict(os.environ if environ is None else environ)
    path = path or config_path()
    warnings: list[str] = []
    values: dict[str, object] = {}
    known = {f.name: f for f in fields(Settings) if f.name != "warnings"}
    raw: dict = {}
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = None
    except (OSError, UnicodeDecodeError) as exc:
        text = None
        warnings.append(f"{path}: ignored ({_first_line(exc)})")
    if text is not None:
        import tomllib  # only with a config file: its parser is ~15 ms of a cold command

        try:
            raw = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            warnings.append(f"{path}: ignored ({_first_line(exc)})")
    for key, value in raw.items():
        name = key.replace("-", "_")
        if name not in known:
            warnings.append(f"{path}: unknown setting '{key}' ignored")
            continue
        values[name] = value
    for variable, name in _ENVIRONMENT.items():
        if environ.get(variable):
            values[name] = environ[variable]
    settings = Settings()
    for name, value in values.items():
        try:
            settings = replace(settings, **{name: _coerce(name, value, getattr(settings, name))})
        except (TypeError, ValueError) as exc:
            warnings.append(f"setting '{name}': {exc}; the default is used")
    return replace(settings, warnings=tuple(warnings))


def _coerce(name: str, value: object, default: object) -> object:
    if name == "keys":
        if not isinstance(value, dict) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
            raise ValueError("keys must be a table of action = \"key\"")
        return dict(value)
    if isinstance(default, bool):
        raise ValueError("no boolean settings")
    if isinstance(default, int):
        number = int(value)  # type: ignore[arg-type]
        if number < 0:
            raise ValueError(f"{number} is negative")
        return number
    if isinstance(default, float):
        number = float(value)  # type: ignore[arg-type]
        if not 0 <= number < 3600:
            raise ValueError(f"{number} is out of range")
        return number
    if not isinstance(value, str):
        raise ValueError(f"expected text, got {type(value).__name__}")
    return value


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


@lru_cache(maxsize=1)
def current() -> Settings:
    """The settings of this process (read once)."""
    return load()


def require_positive(name: str, value: int) -> int:
    if value < 1:
        raise UsageError(f"{name} must be at least 1, not {value}")
    return value
