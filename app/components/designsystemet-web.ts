/**
 * The custom elements of @digdir/designsystemet-web that the components in
 * designsystemet.ts render, and only those (decision 37, docs/decisions).
 * tsconfig.json's `paths` points '@digdir/designsystemet-web' here, so the
 * components' `import '@digdir/designsystemet-web'` loads these instead of the
 * package's index, which also brings polyfills (popover, invokers) and the
 * elements of Tooltip, Suggestion (u-combobox, u-datalist), Tabs (u-tabs),
 * Dialog, Details and ToggleGroup. The pages work without them: labels,
 * descriptions and errors are wired in the server's HTML (app/components/form.tsx);
 * these elements only repeat that wiring and move focus to the error summary.
 * Listed in package.json's "sideEffects", since importing it defines elements.
 */
import '../../node_modules/@digdir/designsystemet-web/dist/esm/clickdelegatefor/clickdelegatefor.js'
import '../../node_modules/@digdir/designsystemet-web/dist/esm/error-summary/error-summary.js'
import '../../node_modules/@digdir/designsystemet-web/dist/esm/field/field.js'
import '../../node_modules/@digdir/designsystemet-web/dist/esm/fieldset/fieldset.js'
import '../../node_modules/@digdir/designsystemet-web/dist/esm/pagination/pagination.js'

// Designsystemet's usePagination hook (which its Field imports with the other hooks) uses this.
// @ts-expect-error: the element's file has no declarations of its own; its type is the package index's (below)
import { pagination as paginationOfFile } from '../../node_modules/@digdir/designsystemet-web/dist/esm/pagination/pagination.js'
import type { pagination as paginationOfIndex } from '../../node_modules/@digdir/designsystemet-web/dist/index.js'

export const pagination: typeof paginationOfIndex = paginationOfFile
export type { DSErrorSummaryElement, DSFieldElement, DSPaginationElement } from '../../node_modules/@digdir/designsystemet-web/dist/index.js'
