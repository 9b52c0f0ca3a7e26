/** The console's sections, each with the permission that shows it (nav filtered by role). */
import type { Permissao } from "./types.ts";

export interface NavItem {
  href: string;
  label: string;
  perm: Permissao;
}

export const NAV: NavItem[] = [
  { href: "/", label: "Dashboard", perm: "ler" },
  { href: "/painel", label: "Painel do operador", perm: "ler" },
  { href: "/configuracoes", label: "Configurações", perm: "ler" },
];
