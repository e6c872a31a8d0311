/**
 * What this screen is looking at: the selected suite, map toggles, and the reassign dialog.
 * Nothing here is shared with the server; it is lost on reload, on purpose.
 */
export class UiState {
  #selectedSuiteId = $state<string | null>(null);
  #showOffDuty = $state(false);
  #sidebarOpen = $state(true);
  /** The reassign dialog: open or not, and the destination to start with. */
  #reassign = $state<{ open: boolean; suiteId: string | null }>({ open: false, suiteId: null });

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

  selectSuite(id: string | null): void {
    this.#selectedSuiteId = id;
  }
  setShowOffDuty(show: boolean): void {
    this.#showOffDuty = show;
  }
  toggleSidebar(): void {
    this.#sidebarOpen = !this.#sidebarOpen;
  }
  openReassign(suiteId: string | null = null): void {
    this.#reassign = { open: true, suiteId };
  }
  closeReassign(): void {
    this.#reassign = { open: false, suiteId: null };
  }
}
