"""What the reader remembers between runs: search history, saved searches, where you were.

One JSON file, ``<user data dir>/kabar-reader/state.json`` (on Linux
``~/.local/share/kabar-reader/state.json``; ``READER_DATA_DIR`` names another folder), holds the
chosen citation style and theme and, per corpus, the search history, the saved searches, the
last article and paragraph, the left pane's width and the dense-results switch. It is written to
a temporary file that is then renamed over the old one, so a crash never leaves half a file; a
file that cannot be read is set aside (``state.json.unreadable-…``), never overwritten.

Preferences are not data: losing them costs a keystroke. Marks, which are the user's work, live
in files of their own (:mod:`reader.marks`).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from reader.records import SORTS

APP_NAME = "kabar-reader"
VERSION = 1
HISTORY_LIMIT = 200
SAVED_LIMIT = 100


def data_dir() -> Path:
    """Where the reader keeps its own files (``READER_DATA_DIR`` overrides the platform's)."""
    chosen = os.environ.get("READER_DATA_DIR")
    if chosen:
        return Path(chosen).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME))


def corpus_key(corpus: Path | str) -> str:
    """A stable file-name-safe key of a corpus folder: its name and a hash of its full path."""
    path = Path(corpus).expanduser()
    try:
        path = path.resolve()
    except OSError:
        path = path.absolute()
    digest = hashlib.sha1(os.fsencode(path)).hexdigest()[:16]
    name = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in path.name)[:40]
    return f"{name or 'corpus'}-{digest}"


def atomic_write_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename: all of it or nothing."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
    try:  # the rename itself survives a power cut once the folder is synced
        folder = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(folder)
    except OSError:
        pass
    finally:
        os.close(folder)


def set_aside(path: Path) -> Path | None:
    """Rename an unreadable file out of the way (never delete it); the new path, if renamed."""
    target = path.with_name(f"{path.name}.unreadable-{time.strftime('%Y%m%d-%H%M%S')}")
    try:
        os.replace(path, target)
    except OSError:
        return None
    return target


@dataclass
class SavedSearch:
    """A query kept with ``ctrl+s``; ``seen_total`` is how many hits it had when last opened."""

    query: str
    saved_at: float = 0.0
    seen_total: int | None = None
    seen_at: float | None = None


@dataclass
class CorpusState:
    """What is remembered about one corpus."""

    history: list[str] = field(default_factory=list)  # oldest first
    saved: list[SavedSearch] = field(default_factory=list)
    last_doc: str | None = None
    last_para: int | None = None
    left_width: int | None = None  # columns of the left pane, if the user changed it
    dense: bool = False
    sort: str = "relevance"  # the order of results: relevance, newest or oldest

    def remember_query(self, query: str) -> None:
        """Put ``query`` at the end of the history (once)."""
        query = " ".join(query.split())
        if not query:
            return
        if query in self.history:
            self.history.remove(query)
        self.history.append(query)
        del self.history[:-HISTORY_LIMIT]

    def save_search(self, query: str, total: int | None) -> bool:
        """Keep ``query`` as a saved search; False if it was saved already."""
        query = " ".join(query.split())
        if not query or any(s.query == query for s in self.saved):
            return False
        now = time.time()
        self.saved.append(SavedSearch(query, now, total, now))
        del self.saved[:-SAVED_LIMIT]
        return True

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, raw: object) -> CorpusState:
        """Whatever of ``raw`` is well formed; anything else falls back to the default."""
        state = cls()
        if not isinstance(raw, dict):
            return state
        history = raw.get("history")
        if isinstance(history, list):
            state.history = [q for q in history if isinstance(q, str) and q.strip()][
                -HISTORY_LIMIT:]
        saved = raw.get("saved")
        if isinstance(saved, list):
            known = {f.name for f in fields(SavedSearch)}
            for item in saved:
                if isinstance(item, dict) and isinstance(item.get("query"), str):
                    values = {k: v for k, v in item.items() if k in known}
                    try:
                        state.saved.append(SavedSearch(**values))
                    except TypeError:
                        continue
        if isinstance(raw.get("last_doc"), str):
            state.last_doc = raw["last_doc"]
        if _is_int(raw.get("last_para")):
            state.last_para = raw["last_para"]
        if _is_int(raw.get("left_width")):
            state.left_width = raw["left_width"]
        state.dense = raw.get("dense") is True
        if raw.get("sort") in SORTS:
            state.sort = raw["sort"]
        return state


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


class StateFile:
    """The state file: global preferences and one :class:`CorpusState` per corpus."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or data_dir() / "state.json"
        self.style: str | None = None
        self.theme: str | None = None
        self._corpora: dict[str, dict] = {}
        self._states: dict[str, CorpusState] = {}
        self.warning: str | None = None  # one line about a file that could not be read

    @classmethod
    def load(cls, path: Path | None = None) -> StateFile:
        state = cls(path)
        try:
            raw = json.loads(state.path.read_text(encoding="utf-8"))
            if not isinstance(raw, dict):
                raise ValueError("not a JSON object")
        except FileNotFoundError:
            return state
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            kept = set_aside(state.path) if state.path.is_file() else None
            where = f"; kept as {kept.name}" if kept else ""
            state.warning = f"{state.path}: unreadable ({_first_line(exc)}){where}"
            return state
        state.style = raw["style"] if isinstance(raw.get("style"), str) else None
        state.theme = raw["theme"] if isinstance(raw.get("theme"), str) else None
        corpora = raw.get("corpora")
        if isinstance(corpora, dict):
            state._corpora = {k: v for k, v in corpora.items() if isinstance(k, str)}
        return state

    def corpus(self, key: str) -> CorpusState:
        """The remembered state of corpus ``key`` (see :func:`corpus_key`), created if new."""
        found = self._states.get(key)
        if found is None:
            found = self._states[key] = CorpusState.from_dict(self._corpora.get(key))
        return found

    def save(self) -> None:
        """Write the file (atomically). Raises ``OSError`` when the folder is not writable."""
        corpora = dict(self._corpora)
        for key, state in self._states.items():
            corpora[key] = state.to_dict()
        self._corpora = corpora
        document = {"version": VERSION, "style": self.style, "theme": self.theme,
                    "corpora": corpora}
        atomic_write_text(self.path, json.dumps(document, ensure_ascii=False, indent=1) + "\n")


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


__all__ = ["CorpusState", "SavedSearch", "StateFile", "atomic_write_text", "corpus_key",
           "data_dir", "set_aside"]
