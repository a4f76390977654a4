/* Rows of postings put in the order of their B-tree, (key, paragraph), compiled.
 *
 * A rebuild indexes its postings with one B-tree sort of millions of rows. PostgreSQL's sort
 * first checks whether its input is in order already, and when it is, it is done in one pass:
 * the B-tree of 5.6 million postings (100,000 paragraphs) built in about a third of the time.
 * So each batch's rows are sorted where they are made (`sort_rows`), the batches wait in a
 * file, and the load copies them merged (`merge_rows`), in key order, into the new table.
 * The rows are COPY text lines whose first column is the key and fourth the paragraph's
 * number; two rows with both the same (two terms sharing a key, never in practice) keep the
 * order of their bytes, so the result never depends on the order the batches came in.
 * `spool.py` holds the Python functions these mirror, and the tests compare the two.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdlib.h>
#include <string.h>

#include "_copy_integers.h"

typedef struct {
    long long key;
    long long id;
    const char *line;  /* the row, without its line break */
    Py_ssize_t length;
} Row;

/* A decimal integer of 64 bits ending at a tab or at `end`; its end through `next`. 0 when
 * there is none. */
static int
number_at(const char *at, const char *end, long long *value, const char **next)
{
    at = read_integer(at, end, value);
    if (at == NULL || (at < end && *at != '\t'))
        return 0;
    *next = at;
    return 1;
}

/* The row of `length` bytes at `line`: its key (first column) and number (fourth). */
static int
parse_row(const char *line, Py_ssize_t length, Row *row)
{
    const char *end = line + length, *at;
    if (!number_at(line, end, &row->key, &at) || at == end)
        return 0;
    for (int column = 1; column < 3; column++) {  /* past the field and the term */
        at = memchr(at + 1, '\t', end - (at + 1));
        if (at == NULL)
            return 0;
    }
    if (!number_at(at + 1, end, &row->id, &at))
        return 0;
    row->line = line;
    row->length = length;
    return 1;
}

static int
compare_rows(const Row *a, const Row *b)
{
    if (a->key != b->key)
        return a->key < b->key ? -1 : 1;
    if (a->id != b->id)
        return a->id < b->id ? -1 : 1;
    Py_ssize_t shorter = a->length < b->length ? a->length : b->length;
    int bytes = memcmp(a->line, b->line, shorter);
    if (bytes != 0)
        return bytes;
    return a->length < b->length ? -1 : (a->length > b->length);
}

static int
compare_for_qsort(const void *a, const void *b)
{
    return compare_rows((const Row *)a, (const Row *)b);
}

static PyObject *
malformed(Py_ssize_t offset)
{
    PyErr_Format(PyExc_ValueError, "a row of postings at byte %zd is not (key, field, term, "
                 "number, ...) with a line break after it", offset);
    return NULL;
}

/* sort_rows(data) -> bytes: the rows of `data` (lines, each ending with a line break) in
 * (key, number) order. */
PyObject *
sort_rows(PyObject *self, PyObject *args)
{
    Py_buffer data;
    if (!PyArg_ParseTuple(args, "y*:sort_rows", &data))
        return NULL;
    const char *start = data.buf, *end = start + data.len;
    PyObject *result = NULL;
    Row *rows = NULL;
    Py_ssize_t count = 0, capacity = 0;
    for (const char *at = start; at < end;) {
        const char *stop = memchr(at, '\n', end - at);
        if (stop == NULL) {
            malformed(at - start);
            goto done;
        }
        if (count == capacity) {
            capacity = capacity ? capacity * 2 : 1024;
            Row *grown = PyMem_Realloc(rows, capacity * sizeof(Row));
            if (grown == NULL) {
                PyErr_NoMemory();
                goto done;
            }
            rows = grown;
        }
        if (!parse_row(at, stop - at, &rows[count])) {
            malformed(at - start);
            goto done;
        }
        count++;
        at = stop + 1;
    }
    if (count > 1)
        qsort(rows, count, sizeof(Row), compare_for_qsort);
    result = PyBytes_FromStringAndSize(NULL, data.len);
    if (result == NULL)
        goto done;
    char *out = PyBytes_AS_STRING(result);
    for (Py_ssize_t i = 0; i < count; i++) {
        memcpy(out, rows[i].line, rows[i].length + 1);  /* with its line break */
        out += rows[i].length + 1;
    }
done:
    PyMem_Free(rows);
    PyBuffer_Release(&data);
    return result;
}

/* The heap of runs by their first row: the least at 0. */
static void
sift_down(Row *heads, Py_ssize_t *runs, Py_ssize_t size, Py_ssize_t at)
{
    for (;;) {
        Py_ssize_t least = at, left = 2 * at + 1, right = left + 1;
        if (left < size && compare_rows(&heads[runs[left]], &heads[runs[least]]) < 0)
            least = left;
        if (right < size && compare_rows(&heads[runs[right]], &heads[runs[least]]) < 0)
            least = right;
        if (least == at)
            return;
        Py_ssize_t swap = runs[at];
        runs[at] = runs[least];
        runs[least] = swap;
        at = least;
    }
}

