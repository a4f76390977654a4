"""A small corpus whose articles differ in outlet, date, language and their own fields, for the
tests of query fields, date order and facets (written fresh into a temp dir by each test)."""

from __future__ import annotations

from pathlib import Path

# name: (outlet, date, language, own fields, title, body)
ARTICLES = {
    "a1": ("Kompas", "2025-11-03", "id", {"kategori": "Hoax"},
           "Tokayev bertemu Trump di Gedung Putih",
           "Presiden Tokayev bertemu Presiden Trump di Gedung Putih pada hari Senin.\n\n"
           "Pertemuan itu membahas kerja sama ekonomi kedua negara."),
    "a2": ("Tempo", "2025-11-20", "id", {"kategori": "Valid", "Wilayah Liputan": "Asia Tengah"},
           "Tokayev menandatangani perjanjian",
           "Tokayev menandatangani perjanjian dagang baru dengan Amerika.\n\n"
           "Para menteri hadir dalam upacara penandatanganan itu."),
    "a3": ("Reuters", "2024-05-01", "en", {"kategori": "valid"},
           "Tokayev signs the accord",
           "Tokayev said the accord would bring trade and investment.\n\n"
           "The ministers attended the signing ceremony in Astana."),
    "a4": ("Kompas", "2025-12-01", "id", {},
           "Tokayev kembali ke Astana",
           "Tokayev kembali ke Astana setelah kunjungan kenegaraan.\n\n"
           "Ia disambut para menteri di bandara."),
    "a5": (None, None, "en", {"kategori": "hoax"},
           "A rumour about Tokayev",
           "A rumour said Tokayev had resigned, which was false.\n\n"
           "Officials denied the rumour on Tuesday."),
}


def toml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write(root: Path) -> Path:
    """The corpus in ``root`` (created): one ``.txt`` and one sidecar per article."""
    root.mkdir(parents=True, exist_ok=True)
    for name, (outlet, date, language, own, title, body) in ARTICLES.items():
        (root / f"{name}.txt").write_text(f"{title}\n\n{body}\n", encoding="utf-8")
        lines = [f"language = {toml_string(language)}"]
        if outlet:
            lines.append(f"outlet = {toml_string(outlet)}")
        if date:
            lines.append(f"date = {toml_string(date)}")
        lines += [f"{toml_string(k)} = {toml_string(v)}" for k, v in own.items()]
        (root / f"{name}.meta.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root
