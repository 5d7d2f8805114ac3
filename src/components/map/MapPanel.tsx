/** The map column: toolbar, overview strip, the map itself, legend, and its text twin. */
import { DrawnItemsList } from './DrawnItemsList.tsx';
import { Legend } from './Legend.tsx';
import { AddressMap } from './AddressMap.tsx';
import { MapToolbar } from './MapToolbar.tsx';
import { Overview } from './Overview.tsx';
import { useApp } from '../../store/appStore.ts';

export function MapPanel() {
  // Assistive technology (and tests) learn that the map is being replaced while a platform loads.
  const loading = useApp((s) => s.loadStatus.state === 'loading');
  return (
    <section className="map-panel" aria-labelledby="map-title" aria-busy={loading}>
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
