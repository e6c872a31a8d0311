import type { CaseView } from '../../protocol/index.js';

/** A phone-sized screen, where side panels lie over the map instead of beside it. */
export const NARROW = '(max-width: 760px)';

/** What the suite circles are coloured by: checks waiting now, or today's check coverage. */
export type ColourBy = 'demand' | 'coverage';

/**
 * What this screen is looking at: the selected suite, map toggles, the alerts drawer, the case
 * whose ERF timeline is open, and the reassign dialog.
 * Nothing here is shared with the server; it is lost on reload, on purpose.
 */
export class UiState {
  #selectedSuiteId = $state<string | null>(null);
  #showOffDuty = $state(false);
  /** On a phone the suite list would leave no map: it starts folded there (☰ opens it over the map). */
  #sidebarOpen = $state(typeof window === 'undefined' || !window.matchMedia(NARROW).matches);
  /** The reassign dialog: open or not, and the destination (or officer) to start with. */
  #reassign = $state<{ open: boolean; suiteId: string | null; officerId: string | null }>({ open: false, suiteId: null, officerId: null });
  #colourBy = $state<ColourBy>('demand');
  #alertsOpen = $state(false);
  /** The case as it was when opened: the dialog prefers the live version while there is one. */
  #timelineCase = $state.raw<CaseView | null>(null);

  get selectedSuiteId(): string | null {
    return this.#selectedSuiteId;
  }
  get showOffDuty(): boolean {
    return this.#showOffDuty;
  }
  get sidebarOpen(): boolean {
    return this.#sidebarOpen;
  }
  get reassignOpen(): boolean {
    return this.#reassign.open;
  }
  /** Destination to preselect when the dialog opens from a suite panel. */
  get reassignSuiteId(): string | null {
    return this.#reassign.suiteId;
  }
  /** Officer to preselect when the dialog opens from the status board. */
  get reassignOfficerId(): string | null {
    return this.#reassign.officerId;
  }

  get colourBy(): ColourBy {
    return this.#colourBy;
  }
  get alertsOpen(): boolean {
    return this.#alertsOpen;
  }
  get timelineCase(): CaseView | null {
    return this.#timelineCase;
  }

  setColourBy(by: ColourBy): void {
    this.#colourBy = by;
  }
  setAlertsOpen(open: boolean): void {
    this.#alertsOpen = open;
  }
  openTimeline(c: CaseView): void {
    this.#timelineCase = c;
  }
  closeTimeline(): void {
    this.#timelineCase = null;
  }
  selectSuite(id: string | null): void {
    this.#selectedSuiteId = id;
  }
  setShowOffDuty(show: boolean): void {
    this.#showOffDuty = show;
  }
  toggleSidebar(): void {
    this.#sidebarOpen = !this.#sidebarOpen;
  }
  showSidebar(): void {
    this.#sidebarOpen = true;
  }
  openReassign(suiteId: string | null = null, officerId: string | null = null): void {
    this.#reassign = { open: true, suiteId, officerId };
  }
  closeReassign(): void {
    this.#reassign = { open: false, suiteId: null, officerId: null };
  }
}
