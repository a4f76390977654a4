"""Search engines behind one interface (:mod:`reader.search.backend`); Whoosh is the default."""
