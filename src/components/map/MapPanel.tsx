/** The map column: toolbar, overview strip, the map itself, legend, and its text twin. */
import { DrawnItemsList } from './DrawnItemsList.tsx';
import { Legend } from './Legend.tsx';
import { AddressMap } from './AddressMap.tsx';
import { MapToolbar } from './MapToolbar.tsx';
import { Overview } from './Overview.tsx';
import { useApp } from '../../store/appStore.ts';

export function MapPanel() {
  // Assistive technology (and tests) learn that the map is being replaced while a platform loads
  // or a big scenario's map is prepared.
  const loading = useApp((s) => s.loadStatus.state === 'loading');
  const preparing = useApp((s) => s.preparing);
  return (
    <section className="map-panel" aria-labelledby="map-title" aria-busy={loading || preparing !== null}>
      <h2 id="map-title" className="sr-only">
        Address map
      </h2>
      <MapToolbar />
      {preparing && (
        <p className="lane-message" role="status">
          Preparing the map of {preparing.regions.toLocaleString('en')} regions…
        </p>
      )}
      <Overview />
      <AddressMap />
      <Legend />
      <DrawnItemsList />
    </section>
  );
}
