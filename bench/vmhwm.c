/* Preloaded by bench/kconfig_bench.sh: at exit, the process whose executable
 * is named $VMHWM_EXE appends its peak resident memory (VmHWM, kB) to
 * $VMHWM_OUT. Sampling /proc from outside misses the last milliseconds of a
 * short process; children (conf's compiler probes) inherit the library but
 * have another name, so only the measured process itself is counted. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

__attribute__((destructor)) static void report_peak_rss(void) {
    const char *out = getenv("VMHWM_OUT"), *exe = getenv("VMHWM_EXE");
    if (!out || !exe) return;
    char path[4096];
    ssize_t n = readlink("/proc/self/exe", path, sizeof path - 1);
    if (n <= 0) return;
    path[n] = '\0';
    const char *base = strrchr(path, '/');
    if (strcmp(base ? base + 1 : path, exe) != 0) return;
    FILE *status = fopen("/proc/self/status", "r");
    if (!status) return;
    char line[256];
    long kb = -1;
    while (fgets(line, sizeof line, status))
        if (strncmp(line, "VmHWM:", 6) == 0) kb = atol(line + 6);
    fclose(status);
    FILE *f = fopen(out, "a");
    if (!f) return;
    fprintf(f, "%ld\n", kb);
    fclose(f);
}
