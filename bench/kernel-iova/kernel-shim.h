/*
 * Just enough of the kernel's environment to build drivers/iommu/iova.c and lib/rbtree.c as a
 * user-space program, for bench/kernel-iova.bench.ts. Written for IOVA Atlas (MIT); no kernel code
 * is copied here. The kernel files are read from the installed linux-source package at bench time
 * and compiled with `-include kernel-shim.h`; the <linux/...> headers they name and that the
 * package does not supply are empty files made by the benchmark, so everything comes from here.
 *
 * One CPU, no preemption: spinlocks, mutexes and RCU publication are no-ops, per-cpu data is a
 * single copy, and CPU hotplug and delayed work never fire (the benchmark never calls
 * alloc_iova_fast, so the rcaches are never set up). kmem_cache is a free list in front of
 * malloc, as a slab's per-cpu free list would serve these fixed-size objects.
 */
#ifndef IOVA_ATLAS_KERNEL_SHIM_H
#define IOVA_ATLAS_KERNEL_SHIM_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Types: an LP64 host, so unsigned long is the kernel's 64-bit unsigned long. */
typedef uint8_t u8;
typedef uint32_t u32;
typedef uint64_t u64;
typedef u64 dma_addr_t;
typedef unsigned int gfp_t;
typedef struct { int unused; } spinlock_t;
struct mutex { int unused; };
struct hlist_node { struct hlist_node *next, **pprev; };
struct work_struct { int unused; };
struct delayed_work { struct work_struct work; };

/* Compiler and module glue. */
#undef __always_inline /* glibc defines it too */
#define __always_inline inline __attribute__((always_inline))
#define __percpu
#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#define READ_ONCE(x) (*(volatile typeof(x) *)&(x))
#define WRITE_ONCE(x, v) (*(volatile typeof(x) *)&(x) = (v))
#define rcu_assign_pointer(p, v) ((p) = (v))
#define rcu_dereference_raw(p) (p)
#define container_of(ptr, type, member) ((type *)((char *)(ptr) - offsetof(type, member)))
#define IS_REACHABLE(option) 1
#define EXPORT_SYMBOL(sym)
#define EXPORT_SYMBOL_GPL(sym)
#define MODULE_AUTHOR(s)
#define MODULE_DESCRIPTION(s)
#define MODULE_LICENSE(s)
#define __SHIM_SA(expr, msg, ...) _Static_assert(expr, msg)
#define static_assert(expr, ...) __SHIM_SA(expr, ##__VA_ARGS__, #expr)

/* Diagnostics: BUG aborts; WARN_ON reports and yields its condition, as the kernel's does. */
#define BUG_ON(c) do { if (c) { fprintf(stderr, "BUG at %s:%d\n", __FILE__, __LINE__); abort(); } } while (0)
#define WARN_ON(c) ({ bool __w = !!(c); if (__w) fprintf(stderr, "WARNING at %s:%d\n", __FILE__, __LINE__); __w; })
#define pr_err(...) fprintf(stderr, __VA_ARGS__)
#define ERR_PTR(e) ((void *)(long)(e))
#define ENOMEM 12
#define ENOTSUPP 524

/* Arithmetic helpers (include/linux/log2.h, bitops.h, minmax.h, align.h). */
#define PAGE_SIZE 65536UL /* the conformance vectors model a 64 KiB-page kernel */
#define ALIGN(x, a) (((x) + (a) - 1) & ~((typeof(x))(a) - 1))
#define ALIGN_DOWN(x, a) ((x) & ~((typeof(x))(a) - 1))
#define min(a, b) ((a) < (b) ? (a) : (b))
#define swap(a, b) do { typeof(a) __t = (a); (a) = (b); (b) = __t; } while (0)
static inline bool is_power_of_2(unsigned long n) { return n != 0 && (n & (n - 1)) == 0; }
static inline unsigned long __ffs(unsigned long x) { return (unsigned long)__builtin_ctzl(x); }
static inline int fls_long(unsigned long x) { return x ? 64 - __builtin_clzl(x) : 0; }
static inline unsigned long roundup_pow_of_two(unsigned long n) { return 1UL << fls_long(n - 1); }
static inline int order_base_2(unsigned long n) { return n > 1 ? fls_long(n - 1) : 0; }

