/* The common words' blocks of a rebuild, made from its postings on the loading machine.
 *
 * The server made them with one statement over every posting (`blocks.build_sql`): a join
 * with the common words, then six array aggregates a group. At 100,000 paragraphs that was
 * the longest of the last steps but one. The postings wait in the loading process's file
 * anyway (`spool.py`), so this reads them there, once, and writes each common word's block
 * rows as COPY text: the same arrays (`tests/test_postgresql_rebuilt.py` compares them with
 * the statement's). Input order does not matter: every array is sorted at the end, as the
 * statement sorts it.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    int32_t *values;
    Py_ssize_t size, capacity;
} Array;

#define ARRAYS 6  /* c1, c2, c3, c4 (counts of 1, 2, 3 and the others), occ, prev */

typedef struct {
    long block;
    Array arrays[ARRAYS];
} Block;

typedef struct {
    Block *blocks;
    Py_ssize_t size, capacity;
} Word;

static int
append(Array *array, int32_t value)
{
    if (array->size == array->capacity) {
        Py_ssize_t wanted = array->capacity ? array->capacity * 2 : 16;
        int32_t *grown = PyMem_RawRealloc(array->values, wanted * sizeof(int32_t));
        if (grown == NULL)
            return 0;
        array->values = grown;
        array->capacity = wanted;
    }
    array->values[array->size++] = value;
    return 1;
}

static Block *
block_of(Word *word, long number)
{
    for (Py_ssize_t i = word->size - 1; i >= 0; i--)
        if (word->blocks[i].block == number)
            return &word->blocks[i];
    if (word->size == word->capacity) {
        Py_ssize_t wanted = word->capacity ? word->capacity * 2 : 2;
        Block *grown = PyMem_RawRealloc(word->blocks, wanted * sizeof(Block));
        if (grown == NULL)
            return NULL;
        word->blocks = grown;
        word->capacity = wanted;
    }
    Block *block = &word->blocks[word->size++];
    memset(block, 0, sizeof(Block));
    block->block = number;
    return block;
}

/* A decimal integer at `*at` (before `end`), `*at` moved past it and one separator. */
static int
integer(const char **at, const char *end, long *value)
{
    const char *p = *at;
    int negative = p < end && *p == '-';
    long n = 0;
    int digits = 0;
    p += negative;
    while (p < end && *p >= '0' && *p <= '9' && digits < 12) {
        n = n * 10 + (*p++ - '0');
        digits++;
    }
    if (digits == 0 || (p < end && *p >= '0' && *p <= '9'))
        return 0;
    *value = negative ? -n : n;
    *at = p < end ? p + 1 : p;
    return 1;
}

