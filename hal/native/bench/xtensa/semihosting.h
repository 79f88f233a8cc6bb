// What the bare-metal Xtensa harnesses share: the cycle counter and printing through QEMU's
// simulator call (-semihosting), with numbers written without division (the lx106 has no
// divide instruction, and no libgcc is linked to supply one).
#pragma once
#include <stddef.h>
#include <stdint.h>

namespace sbx {

inline uint32_t ccount() {
  uint32_t v;
  __asm__ volatile("rsr.ccount %0" : "=a"(v));
  return v;
}

// simcall 4: write(fd, buffer, length) on the host; fd 1 is its stdout.
inline void write_out(const char* text, size_t length) {
  register int a2 __asm__("a2") = 4;
  register int a3 __asm__("a3") = 1;
  register const char* a4 __asm__("a4") = text;
  register size_t a5 __asm__("a5") = length;
  __asm__ volatile("simcall" : "+a"(a2) : "a"(a3), "a"(a4), "a"(a5) : "memory");
}

// One line of output, built up and written at once.
struct Line {
  char text[160];
  size_t length = 0;

  Line& put(const char* s) {
    while (*s != '\0' && length < sizeof text - 1) text[length++] = *s++;
    return *this;
  }
  Line& number(uint32_t value) {
    char digits[10];
    int n = 0;
    do {
      uint32_t q = 0, r = value;
      while (r >= 10) {
        r -= 10;
        ++q;
      }
      digits[n++] = static_cast<char>('0' + r);
      value = q;
    } while (value != 0);
    while (n > 0 && length < sizeof text - 1) text[length++] = digits[--n];
    return *this;
  }
  // A count of tenths as "12.3".
  Line& tenths(uint32_t value_times_10) {
    uint32_t whole = 0;
    while (value_times_10 >= 10) {
      value_times_10 -= 10;
      ++whole;
    }
    number(whole);
    put(".");
    return number(value_times_10);
  }
  void emit() {
    text[length++] = '\n';
    write_out(text, length);
  }
};

}  // namespace sbx
