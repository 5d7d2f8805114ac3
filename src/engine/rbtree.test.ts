import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RbNode, RbTree, rbCheck } from './rbtree.ts';

class KeyNode extends RbNode {
  constructor(readonly key: number) {
    super();
  }
}

function insert(tree: RbTree<KeyNode>, key: number): KeyNode | undefined {
  let parent: KeyNode | null = null;
  let cur = tree.root;
  let asLeft = false;
  while (cur) {
    if (key === cur.key) return undefined;
    parent = cur;
    asLeft = key < cur.key;
    cur = (asLeft ? cur.left : cur.right) as KeyNode | null;
  }
  const node = new KeyNode(key);
  tree.link(node, parent, asLeft);
  return node;
}

function inOrder(tree: RbTree<KeyNode>): number[] {
  const out: number[] = [];
  for (let n = tree.first(); n; n = tree.next(n)) out.push(n.key);
  return out;
}

describe('RbTree', () => {
  it('stays a valid red-black tree in key order through random inserts and erases', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 60 })), { maxLength: 200 }), (ops) => {
        const tree = new RbTree<KeyNode>();
        const nodes = new Map<number, KeyNode>();
        for (const [add, key] of ops) {
          if (add) {
            const n = insert(tree, key);
            if (n) nodes.set(key, n);
          } else {
            const n = nodes.get(key);
            if (n) {
              // The successor taken before an erase is still a node of the tree afterwards.
              const succ = tree.next(n);
              tree.erase(n);
              nodes.delete(key);
              if (succ) expect(nodes.get(succ.key)).toBe(succ);
            }
          }
          expect(rbCheck(tree)).toBeUndefined();
        }
        const keys = [...nodes.keys()].sort((a, b) => a - b);
        expect(inOrder(tree)).toEqual(keys);
        const back: number[] = [];
        for (let n = tree.last(); n; n = tree.prev(n)) back.push(n.key);
        expect(back).toEqual([...keys].reverse());
      }),
    );
  });

  it('balances a sorted insertion sequence (height stays logarithmic)', () => {
    const tree = new RbTree<KeyNode>();
    for (let k = 0; k < 1024; k++) insert(tree, k);
    const height = (n: RbNode | null): number => (n ? 1 + Math.max(height(n.left), height(n.right)) : 0);
    expect(height(tree.root)).toBeLessThanOrEqual(2 * Math.log2(1025));
  });
});
