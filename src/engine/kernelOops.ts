/**
 * The kernel's own code would crash here (an oops: a NULL dereference, a corrupted tree). The
 * engine stops with this error instead of carrying on in a way the kernel never could, and the
 * replayers report it with the op that caused it. Only inputs the kernel's callers never produce
 * lead here (e.g. a zero-length reserved region, which makes an inverted iova node).
 */
export class KernelOops extends Error {
  override readonly name = 'KernelOops';
}
