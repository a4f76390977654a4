"""A field's posting lists and term-index rows written in batches, for the bulk build.

Whoosh's field writer handles one term at a time: a term-info object, the posting writer's
start and finish, a ``tell`` and three writes for the posting list, then a ``tell``, three
writes and an MD5 hex string for the term's row in the ordered hash table. Most words of a
corpus occur in one or two documents, so that per-term machinery was a tenth of a build.
:func:`write_position_lists` does the same for a whole field in a few calls: it encodes each
list with the codec (:func:`~.codec.encode_positions`), packs the term info as
``W3TermInfo.to_bytes`` does, keeps its own file offsets, adds each row's hash and place to the
table's buckets and index as ``OrderedHashWriter.add`` does, and writes the bytes in large
chunks. The files come out byte for byte as the one-term-at-a-time path writes them (a test
compares both). It fills Whoosh 3's own writer structures, so it runs only on the Whoosh release
it was written for (as :mod:`.fastpath` reads them); any other release writes term by term
through the field writer, :func:`write_term_by_term`.
"""

from __future__ import annotations

import struct
from hashlib import md5

import whoosh
from whoosh.codec.whoosh3 import W3TermInfo
from whoosh.filedb.filetables import md5_hash
from whoosh.system import pack_int, pack_long, pack_ushort
from whoosh.util.numeric import length_to_byte

from reader.search.whoosh.codec import encode_positions

_ROW = struct.Struct("!ii")  # a hash-table row's key and value lengths (filetables._lengths)
_INFO = W3TermInfo._struct  # flags, weight, df, min/max length byte, max weight, min/max id
FLUSH_BYTES = 1 << 20  # bytes gathered before they are written
WRITTEN_FOR = (3, 54)  # the whoosh3 release whose writer structures this module fills
KNOWN = tuple(whoosh.__version__[:2]) == WRITTEN_FOR


def _md5_low32(key: bytes) -> int:
    """``filetables.md5_hash``: the digest's low 32 bits, without a hex string."""
    return int.from_bytes(md5(key, usedforsecurity=False).digest()[12:], "big")


def write_position_lists(fieldwriter, lists) -> int:
    """Write ``lists`` of ``(term bytes, ids, frequencies, positions, lengths)`` (in term
    order, frequencies a list of ints, positions every posting's absolute positions one after
    another, lengths the documents' quantised field lengths) into the field ``fieldwriter``
    (Whoosh 3's ``W3FieldWriter`` between ``start_field`` and ``finish_field``) has started;
    returns the number of terms."""
    tindex = fieldwriter._tindex
    if not KNOWN or tindex.hashfn is not md5_hash:
        return write_term_by_term(fieldwriter, lists)
    postfile, tfile = fieldwriter._postfile, tindex.dbfile
    prefix = pack_ushort(fieldwriter._fieldid)
    post_at, row_at = postfile.tell(), tfile.tell()
    posts: list[bytes] = []
    rows: list[bytes] = []
    held = 0
    buckets, index_append = tindex.buckets, tindex.index.append
    lastkey = tindex.lastkey
    count = 0
    for btext, ids, tfs, positions, lengths in lists:
        key = prefix + btext
        if key <= lastkey:
            raise ValueError(f"Keys must increase: {lastkey!r}..{key!r}")
        body = encode_positions(ids, tfs, positions, lengths)
        known = [x for x in lengths if x]
        info = _INFO.pack(0, float(sum(tfs)), len(ids),
                          length_to_byte(min(known)) if known else 0,
                          length_to_byte(max(known)) if known else length_to_byte(0),
                          float(max(tfs)), ids[0], ids[-1]) \
            + pack_long(post_at) + pack_int(len(body))
        post_at += len(body)
        posts.append(body)
        row = _ROW.pack(len(key), len(info)) + key + info
        index_append(row_at)
        h = _md5_low32(key)
        buckets[h & 255].append((h, row_at))
        row_at += len(row)
        rows.append(row)
        lastkey = key
        count += 1
        held += len(body) + len(row)
        if held >= FLUSH_BYTES:
            postfile.write(b"".join(posts))
            tfile.write(b"".join(rows))
            posts, rows, held = [], [], 0
    postfile.write(b"".join(posts))
    tfile.write(b"".join(rows))
    tindex.lastkey = lastkey
    return count


def write_term_by_term(fieldwriter, lists) -> int:
    """What :func:`write_position_lists` writes, a term at a time through the field writer."""
    count = 0
    for btext, ids, tfs, positions, lengths in lists:
        fieldwriter.start_term(btext)
        # the field writer's posting writer is the codec's ColumnPostingsWriter
        fieldwriter._postwriter.add_positions(ids, tfs, positions, lengths)
        fieldwriter.finish_term()
        count += 1
    return count
