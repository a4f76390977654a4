/* The innermost loops of a PostgreSQL load, compiled.
 *
 * A load spends most of its analysis in two loops that do little but look words up in dicts
 * and join short strings: each token of a field to its term's positions, and each term of a
 * field to its `tsvector` lexeme and its row of postings. Interpreted, each step costs far
 * more than its work. These are the same loops in C, one at a time, beside the Python loops
 * they mirror (`lexemes._positions`, `documents._terms_text`), and the tests check that both
 * give the same values for the same input, the tokenizer the reader's pattern. A load runs
 * them fused, in one pass a field (`_field_row.c`, on the same tokenizer and buffer: `_text.h`).
 * Every word or term seen for the first time is handed to a Python callable (`miss`), so the
 * analysis itself stays in Python.
 * The loading process sums the batches' term counts here too (`add_counts`, whose reference
 * is `counts.add_counts`).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>

#include "_text.h"

/* positions(text, known, miss, where, spell, at, last) -> int
 *
 * For each word of `text` (as `re.findall(TOKEN_PATTERN, text)` finds them: a run of word
 * characters, then any number of joiners each followed by another run), its parts from
 * `known` (a dict; `miss(word)` gives and remembers them when absent): a tuple of (term or
 * None, folded word). Each part takes one position; a part with a term appends that
 * position's text (`at[position]`, or `last` past the end of `at`) to the term's list in
 * `where`, and adds its folded word to `spell` unless that is None. Returns how many parts
 * had a term. */
static PyObject *
positions(PyObject *self, PyObject *args)
{
    PyObject *text, *known, *miss, *where, *spell, *at, *last;
    if (!PyArg_ParseTuple(args, "UO!OO!OO!U:positions", &text, &PyDict_Type, &known, &miss,
                          &PyDict_Type, &where, &spell, &PyTuple_Type, &at, &last))
        return NULL;
    if (spell != Py_None && !PySet_Check(spell)) {
        PyErr_SetString(PyExc_TypeError, "spell must be a set or None");
        return NULL;
    }
    Py_ssize_t pos = 0, count = 0, shown = PyTuple_GET_SIZE(at);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t length = PyUnicode_GET_LENGTH(text), i = 0, start;
    while (next_word(kind, data, length, &i, &start)) {
        PyObject *parts = word_parts(text, start, i, known, miss);
        if (parts == NULL)
            return NULL;
        for (Py_ssize_t p = 0; p < PyTuple_GET_SIZE(parts); p++, pos++) {
            PyObject *part = word_part(parts, p);
            if (part == NULL) {
                Py_DECREF(parts);
                return NULL;
            }
            PyObject *term = PyTuple_GET_ITEM(part, 0);
            if (term == Py_None)
                continue;
            PyObject *position = pos < shown ? PyTuple_GET_ITEM(at, pos) : last;
            PyObject *list = PyDict_GetItemWithError(where, term);
            int failed;
            if (list != NULL) {
                failed = PyList_Append(list, position);
            } else if (PyErr_Occurred()) {
                failed = -1;
            } else {
                list = PyList_New(1);
                if (list == NULL) {
                    failed = -1;
                } else {
                    Py_INCREF(position);
                    PyList_SET_ITEM(list, 0, position);
                    failed = PyDict_SetItem(where, term, list);
                    Py_DECREF(list);
                }
            }
            if (!failed && spell != Py_None)
                failed = PySet_Add(spell, PyTuple_GET_ITEM(part, 1));
            if (failed) {
                Py_DECREF(parts);
                return NULL;
            }
            count++;
        }
        Py_DECREF(parts);
    }
    return PyLong_FromSsize_t(count);
}

