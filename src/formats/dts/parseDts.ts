/**
 * Device tree source → Scenario. Reads what `dtc -I dtb -O dts` prints and what people write by
 * hand: /dts-v1/, /memreserve/, nodes with labels, properties (values may span lines), node
 * merging (a node or &label defined again adds to it), /delete-node/ and /delete-property/,
 * comments and cpp line markers. /include/ and #include need files we do not have: the error
 * asks for the preprocessed or decompiled source. Overlays (/plugin/) are refused likewise.
 */
import type { Result } from '../../model/located.ts';
import type { Scenario } from '../../model/scenario.ts';
import { runParser } from '../common/failure.ts';
import { MAX_EXCERPT, quote } from '../common/text.ts';
import { interpretDeviceTree } from '../devicetree/interpret.ts';
import { DtNode, MAX_DT_DEPTH, type DtTree, type MemReserve } from '../devicetree/tree.ts';
import { ByteWriter } from './bytes.ts';
import { readLiteral, readParenExpr } from './expr.ts';
import { NameTable } from './nameTable.ts';
import { findRef, PendingRefs, resolveReferences } from './resolve.ts';
import { PREPROCESS_HINT, Scanner } from './scanner.ts';
import { lastFixups, readLabels, readRef, readValue } from './values.ts';

const NO_BYTES = new Uint8Array(0);

export function parseDts(text: string, source: string): Result<Scenario> {
  return runParser(source, () => interpretDeviceTree(readDts(text, source), source, 'dts'));
}

export function readDts(text: string, source: string): DtTree {
  return new DtsReader(text, source).read();
}

class DtsReader {
  private readonly s: Scanner;
  private readonly w = new ByteWriter();
  private readonly root: DtNode;
  private readonly labels = new Map<string, DtNode>();
  private readonly deleted = new Set<DtNode>();
  /** Children by name, so merging and deleting stay O(1) per node even with huge fan-out. */
  private readonly childIndex = new Map<DtNode, Map<string, DtNode>>();
  private readonly pending = new PendingRefs();
  private readonly memreserve: MemReserve[] = [];
  private readonly names: NameTable;

  constructor(text: string, source: string) {
    this.s = new Scanner(text, source);
    this.names = new NameTable(text);
    this.root = new DtNode('', undefined, 0);
  }

  read(): DtTree {
    const s: Scanner = this.s;
    s.skip();
    this.header();
    let sawRoot = false;
    for (;;) {
      const labels = readLabels(s);
      if (s.peek() < 0) break;
      if (s.startsWith('/memreserve/')) this.memReserve();
      else if (s.startsWith('/delete-node/')) this.deleteByRef();
      else if (s.startsWith('/omit-if-no-ref/')) this.omitIfNoRef();
      else if (s.startsWith('/include/')) this.refuseInclude();
      else if (s.peek() === 47) {
        s.pos += 1;
        s.skip();
        this.addLabels(labels, this.root);
        this.body(this.root, 1);
        sawRoot = true;
      } else if (s.peek() === 38) {
        const ref = readRef(s);
        const node = findRef(ref, this.index());
        if (node === undefined) s.fail(`expected a label or path defined earlier, found ${quote(s.text.slice(ref.pos, s.pos))} which names no node`, ref.pos);
        s.skip();
        this.addLabels(labels, node);
        this.body(node, depthOf(node) + 1);
      } else {
        s.fail(`expected '/ {', '&label {', /memreserve/ or /delete-node/ at the top level, found ${s.found()}`);
      }
      s.skip();
    }
    if (!sawRoot) s.fail("expected a root node '/ { … };', found none");
    resolveReferences(s, this.index(), this.pending);
    return { root: this.root, memreserve: this.memreserve, locate: (pos) => s.locate(pos) };
  }

  private index() {
    return { root: this.root, labels: this.labels, deleted: this.deleted };
  }

  private header(): void {
    const s: Scanner = this.s;
    while (s.startsWith('/dts-v1/') || s.startsWith('/plugin/')) {
      if (s.startsWith('/plugin/')) s.fail('expected a complete device tree, found an overlay (/plugin/): apply it first (fdtoverlay) and upload the result');
      s.pos += 8;
      this.semicolon('/dts-v1/');
    }
  }

  private semicolon(after: string): void {
    const s: Scanner = this.s;
    s.skip();
    if (s.peek() !== 59) s.fail(`expected ';' after ${after}, found ${s.found()}`);
    s.pos += 1;
    s.skip();
  }

  private refuseInclude(): never {
    return this.s.fail(`expected a self-contained source, found ${quote(this.s.text.slice(this.s.pos, this.s.pos + MAX_EXCERPT + 1).split('\n')[0]!)}: ${PREPROCESS_HINT}`);
  }

  private number(what: string): bigint {
    const s: Scanner = this.s;
    s.skip();
    const v = s.peek() === 40 ? readParenExpr(s) : readLiteral(s);
    if (v === undefined) s.fail(`expected ${what}, found ${s.found()}`);
    return v;
  }

  private memReserve(): void {
    const s: Scanner = this.s;
    const pos = s.pos;
    s.pos += '/memreserve/'.length;
    const address = this.number('a /memreserve/ address');
    const size = this.number('a /memreserve/ size');
    this.semicolon('/memreserve/ address size');
    this.memreserve.push({ address, size, pos });
  }

