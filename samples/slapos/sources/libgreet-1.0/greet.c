#include <stdio.h>

#include "greet.h"

const char *greet_word(void) { return GREETING; }

int greet_format(char *buf, size_t size, const char *name) {
  int n = snprintf(buf, size, "%s, %s!", GREETING, name);
  if (n < 0) {
    return 0;
  }
  return (size_t)n < size ? n : (int)size - 1;
}
