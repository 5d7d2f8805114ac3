/** Patterns shared by the map: conflict hatching and the faint hatching of holes. */
export function SvgDefs() {
  return (
    <defs>
      <pattern id="hatch-conflict" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="6" height="6" className="hatch-bg" />
        <line x1="0" y1="0" x2="0" y2="6" className="hatch-line" />
      </pattern>
      <pattern id="hatch-hole" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(-45)">
        <line x1="0" y1="0" x2="0" y2="8" className="hole-line" />
      </pattern>
    </defs>
  );
}
