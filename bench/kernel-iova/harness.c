/*
 * Replays an op list through the kernel's own IOVA allocator (drivers/iommu/iova.c, built by
 * bench/kernel-iova.bench.ts against kernel-shim.h) and times it. Written for IOVA Atlas (MIT).
 *
 * usage: harness OPS_FILE RUNS OUTPUT_FILE
 *
 * OPS_FILE has one op per line, numbers in hex (harnessOps in bench/lib/kernelIova.ts):
 *   init GRANULE START_PFN      init_iova_domain
 *   alloc SIZE LIMIT_PFN ALIGN  alloc_iova (ALIGN 0 or 1: size_aligned)
 *   free PFN                    find_iova, then __free_iova on the node found
 *   reserve PFN_LO PFN_HI       reserve_iova
 * The first replay writes what iova-trace/1 prints for these ops (shared/conformance/README.md)
 * to OUTPUT_FILE and prints its FNV-1a 64 checksum; then RUNS replays are timed as a whole, each
 * on a fresh domain, and RUNS more with a clock read around every op, for the cost per op kind.
 * Stdout lines: "checksum 0x…"; "run_ns N" per whole run; "kind_ns RUN KIND COUNT N" per kind
 * and per-op run (KIND: iova_alloc, iova_free, iova_reserve).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <linux/iova.h>

enum kind { OP_INIT, OP_ALLOC, OP_FREE, OP_RESERVE, OP_KINDS };

static const char *const kind_names[OP_KINDS] = { "iova_init", "iova_alloc", "iova_free", "iova_reserve" };

struct op {
	enum kind kind;
	unsigned long a, b;
	bool aligned;
};

struct op_list {
	struct op *ops;
	size_t n;
};

static int fail(const char *what, const char *detail)
{
	fprintf(stderr, "harness: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
	return 1;
}

/* Reads OPS_FILE; on a malformed line, says which line and returns false. */
static bool read_ops(const char *path, struct op_list *list)
{
	FILE *f = fopen(path, "r");
	char line[256], word[16];
	size_t cap = 1024, lineno = 0;

	if (!f) {
		fail(path, strerror(errno));
		return false;
	}
	list->ops = malloc(cap * sizeof(*list->ops));
	list->n = 0;
	while (list->ops && fgets(line, sizeof(line), f)) {
		struct op op = { 0 };
		unsigned long a = 0, b = 0, c = 0;
		int got = sscanf(line, "%15s %lx %lx %lx", word, &a, &b, &c);

		lineno++;
		if (got >= 3 && !strcmp(word, "init"))
			op = (struct op){ OP_INIT, a, b, false };
		else if (got == 4 && !strcmp(word, "alloc"))
			op = (struct op){ OP_ALLOC, a, b, c != 0 };
		else if (got >= 2 && !strcmp(word, "free"))
			op = (struct op){ OP_FREE, a, 0, false };
		else if (got >= 3 && !strcmp(word, "reserve"))
			op = (struct op){ OP_RESERVE, a, b, false };
		else {
			fprintf(stderr, "harness: %s:%zu: expected init, alloc, free or reserve with hex operands, found \"%.40s\"\n", path, lineno, line);
			fclose(f);
			return false;
		}
		if (list->n == cap) {
			cap *= 2;
			list->ops = realloc(list->ops, cap * sizeof(*list->ops));
			if (!list->ops)
				break;
		}
		list->ops[list->n++] = op;
	}
	fclose(f);
	return list->ops != NULL;
}

/* Appends one result line ("alloc 0x10 0x1f", "free none", ...) to out, if there is an out. */
static void print_node(FILE *out, const char *op, const struct iova *node)
{
	if (!out)
		return;
	if (node)
		fprintf(out, "%s 0x%lx 0x%lx\n", op, node->pfn_lo, node->pfn_hi);
	else
		fprintf(out, "%s %s\n", op, strcmp(op, "free") ? "fail" : "none");
}

/* One op on the domain; out == NULL when timing. */
static void replay_op(const struct op *op, struct iova_domain *domain, FILE *out)
{
	struct iova *node;

	switch (op->kind) {
	case OP_INIT:
		init_iova_domain(domain, op->a, op->b);
		break;
	case OP_ALLOC:
		node = alloc_iova(domain, op->a, op->b, op->aligned);
		print_node(out, "alloc", node);
		break;
	case OP_FREE:
		node = find_iova(domain, op->a);
		print_node(out, "free", node);
		if (node)
			__free_iova(domain, node);
		break;
	case OP_RESERVE:
		node = reserve_iova(domain, op->a, op->b);
		print_node(out, "reserve", node);
		break;
	case OP_KINDS:
		break;
	}
}

/* One replay of the whole list on a fresh domain. */
static void replay(const struct op_list *list, struct iova_domain *domain, FILE *out)
{
	for (size_t i = 0; i < list->n; i++)
		replay_op(&list->ops[i], domain, out);
}

static uint64_t fnv1a64(FILE *f)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	int c;

	rewind(f);
	while ((c = getc(f)) != EOF)
		h = (h ^ (uint64_t)(unsigned char)c) * 0x100000001b3ULL;
	return h;
}

static uint64_t now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

/* One replay with the clock read around every op: total time and count per op kind. */
static void time_each_kind(const struct op_list *list, struct iova_domain *domain, int run)
{
	uint64_t ns[OP_KINDS] = { 0 };
	size_t count[OP_KINDS] = { 0 };

	for (size_t i = 0; i < list->n; i++) {
		const struct op *op = &list->ops[i];
		uint64_t t0 = now_ns();

		replay_op(op, domain, NULL);
		ns[op->kind] += now_ns() - t0;
		count[op->kind]++;
	}
	put_iova_domain(domain);
	for (int k = OP_ALLOC; k < OP_KINDS; k++)
		printf("kind_ns %d %s %zu %" PRIu64 "\n", run, kind_names[k], count[k], ns[k]);
}

int main(int argc, char **argv)
{
	struct op_list list;
	struct iova_domain domain;
	FILE *out;
	int runs;

	if (argc != 4 || (runs = atoi(argv[2])) < 1)
		return fail("usage: harness OPS_FILE RUNS OUTPUT_FILE", NULL);
	if (!read_ops(argv[1], &list))
		return 1;
	if (list.n == 0 || list.ops[0].kind != OP_INIT)
		return fail(argv[1], "the first op must be init");
	if (iova_cache_get())
		return fail("iova_cache_get failed", NULL);

	out = fopen(argv[3], "w+");
	if (!out)
		return fail(argv[3], strerror(errno));
	replay(&list, &domain, out);
	put_iova_domain(&domain);
	printf("checksum 0x%016" PRIx64 "\n", fnv1a64(out));
	fclose(out);

	for (int r = 0; r < runs; r++) {
		uint64_t t0 = now_ns();

		replay(&list, &domain, NULL);
		printf("run_ns %" PRIu64 "\n", now_ns() - t0);
		put_iova_domain(&domain);
	}
	for (int r = 0; r < runs; r++)
		time_each_kind(&list, &domain, r);
	iova_cache_put();
	free(list.ops);
	return 0;
}