/* terms_text(where, heads, miss, middle, end) -> (vector, rows, counts)
 *
 * For each term of `where` (term -> list of its positions' text, in order), its constant
 * parts from `heads` (a dict; `miss(term)` gives and remembers them when absent): (posting
 * row's head, "" for none; the lexeme as a tsvector literal writes it up to its positions;
 * the term's key in the counts). Writes the term's lexeme and positions into the tsvector
 * literal (space-separated), and unless its posting head is empty a posting row:
 * head, `middle`, count, `end`, first position, the others in braces (or \N), newline. A term
 * with more than one position adds (key, count) to `counts`. (`miss` must not change
 * `where`, which is read as it is iterated.) */
static PyObject *
terms_text(PyObject *self, PyObject *args)
{
    PyObject *where, *heads, *miss, *middle, *end;
    if (!PyArg_ParseTuple(args, "O!O!OUU:terms_text", &PyDict_Type, &where, &PyDict_Type,
                          &heads, &miss, &middle, &end))
        return NULL;
    Py_ssize_t middle_size, end_size;
    const char *middle_bytes = PyUnicode_AsUTF8AndSize(middle, &middle_size);
    const char *end_bytes = PyUnicode_AsUTF8AndSize(end, &end_size);
    if (middle_bytes == NULL || end_bytes == NULL)
        return NULL;
    PyObject *counts = PyList_New(0);
    if (counts == NULL)
        return NULL;
    Buffer vector = {NULL, 0, 0}, rows = {NULL, 0, 0};
    PyObject *term, *found, *result = NULL;
    Py_ssize_t i = 0;
    while (PyDict_Next(where, &i, &term, &found)) {
        PyObject *head = PyDict_GetItemWithError(heads, term);
        if (head != NULL) {
            Py_INCREF(head);
        } else if (PyErr_Occurred() || (head = PyObject_CallOneArg(miss, term)) == NULL) {
            goto done;
        }
        if (!PyTuple_Check(head) || PyTuple_GET_SIZE(head) != 3 || !PyList_Check(found) ||
                PyList_GET_SIZE(found) == 0) {
            Py_DECREF(head);
            PyErr_SetString(PyExc_TypeError,
                            "a term needs (posting, lexeme, key) and a list of positions");
            goto done;
        }
        PyObject *posting = PyTuple_GET_ITEM(head, 0);
        Py_ssize_t n = PyList_GET_SIZE(found), first_at = 0;
        int failed = (vector.size && buffer_add(&vector, " ", 1)) ||
                     buffer_add_str(&vector, PyTuple_GET_ITEM(head, 1));
        for (Py_ssize_t k = 0; k < n && !failed; k++) {
            if (k) {
                failed = buffer_add(&vector, ",", 1);
            } else {
                first_at = vector.size;
            }
            failed = failed || buffer_add_str(&vector, PyList_GET_ITEM(found, k));
        }
        int numbered = !failed && PyUnicode_Check(posting) && PyUnicode_GET_LENGTH(posting);
        if (!failed && numbered) {
            Py_ssize_t first_size;
            const char *first = PyUnicode_AsUTF8AndSize(PyList_GET_ITEM(found, 0),
                                                        &first_size);
            failed = first == NULL || buffer_add_str(&rows, posting) ||
                     buffer_add(&rows, middle_bytes, middle_size) ||
                     buffer_add_number(&rows, n) ||
                     buffer_add(&rows, end_bytes, end_size) ||
                     buffer_add(&rows, first, first_size);
            if (!failed && n == 1) {
                failed = buffer_add(&rows, "\t\\N\n", 4);
            } else if (!failed) {
                /* the others, as written in the vector after the first and its comma; the
                   vector may move as it grows, so they are copied out of it last */
                Py_ssize_t skip = first_at + first_size + 1;
                failed = buffer_add(&rows, "\t{", 2) ||
                         buffer_add(&rows, vector.data + skip, vector.size - skip) ||
                         buffer_add(&rows, "}\n", 2);
            }
        }
        if (!failed && n > 1) {
            PyObject *pair = Py_BuildValue("(On)", PyTuple_GET_ITEM(head, 2), n);
            failed = pair == NULL || PyList_Append(counts, pair);
            Py_XDECREF(pair);
        }
        Py_DECREF(head);
        if (failed)
            goto done;
    }
    PyObject *vector_str = buffer_str(&vector), *rows_str = buffer_str(&rows);
    if (vector_str != NULL && rows_str != NULL)
        result = PyTuple_Pack(3, vector_str, rows_str, counts);
    Py_XDECREF(vector_str);
    Py_XDECREF(rows_str);
done:
    PyMem_Free(vector.data);
    PyMem_Free(rows.data);
    Py_DECREF(counts);
    return result;
}

