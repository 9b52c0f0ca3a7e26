/** Especialidades tab (placeholder until its screen lands). */
export default function EspecialidadesTab() {
  return <p class="text-ink-muted">Em construção.</p>;
}
