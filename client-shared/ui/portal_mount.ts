/**
 * Where popups (select lists, combobox options) render their portal. Inside a modal dialog they
 * must render inside the dialog: outside it, the dialog hides them from assistive technology
 * (aria-hidden on everything but itself).
 */
import { type Accessor, createContext, useContext } from "solid-js";

export const PortalMount = createContext<Accessor<HTMLElement | undefined>>(() => undefined);
export const usePortalMount = () => useContext(PortalMount);
