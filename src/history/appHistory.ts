/** The app's one undo/redo history, bound to the one store. */
import { appStore } from '../store/appStore.ts';
import { bindHistory, type StoreHistory } from './storeHistory.ts';

export const appHistory: StoreHistory = bindHistory(appStore);