static int
compare_ints(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

typedef struct {
    char *data;
    Py_ssize_t size, capacity;
} Text;

static int
write_text(Text *text, const char *bytes, Py_ssize_t length)
{
    if (text->size + length > text->capacity) {
        Py_ssize_t wanted = (text->size + length) * 2 + 4096;
        char *grown = PyMem_RawRealloc(text->data, wanted);
        if (grown == NULL)
            return 0;
        text->data = grown;
        text->capacity = wanted;
    }
    memcpy(text->data + text->size, bytes, length);
    text->size += length;
    return 1;
}

static int
write_array(Text *text, Array *array)
{
    char number[16];
    if (array->size > 1)
        qsort(array->values, array->size, sizeof(int32_t), compare_ints);
    if (!write_text(text, "{", 1))
        return 0;
    for (Py_ssize_t i = 0; i < array->size; i++) {
        int length = snprintf(number, sizeof number, i ? ",%d" : "%d", array->values[i]);
        if (!write_text(text, number, length))
            return 0;
    }
    return write_text(text, "}", 1);
}

/* block_rows(data, keys, heads, block_bits, position_bits, length_bits, counts) -> bytes
 *
 * The rows of `blocks` (field, term, block, c1 ... c4, occ, prev) in COPY text for the
 * common words: `keys` their keys (int64, native order, ascending) and `heads[i]` the
 * first columns of word i's posting rows (key, field, term, each followed by a tab). The
 * rows of `data` (postings in COPY text, any order) of other words are passed over. */
PyObject *
block_rows(PyObject *self, PyObject *args)
{
    Py_buffer data, keys;
    PyObject *heads;
    int block_bits, position_bits, length_bits, counts;
    if (!PyArg_ParseTuple(args, "y*y*O!iiii:block_rows", &data, &keys, &PyList_Type, &heads,
                          &block_bits, &position_bits, &length_bits, &counts))
        return NULL;
    PyObject *result = NULL;
    Py_ssize_t words = keys.len / (Py_ssize_t)sizeof(int64_t), bad = -1;
    const int64_t *key_of = keys.buf;
    const char **head_of = PyMem_Calloc(words ? words : 1, sizeof(char *));
    Py_ssize_t *head_length = PyMem_Calloc(words ? words : 1, sizeof(Py_ssize_t));
    Word *found = PyMem_Calloc(words ? words : 1, sizeof(Word));
    Text text = {NULL, 0, 0};
    int failed_memory = 0;
    if (!head_of || !head_length || !found) {
        PyErr_NoMemory();
        goto done;
    }
    if (PyList_GET_SIZE(heads) != words || counts != ARRAYS - 3 ||
            block_bits < 1 || block_bits > 30 || position_bits < 1 || position_bits > 30 ||
            length_bits < 1 || length_bits > 30) {
        PyErr_SetString(PyExc_ValueError, "block_rows: keys, heads or bits out of range");
        goto done;
    }
    for (Py_ssize_t i = 0; i < words; i++) {
        PyObject *head = PyList_GET_ITEM(heads, i);
        if (!PyBytes_Check(head)) {
            PyErr_SetString(PyExc_TypeError, "block_rows: heads must be bytes");
            goto done;
        }
        head_of[i] = PyBytes_AS_STRING(head);
        head_length[i] = PyBytes_GET_SIZE(head);
    }
    const char *start = data.buf, *end = start + data.len;
    const long local_mask = (1L << block_bits) - 1, longest = (1L << length_bits) - 1;
    Py_BEGIN_ALLOW_THREADS
    for (const char *at = start; at < end && bad < 0 && !failed_memory;) {
        const char *stop = memchr(at, '\n', end - at);
        if (stop == NULL) {
            bad = at - start;
            break;
        }
        long long key = strtoll(at, NULL, 10);
        Py_ssize_t low = 0, high = words;  /* the first common key >= key */
        while (low < high) {
            Py_ssize_t middle = (low + high) / 2;
            if (key_of[middle] < key)
                low = middle + 1;
            else
                high = middle;
        }
        Py_ssize_t word = -1;
        for (Py_ssize_t i = low; i < words && key_of[i] == key; i++)
            if (head_length[i] <= stop - at && memcmp(at, head_of[i], head_length[i]) == 0) {
                word = i;
                break;
            }
        if (word >= 0) {
            const char *p = at + head_length[word];
            long id, tf, length, position;
            if (!integer(&p, stop, &id) || !integer(&p, stop, &tf) ||
                    !integer(&p, stop, &length)) {
                bad = at - start;
                break;
            }
            p = memchr(p, '\t', stop - p);  /* past the language flag */
            if (p == NULL) {
                bad = at - start;
                break;
            }
            p++;
            if (!integer(&p, stop, &position)) {
                bad = at - start;
                break;
            }
            Block *block = block_of(&found[word], id >> block_bits);
            if (block == NULL) {
                failed_memory = 1;
                break;
            }
            int32_t local = (int32_t)(id & local_mask);
            int32_t packed = (int32_t)(((length < longest ? length : longest) << block_bits)
                                       | local);
            long kind = length < longest && tf <= counts ? tf : counts + 1;
            int32_t occurrence = (int32_t)((uint32_t)local << position_bits);
            if ((kind >= 1 && !append(&block->arrays[kind - 1], packed)) ||
                    !append(&block->arrays[ARRAYS - 2], occurrence | (int32_t)position) ||
                    !append(&block->arrays[ARRAYS - 1], occurrence | (int32_t)(position - 1))) {
                failed_memory = 1;
                break;
            }
            if (p < stop && *p == '{') {  /* the other positions: {a,b,...} */
                p++;
                while (p < stop && *p != '}') {
                    if (!integer(&p, stop, &position)) {
                        bad = at - start;
                        break;
                    }
                    if (!append(&block->arrays[ARRAYS - 2], occurrence | (int32_t)position) ||
                            !append(&block->arrays[ARRAYS - 1],
                                    occurrence | (int32_t)(position - 1))) {
                        failed_memory = 1;
                        break;
                    }
                }
            }
        }
        at = stop + 1;
    }
    for (Py_ssize_t w = 0; w < words && bad < 0 && !failed_memory; w++) {
        /* the field and term: the head after its key, without its last tab */
        const char *name = memchr(head_of[w], '\t', head_length[w]);
        Py_ssize_t name_length = name ? head_of[w] + head_length[w] - name - 2 : 0;
        for (Py_ssize_t b = 0; b < found[w].size && !failed_memory; b++) {
            Block *block = &found[w].blocks[b];
            char number[24];
            int length = snprintf(number, sizeof number, "\t%ld", block->block);
            if (!write_text(&text, name + 1, name_length) || !write_text(&text, number, length))
                failed_memory = 1;
            for (int a = 0; a < ARRAYS && !failed_memory; a++)
                if (!write_text(&text, "\t", 1) || !write_array(&text, &block->arrays[a]))
                    failed_memory = 1;
            if (!failed_memory && !write_text(&text, "\n", 1))
                failed_memory = 1;
        }
    }
    Py_END_ALLOW_THREADS
    if (failed_memory)
        PyErr_NoMemory();
    else if (bad >= 0)
        PyErr_Format(PyExc_ValueError, "a row of postings at byte %zd is malformed", bad);
    else
        result = PyBytes_FromStringAndSize(text.data ? text.data : "", text.size);
done:
    for (Py_ssize_t w = 0; found && w < words; w++) {
        for (Py_ssize_t b = 0; b < found[w].size; b++)
            for (int a = 0; a < ARRAYS; a++)
                PyMem_RawFree(found[w].blocks[b].arrays[a].values);
        PyMem_RawFree(found[w].blocks);
    }
    PyMem_Free(found);
    PyMem_Free(head_of);
    PyMem_Free(head_length);
    PyMem_RawFree(text.data);
    PyBuffer_Release(&data);
    PyBuffer_Release(&keys);
    return result;
}
