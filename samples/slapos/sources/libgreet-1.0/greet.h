/* libgreet: formats a greeting, the one chosen when the library was configured. */
#ifndef GREET_H
#define GREET_H

#include <stddef.h>

/* The greeting word given to ./configure --greeting (default "Hello"). */
const char *greet_word(void);

/* Writes "WORD, NAME!" into buf (at most size bytes, always terminated); returns its length. */
int greet_format(char *buf, size_t size, const char *name);

#endif
