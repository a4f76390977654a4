/* Reading the integers of COPY text rows, shared by the compiled parts of a load. */
#ifndef READER_COPY_INTEGERS_H
#define READER_COPY_INTEGERS_H

#include <limits.h>

/* A decimal integer of 64 bits (an optional minus, then digits) at `at`, before `end`: its
 * value through `value`, and the first byte after its digits; NULL when there are no digits
 * or the number does not fit. (No locale, unlike strtoll, whose cost showed.) */
static inline const char *
read_integer(const char *at, const char *end, long long *value)
{
    int negative = 0, digits = 0;
    unsigned long long n = 0;
    if (at < end && *at == '-') {
        negative = 1;
        at++;
    }
    while (at < end && *at >= '0' && *at <= '9') {
        unsigned figure = (unsigned)(*at++ - '0');
        if (n > (ULLONG_MAX - figure) / 10)
            return NULL;
        n = n * 10 + figure;
        digits++;
    }
    if (digits == 0 ||
            n > (negative ? (unsigned long long)LLONG_MAX + 1 : (unsigned long long)LLONG_MAX))
        return NULL;
    *value = negative ? (long long)(0 - n) : (long long)n;
    return at;
}

#endif