/* The row starting at `from` before `end` in `data` (into `row`), its end through `stop`.
 * 0 when it is malformed. */
static int
row_from(const char *data, Py_ssize_t from, Py_ssize_t end, Row *row, Py_ssize_t *stop)
{
    const char *found = memchr(data + from, '\n', end - from);
    if (found == NULL || !parse_row(data + from, found - (data + from), row))
        return 0;
    *stop = found - data + 1;
    return 1;
}

/* merge_rows(data, heads, ends, limit) -> bytes
 *
 * The next rows, in (key, number) order, of the sorted runs `data[heads[i]:ends[i]]`, about
 * `limit` bytes of them (whole rows); `heads` (a list) moves past them. Empty when every run
 * is done. */
PyObject *
merge_rows(PyObject *self, PyObject *args)
{
    Py_buffer data;
    PyObject *heads_list, *ends_list;
    Py_ssize_t limit;
    if (!PyArg_ParseTuple(args, "y*O!O!n:merge_rows", &data, &PyList_Type, &heads_list,
                          &PyList_Type, &ends_list, &limit))
        return NULL;
    if (limit <= 0) {
        PyBuffer_Release(&data);
        PyErr_SetString(PyExc_ValueError, "limit must be positive");
        return NULL;
    }
    PyObject *result = NULL;
    Py_ssize_t k = PyList_GET_SIZE(heads_list), size = 0, used = 0, bad = -1;
    Py_ssize_t *at = PyMem_Calloc(k ? k : 1, sizeof(Py_ssize_t));
    Py_ssize_t *ends = PyMem_Calloc(k ? k : 1, sizeof(Py_ssize_t));
    Py_ssize_t *next = PyMem_Calloc(k ? k : 1, sizeof(Py_ssize_t));
    Py_ssize_t *runs = PyMem_Calloc(k ? k : 1, sizeof(Py_ssize_t));
    Row *first = PyMem_Calloc(k ? k : 1, sizeof(Row));
    char *out = NULL;
    if (!at || !ends || !next || !runs || !first) {
        PyErr_NoMemory();
        goto done;
    }
    if (PyList_GET_SIZE(ends_list) != k) {
        PyErr_SetString(PyExc_ValueError, "heads and ends differ in length");
        goto done;
    }
    for (Py_ssize_t i = 0; i < k; i++) {
        at[i] = PyLong_AsSsize_t(PyList_GET_ITEM(heads_list, i));
        ends[i] = PyLong_AsSsize_t(PyList_GET_ITEM(ends_list, i));
        if (PyErr_Occurred())
            goto done;
        if (at[i] < 0 || at[i] > ends[i] || ends[i] > data.len) {
            PyErr_SetString(PyExc_ValueError, "a run lies outside the data");
            goto done;
        }
    }
    Py_ssize_t capacity = limit < (1 << 26) ? limit + 4096 : (1 << 26);
    out = PyMem_RawMalloc(capacity);
    if (out == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    const char *bytes = data.buf;
    Py_BEGIN_ALLOW_THREADS
    for (Py_ssize_t i = 0; i < k && bad < 0; i++) {
        if (at[i] == ends[i])
            continue;
        if (!row_from(bytes, at[i], ends[i], &first[i], &next[i]))
            bad = at[i];
        runs[size++] = i;
    }
    for (Py_ssize_t i = size / 2 - 1; i >= 0 && bad < 0; i--)
        sift_down(first, runs, size, i);
    while (size > 0 && used < limit && bad < 0) {
        Py_ssize_t run = runs[0], length = next[run] - at[run];
        if (used + length > capacity) {
            Py_ssize_t wanted = (used + length) * 2;
            char *grown = PyMem_RawRealloc(out, wanted);
            if (grown == NULL) {
                bad = -2;
                break;
            }
            out = grown;
            capacity = wanted;
        }
        memcpy(out + used, bytes + at[run], length);
        used += length;
        at[run] = next[run];
        if (at[run] == ends[run])
            runs[0] = runs[--size];
        else if (!row_from(bytes, at[run], ends[run], &first[run], &next[run]))
            bad = at[run];
        sift_down(first, runs, size, 0);
    }
    Py_END_ALLOW_THREADS
    if (bad == -2) {
        PyErr_NoMemory();
        goto done;
    }
    if (bad >= 0) {
        malformed(bad);
        goto done;
    }
    for (Py_ssize_t i = 0; i < k; i++) {
        PyObject *value = PyLong_FromSsize_t(at[i]);
        if (value == NULL || PyList_SetItem(heads_list, i, value) < 0)
            goto done;
    }
    result = PyBytes_FromStringAndSize(out, used);
done:
    PyMem_RawFree(out);
    PyMem_Free(at);
    PyMem_Free(ends);
    PyMem_Free(next);
    PyMem_Free(runs);
    PyMem_Free(first);
    PyBuffer_Release(&data);
    return result;
}
