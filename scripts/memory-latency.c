/*
 * How long this machine takes to read memory at random, one dependent read after another: the
 * cost under every page an R*Tree walk or a row lookup touches for the first time in a query.
 * Chases a random cycle through 700 MiB (the size of the benchmark's database), with ordinary
 * pages and with transparent huge pages asked for.
 *
 *   cc -O2 -o /tmp/memory-latency scripts/memory-latency.c && /tmp/memory-latency
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static double nanoseconds_per_read(int huge) {
    size_t size = (size_t)700 << 20, lines = size / 64, reads = 5000000;
    char *memory = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (memory == MAP_FAILED) return -1;
    if (huge) madvise(memory, size, MADV_HUGEPAGE);
    size_t *order = malloc(lines * sizeof(size_t));
    for (size_t i = 0; i < lines; i++) order[i] = i;
    srand(1);
    for (size_t i = lines - 1; i > 0; i--) {
        size_t j = ((size_t)rand() * RAND_MAX + rand()) % (i + 1), t = order[i];
        order[i] = order[j];
        order[j] = t;
    }
    for (size_t i = 0; i < lines; i++) *(size_t *)(memory + order[i] * 64) = order[(i + 1) % lines] * 64;
    size_t at = order[0] * 64;
    double start = now();
    for (size_t i = 0; i < reads; i++) at = *(size_t *)(memory + at);
    double elapsed = now() - start;
    free(order);
    munmap(memory, size);
    return at == (size_t)-1 ? 0 : elapsed / reads * 1e9;
}

int main(void) {
    printf("random dependent reads over 700 MiB: %.0f ns each with 4 KiB pages, %.0f ns with huge pages asked for\n",
           nanoseconds_per_read(0), nanoseconds_per_read(1));
    return 0;
}