/* add_counts(target, source)
 *
 * Each count of `source` (a dict of numbers) added to `target`'s (a dict; a key it lacks
 * takes the count as it is), as `Counter.update(source)` does for a mapping in a Python loop:
 * the loading process sums every batch's term counts, millions of them in a big load. */
static PyObject *
add_counts(PyObject *self, PyObject *args)
{
    PyObject *target, *source;
    if (!PyArg_ParseTuple(args, "O!O!:add_counts", &PyDict_Type, &target, &PyDict_Type,
                          &source))
        return NULL;
    if (target == source) {
        PyErr_SetString(PyExc_ValueError, "cannot add a dict's counts to itself");
        return NULL;
    }
    PyObject *key, *count;
    Py_ssize_t i = 0;
    while (PyDict_Next(source, &i, &key, &count)) {
        PyObject *old = PyDict_GetItemWithError(target, key), *sum;
        if (old != NULL) {
            sum = PyNumber_Add(old, count);
        } else if (PyErr_Occurred()) {
            return NULL;
        } else {
            Py_INCREF(count);
            sum = count;
        }
        if (sum == NULL)
            return NULL;
        int failed = PyDict_SetItem(target, key, sum);
        Py_DECREF(sum);
        if (failed)
            return NULL;
    }
    Py_RETURN_NONE;
}

/* In _field_row.c: one field of a paragraph in one pass. */
PyObject *field_row(PyObject *self, PyObject *args);
/* In _postings_order.c: a rebuild's rows of postings in their B-tree's order. */
PyObject *sort_rows(PyObject *self, PyObject *args);
PyObject *merge_rows(PyObject *self, PyObject *args);
/* In _blocks.c: the common words' blocks made from a rebuild's postings. */
PyObject *block_rows(PyObject *self, PyObject *args);

static PyMethodDef methods[] = {
    {"positions", positions, METH_VARARGS,
     "Each word's terms' positions added to a field's (see lexemes._positions)."},
    {"terms_text", terms_text, METH_VARARGS,
     "A field's tsvector literal, postings rows and counts (see documents._terms_text)."},
    {"field_row", field_row, METH_VARARGS,
     "A field's length, tsvector literal, postings rows, counts and terms "
     "(see documents.field_row_python)."},
    {"add_counts", add_counts, METH_VARARGS,
     "Counts of one dict added to another's (see counts.add_counts)."},
    {"sort_rows", sort_rows, METH_VARARGS,
     "Rows of postings in (key, number) order (see spool.sort_rows)."},
    {"merge_rows", merge_rows, METH_VARARGS,
     "The next rows of sorted runs of postings, merged (see spool.merge_rows)."},
    {"block_rows", block_rows, METH_VARARGS,
     "The common words' rows of blocks, from rows of postings (see blocks.rows_from)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_speedups",
    "The innermost loops of a PostgreSQL load, compiled (see speedups.py).", -1, methods,
};

/* The version of these functions' signatures: a build older than the Python calling it (an
 * editable install not compiled again) is not used (see speedups.py). */
#define VERSION 6

PyMODINIT_FUNC
PyInit__speedups(void)
{
    PyObject *created = PyModule_Create(&module);
    if (created != NULL && PyModule_AddIntConstant(created, "VERSION", VERSION) < 0) {
        Py_DECREF(created);
        return NULL;
    }
    return created;
}
