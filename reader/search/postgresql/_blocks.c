/* The common words' blocks of a rebuild, made from its postings on the loading machine.
 *
 * The server made them with one statement over every posting (`blocks.build_sql`): a join
 * with the common words, then six array aggregates a group. At 100,000 paragraphs that was
 * the longest of the last steps but one. The postings wait in the loading process's file
 * anyway (`spool.py`), so this reads them there, once, and writes each common word's block
 * rows in COPY's binary format (no array for the server to parse): the same arrays (`tests/test_postgresql_rebuilt.py` compares them with
 * the statement's). Input order does not matter: every array is sorted at the end, as the
 * statement sorts it.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "_copy_integers.h"

typedef struct {
    int32_t *values;
    Py_ssize_t size, capacity;
} Array;

#define ARRAYS 6  /* c1, c2, c3, c4 (counts of 1, 2, 3 and the others), occ, prev */

typedef struct {
    long long block;
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
block_of(Word *word, long long number)
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
integer(const char **at, const char *end, long long *value)
{
    const char *p = read_integer(*at, end, value);
    if (p == NULL)
        return 0;
    *at = p < end ? p + 1 : p;
    return 1;
}

/* `values` in ascending order: by insertion when few, else by radix (least significant byte
 * first, with the sign bit flipped; a byte that is the same in every value is passed over).
 * 0 when out of memory. */
static int
sort_ints(int32_t *values, Py_ssize_t size)
{
    Py_ssize_t i;
    for (i = 1; i < size && values[i - 1] <= values[i]; i++)
        ;
    if (i >= size)
        return 1;  /* in order already */
    if (size < 64) {
        for (i = 1; i < size; i++) {
            int32_t value = values[i];
            Py_ssize_t j = i;
            for (; j > 0 && values[j - 1] > value; j--)
                values[j] = values[j - 1];
            values[j] = value;
        }
        return 1;
    }
    uint32_t *from = (uint32_t *)values, *to = PyMem_RawMalloc(size * sizeof(uint32_t));
    if (to == NULL)
        return 0;
    uint32_t *scratch = to;
    Py_ssize_t counts[4][256] = {{0}};
    for (i = 0; i < size; i++) {
        uint32_t key = from[i] ^ 0x80000000u;
        for (int byte = 0; byte < 4; byte++)
            counts[byte][(key >> (8 * byte)) & 255]++;
    }
    for (int byte = 0; byte < 4; byte++) {
        Py_ssize_t *count = counts[byte], total = 0;
        if (count[((from[0] ^ 0x80000000u) >> (8 * byte)) & 255] == size)
            continue;
        for (int bucket = 0; bucket < 256; bucket++) {
            Py_ssize_t here = count[bucket];
            count[bucket] = total;
            total += here;
        }
        for (i = 0; i < size; i++)
            to[count[((from[i] ^ 0x80000000u) >> (8 * byte)) & 255]++] = from[i];
        uint32_t *swap = from;
        from = to;
        to = swap;
    }
    if (from != (uint32_t *)values)
        memcpy(values, from, size * sizeof(uint32_t));
    PyMem_RawFree(scratch);
    return 1;
}

/* The rows being written: into a bytes object's buffer, of the size worked out for them. */
typedef struct {
    char *data;
    Py_ssize_t size, capacity;
} Text;

static int
write_text(Text *text, const char *bytes, Py_ssize_t length)
{
    if (text->size + length > text->capacity)
        return 0;
    memcpy(text->data + text->size, bytes, length);
    text->size += length;
    return 1;
}

/* `value`'s last `bytes` bytes, most significant first (the binary format's order). */
static int
write_be(Text *text, uint32_t value, int bytes)
{
    if (text->size + bytes > text->capacity)
        return 0;
    for (int i = 0; i < bytes; i++)
        text->data[text->size++] = (char)(value >> (8 * (bytes - 1 - i)));
    return 1;
}

#define INT4_OID 23  /* the type of the arrays' elements, as the binary format names it */

/* An int4[] in COPY's binary format (its length first), sorted; 0 when out of memory. */
static int
write_array(Text *text, Array *array)
{
    if (!sort_ints(array->values, array->size))
        return 0;
    if (array->size == 0)  /* '{}': no dimensions */
        return write_be(text, 12, 4) && write_be(text, 0, 4) && write_be(text, 0, 4) &&
            write_be(text, INT4_OID, 4);
    if (!write_be(text, (uint32_t)(20 + 8 * array->size), 4) || !write_be(text, 1, 4) ||
            !write_be(text, 0, 4) || !write_be(text, INT4_OID, 4) ||
            !write_be(text, (uint32_t)array->size, 4) || !write_be(text, 1, 4))
        return 0;
    for (Py_ssize_t i = 0; i < array->size; i++)
        if (!write_be(text, 4, 4) || !write_be(text, (uint32_t)array->values[i], 4))
            return 0;
    return 1;
}

/* A term as COPY's text format escapes it (\\ \t \n \r), unescaped, with its length first. */
static int
write_term(Text *text, const char *term, Py_ssize_t length)
{
    Py_ssize_t at = text->size;
    if (!write_be(text, 0, 4))
        return 0;
    for (Py_ssize_t i = 0; i < length; i++) {
        char ch = term[i];
        if (ch == '\\' && i + 1 < length) {
            char next = term[++i];
            ch = next == 't' ? '\t' : next == 'n' ? '\n' : next == 'r' ? '\r' : next;
        }
        if (!write_text(text, &ch, 1))
            return 0;
    }
    uint32_t written = (uint32_t)(text->size - at - 4);
    for (int i = 0; i < 4; i++)
        text->data[at + i] = (char)(written >> (8 * (3 - i)));
    return 1;
}

/* block_rows(data, keys, heads, block_bits, position_bits, length_bits, counts) -> bytes
 *
 * The rows of `blocks` (field, term, block, c1 ... c4, occ, prev) in COPY's binary format
 * (its header and trailer included) for the
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
    long long last_key = LLONG_MIN;
    Py_ssize_t last_low = 0;
    Py_BEGIN_ALLOW_THREADS
    for (const char *at = start; at < end && bad < 0 && !failed_memory;) {
        const char *stop = memchr(at, '\n', end - at);
        if (stop == NULL) {
            bad = at - start;
            break;
        }
        long long key;
        if (read_integer(at, stop, &key) == NULL) {  /* no key: no common word's row */
            at = stop + 1;
            continue;
        }
        /* the first common key >= key: each batch's rows come in key order, so it is looked
         * for from the last one found, by steps that double, when the key did not fall */
        Py_ssize_t low = key >= last_key ? last_low : 0, high = words, step = 1;
        while (low + step < words && key_of[low + step] < key) {
            low += step;
            step *= 2;
        }
        if (low + step < words)
            high = low + step + 1;
        last_key = key;
        while (low < high) {
            Py_ssize_t middle = (low + high) / 2;
            if (key_of[middle] < key)
                low = middle + 1;
            else
                high = middle;
        }
        last_low = low;
        Py_ssize_t word = -1;
        for (Py_ssize_t i = low; i < words && key_of[i] == key; i++)
            if (head_length[i] <= stop - at && memcmp(at, head_of[i], head_length[i]) == 0) {
                word = i;
                break;
            }
        if (word >= 0) {
            const char *p = at + head_length[word];
            long long id, tf, length, position;
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
            long long kind = length < longest && tf <= counts ? tf : counts + 1;
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
    Py_END_ALLOW_THREADS
    if (failed_memory) {
        PyErr_NoMemory();
        goto done;
    }
    if (bad >= 0) {
        PyErr_Format(PyExc_ValueError, "a row of postings at byte %zd is malformed", bad);
        goto done;
    }
    /* the bytes the rows take (at most: a term's escapes shrink), so they are written in
     * place into one bytes object, with no copy of them in between */
    Py_ssize_t bound = 19 + 2;
    for (Py_ssize_t w = 0; w < words; w++)
        for (Py_ssize_t b = 0; b < found[w].size; b++) {
            bound += 2 + 6 + 4 + head_length[w] + 8;
            for (int a = 0; a < ARRAYS; a++)
                bound += 16 + (found[w].blocks[b].arrays[a].size ?
                               8 + 8 * found[w].blocks[b].arrays[a].size : 0);
        }
    result = PyBytes_FromStringAndSize(NULL, bound);
    if (result == NULL)
        goto done;
    text.data = PyBytes_AS_STRING(result);
    text.capacity = bound;
    static const char signature[] = "PGCOPY\n\377\r\n";  /* and its NUL */
    int written = 1;
    Py_BEGIN_ALLOW_THREADS
    written = write_text(&text, signature, sizeof signature) && write_be(&text, 0, 4) &&
        write_be(&text, 0, 4);
    for (Py_ssize_t w = 0; w < words && written; w++) {
        /* the field and term: the head after its key, up to their tabs */
        const char *field = memchr(head_of[w], '\t', head_length[w]);
        const char *term = field ? memchr(field + 1, '\t', head_of[w] + head_length[w] -
                                          field - 1) : NULL;
        if (term == NULL) {
            written = 0;
            break;
        }
        long code = strtol(field + 1, NULL, 10);
        Py_ssize_t term_length = head_of[w] + head_length[w] - term - 2;
        for (Py_ssize_t b = 0; b < found[w].size && written; b++) {
            Block *block = &found[w].blocks[b];
            written = write_be(&text, 3 + ARRAYS, 2) && write_be(&text, 2, 4) &&
                write_be(&text, (uint32_t)code, 2) &&
                write_term(&text, term + 1, term_length) && write_be(&text, 4, 4) &&
                write_be(&text, (uint32_t)block->block, 4);
            for (int a = 0; a < ARRAYS && written; a++) {
                written = write_array(&text, &block->arrays[a]);
                PyMem_RawFree(block->arrays[a].values);  /* written: its memory back now */
                block->arrays[a].values = NULL;
            }
        }
    }
    written = written && write_be(&text, 0xFFFF, 2);
    Py_END_ALLOW_THREADS
    if (!written) {  /* out of memory for a radix sort's scratch, or a malformed head */
        Py_CLEAR(result);
        PyErr_SetString(PyExc_MemoryError, "block_rows: the blocks could not be written");
        goto done;
    }
    if (_PyBytes_Resize(&result, text.size) < 0)
        result = NULL;
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
    PyBuffer_Release(&data);
    PyBuffer_Release(&keys);
    return result;
}
