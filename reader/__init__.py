"""reader: a keyboard-driven terminal reader for news corpora."""

from pathlib import Path

from reader import native

__version__ = "0.1.0"

# "compiled", "source" or "none": whether the modules the build compiled are the ones imported
NATIVE = native.choose(Path(__file__).parent)
