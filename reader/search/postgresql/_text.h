/* What the compiled loops of a load's analysis share: the reader's tokens (as its pattern
 * finds them), a word's parts from the load's memory of words, and a growing UTF-8 buffer. */
#ifndef READER_TEXT_H
#define READER_TEXT_H

#include <Python.h>
#include <string.h>

/* A word character as the `\w` of a `str` pattern of `re` has it (sre's SRE_UNI_IS_WORD). */
static inline int
is_word(Py_UCS4 ch)
{
    if (ch < 128)
        return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
               (ch >= '0' && ch <= '9') || ch == '_';
    return Py_UNICODE_ISALNUM(ch);
}

/* A character that joins two runs of word characters into one token: ' ’ - */
static inline int
is_joiner(Py_UCS4 ch)
{
    return ch == '\'' || ch == 0x2019 || ch == '-';
}

/* The next word of a text from `*at` (as `re.findall(TOKEN_PATTERN, text)` finds them: a run
 * of word characters, then any number of joiners each followed by another run): 1 with its
 * bounds in `*start` and `*at`, 0 when there is none. */
static inline int
next_word(int kind, const void *data, Py_ssize_t length, Py_ssize_t *at, Py_ssize_t *start)
{
    Py_ssize_t i = *at;
    while (i < length && !is_word(PyUnicode_READ(kind, data, i)))
        i++;
    if (i >= length) {
        *at = i;
        return 0;
    }
    *start = i;
    for (;;) {
        while (i < length && is_word(PyUnicode_READ(kind, data, i)))
            i++;
        if (i + 1 < length && is_joiner(PyUnicode_READ(kind, data, i)) &&
                is_word(PyUnicode_READ(kind, data, i + 1)))
            i++;
        else
            break;
    }
    *at = i;
    return 1;
}

/* The parts of `text[start:end]` (a new reference): from `known` (a dict), or `miss(word)`,
 * which gives and remembers them; checked to be a tuple. NULL with an error set. */
static inline PyObject *
word_parts(PyObject *text, Py_ssize_t start, Py_ssize_t end, PyObject *known, PyObject *miss)
{
    PyObject *word = PyUnicode_Substring(text, start, end);
    if (word == NULL)
        return NULL;
    PyObject *parts = PyDict_GetItemWithError(known, word);
    if (parts != NULL) {
        Py_INCREF(parts);
    } else if (!PyErr_Occurred()) {
        parts = PyObject_CallOneArg(miss, word);
    }
    Py_DECREF(word);
    if (parts != NULL && !PyTuple_Check(parts)) {
        Py_DECREF(parts);
        PyErr_SetString(PyExc_TypeError, "a word's parts must be a tuple");
        return NULL;
    }
    return parts;
}

/* One part of a word's parts: (term or None, folded word); NULL with an error set when it is
 * not a pair. */
static inline PyObject *
word_part(PyObject *parts, Py_ssize_t p)
{
    PyObject *part = PyTuple_GET_ITEM(parts, p);
    if (!PyTuple_Check(part) || PyTuple_GET_SIZE(part) != 2) {
        PyErr_SetString(PyExc_TypeError, "a part must be (term, folded word)");
        return NULL;
    }
    return part;
}

/* A growing UTF-8 buffer. */
typedef struct {
    char *data;
    Py_ssize_t size, room;
} Buffer;

static inline int
buffer_add(Buffer *buffer, const char *bytes, Py_ssize_t size)
{
    if (buffer->size + size > buffer->room) {
        Py_ssize_t room = buffer->room ? buffer->room : 256;
        while (buffer->size + size > room)
            room *= 2;
        char *data = PyMem_Realloc(buffer->data, room);
        if (data == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        buffer->data = data;
        buffer->room = room;
    }
    memcpy(buffer->data + buffer->size, bytes, size);
    buffer->size += size;
    return 0;
}

static inline int
buffer_add_str(Buffer *buffer, PyObject *text)
{
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "expected str");
        return -1;
    }
    Py_ssize_t size;
    const char *bytes = PyUnicode_AsUTF8AndSize(text, &size);
    return bytes == NULL ? -1 : buffer_add(buffer, bytes, size);
}

/* A non-negative number's decimal digits. */
static inline int
buffer_add_number(Buffer *buffer, Py_ssize_t n)
{
    char digits[24], *first = digits + sizeof digits;
    do {
        *--first = (char)('0' + n % 10);
        n /= 10;
    } while (n);
    return buffer_add(buffer, first, digits + sizeof digits - first);
}

static inline PyObject *
buffer_str(Buffer *buffer)
{
    return PyUnicode_DecodeUTF8(buffer->data ? buffer->data : "", buffer->size, "strict");
}

#endif
