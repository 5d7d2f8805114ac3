/** The page header: title, platform picker, settings, policy switcher and behaviour switches. */
import { BehaviourSwitches } from './BehaviourSwitches.tsx';
import { PlatformPicker } from './PlatformPicker.tsx';
import { PolicySwitcher } from './PolicySwitcher.tsx';
import { Settings } from './Settings.tsx';
import { ThemePicker } from './ThemePicker.tsx';

export function Header() {
  return (
    <header className="header">
      <div className="header-row">
        <div className="brand">
          <h1>IOVA Atlas</h1>
          <p className="tagline">Linux IOMMU address spaces and the Arm SW_MSI window</p>
        </div>
        <PlatformPicker />
        <Settings />
        <ThemePicker />
      </div>
      <div className="header-row">
        <PolicySwitcher />
        <BehaviourSwitches />
      </div>
    </header>
  );
}
