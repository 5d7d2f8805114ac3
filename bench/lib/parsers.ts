/** The parsers the benchmark times, by input kind: bytes in, as the app hands them over. */
import { decodeText } from '../../src/formats/common/text.ts';
import { parseDtb } from '../../src/formats/dtb/parseDtb.ts';
import { parseDts } from '../../src/formats/dts/parseDts.ts';
import { parseProcIomem } from '../../src/formats/iomem/procIomem.ts';

export const PARSERS = {
  'proc-iomem': (bytes: Uint8Array, source: string) => parseProcIomem(decodeText(bytes), source),
  dtb: (bytes: Uint8Array, source: string) => parseDtb(bytes, source),
  dts: (bytes: Uint8Array, source: string) => parseDts(decodeText(bytes), source),
};
