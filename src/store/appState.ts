/** The whole application state: the union of the slices (design-notes example 6). */
import type { AnalysisSlice } from './analysisSlice.ts';
import type { CandidatesSlice } from './candidatesSlice.ts';
import type { MapPrepSlice } from './mapPrepSlice.ts';
import type { ScenarioSlice } from './scenarioSlice.ts';
import type { SelectionSlice } from './selectionSlice.ts';
import type { UiSlice } from './uiSlice.ts';
import type { UploadSlice } from './uploadSlice.ts';
import type { ViewSlice } from './viewSlice.ts';

export type AppState = ScenarioSlice & AnalysisSlice & ViewSlice & SelectionSlice & CandidatesSlice & UiSlice & UploadSlice & MapPrepSlice;
