/**
 * "Copy link": encode the current state, put the page URL with that fragment on the clipboard and
 * confirm it visibly. If the browser refuses the clipboard, the link is shown to copy by hand. An
 * upload too large for a link travels by name only: the user is told (CopyLink.tsx offers its JSON).
 */
import { useCallback, useEffect, useState } from 'react';
import { appStore } from '../../store/appStore.ts';
import { LINK_BUDGET, encodeLink } from '../../share/linkCodec.ts';
import { linkStateOf } from '../../share/linkFromStore.ts';
import { notify } from '../../share/notices.ts';
import { copyText } from './clipboard.ts';

export type CopyState = { readonly kind: 'idle' } | { readonly kind: 'copied'; readonly url: string } | { readonly kind: 'manual'; readonly url: string };

/** How long "Link copied" stays on screen. */
const CONFIRM_MS = 5000;

export function useCopyLink(): [CopyState, () => Promise<void>] {
  const [state, setState] = useState<CopyState>({ kind: 'idle' });
  useEffect(() => {
    if (state.kind !== 'copied') return;
    const t = setTimeout(() => setState({ kind: 'idle' }), CONFIRM_MS);
    return () => clearTimeout(t);
  }, [state]);
  const copy = useCallback(async () => {
    const s = appStore.getState();
    const link = linkStateOf(s);
    if (!link) return;
    const { hash, uploadOmitted } = await encodeLink(link);
    const url = window.location.href.replace(/#.*$/, '') + hash;
    setState((await copyText(url)) ? { kind: 'copied', url } : { kind: 'manual', url });
    if (uploadOmitted && link.scenario.kind === 'upload') {
      notify(
        'info',
        `"${link.scenario.name}" is too large to travel inside a link (it would pass ${LINK_BUDGET.toLocaleString('en')} characters), so the link only names it. Send its scenario JSON along with the link.`,
      );
    }
  }, []);
  return [state, copy];
}
