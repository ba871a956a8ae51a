/**
 * The Designsystemet components the app uses, and only those (decision 37,
 * docs/decisions). tsconfig.json's `paths` points '@digdir/designsystemet-react'
 * here, for the app's imports and for esbuild's bundling alike: the package's
 * index imports every component (Combobox with @tanstack/virtual-core and the
 * whole @navikt/aksel-icons set, Popover, Tooltip and Dropdown with
 * @floating-ui/react), and it declares no "sideEffects", so esbuild keeps them
 * all. The package's "exports" map has no subpaths, so the component files
 * are named by their place in node_modules. A component the app starts to use
 * is added here; `npm run build` fails if a file moves in a new version, and
 * test/e2e/page-weight.test.ts fails if a page grows past its budget.
 */
export { Alert } from '../../node_modules/@digdir/designsystemet-react/dist/esm/components/alert/alert.js'
export { Button } from '../../node_modules/@digdir/designsystemet-react/dist/esm/components/button/button.js'
export { Card } from '../../node_modules/@digdir/designsystemet-react/dist/esm/components/card/index.js'
export { ErrorSummary } from '../../node_modules/@digdir/designsystemet-react/dist/esm/components/error-summary/index.js'
export { Field } from '../../node_modules/@digdir/designsystemet-react/dist/esm/components/field/index.js'
export { Fieldset } from '../../node_modules/@digdir/designsystemet-react/dist/esm/components/fieldset/index.js'
export { Heading } from '../../node_modules/@digdir/designsystemet-react/dist/esm/components/heading/heading.js'
export { Input } from '../../node_modules/@digdir/designsystemet-react/dist/esm/components/input/input.js'
export { Label } from '../../node_modules/@digdir/designsystemet-react/dist/esm/components/label/label.js'
export { Link } from '../../node_modules/@digdir/designsystemet-react/dist/esm/components/link/link.js'
export { Pagination } from '../../node_modules/@digdir/designsystemet-react/dist/esm/components/pagination/index.js'
export { Paragraph } from '../../node_modules/@digdir/designsystemet-react/dist/esm/components/paragraph/paragraph.js'
export { Select } from '../../node_modules/@digdir/designsystemet-react/dist/esm/components/select/index.js'
export { SkipLink } from '../../node_modules/@digdir/designsystemet-react/dist/esm/components/skip-link/skip-link.js'
export { Table } from '../../node_modules/@digdir/designsystemet-react/dist/esm/components/table/index.js'
export { Tag } from '../../node_modules/@digdir/designsystemet-react/dist/esm/components/tag/tag.js'
export { Textarea } from '../../node_modules/@digdir/designsystemet-react/dist/esm/components/textarea/textarea.js'
export { ValidationMessage } from '../../node_modules/@digdir/designsystemet-react/dist/esm/components/validation-message/validation-message.js'
