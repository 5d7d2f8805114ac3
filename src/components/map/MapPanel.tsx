/** The map column: toolbar, overview strip, the map itself, legend, and its text twin. */
import { DrawnItemsList } from './DrawnItemsList.tsx';
import { Legend } from './Legend.tsx';
import { AddressMap } from './AddressMap.tsx';
import { MapToolbar } from './MapToolbar.tsx';
import { Overview } from './Overview.tsx';

export function MapPanel() {
  return (
    <section className="map-panel" aria-labelledby="map-title">
      <h2 id="map-title" className="sr-only">
        Address map
      </h2>
      <MapToolbar />
      <Overview />
      <AddressMap />
      <Legend />
      <DrawnItemsList />
    </section>
  );
}