  private deleteByRef(): void {
    const s: Scanner = this.s;
    s.pos += '/delete-node/'.length;
    s.skip();
    if (s.peek() !== 38) s.fail(`expected &label or &{/path} after /delete-node/ at the top level, found ${s.found()}`);
    const ref = readRef(s);
    const node = findRef(ref, this.index());
    if (node === undefined) s.fail(`expected a node to delete, found ${quote(s.text.slice(ref.pos, s.pos))} which names none`, ref.pos);
    this.detach(node);
    this.semicolon('/delete-node/');
  }

  /** /omit-if-no-ref/ only trims unused nodes; keeping them changes nothing we derive. */
  private omitIfNoRef(): void {
    const s: Scanner = this.s;
    s.pos += '/omit-if-no-ref/'.length;
    s.skip();
    if (s.peek() === 38) {
      readRef(s);
      this.semicolon('/omit-if-no-ref/');
    }
  }

  private detach(node: DtNode): void {
    const parent = node.parent;
    if (parent === undefined) return this.s.fail('expected a node to delete, found the root');
    parent.removeChild(node);
    this.childIndex.get(parent)?.delete(node.name);
    this.deleted.add(node);
  }

  private addLabels(labels: readonly string[], node: DtNode): void {
    for (const l of labels) this.labels.set(l, node);
  }

  private child(parent: DtNode, name: string): DtNode {
    let byName = this.childIndex.get(parent);
    if (byName === undefined) {
      byName = new Map();
      this.childIndex.set(parent, byName);
    }
    let node = byName.get(name);
    if (node === undefined) {
      node = new DtNode(name, parent, this.s.pos);
      parent.addChild(node);
      byName.set(name, node);
    }
    return node;
  }

  /** `{ properties and child nodes };` — the '{' is current. */
  private body(node: DtNode, depth: number): void {
    const s: Scanner = this.s;
    if (depth > MAX_DT_DEPTH) s.fail(`expected nodes nested at most ${MAX_DT_DEPTH} deep, found deeper nesting`);
    if (s.peek() !== 123) s.fail(`expected '{' to open the node, found ${s.found()}`);
    const open = s.pos;
    s.pos += 1;
    for (;;) {
      s.skip();
      const c = s.peek();
      if (c < 0) s.fail(`expected '}' to close the node opened at line ${s.at(open).line}, found the end of the file`);
      if (c === 125) {
        node.compact();
        s.pos += 1;
        this.semicolon("'}'");
        return;
      }
      if (c === 47 && s.startsWith('/delete-property/')) {
        s.pos += '/delete-property/'.length;
        s.skip();
        node.props.delete(this.requireName('a property name after /delete-property/'));
        this.semicolon('/delete-property/ name');
        continue;
      }
      if (c === 47 && s.startsWith('/delete-node/')) {
        s.pos += '/delete-node/'.length;
        s.skip();
        const name = this.requireName('a node name after /delete-node/');
        const victim = this.childIndex.get(node)?.get(name);
        if (victim !== undefined) this.detach(victim);
        this.semicolon('/delete-node/ name');
        continue;
      }
      if (c === 47 && s.startsWith('/omit-if-no-ref/')) {
        s.pos += '/omit-if-no-ref/'.length;
        continue;
      }
      if (c === 47 && s.startsWith('/include/')) this.refuseInclude();
      const labels = readLabels(s);
      const pos = s.pos;
      this.scanName('a property or node name');
      s.skip();
      const next = s.peek();
      if (next === 123) {
        // Node names are nearly all different: cut out, not kept in the property-name table.
        const child = this.child(node, s.text.slice(pos, this.names.end));
        this.addLabels(labels, child);
        this.body(child, depth + 1);
        continue;
      }
      const name = this.names.intern(pos);
      if (next === 61) {
        s.pos += 1;
        s.skip();
        const prop = readValue(s, this.w, name, pos);
        if (s.peek() !== 59) s.fail(`expected ';' or ',' after the value of ${quote(name)}, found ${s.found()}`);
        s.pos += 1;
        node.props.set(name, prop.bytes, prop.off, prop.length, prop.pos);
        const fixups = lastFixups();
        if (fixups !== undefined) this.pending.add(node, name, prop.pos, fixups);
      } else if (next === 59) {
        s.pos += 1;
        node.props.set(name, NO_BYTES, 0, 0, pos);
      } else {
        s.fail(`expected '=', ';' or '{' after ${quote(name)}, found ${s.found()}`);
      }
    }
  }

  /** Scans a node or property name at the scanner (NameTable.scan) and moves past it. */
  private scanName(what: string): void {
    const s: Scanner = this.s;
    this.names.scan(s.pos);
    if (this.names.end === s.pos) s.fail(`expected ${what}, found ${s.found()}`);
    s.pos = this.names.end;
  }

  private requireName(what: string): string {
    const start = this.s.pos;
    this.scanName(what);
    return this.names.intern(start);
  }
}

function depthOf(node: DtNode): number {
  let d = 0;
  for (let n = node.parent; n !== undefined; n = n.parent) d += 1;
  return d;
}
