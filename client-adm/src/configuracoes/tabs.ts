/**
 * The configuration console's tabs: one entry each, in display order. A tab is shown to whoever
 * has its `see` permission (the API's matrix, README "API"); inside, write controls check the
 * tab's own write permission with `app.can(...)`. Each tab's screen is lazily loaded, so none of
 * them weighs on the console's first load.
 *
 * To add a tab: one folder `client-adm/src/configuracoes/<slug>/` with a default-exported page
 * component, and one line here.
 */
import { type Component, lazy } from "solid-js";
import type { Permissao } from "../app/types.ts";

export interface ConfigTab {
  /** URL segment: /adm/configuracoes/<slug>. */
  slug: string;
  label: string;
  /** Permission that shows the tab. */
  see: Permissao;
  page: Component;
}

export const TABS: ConfigTab[] = [
  {
    slug: "especialidades",
    label: "Especialidades",
    see: "ler",
    page: lazy(() => import("./especialidades/EspecialidadesTab.tsx")),
  },
  {
    slug: "medicos",
    label: "Médicos",
    see: "ler",
    page: lazy(() => import("./medicos/MedicosTab.tsx")),
  },
  {
    slug: "unidades",
    label: "Unidades",
    see: "ler",
    page: lazy(() => import("./unidades/UnidadesTab.tsx")),
  },
  {
    slug: "tipos-slot",
    label: "Tipos de slot",
    see: "ler",
    page: lazy(() => import("./tipos-slot/TiposSlotTab.tsx")),
  },
  {
    slug: "pacientes",
    label: "Pacientes",
    see: "ler",
    page: lazy(() => import("./pacientes/PacientesTab.tsx")),
  },
  {
    slug: "gerar-grade",
    label: "Gerar grade",
    see: "gerarGrades",
    page: lazy(() => import("./gerar-grade/GerarGradeTab.tsx")),
  },
  {
    slug: "dias-grade",
    label: "Dias da grade",
    see: "ler",
    page: lazy(() => import("./dias-grade/DiasGradeTab.tsx")),
  },
  {
    slug: "cancelamento-massa",
    label: "Cancelamento em massa",
    see: "administrar",
    page: lazy(() => import("./cancelamento-massa/CancelamentoMassaTab.tsx")),
  },
  {
    slug: "clinica",
    label: "Configuração da clínica",
    see: "administrar",
    page: lazy(() => import("./clinica/ClinicaTab.tsx")),
  },
  {
    slug: "usuarios",
    label: "Usuários",
    see: "usuarios",
    page: lazy(() => import("./usuarios/UsuariosTab.tsx")),
  },
  {
    slug: "notificacoes",
    label: "Notificações",
    see: "administrar",
    page: lazy(() => import("./notificacoes/NotificacoesTab.tsx")),
  },
  {
    slug: "auditoria",
    label: "Auditoria",
    see: "administrar",
    page: lazy(() => import("./auditoria/AuditoriaTab.tsx")),
  },
];
