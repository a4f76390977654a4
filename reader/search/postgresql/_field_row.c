/* One field of one paragraph analysed in one pass, compiled.
 *
 * `positions` (in _speedups.c) gives each term of a field a Python list of its positions as
 * text, in a dict, and `terms_text` then reads them back to write the field's `tsvector`
 * literal and its rows of postings: a list and a string object for every term and position,
 * read once and dropped. `field_row` keeps each term's positions as numbers in arrays of its
 * own instead and writes the same text from them. The Python it was written from is
 * `documents.field_row_python` (the two loops in turn); the tests compare them.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>

#include "_text.h"

/* A term met in the field: itself (a new reference), its hash, how many positions it has,
 * and where its first and latest are in the positions' arrays. */
typedef struct {
    PyObject *term;
    Py_hash_t hash;
    Py_ssize_t count, first, latest;
} Term;

typedef struct {
    Term *terms;  /* in the order they were first met */
    Py_ssize_t size, room;
    Py_ssize_t *slots;  /* open addressing: a term's index + 1, 0 when free */
    Py_ssize_t capacity;
    Py_ssize_t *value, *next;  /* each position, and the next of the same term (-1: none) */
    Py_ssize_t positions, position_room;
} Field;

static void
field_free(Field *field)
{
    for (Py_ssize_t k = 0; k < field->size; k++)
        Py_DECREF(field->terms[k].term);
    PyMem_Free(field->terms);
    PyMem_Free(field->slots);
    PyMem_Free(field->value);
    PyMem_Free(field->next);
}