/* Locks: one thread. */
#define spin_lock_init(l) ((void)(l))
#define spin_lock(l) ((void)(l))
#define spin_unlock(l) ((void)(l))
#define spin_lock_irqsave(l, flags) ((void)(l), (flags) = 0)
#define spin_unlock_irqrestore(l, flags) ((void)(l), (void)(flags))
#define assert_spin_locked(l) ((void)(l))
#define DEFINE_MUTEX(name) struct mutex name
#define mutex_lock(m) ((void)(m))
#define mutex_unlock(m) ((void)(m))

/* Allocation: kmem_cache as a free list of fixed-size objects. */
#define GFP_KERNEL 0u
#define GFP_ATOMIC 0u
#define __GFP_NOWARN 0u
#define SLAB_HWCACHE_ALIGN 0u
struct kmem_cache { size_t size; void *free; };
static inline struct kmem_cache *kmem_cache_create(const char *name, unsigned int size, unsigned int align, unsigned int flags, void *ctor)
{
	struct kmem_cache *c = calloc(1, sizeof(*c));
	(void)name; (void)align; (void)flags; (void)ctor;
	if (c)
		c->size = size < sizeof(void *) ? sizeof(void *) : size;
	return c;
}
static inline void *kmem_cache_alloc(struct kmem_cache *c, gfp_t flags)
{
	void *p = c->free;
	(void)flags;
	if (!p)
		return malloc(c->size);
	c->free = *(void **)p;
	return p;
}
static inline void *kmem_cache_zalloc(struct kmem_cache *c, gfp_t flags)
{
	void *p = kmem_cache_alloc(c, flags);
	if (p)
		memset(p, 0, c->size);
	return p;
}
static inline void kmem_cache_free(struct kmem_cache *c, void *p)
{
	*(void **)p = c->free;
	c->free = p;
}
static inline void kmem_cache_destroy(struct kmem_cache *c)
{
	if (!c)
		return;
	while (c->free) {
		void *p = c->free;
		c->free = *(void **)p;
		free(p);
	}
	free(c);
}
#define kcalloc(n, size, flags) calloc((n), (size))
#define kfree(p) free(p)
#define kmemleak_transient_leak(p) ((void)(p))

/* Per-cpu data and CPU hotplug: one CPU, which never goes away. */
#define __alloc_percpu(size, align) calloc(1, (size))
#define free_percpu(p) free(p)
#define per_cpu_ptr(p, cpu) ((void)(cpu), (p))
#define raw_cpu_ptr(p) (p)
#define for_each_possible_cpu(cpu) for ((cpu) = 0; (cpu) < 1; (cpu)++)
#define for_each_online_cpu(cpu) for_each_possible_cpu(cpu)
#define num_online_cpus() 1u
#define cache_line_size() 64
#define CPUHP_IOMMU_IOVA_DEAD 0
#define cpuhp_setup_state_multi(state, name, startup, teardown) ((void)(teardown), 0)
#define cpuhp_remove_multi_state(state) ((void)0)
static inline int cpuhp_state_add_instance_nocalls(int state, struct hlist_node *node) { (void)state; (void)node; return 0; }
static inline int cpuhp_state_remove_instance_nocalls(int state, struct hlist_node *node) { (void)state; (void)node; return 0; }
#define hlist_entry_safe(ptr, type, member) ((ptr) ? container_of(ptr, type, member) : NULL)

/* Delayed work never runs: the depot it would trim is only filled by free_iova_fast. */
#define msecs_to_jiffies(ms) (ms)
#define INIT_DELAYED_WORK(w, fn) ((void)(w), (void)(fn))
static inline bool schedule_delayed_work(struct delayed_work *w, unsigned long delay) { (void)w; (void)delay; return true; }
static inline bool cancel_delayed_work_sync(struct delayed_work *w) { (void)w; return true; }

#endif
