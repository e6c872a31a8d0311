import type { Attachment } from 'svelte/attachments';

/**
 * Makes a whole table row open something on click, for the mouse. The keyboard path is a real
 * button inside the row (its click bubbles here too), so the row itself needs no tabindex or
 * role and the table keeps its semantics. Clicks on other controls in the row are left alone.
 */
export function rowClick(open: () => void): Attachment<HTMLElement> {
  return (row) => {
    const onClick = (event: MouseEvent) => {
      const target = event.target instanceof Element ? event.target : null;
      const control = target?.closest('button, a, input, select, textarea, label');
      if (control && !control.hasAttribute('data-row-open')) return;
      if (window.getSelection()?.toString()) return; // selecting text to copy a reference
      open();
    };
    row.addEventListener('click', onClick);
    return () => row.removeEventListener('click', onClick);
  };
}