/* `*data` given room for `room` items of `size` bytes (kept as it was when it cannot be). */
static int
resize(void **data, Py_ssize_t room, size_t size)
{
    void *grown = PyMem_Realloc(*data, (size_t)room * size);
    if (grown == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    *data = grown;
    return 0;
}

static int
grow_slots(Field *field)
{
    Py_ssize_t capacity = field->capacity ? field->capacity * 2 : 64;
    Py_ssize_t *slots = PyMem_Calloc(capacity, sizeof *slots);
    if (slots == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t k = 0; k < field->size; k++) {
        Py_ssize_t slot = (Py_ssize_t)((size_t)field->terms[k].hash & (size_t)(capacity - 1));
        while (slots[slot])
            slot = (slot + 1) & (capacity - 1);
        slots[slot] = k + 1;
    }
    PyMem_Free(field->slots);
    field->slots = slots;
    field->capacity = capacity;
    return 0;
}

/* The index of `term` among the field's terms, added when new; -1 with an error set. */
static Py_ssize_t
term_index(Field *field, PyObject *term)
{
    if (!PyUnicode_Check(term)) {
        PyErr_SetString(PyExc_TypeError, "a term must be a str");
        return -1;
    }
    Py_hash_t hash = PyObject_Hash(term);
    if (hash == -1)
        return -1;
    if ((field->size + 1) * 2 > field->capacity && grow_slots(field) < 0)
        return -1;
    Py_ssize_t slot = (Py_ssize_t)((size_t)hash & (size_t)(field->capacity - 1));
    while (field->slots[slot]) {
        Term *known = &field->terms[field->slots[slot] - 1];
        if (known->term == term ||
                (known->hash == hash && PyUnicode_Compare(known->term, term) == 0))
            return field->slots[slot] - 1;
        if (PyErr_Occurred())
            return -1;
        slot = (slot + 1) & (field->capacity - 1);
    }
    if (field->size == field->room) {
        Py_ssize_t room = field->room ? field->room * 2 : 32;
        if (resize((void **)&field->terms, room, sizeof *field->terms) < 0)
            return -1;
        field->room = room;
    }
    Py_INCREF(term);
    field->terms[field->size] = (Term){term, hash, 0, -1, -1};
    field->slots[slot] = ++field->size;
    return field->size - 1;
}

/* One more position (its number) of the field's term `index`. */
static int
add_position(Field *field, Py_ssize_t index, Py_ssize_t number)
{
    if (field->positions == field->position_room) {
        Py_ssize_t room = field->position_room ? field->position_room * 2 : 128;
        if (resize((void **)&field->value, room, sizeof *field->value) < 0 ||
                resize((void **)&field->next, room, sizeof *field->next) < 0)
            return -1;
        field->position_room = room;
    }
    Py_ssize_t at = field->positions++;
    field->value[at] = number;
    field->next[at] = -1;
    Term *term = &field->terms[index];
    if (term->latest < 0)
        term->first = at;
    else
        field->next[term->latest] = at;
    term->latest = at;
    term->count++;
    return 0;
}

/* Each word's parts, their terms' positions kept (a position past `shown` is `last`), their
 * folded words added to `spell` unless None; the parts with a term counted in `*count`. */
static int
read_words(Field *field, PyObject *text, PyObject *known, PyObject *miss, PyObject *spell,
           Py_ssize_t shown, Py_ssize_t last, Py_ssize_t *count)
{
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t length = PyUnicode_GET_LENGTH(text), i = 0, start, pos = 0;
    while (next_word(kind, data, length, &i, &start)) {
        PyObject *parts = word_parts(text, start, i, known, miss);
        if (parts == NULL)
            return -1;
        for (Py_ssize_t p = 0; p < PyTuple_GET_SIZE(parts); p++, pos++) {
            PyObject *part = word_part(parts, p);
            if (part == NULL) {
                Py_DECREF(parts);
                return -1;
            }
            PyObject *term = PyTuple_GET_ITEM(part, 0);
            if (term == Py_None)
                continue;
            Py_ssize_t index = term_index(field, term);
            if (index < 0 || add_position(field, index, pos < shown ? pos + 1 : last) < 0 ||
                    (spell != Py_None && PySet_Add(spell, PyTuple_GET_ITEM(part, 1)) < 0)) {
                Py_DECREF(parts);
                return -1;
            }
            (*count)++;
        }
        Py_DECREF(parts);
    }
    return 0;
}

/* A term's positions after its first, each after a comma: the rows' array copies them. */
static int
add_positions(Buffer *vector, Field *field, Term *term)
{
    for (Py_ssize_t at = term->first; at >= 0; at = field->next[at]) {
        if ((at != term->first && buffer_add(vector, ",", 1) < 0) ||
                buffer_add_number(vector, field->value[at]) < 0)
            return -1;
    }
    return 0;
}

/* The field's text: its tsvector literal, its rows of postings and its counts above one,
 * each term's constant parts from `heads` (`new_head(term)` gives and keeps those it lacks):
 * (posting row's head, "" for none; the lexeme up to its positions; its key in the counts). */
static int
write_terms(Field *field, PyObject *heads, PyObject *new_head, const char *middle,
            Py_ssize_t middle_size, const char *end, Py_ssize_t end_size, Buffer *vector,
            Buffer *rows, PyObject *counts, PyObject *terms)
{
    for (Py_ssize_t k = 0; k < field->size; k++) {
        Term *term = &field->terms[k];
        PyObject *head = PyDict_GetItemWithError(heads, term->term);
        if (head != NULL)
            Py_INCREF(head);
        else if (PyErr_Occurred() || (head = PyObject_CallOneArg(new_head, term->term)) == NULL)
            return -1;
        if (!PyTuple_Check(head) || PyTuple_GET_SIZE(head) != 3) {
            Py_DECREF(head);
            PyErr_SetString(PyExc_TypeError, "a term needs (posting, lexeme, key)");
            return -1;
        }
        PyObject *posting = PyTuple_GET_ITEM(head, 0);
        Py_ssize_t first_at;
        int failed = (vector->size && buffer_add(vector, " ", 1) < 0) ||
                     buffer_add_str(vector, PyTuple_GET_ITEM(head, 1)) < 0;
        first_at = vector->size;
        failed = failed || add_positions(vector, field, term) < 0;
        if (!failed && PyUnicode_Check(posting) && PyUnicode_GET_LENGTH(posting)) {
            Py_ssize_t first_end = first_at;
            while (first_end < vector->size && vector->data[first_end] != ',')
                first_end++;
            failed = buffer_add_str(rows, posting) < 0 ||
                     buffer_add(rows, middle, middle_size) < 0 ||
                     buffer_add_number(rows, term->count) < 0 ||
                     buffer_add(rows, end, end_size) < 0 ||
                     /* the vector may move as the rows grow: copied from it, never kept */
                     buffer_add(rows, vector->data + first_at, first_end - first_at) < 0;
            if (!failed && term->count == 1) {
                failed = buffer_add(rows, "\t\\N\n", 4) < 0;
            } else if (!failed) {
                failed = buffer_add(rows, "\t{", 2) < 0 ||
                         buffer_add(rows, vector->data + first_end + 1,
                                    vector->size - first_end - 1) < 0 ||
                         buffer_add(rows, "}\n", 2) < 0;
            }
        }
        if (!failed && term->count > 1) {
            PyObject *pair = Py_BuildValue("(On)", PyTuple_GET_ITEM(head, 2), term->count);
            failed = pair == NULL || PyList_Append(counts, pair) < 0;
            Py_XDECREF(pair);
        }
        failed = failed || PyList_Append(terms, term->term) < 0;
        Py_DECREF(head);
        if (failed)
            return -1;
    }
    return 0;
}

/* field_row(text, known, miss, heads, new_head, middle, mark, spell, shown, last)
 *     -> (length, vector, rows, counts, terms)
 *
 * One field as `lexemes._positions` and then `documents._terms_text` make it (see
 * `documents.field_row_python`): each word of `text` (parts from `known`, or `miss(word)`)
 * gives its terms positions from 1 (past `shown`: `last`), the English mark `mark` (unless
 * None) coming first, at 1; then each term in the order first met writes its lexeme and
 * positions into the `tsvector` literal and, unless its posting head is empty, a row of
 * postings: head, `middle`, count, the field's length and language, first position, the
 * others in braces (or \N). Returns the field's length (its terms' positions), the literal,
 * the rows, (key, count) of each term with more than one position, and the terms. */
PyObject *
field_row(PyObject *self, PyObject *args)
{
    PyObject *text, *known, *miss, *heads, *new_head, *middle, *mark, *spell;
    Py_ssize_t shown, last;
    if (!PyArg_ParseTuple(args, "UO!OO!OUOOnn:field_row", &text, &PyDict_Type, &known, &miss,
                          &PyDict_Type, &heads, &new_head, &middle, &mark, &spell, &shown,
                          &last))
        return NULL;
    if (spell != Py_None && !PySet_Check(spell)) {
        PyErr_SetString(PyExc_TypeError, "spell must be a set or None");
        return NULL;
    }
    if (last < 0) {
        PyErr_SetString(PyExc_ValueError, "the last position must not be negative");
        return NULL;
    }
    Py_ssize_t middle_size;
    const char *middle_bytes = PyUnicode_AsUTF8AndSize(middle, &middle_size);
    if (middle_bytes == NULL)
        return NULL;
    Field field = {0};
    Buffer vector = {NULL, 0, 0}, rows = {NULL, 0, 0}, end = {NULL, 0, 0};
    PyObject *counts = PyList_New(0), *terms = PyList_New(0), *result = NULL;
    Py_ssize_t count = 0;
    if (counts == NULL || terms == NULL)
        goto done;
    if (mark != Py_None) {
        Py_ssize_t index = term_index(&field, mark);
        if (index < 0 || add_position(&field, index, 1) < 0)
            goto done;
        count = 1;
    }
    if (read_words(&field, text, known, miss, spell, shown, last, &count) < 0)
        goto done;
    /* the part of a row after its count: the field's length and whether it is English */
    if (buffer_add(&end, "\t", 1) < 0 || buffer_add_number(&end, count) < 0 ||
            buffer_add(&end, mark != Py_None ? "\tt\t" : "\tf\t", 3) < 0)
        goto done;
    if (write_terms(&field, heads, new_head, middle_bytes, middle_size, end.data, end.size,
                    &vector, &rows, counts, terms) < 0)
        goto done;
    PyObject *vector_str = buffer_str(&vector), *rows_str = buffer_str(&rows);
    if (vector_str != NULL && rows_str != NULL)
        result = Py_BuildValue("(nOOOO)", count, vector_str, rows_str, counts, terms);
    Py_XDECREF(vector_str);
    Py_XDECREF(rows_str);
done:
    field_free(&field);
    PyMem_Free(vector.data);
    PyMem_Free(rows.data);
    PyMem_Free(end.data);
    Py_XDECREF(counts);
    Py_XDECREF(terms);
    return result;
}
