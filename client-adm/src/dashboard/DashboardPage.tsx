/** `/adm/`: the dashboard (calendar, filters, grade stats, patient search, day detail). */
export default function DashboardPage() {
  return (
    <section class="card p-6">
      <h1 class="text-xl font-bold">Dashboard</h1>
      <p class="text-ink-muted">Carregando a agenda…</p>
    </section>
  );
}
