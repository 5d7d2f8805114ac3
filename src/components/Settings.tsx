/** Key scenario settings: the device whose windows are judged and the guest RAM size. */
import { useId } from 'react';
import { formatSize, hex } from '../engine/u64.ts';
import { selectAnalysis, selectDevice, selectDevices } from '../store/analysisSlice.ts';
import { useApp } from '../store/appStore.ts';
import { useShallow } from 'zustand/react/shallow';

const GiB = 0x40000000n;
const RAM_CHOICES = [GiB / 2n, GiB, 2n * GiB, 3n * GiB, 4n * GiB, 8n * GiB, 16n * GiB, 64n * GiB];

export function Settings() {
  const ids = { device: useId(), ram: useId() };
  const devices = useApp(useShallow(selectDevices));
  const device = useApp(selectDevice);
  const scenario = useApp((s) => s.scenario);
  const guestRamSize = useApp((s) => s.guestRamSize);
  const guestRam = useApp((s) => selectAnalysis(s)?.guestMap.find((r) => r.kind === 'ram')?.size);
  const { setDevice, setGuestRamSize } = useApp(useShallow((s) => ({ setDevice: s.setDevice, setGuestRamSize: s.setGuestRamSize })));
  const nameOf = (id: string): string => scenario?.devices.find((d) => d.id === id)?.name ?? id;
  return (
    <>
      <div className="field">
        <label htmlFor={ids.device}>Device</label>
        <select id={ids.device} value={device ?? ''} onChange={(e) => setDevice(e.target.value)} disabled={devices.length === 0}>
          {devices.length === 0 && <option value="">{scenario ? 'none behind an IOMMU' : '…'}</option>}
          {devices.map((d) => (
            <option key={d} value={d}>
              {nameOf(d)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.ram}>Guest RAM</label>
        <select id={ids.ram} value={guestRamSize === null ? '' : hex(guestRamSize)} onChange={(e) => setGuestRamSize(e.target.value === '' ? null : BigInt(e.target.value))}>
          <option value="">{guestRam === undefined ? 'as scenario' : `as scenario (${formatSize(guestRam)})`}</option>
          {RAM_CHOICES.map((size) => (
            <option key={hex(size)} value={hex(size)}>
              {formatSize(size)}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}
