/**
 * The kernel's own code would not get past this point: it crashes (an oops: a NULL dereference)
 * or never returns (a lockup). The engine stops with this error instead of carrying on in a way
 * the kernel never could, and the replayers report it with the op that caused it. Only inputs
 * the kernel's callers never produce lead here (e.g. a zero-length reserved region, which makes
 * an inverted iova node, or an allocation of size 0).
 */
export class KernelOops extends Error {
  override readonly name = 'KernelOops';
}
